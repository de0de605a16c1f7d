// XEP-0030 service discovery of the server itself: disco#info and disco#items to the vhost's
// domain, the core's identity and features merged with what the disco.server_* hooks collect.
#include <set>
#include <tuple>

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/c2s/session_state.hpp"
#include "actors/hooks/run_collect.hpp"
#include "actors/message_types.hpp"
#include "stanza/error_reply.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::c2s {

namespace {

// What the core itself answers (RFC 6121 roster, XEP-0199 ping, XEP-0030 both ways).
constexpr std::string_view core_features[] = {ns::disco_info, ns::disco_items, ns::ping,
                                              ns::roster};

// The <query/> payloads of the hook's answers, in chain order.
std::vector<xml::element_ptr> queries(const std::vector<caf::message>& parts,
                                      std::string_view query_ns) {
  std::vector<xml::element_ptr> result;
  for (const auto& part : parts)
    if (part.match_elements<xml::element_ptr>())
      if (const auto& q = part.get_as<xml::element_ptr>(0); q && q->is("query", query_ns))
        result.push_back(q);
  return result;
}

std::shared_ptr<xml::element> empty_query(std::string_view query_ns, const std::string& node) {
  auto query = xml::make_element("query", std::string(query_ns));
  if (!node.empty()) query->set_attr("node", node);
  return query;
}

// XEP-0030 §3.1: identities, then features (each var once), then extended info forms.
xml::element_ptr merge_info(const std::vector<xml::element_ptr>& parts, const std::string& node) {
  auto query = empty_query(ns::disco_info, node);
  std::set<std::tuple<std::string, std::string, std::string, std::string>> identities;
  std::set<std::string, std::less<>> features;
  auto add_identity = [&](const xml::element_ptr& id) {
    auto lang = id->attr("lang", ns::xml);
    std::tuple key{std::string(id->attr_or("category")), std::string(id->attr_or("type")),
                   lang ? *lang : std::string(), std::string(id->attr_or("name"))};
    if (identities.insert(std::move(key)).second) query->add_child(id);
  };
  auto add_feature = [&](std::string_view var) {
    if (var.empty() || !features.emplace(var).second) return;
    query->add_child("feature", std::string(ns::disco_info)).set_attr("var", std::string(var));
  };
  if (node.empty()) {
    auto server = xml::make_element("identity", std::string(ns::disco_info));
    server->set_attr("category", "server");
    server->set_attr("type", "im");
    server->set_attr("name", "djabberd");
    add_identity(server);
  }
  for (const auto& part : parts)
    for (const auto& child : part->child_elements())
      if (child->is("identity", ns::disco_info)) add_identity(child);
  if (node.empty())
    for (auto var : core_features) add_feature(var);
  for (const auto& part : parts)
    for (const auto& child : part->child_elements())
      if (child->is("feature", ns::disco_info)) add_feature(child->attr_or("var"));
  for (const auto& part : parts)
    for (const auto& child : part->child_elements())
      if (child->is("x", ns::data_forms)) query->add_child(child);
  return query;
}

// XEP-0030 §4.1: every <item/>, each (jid, node) once.
xml::element_ptr merge_items(const std::vector<xml::element_ptr>& parts, const std::string& node) {
  auto query = empty_query(ns::disco_items, node);
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& part : parts)
    for (const auto& child : part->child_elements())
      if (child->is("item", ns::disco_items) &&
          seen.emplace(child->attr_or("jid"), child->attr_or("node")).second)
        query->add_child(child);
  return query;
}

// Runs the collect chain with the session's later stanzas waiting, then answers.
void run_disco_hook(session_actor* self, const xml::element_ptr& iq, hooks::hook_id id,
                    caf::message request, std::string_view query_ns) {
  auto& st = self->state;
  auto answer = [self, iq, query_ns](std::vector<caf::message> parts) {
    auto node = std::string(iq->first_child_element()->attr_or("node"));
    auto found = queries(parts, query_ns);
    // Only a plugin can know a node: none answering for it means it does not exist.
    if (!node.empty() && found.empty())
      return send_stanza(self, xml::make_error_reply(*iq, xml::stanza_error::item_not_found));
    auto query = query_ns == ns::disco_info ? merge_info(found, node) : merge_items(found, node);
    send_stanza(self, xml::make_iq_result(*iq, query));
  };
  if (st.vhost->hooks->chain(id).empty()) return answer({});
  st.busy = true;  // later stanzas of this client wait (RFC 6120 §10.1)
  hooks::run_collect(self, st.vhost->hooks, id, std::move(request),
                     [self, answer](std::vector<caf::message> parts) {
                       if (self->state.current == phase::closing) return;
                       answer(std::move(parts));
                       resume(self);
                     });
}

}  // namespace

void server_info(session_actor* self, std::function<void(xml::element_ptr)> then) {
  auto& st = self->state;
  auto id = hooks::hook_id::disco_server_info;
  if (st.vhost->hooks->chain(id).empty()) return then(merge_info({}, {}));
  hooks::run_collect(self, st.vhost->hooks, id,
                     caf::make_message(atoms::disco_info::value, st.vhost->domain, std::string()),
                     [then = std::move(then)](std::vector<caf::message> parts) {
                       then(merge_info(queries(parts, ns::disco_info), {}));
                     });
}

bool handle_server_disco(session_actor* self, const xml::element_ptr& iq) {
  auto& st = self->state;
  auto query = iq->first_child_element();
  bool info = query->is("query", ns::disco_info);
  if ((!info && !query->is("query", ns::disco_items)) || iq->attr_or("type") != "get") return false;
  auto to = iq->attr_or("to");
  if (!to.empty() && to != st.vhost->domain) {
    if (to != st.bound.bare_str()) return false;
    // disco#info/#items to the user's own bare JID describe the account: its actor answers.
    self->send(st.server->router, atoms::route::value, iq);
    return true;
  }
  auto node = std::string(query->attr_or("node"));
  if (info)
    run_disco_hook(self, iq, hooks::hook_id::disco_server_info,
                   caf::make_message(atoms::disco_info::value, st.vhost->domain, node),
                   ns::disco_info);
  else
    run_disco_hook(self, iq, hooks::hook_id::disco_server_items,
                   caf::make_message(atoms::disco_items::value, st.vhost->domain, node),
                   ns::disco_items);
  return true;
}

}  // namespace djabberd::c2s
