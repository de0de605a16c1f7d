// pg_private_store: one SELECT and one upsert, both safe to repeat after a lost connection.
#include "plugins/private_pg/pg_private_store.hpp"

namespace djabberd::plugins::private_pg {

using postgres::text;

pg_private_store::pg_private_store(std::string conninfo) : conn_(std::move(conninfo)) {}

std::optional<std::string> pg_private_store::get(std::string_view domain, std::string_view owner,
                                                 std::string_view key) {
  conn_.clear_error();
  auto rows = conn_.exec_idempotent(
      "SELECT element FROM private_storage WHERE domain = $1 AND owner = $2 AND key = $3",
      {text(domain), text(owner), text(key)}, "cannot read private XML");
  if (!rows.ok() || rows.rows() == 0) return std::nullopt;
  return rows.text(0, 0);
}

bool pg_private_store::set(std::string_view domain, std::string_view owner, std::string_view key,
                           std::string_view xml) {
  conn_.clear_error();
  return conn_
      .exec_idempotent(
          "INSERT INTO private_storage (domain, owner, key, element) VALUES ($1, $2, $3, $4) "
          "ON CONFLICT (domain, owner, key) DO UPDATE SET element = excluded.element",
          {text(domain), text(owner), text(key), text(xml)}, "cannot store private XML")
      .ok();
}

bool pg_private_store::forget(std::string_view domain, std::string_view owner) {
  conn_.clear_error();
  return conn_
      .exec_idempotent("DELETE FROM private_storage WHERE domain = $1 AND owner = $2",
                       {text(domain), text(owner)}, "cannot forget the private XML")
      .ok();
}

}  // namespace djabberd::plugins::private_pg
