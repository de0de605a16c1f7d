// pg_roster_store: each roster operation as parameterised statements over roster_items/_groups.
#include "plugins/roster_pg/pg_roster_store.hpp"

#include <cstdint>
#include <vector>

namespace djabberd::plugins::roster_pg {

namespace {

using postgres::integer;
using postgres::pg_transaction;
using postgres::text;

postgres::query_param boolean(bool value) {
  return text(value ? "true" : "false");
}

// An upsert, not delete + insert: the row keeps its id, so the item keeps its place.
constexpr std::string_view upsert_item =
    "INSERT INTO roster_items (domain, owner, contact, name, sub_to, sub_from, pending_out, "
    "pending_in, approved, in_roster) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
    "ON CONFLICT (domain, owner, contact) DO UPDATE SET name = excluded.name, "
    "sub_to = excluded.sub_to, sub_from = excluded.sub_from, "
    "pending_out = excluded.pending_out, pending_in = excluded.pending_in, "
    "approved = excluded.approved, in_roster = excluded.in_roster RETURNING id";

}  // namespace

pg_roster_store::pg_roster_store(std::string conninfo) : conn_(std::move(conninfo)) {}

std::optional<roster::roster_items> pg_roster_store::get(std::string_view domain,
                                                         std::string_view owner) {
  conn_.clear_error();
  // Both SELECTs see one snapshot, so the groups belong to the items read.
  pg_transaction tx(conn_, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  if (!tx.ok()) return std::nullopt;
  auto rows = conn_.exec(
      "SELECT id, contact, name, sub_to, sub_from, pending_out, pending_in, approved, in_roster "
      "FROM roster_items WHERE domain = $1 AND owner = $2 ORDER BY id",
      {text(domain), text(owner)}, "cannot read the roster");
  if (!rows.ok()) return std::nullopt;
  roster::roster_items items;
  std::vector<std::int64_t> ids;
  for (int r = 0; r < rows.rows(); ++r) {
    ids.push_back(rows.integer(r, 0));
    roster::roster_item item;
    item.contact = rows.text(r, 1);
    item.name = rows.text(r, 2);
    item.to = rows.text(r, 3) == "t";
    item.from = rows.text(r, 4) == "t";
    item.pending_out = rows.text(r, 5) == "t";
    item.pending_in = rows.text(r, 6) == "t";
    item.approved = rows.text(r, 7) == "t";
    item.in_roster = rows.text(r, 8) == "t";
    items.push_back(std::move(item));
  }
  auto groups = conn_.exec(
      "SELECT g.item_id, g.name FROM roster_groups g JOIN roster_items i ON i.id = g.item_id "
      "WHERE i.domain = $1 AND i.owner = $2 ORDER BY g.item_id, g.position",
      {text(domain), text(owner)}, "cannot read the roster groups");
  if (!groups.ok()) return std::nullopt;
  // Both lists are ordered by item id: attach the groups in one merge walk.
  std::size_t index = 0;
  for (int r = 0; r < groups.rows(); ++r) {
    std::int64_t id = groups.integer(r, 0);
    while (index < ids.size() && ids[index] < id) ++index;
    if (index < ids.size() && ids[index] == id) items[index].groups.push_back(groups.text(r, 1));
  }
  if (!tx.commit()) return std::nullopt;
  return items;
}

bool pg_roster_store::set_item(std::string_view domain, std::string_view owner,
                               const roster::roster_item& item) {
  conn_.clear_error();
  pg_transaction tx(conn_);
  if (!tx.ok()) return false;
  auto stored =
      conn_.exec(upsert_item,
                 {text(domain), text(owner), text(item.contact), text(item.name), boolean(item.to),
                  boolean(item.from), boolean(item.pending_out), boolean(item.pending_in),
                  boolean(item.approved), boolean(item.in_roster)},
                 "cannot store the roster item");
  if (!stored.ok() || stored.rows() != 1) return false;
  auto id = integer(stored.integer(0, 0));
  if (!conn_
           .exec("DELETE FROM roster_groups WHERE item_id = $1", {id},
                 "cannot replace the roster groups")
           .ok())
    return false;
  std::int64_t position = 0;
  for (const auto& group : item.groups) {
    if (!conn_
             .exec("INSERT INTO roster_groups (item_id, position, name) VALUES ($1, $2, $3)",
                   {id, integer(position++), text(group)}, "cannot store a roster group")
             .ok())
      return false;
  }
  return tx.commit();
}

bool pg_roster_store::remove(std::string_view domain, std::string_view owner,
                             std::string_view contact) {
  conn_.clear_error();
  // roster_groups rows go with their item (ON DELETE CASCADE).
  return conn_
      .exec_idempotent("DELETE FROM roster_items WHERE domain = $1 AND owner = $2 AND contact = $3",
                       {text(domain), text(owner), text(contact)}, "cannot remove the roster item")
      .ok();
}

bool pg_roster_store::wipe(std::string_view domain, std::string_view owner) {
  conn_.clear_error();
  return conn_
      .exec_idempotent("DELETE FROM roster_items WHERE domain = $1 AND owner = $2",
                       {text(domain), text(owner)}, "cannot wipe the roster")
      .ok();
}

}  // namespace djabberd::plugins::roster_pg
