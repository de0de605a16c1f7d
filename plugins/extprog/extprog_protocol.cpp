// Encoding of extprog requests and decoding of its replies.
#include "plugins/extprog/extprog_protocol.hpp"

#include <algorithm>

#include "stanza/parse_element.hpp"
#include "stanza/serializer.hpp"

namespace djabberd::plugins::extprog {

const std::vector<hooks::hook_id>& supported_hooks() {
  using hooks::hook_id;
  static const std::vector<hook_id> ids = {
      hook_id::auth_check_password,
      hook_id::auth_authorize,
      hook_id::auth_user_exists,
      hook_id::c2s_filter,
      hook_id::c2s_route,
      hook_id::deliver,
      hook_id::stream_unknown_element,
      hook_id::iq_c2s,
      hook_id::outbound_pre_write,
      hook_id::roster_get,
      hook_id::roster_set_item,
      hook_id::roster_remove,
      hook_id::roster_wipe,
      hook_id::presence_alter_available,
      hook_id::presence_alter_unavailable,
      hook_id::iq_account,
      hook_id::vcard_get,
      hook_id::vcard_set,
      hook_id::private_get,
      hook_id::private_set,
  };
  return ids;
}

bool is_supported(hooks::hook_id id) {
  const auto& ids = supported_hooks();
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

std::string supported_hook_names() {
  std::string out;
  for (auto id : supported_hooks()) {
    if (!out.empty()) out += ", ";
    out += hooks::name(id);
  }
  return out;
}

std::string encode_request(std::uint64_t id, std::string_view hook, std::string_view vhost,
                           const json::object& inputs) {
  json::object obj;
  obj.reserve(inputs.size() + 3);
  obj.emplace_back("id", id);
  obj.emplace_back("hook", hook);
  obj.emplace_back("vhost", vhost);
  obj.insert(obj.end(), inputs.begin(), inputs.end());
  std::string line = json::encode(json::value{std::move(obj)});
  line.push_back('\n');
  return line;
}

std::string encode_request(std::uint64_t id, std::string_view hook, std::string_view vhost,
                           std::string_view encoded_inputs) {
  std::string line = encode_request(id, hook, vhost, json::object{});
  // line is {"id":..,"hook":..,"vhost":..}\n; splice the members of encoded_inputs before '}'.
  if (encoded_inputs.size() > 2 && encoded_inputs.front() == '{' && encoded_inputs.back() == '}') {
    line.resize(line.size() - 2);
    line.push_back(',');
    line.append(encoded_inputs.substr(1));
    line.push_back('\n');
  }
  return line;
}

std::optional<reply> parse_reply(std::string_view line, std::string& error) {
  auto v = json::parse(line, &error);
  if (!v) return std::nullopt;
  auto* obj = std::get_if<json::object>(&v->data);
  if (!obj) {
    error = "not a JSON object";
    return std::nullopt;
  }
  reply r;
  const json::value* id = json::find(*obj, "id");
  auto n = id ? id->as_int() : std::nullopt;
  if (!n || *n < 0) {
    error = "no unsigned integer \"id\"";
    return std::nullopt;
  }
  r.id = static_cast<std::uint64_t>(*n);
  const json::value* result = json::find(*obj, "result");
  const std::string* verdict = result ? result->as_string() : nullptr;
  if (!verdict || (*verdict != "handled" && *verdict != "declined")) {
    error = "\"result\" is not \"handled\" or \"declined\"";
    return std::nullopt;
  }
  r.handled = *verdict == "handled";
  r.fields = std::move(*obj);
  return r;
}

json::value encode_roster_item(const roster::roster_item& item) {
  json::array groups;
  for (const auto& g : item.groups) groups.emplace_back(g);
  return json::object{
      {"jid", item.contact},         {"name", item.name},
      {"groups", std::move(groups)}, {"subscription", roster::subscription_name(item)},
      {"ask", item.pending_out},     {"pending_in", item.pending_in},
      {"approved", item.approved},   {"in_roster", item.in_roster},
  };
}

std::optional<roster::roster_item> decode_roster_item(const json::value& v, std::string& error) {
  const json::object* obj = v.as_object();
  if (!obj) {
    error = "a roster item is not an object";
    return std::nullopt;
  }
  roster::roster_item item;
  const json::value* jid = json::find(*obj, "jid");
  if (!jid || !jid->as_string() || jid->as_string()->empty()) {
    error = "a roster item has no \"jid\" string";
    return std::nullopt;
  }
  item.contact = *jid->as_string();
  if (const json::value* name = json::find(*obj, "name"); name && !name->is_null()) {
    if (!name->as_string()) {
      error = "roster item \"name\" is not a string";
      return std::nullopt;
    }
    item.name = *name->as_string();
  }
  if (const json::value* groups = json::find(*obj, "groups"); groups && !groups->is_null()) {
    if (!groups->as_array()) {
      error = "roster item \"groups\" is not an array";
      return std::nullopt;
    }
    for (const auto& g : *groups->as_array()) {
      if (!g.as_string()) {
        error = "a roster group is not a string";
        return std::nullopt;
      }
      item.groups.push_back(*g.as_string());
    }
  }
  std::string subscription = "none";
  if (const json::value* s = json::find(*obj, "subscription"); s && !s->is_null()) {
    if (!s->as_string()) {
      error = "roster item \"subscription\" is not a string";
      return std::nullopt;
    }
    subscription = *s->as_string();
  }
  if (subscription == "to") {
    item.to = true;
  } else if (subscription == "from") {
    item.from = true;
  } else if (subscription == "both") {
    item.to = item.from = true;
  } else if (subscription != "none") {
    error = "roster item \"subscription\" is not none, to, from or both";
    return std::nullopt;
  }
  for (auto [key, flag] : {std::pair<const char*, bool*>{"ask", &item.pending_out},
                           {"pending_in", &item.pending_in},
                           {"approved", &item.approved},
                           {"in_roster", &item.in_roster}}) {
    const json::value* b = json::find(*obj, key);
    if (!b || b->is_null()) continue;
    if (!b->as_bool()) {
      error = std::string{"roster item \""} + key + "\" is not a boolean";
      return std::nullopt;
    }
    *flag = *b->as_bool();
  }
  return item;
}

json::value encode_xml(const xml::element_ptr& e) {
  if (!e) return nullptr;
  return xml::to_string(*e);
}

std::optional<bool> payload_bool(const reply& r, std::string_view key, std::string& error) {
  const json::value* v = json::find(r.fields, key);
  if (!v || !v->as_bool()) {
    error = "\"" + std::string{key} + "\" is not a boolean";
    return std::nullopt;
  }
  return *v->as_bool();
}

std::optional<xml::element_ptr> payload_xml(const reply& r, std::string_view key, bool allow_null,
                                            std::string& error) {
  const json::value* v = json::find(r.fields, key);
  if (!v || v->is_null()) {
    if (allow_null) return xml::element_ptr{};
    error = "\"" + std::string{key} + "\" is missing";
    return std::nullopt;
  }
  const std::string* text = v->as_string();
  if (!text) {
    error = "\"" + std::string{key} + "\" is not a string";
    return std::nullopt;
  }
  std::string xml_error;
  xml::element_ptr e = xml::parse_element(*text, &xml_error);
  if (!e) {
    error = "\"" + std::string{key} + "\" is not one XML element: " + xml_error;
    return std::nullopt;
  }
  return e;
}

std::optional<roster::roster_items> payload_roster(const reply& r, std::string& error) {
  const json::value* v = json::find(r.fields, "items");
  if (!v || !v->as_array()) {
    error = "\"items\" is not an array";
    return std::nullopt;
  }
  roster::roster_items items;
  for (const auto& x : *v->as_array()) {
    auto item = decode_roster_item(x, error);
    if (!item) return std::nullopt;
    items.push_back(std::move(*item));
  }
  return items;
}

}  // namespace djabberd::plugins::extprog
