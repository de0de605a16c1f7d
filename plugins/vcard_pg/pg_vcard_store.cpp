// pg_vcard_store: one SELECT and one upsert, both safe to repeat after a lost connection.
#include "plugins/vcard_pg/pg_vcard_store.hpp"

namespace djabberd::plugins::vcard_pg {

using postgres::text;

pg_vcard_store::pg_vcard_store(std::string conninfo) : conn_(std::move(conninfo)) {}

std::optional<std::string> pg_vcard_store::get(std::string_view domain, std::string_view owner) {
  conn_.clear_error();
  auto rows = conn_.exec_idempotent("SELECT vcard FROM vcards WHERE domain = $1 AND owner = $2",
                                    {text(domain), text(owner)}, "cannot read the vCard");
  if (!rows.ok() || rows.rows() == 0) return std::nullopt;
  return rows.text(0, 0);
}

bool pg_vcard_store::set(std::string_view domain, std::string_view owner, std::string_view xml) {
  conn_.clear_error();
  return conn_
      .exec_idempotent(
          "INSERT INTO vcards (domain, owner, vcard) VALUES ($1, $2, $3) "
          "ON CONFLICT (domain, owner) DO UPDATE SET vcard = excluded.vcard",
          {text(domain), text(owner), text(xml)}, "cannot store the vCard")
      .ok();
}

bool pg_vcard_store::forget(std::string_view domain, std::string_view owner) {
  conn_.clear_error();
  return conn_
      .exec_idempotent("DELETE FROM vcards WHERE domain = $1 AND owner = $2",
                       {text(domain), text(owner)}, "cannot forget the vCard")
      .ok();
}

}  // namespace djabberd::plugins::vcard_pg
