// pg_last_store: a SELECT, an upsert and a DELETE, each safe to repeat after a lost connection.
#include "plugins/last_pg/pg_last_store.hpp"

namespace djabberd::plugins::last_pg {

using postgres::integer;
using postgres::text;

pg_last_store::pg_last_store(std::string conninfo) : conn_(std::move(conninfo)) {}

std::optional<std::pair<std::int64_t, std::string>> pg_last_store::get(std::string_view domain,
                                                                       std::string_view owner) {
  conn_.clear_error();
  auto rows = conn_.exec_idempotent(
      "SELECT seconds, status FROM last_activity WHERE domain = $1 AND owner = $2",
      {text(domain), text(owner)}, "cannot read the last activity");
  if (!rows.ok() || rows.rows() == 0) return std::nullopt;
  return std::pair{rows.integer(0, 0), rows.text(0, 1)};
}

bool pg_last_store::set(std::string_view domain, std::string_view owner, std::int64_t seconds,
                        std::string_view status) {
  conn_.clear_error();
  return conn_
      .exec_idempotent(
          "INSERT INTO last_activity (domain, owner, seconds, status) VALUES ($1, $2, $3, $4) "
          "ON CONFLICT (domain, owner) DO UPDATE SET seconds = excluded.seconds, "
          "status = excluded.status",
          {text(domain), text(owner), integer(seconds), text(status)},
          "cannot store the last activity")
      .ok();
}

bool pg_last_store::remove(std::string_view domain, std::string_view owner) {
  conn_.clear_error();
  return conn_
      .exec_idempotent("DELETE FROM last_activity WHERE domain = $1 AND owner = $2",
                       {text(domain), text(owner)}, "cannot forget the last activity")
      .ok();
}

}  // namespace djabberd::plugins::last_pg
