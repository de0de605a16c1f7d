// A PEP node (XEP-0163 on XEP-0060): its configuration, its items, and the pure rules on them.
// No actors here: the account actor (actors/user/user_pep.cpp) applies these to its cache, and
// storage plugins receive the same types through the pep.* hooks.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stanza/element.hpp"

namespace djabberd::pep {

inline constexpr std::string_view ns_pubsub = "http://jabber.org/protocol/pubsub";
inline constexpr std::string_view ns_owner = "http://jabber.org/protocol/pubsub#owner";
inline constexpr std::string_view ns_event = "http://jabber.org/protocol/pubsub#event";
inline constexpr std::string_view ns_errors = "http://jabber.org/protocol/pubsub#errors";
inline constexpr std::string_view ns_publish_options =
    "http://jabber.org/protocol/pubsub#publish-options";
inline constexpr std::string_view ns_node_config = "http://jabber.org/protocol/pubsub#node_config";

/// Who may read a node and get its notifications (XEP-0060 §4.5; XEP-0163 §5 default presence).
enum class access_model { presence, open, whitelist };

/// What "max" stands for in pubsub#max_items, and the most items a node may keep.
inline constexpr std::size_t max_items_limit = 256;

struct node_config {
  bool persist_items = true;
  access_model access = access_model::presence;
  std::size_t max_items = 1;  ///< 1..max_items_limit
  bool operator==(const node_config&) const = default;
};

struct item {
  std::string id;
  xml::element_ptr payload;  ///< the single child of <item/> (may be nullptr: a notification only)
};

struct node {
  std::string name;
  node_config config;
  std::vector<item> items;  ///< oldest first; the last one is "the last published item"
};

using node_list = std::vector<node>;

/// How the requester relates to the node's owner.
enum class relation { owner, subscriber, other };

/// Whether `who` may retrieve items of (and be notified about) a node with `model`.
bool may_access(access_model model, relation who);

std::string_view access_model_name(access_model model);
std::optional<access_model> parse_access_model(std::string_view text);

/// Stores `it` as the newest item (replacing an item with the same id) and drops the oldest items
/// beyond the node's max_items.
void add_item(node& n, item it);

/// Removes the item with `id`; false if there is none.
bool retract_item(node& n, std::string_view id);

/// Drops the oldest items beyond max_items (after a configuration change).
void trim(node& n);

/// XEP-0060 §6.5.7 / §6.5.8: the items to return: those named in `ids` (in that order, unknown ones
/// skipped), else the newest `max_items` (all when absent), oldest first.
std::vector<item> select_items(const node& n, const std::vector<std::string>& ids,
                               std::optional<std::size_t> max_items);

}  // namespace djabberd::pep
