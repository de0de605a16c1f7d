// Rosters kept in memory: the roster_memory plugin's store, without any actor.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "actors/roster/roster_item.hpp"

namespace djabberd::plugins::roster_memory {

/// Every account's roster items by (domain, owner bare JID), in insertion order; replacing an item
/// keeps its place. Nothing survives the process.
class memory_roster {
 public:
  /// Every stored item of `owner`, oldest first (empty if none).
  roster::roster_items get(std::string_view domain, std::string_view owner) const;
  /// Inserts `item`, or replaces the item with the same contact in place.
  void set_item(std::string_view domain, std::string_view owner, const roster::roster_item& item);
  /// Deletes the item of `contact` if stored.
  void remove(std::string_view domain, std::string_view owner, std::string_view contact);
  /// Deletes every item of `owner`.
  void wipe(std::string_view domain, std::string_view owner);

 private:
  using key = std::pair<std::string, std::string>;
  std::map<key, roster::roster_items> rosters_;
};

}  // namespace djabberd::plugins::roster_memory
