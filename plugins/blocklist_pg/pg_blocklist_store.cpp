// pg_blocklist_store: a SELECT, and changes of several JIDs in one transaction.
#include "plugins/blocklist_pg/pg_blocklist_store.hpp"

namespace djabberd::plugins::blocklist_pg {

using postgres::pg_transaction;
using postgres::text;

pg_blocklist_store::pg_blocklist_store(std::string conninfo) : conn_(std::move(conninfo)) {}

std::optional<std::vector<std::string>> pg_blocklist_store::get(std::string_view domain,
                                                                std::string_view owner) {
  conn_.clear_error();
  // COLLATE "C": byte order whatever the database's locale, the order blocklist_sqlite answers.
  auto rows = conn_.exec_idempotent(
      "SELECT blocked FROM blocklist WHERE domain = $1 AND owner = $2 ORDER BY blocked COLLATE "
      "\"C\"",
      {text(domain), text(owner)}, "cannot read the block list");
  if (!rows.ok()) return std::nullopt;
  std::vector<std::string> result;
  for (int r = 0; r < rows.rows(); ++r) result.push_back(rows.text(r, 0));
  return result;
}

bool pg_blocklist_store::for_each_jid(std::string_view sql, std::string_view domain,
                                      std::string_view owner, const std::vector<std::string>& jids,
                                      std::string_view what) {
  pg_transaction tx(conn_);
  if (!tx.ok()) return false;
  for (const auto& jid : jids)
    if (!conn_.exec(sql, {text(domain), text(owner), text(jid)}, what).ok()) return false;
  return tx.commit();
}

bool pg_blocklist_store::add(std::string_view domain, std::string_view owner,
                             const std::vector<std::string>& jids) {
  conn_.clear_error();
  return for_each_jid(
      "INSERT INTO blocklist (domain, owner, blocked) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
      domain, owner, jids, "cannot store the block list");
}

bool pg_blocklist_store::remove(std::string_view domain, std::string_view owner,
                                const std::vector<std::string>& jids) {
  conn_.clear_error();
  if (jids.empty())
    return conn_
        .exec_idempotent("DELETE FROM blocklist WHERE domain = $1 AND owner = $2",
                         {text(domain), text(owner)}, "cannot clear the block list")
        .ok();
  return for_each_jid("DELETE FROM blocklist WHERE domain = $1 AND owner = $2 AND blocked = $3",
                      domain, owner, jids, "cannot change the block list");
}

}  // namespace djabberd::plugins::blocklist_pg
