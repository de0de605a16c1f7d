// Node rules: access checks, item order and limits.
#include "actors/pep/pep_node.hpp"

#include <algorithm>

namespace djabberd::pep {

bool may_access(access_model model, relation who) {
  if (who == relation::owner) return true;
  switch (model) {
    case access_model::open:
      return true;
    case access_model::presence:
      return who == relation::subscriber;
    case access_model::whitelist:
      return false;  // the owner manages no whitelist here: only the owner is on it
  }
  return false;
}

std::string_view access_model_name(access_model model) {
  switch (model) {
    case access_model::open:
      return "open";
    case access_model::presence:
      return "presence";
    case access_model::whitelist:
      return "whitelist";
  }
  return "presence";
}

std::optional<access_model> parse_access_model(std::string_view text) {
  if (text == "open") return access_model::open;
  if (text == "presence") return access_model::presence;
  if (text == "whitelist") return access_model::whitelist;
  return std::nullopt;
}

void trim(node& n) {
  auto limit = std::clamp<std::size_t>(n.config.max_items, 1, max_items_limit);
  if (n.items.size() > limit)
    n.items.erase(n.items.begin(), n.items.begin() + static_cast<long>(n.items.size() - limit));
}

void add_item(node& n, item it) {
  std::erase_if(n.items, [&](const item& x) { return x.id == it.id; });
  n.items.push_back(std::move(it));
  trim(n);
}

bool retract_item(node& n, std::string_view id) {
  return std::erase_if(n.items, [&](const item& x) { return x.id == id; }) > 0;
}

std::vector<item> select_items(const node& n, const std::vector<std::string>& ids,
                               std::optional<std::size_t> max_items) {
  std::vector<item> result;
  if (!ids.empty()) {
    for (const auto& id : ids)
      for (const auto& x : n.items)
        if (x.id == id) result.push_back(x);
    return result;
  }
  std::size_t count = max_items ? std::min(*max_items, n.items.size()) : n.items.size();
  result.assign(n.items.end() - static_cast<long>(count), n.items.end());
  return result;
}

}  // namespace djabberd::pep
