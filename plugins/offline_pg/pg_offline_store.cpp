// pg_offline_store: messages as XML text rows, the quota checked under a per-account lock.
#include "plugins/offline_pg/pg_offline_store.hpp"

#include <ctime>

#include "stanza/parse_element.hpp"
#include "stanza/serializer.hpp"

namespace djabberd::plugins::offline_pg {

namespace {

using postgres::integer;
using postgres::pg_transaction;
using postgres::text;

// A PostgreSQL array literal of the ids: "{1,2,3}".
std::string id_array(const std::vector<std::int64_t>& ids) {
  std::string array = "{";
  for (std::size_t i = 0; i < ids.size(); ++i)
    array += (i == 0 ? "" : ",") + std::to_string(ids[i]);
  return array + "}";
}

}  // namespace

pg_offline_store::pg_offline_store(std::string conninfo) : conn_(std::move(conninfo)) {}

std::int64_t pg_offline_store::count(std::string_view domain, std::string_view owner) {
  conn_.clear_error();
  auto rows = conn_.exec_idempotent(
      "SELECT COUNT(*) FROM offline_messages WHERE domain = $1 AND owner = $2",
      {text(domain), text(owner)}, "cannot count offline messages");
  if (!rows.ok() || rows.rows() != 1) return -1;
  return rows.integer(0, 0);
}

pg_offline_store::store_result pg_offline_store::store(std::string_view domain,
                                                       std::string_view owner,
                                                       const xml::element& message,
                                                       std::int64_t max_messages) {
  std::string stanza = xml::to_string(message);
  conn_.clear_error();
  pg_transaction tx(conn_);
  if (!tx.ok()) return store_result::error;
  // Serialises count + insert per account across every connection until the transaction ends.
  if (!conn_
           .exec("SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))",
                 {text(domain), text(owner)}, "cannot lock the account's offline messages")
           .ok())
    return store_result::error;
  auto counted =
      conn_.exec("SELECT COUNT(*) FROM offline_messages WHERE domain = $1 AND owner = $2",
                 {text(domain), text(owner)}, "cannot count offline messages");
  if (!counted.ok() || counted.rows() != 1) return store_result::error;
  if (counted.integer(0, 0) >= max_messages) return store_result::quota_full;
  if (!conn_
           .exec("INSERT INTO offline_messages (domain, owner, stored_at, stanza) "
                 "VALUES ($1, $2, $3, $4)",
                 {text(domain), text(owner), integer(static_cast<std::int64_t>(std::time(nullptr))),
                  text(stanza)},
                 "cannot store the offline message")
           .ok())
    return store_result::error;
  return tx.commit() ? store_result::stored : store_result::error;
}

std::optional<pg_offline_store::fetched> pg_offline_store::fetch(std::string_view domain,
                                                                 std::string_view owner) {
  conn_.clear_error();
  auto rows = conn_.exec_idempotent(
      "SELECT id, stanza FROM offline_messages WHERE domain = $1 AND owner = $2 ORDER BY id",
      {text(domain), text(owner)}, "cannot read offline messages");
  if (!rows.ok()) return std::nullopt;
  fetched result;
  for (int r = 0; r < rows.rows(); ++r) {
    std::int64_t id = rows.integer(r, 0);
    if (auto message = xml::parse_element(rows.text(r, 1))) {
      result.messages.push_back(std::move(message));
      result.ids.push_back(id);
    } else {
      result.unreadable.push_back(id);
    }
  }
  return result;
}

bool pg_offline_store::remove(std::string_view domain, std::string_view owner,
                              const std::vector<std::int64_t>& ids) {
  conn_.clear_error();
  if (ids.empty()) return true;
  return conn_
      .exec_idempotent(
          "DELETE FROM offline_messages WHERE domain = $1 AND owner = $2 AND id = ANY "
          "($3::bigint[])",
          {text(domain), text(owner), text(id_array(ids))}, "cannot remove offline messages")
      .ok();
}

bool pg_offline_store::forget(std::string_view domain, std::string_view owner) {
  conn_.clear_error();
  return conn_
      .exec_idempotent("DELETE FROM offline_messages WHERE domain = $1 AND owner = $2",
                       {text(domain), text(owner)}, "cannot forget the offline messages")
      .ok();
}

}  // namespace djabberd::plugins::offline_pg
