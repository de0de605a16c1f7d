// extprog's line protocol: one JSON object per line each way, requests pipelined by id.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "actors/hooks/hook_id.hpp"
#include "actors/roster/roster_item.hpp"
#include "plugins/extprog/json.hpp"
#include "stanza/element.hpp"

namespace djabberd::plugins::extprog {

/// The hooks extprog can bridge, in catalog order.
const std::vector<hooks::hook_id>& supported_hooks();
/// True if `id` is in supported_hooks().
bool is_supported(hooks::hook_id id);
/// "roster.get, roster.set_item, ..." for error messages and docs.
std::string supported_hook_names();

/// The request line (with its trailing '\n') for request `id`: {"id":id,"hook":...,"vhost":...}
/// followed by the members of `inputs` (the hook's named inputs, see extprog_hook_actor.cpp).
std::string encode_request(std::uint64_t id, std::string_view hook, std::string_view vhost,
                           const json::object& inputs);
/// The same with `inputs` already encoded as a JSON object text ("{...}").
std::string encode_request(std::uint64_t id, std::string_view hook, std::string_view vhost,
                           std::string_view encoded_inputs);

/// One parsed reply line.
struct reply {
  std::uint64_t id = 0;
  bool handled = false;  ///< "result": "handled" (true) or "declined" (false)
  json::object fields;   ///< the whole object (payload fields included)
};

/// Parses a reply line ('\r' and surrounding whitespace allowed). Requires an object with an
/// unsigned integer "id" and "result" "handled" or "declined". Returns nullopt and sets `error`.
std::optional<reply> parse_reply(std::string_view line, std::string& error);

/// A roster item as {"jid","name","groups","subscription","ask","pending_in","approved",
/// "in_roster"}.
json::value encode_roster_item(const roster::roster_item& item);
/// The inverse of encode_roster_item: "jid" is required; "name" (string or null), "groups",
/// "subscription" ("none" when absent), the booleans ("in_roster" true when absent) optional.
std::optional<roster::roster_item> decode_roster_item(const json::value& v, std::string& error);

/// The element serialized as XML text, or null for a null pointer.
json::value encode_xml(const xml::element_ptr& e);

/// Payload accessors for a handled reply; each sets `error` when the field has the wrong shape.
/// The bool at `key` (required).
std::optional<bool> payload_bool(const reply& r, std::string_view key, std::string& error);
/// An XML element from a string at `key`; null or an absent key is a null pointer when
/// `allow_null`. The outer optional is empty on error.
std::optional<xml::element_ptr> payload_xml(const reply& r, std::string_view key, bool allow_null,
                                            std::string& error);
/// The roster items in "items" (required array).
std::optional<roster::roster_items> payload_roster(const reply& r, std::string& error);

}  // namespace djabberd::plugins::extprog
