// memory_roster: a vector of items per account, searched linearly (rosters are small).
#include "plugins/roster_memory/memory_roster.hpp"

#include <algorithm>

namespace djabberd::plugins::roster_memory {

namespace {

std::pair<std::string, std::string> key_of(std::string_view domain, std::string_view owner) {
  return {std::string(domain), std::string(owner)};
}

}  // namespace

roster::roster_items memory_roster::get(std::string_view domain, std::string_view owner) const {
  auto it = rosters_.find(key_of(domain, owner));
  return it == rosters_.end() ? roster::roster_items{} : it->second;
}

void memory_roster::set_item(std::string_view domain, std::string_view owner,
                             const roster::roster_item& item) {
  auto& items = rosters_[key_of(domain, owner)];
  auto it = std::find_if(items.begin(), items.end(),
                         [&](const roster::roster_item& x) { return x.contact == item.contact; });
  if (it == items.end())
    items.push_back(item);
  else
    *it = item;
}

void memory_roster::remove(std::string_view domain, std::string_view owner,
                           std::string_view contact) {
  auto it = rosters_.find(key_of(domain, owner));
  if (it == rosters_.end()) return;
  std::erase_if(it->second, [&](const roster::roster_item& x) { return x.contact == contact; });
  if (it->second.empty()) rosters_.erase(it);
}

void memory_roster::wipe(std::string_view domain, std::string_view owner) {
  rosters_.erase(key_of(domain, owner));
}

}  // namespace djabberd::plugins::roster_memory
