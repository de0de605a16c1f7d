// XEP-0163 PEP on the account's bare JID: the XEP-0060 subset PEP uses (publish with auto-create
// and publish-options, items, retract, create, owner configure and delete). Node rules are in
// actors/pep/; this file applies them to the account's cached nodes and the pep.* storage hooks.
#include <algorithm>

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/run_chain.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "actors/pep/pep_form.hpp"
#include "actors/user/user_state.hpp"
#include "auth/crypto.hpp"
#include "stanza/error_reply.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::user {

namespace {

using xml::stanza_error;

// An error reply with a pubsub-specific condition (XEP-0060 §7.1.3 etc.) inside <error/>.
xml::element_ptr pubsub_error(const xml::element& iq, stanza_error condition,
                              std::string_view app = {}, std::string_view text = {}) {
  auto reply = xml::make_error_reply(iq, condition, text);
  if (!reply || app.empty()) return reply;
  auto copy = xml::shallow_copy(*reply);
  copy->clear_children();
  for (const auto& child : reply->child_elements()) {
    if (child->name() != "error") {
      copy->add_child(child);
      continue;
    }
    auto error = xml::shallow_copy(*child);
    error->add_child(std::string(app), std::string(pep::ns_errors));
    copy->add_child(xml::element_ptr{std::move(error)});
  }
  return copy;
}

void reply_error(user_actor* self, const xml::element_ptr& iq, stanza_error condition,
                 std::string_view app = {}, std::string_view text = {}) {
  if (auto reply = pubsub_error(*iq, condition, app, text)) route(self, reply);
}

// XEP-0060 §6.5.9: why an entity may not read a node.
void deny_access(user_actor* self, const xml::element_ptr& iq, pep::access_model model) {
  if (model == pep::access_model::presence)
    return reply_error(self, iq, stanza_error::not_authorized, "presence-subscription-required");
  reply_error(self, iq, stanza_error::not_allowed, "closed-node");
}

std::string new_item_id(user_actor* self) {
  auto& st = self->state;
  static constexpr char hex[] = "0123456789abcdef";
  std::string id;
  for (unsigned char c : auth::random_bytes(6)) {
    id += hex[c >> 4];
    id += hex[c & 15];
  }
  return id + "-" + std::to_string(++st.next_pep_id);
}

// Runs a pep.* write hook; `then(ok)` runs after it. No handler at all keeps the change in
// memory only (ok); a failing handler or handled(false) is not ok (internal-server-error).
void run_store_hook(user_actor* self, hooks::hook_id id, caf::message request,
                    std::function<void(bool)> then) {
  auto& st = self->state;
  if (st.hooks->chain(id).empty()) return then(true);
  wait(self);
  hooks::run_chain(
      self, st.hooks, id, std::move(request),
      [self, id, then = std::move(then)](hooks::chain_result r) {
        bool ok = !r.failed &&
                  (!r.handled || (r.payload.match_elements<bool>() && r.payload.get_as<bool>(0)));
        if (!ok) log::error("pep", self->state.bare.bare_str(), ": ", hooks::name(id), " failed");
        self->state.busy = false;
        then(ok);
        if (!self->state.busy) resume(self);
      });
}

xml::element_ptr pubsub_result(std::string_view ns, xml::element_ptr child) {
  auto pubsub = xml::make_element("pubsub", std::string(ns));
  pubsub->add_child(std::move(child));
  return pubsub;
}

xml::element_ptr item_element(const pep::item& it, std::string_view ns) {
  auto e = xml::make_element("item", std::string(ns));
  e->set_attr("id", it.id);
  if (it.payload) e->add_child(it.payload);
  return e;
}

// <items node='n'><item id='x'>payload</item></items> in the pubsub#event namespace.
xml::element_ptr event_items(const std::string& node, const pep::item& it) {
  auto items = xml::make_element("items", std::string(pep::ns_event));
  items->set_attr("node", node);
  items->add_child(item_element(it, pep::ns_event));
  return items;
}

void publish(user_actor* self, const xml::element_ptr& iq, const xml::element_ptr& pubsub,
             const xml::element_ptr& request) {
  auto& st = self->state;
  auto name = std::string(request->attr_or("node"));
  if (name.empty()) return reply_error(self, iq, stanza_error::bad_request, "nodeid-required");
  auto items = request->child_elements();
  if (items.size() != 1 || !items[0]->is("item", pep::ns_pubsub))
    return reply_error(self, iq, stanza_error::bad_request, "item-required");
  auto payloads = items[0]->child_elements();
  if (payloads.size() != 1)
    return reply_error(self, iq, stanza_error::bad_request,
                       payloads.empty() ? "payload-required" : "invalid-payload");
  pep::form_fields options;
  if (auto po = pubsub->child("publish-options", pep::ns_pubsub)) {
    if (auto x = po->child("x", ns::data_forms)) {
      std::string error;
      auto read = pep::read_form(*x, pep::ns_publish_options, error);
      if (!read)
        return reply_error(self, iq, stanza_error::conflict, "precondition-not-met", error);
      options = *read;
    }
  }
  auto existing = st.pep_nodes.find(name);
  // XEP-0060 §7.1.5: an existing node must already be configured as the publisher requires.
  if (existing != st.pep_nodes.end() && !pep::satisfies(existing->second.config, options))
    return reply_error(self, iq, stanza_error::conflict, "precondition-not-met");
  auto config = existing != st.pep_nodes.end() ? existing->second.config
                                               : pep::apply(pep::node_config{}, options);
  pep::item it{std::string(items[0]->attr_or("id")), payloads[0]};
  if (it.id.empty()) it.id = new_item_id(self);
  auto apply = [self, iq, name, config, it](bool ok) {
    if (!ok) return reply_error(self, iq, stanza_error::internal_server_error);
    auto& node = self->state.pep_nodes[name];
    node.name = name;
    node.config = config;
    pep::add_item(node, it);
    auto publish = xml::make_element("publish", std::string(pep::ns_pubsub));
    publish->set_attr("node", name);
    publish->add_child("item", std::string(pep::ns_pubsub)).set_attr("id", it.id);
    route(self, xml::make_iq_result(*iq, pubsub_result(pep::ns_pubsub, publish)));
    notify_pep(self, node, event_items(name, it));
    if (!node.config.persist_items) node.items = {node.items.back()};  // only the last, in memory
  };
  if (!config.persist_items) {
    // Not stored, but the node itself (and its configuration) must survive a restart.
    if (existing != st.pep_nodes.end()) return apply(true);
    return run_store_hook(
        self, hooks::hook_id::pep_set_node,
        caf::make_message(atoms::pep_set_node::value, st.vhost, st.bare.bare_str(), name, config),
        apply);
  }
  run_store_hook(
      self, hooks::hook_id::pep_publish,
      caf::make_message(atoms::pep_publish::value, st.vhost, st.bare.bare_str(), name, config, it),
      apply);
}

void create(user_actor* self, const xml::element_ptr& iq, const xml::element_ptr& pubsub,
            const xml::element_ptr& request) {
  auto& st = self->state;
  auto name = std::string(request->attr_or("node"));
  if (name.empty())  // XEP-0060 §8.1.2 instant nodes are not offered: PEP nodes are namespaces
    return reply_error(self, iq, stanza_error::not_acceptable, "nodeid-required");
  if (st.pep_nodes.count(name)) return reply_error(self, iq, stanza_error::conflict);
  pep::node_config config;
  if (auto configure = pubsub->child("configure", pep::ns_pubsub)) {
    if (auto x = configure->child("x", ns::data_forms)) {
      std::string error;
      auto fields = pep::read_form(*x, pep::ns_node_config, error);
      if (!fields) return reply_error(self, iq, stanza_error::not_acceptable, {}, error);
      config = pep::apply(config, *fields);
    }
  }
  run_store_hook(
      self, hooks::hook_id::pep_set_node,
      caf::make_message(atoms::pep_set_node::value, st.vhost, st.bare.bare_str(), name, config),
      [self, iq, name, config](bool ok) {
        if (!ok) return reply_error(self, iq, stanza_error::internal_server_error);
        self->state.pep_nodes[name] = pep::node{name, config, {}};
        route(self, xml::make_iq_result(*iq));
      });
}

void items(user_actor* self, const jid& from, const xml::element_ptr& iq,
           const xml::element_ptr& request) {
  auto& st = self->state;
  auto name = std::string(request->attr_or("node"));
  if (name.empty()) return reply_error(self, iq, stanza_error::bad_request, "nodeid-required");
  auto it = st.pep_nodes.find(name);
  if (it == st.pep_nodes.end()) return reply_error(self, iq, stanza_error::item_not_found);
  const auto& node = it->second;
  if (!pep::may_access(node.config.access, pep_relation(self, from)))
    return deny_access(self, iq, node.config.access);
  std::vector<std::string> ids;
  for (const auto& child : request->child_elements())
    if (child->is("item", pep::ns_pubsub) && child->attr("id"))
      ids.emplace_back(child->attr_or("id"));
  std::optional<std::size_t> max_items;
  if (auto* m = request->attr("max_items")) {
    try {
      max_items = std::stoul(*m);
    } catch (const std::exception&) {
      return reply_error(self, iq, stanza_error::bad_request);
    }
  }
  auto selected = pep::select_items(node, ids, max_items);
  if (!ids.empty() && selected.empty()) return reply_error(self, iq, stanza_error::item_not_found);
  auto result = xml::make_element("items", std::string(pep::ns_pubsub));
  result->set_attr("node", name);
  for (const auto& x : selected) result->add_child(item_element(x, pep::ns_pubsub));
  route(self, xml::make_iq_result(*iq, pubsub_result(pep::ns_pubsub, result)));
}

void retract(user_actor* self, const xml::element_ptr& iq, const xml::element_ptr& request) {
  auto& st = self->state;
  auto name = std::string(request->attr_or("node"));
  if (name.empty()) return reply_error(self, iq, stanza_error::bad_request, "nodeid-required");
  auto node = st.pep_nodes.find(name);
  if (node == st.pep_nodes.end()) return reply_error(self, iq, stanza_error::item_not_found);
  auto item = request->child("item", pep::ns_pubsub);
  auto id = item ? std::string(item->attr_or("id")) : std::string();
  if (id.empty()) return reply_error(self, iq, stanza_error::bad_request, "item-required");
  if (std::none_of(node->second.items.begin(), node->second.items.end(),
                   [&](const pep::item& x) { return x.id == id; }))
    return reply_error(self, iq, stanza_error::item_not_found);
  auto notify = request->attr_or("notify");
  bool tell = notify == "true" || notify == "1";
  auto apply = [self, iq, name, id, tell](bool ok) {
    if (!ok) return reply_error(self, iq, stanza_error::internal_server_error);
    auto& node = self->state.pep_nodes[name];
    pep::retract_item(node, id);
    route(self, xml::make_iq_result(*iq));
    if (!tell) return;
    auto items = xml::make_element("items", std::string(pep::ns_event));
    items->set_attr("node", name);
    items->add_child("retract", std::string(pep::ns_event)).set_attr("id", id);
    notify_pep(self, node, items);
  };
  if (!node->second.config.persist_items) return apply(true);
  run_store_hook(
      self, hooks::hook_id::pep_retract,
      caf::make_message(atoms::pep_retract::value, st.vhost, st.bare.bare_str(), name, id), apply);
}

// pubsub#owner: <configure/> get and set (XEP-0060 §8.2), <delete/> (§8.4).
void owner_request(user_actor* self, const xml::element_ptr& iq, const xml::element_ptr& request) {
  auto& st = self->state;
  auto type = iq->attr_or("type");
  auto name = std::string(request->attr_or("node"));
  if (name.empty()) return reply_error(self, iq, stanza_error::bad_request, "nodeid-required");
  auto node = st.pep_nodes.find(name);
  if (node == st.pep_nodes.end()) return reply_error(self, iq, stanza_error::item_not_found);
  if (request->name() == "configure" && type == "get") {
    auto configure = xml::make_element("configure", std::string(pep::ns_owner));
    configure->set_attr("node", name);
    configure->add_child(pep::config_form(node->second.config));
    return route(self, xml::make_iq_result(*iq, pubsub_result(pep::ns_owner, configure)));
  }
  if (request->name() == "configure" && type == "set") {
    auto x = request->child("x", ns::data_forms);
    if (!x) return reply_error(self, iq, stanza_error::bad_request);
    if (x->attr_or("type") == "cancel") return route(self, xml::make_iq_result(*iq));
    std::string error;
    auto fields = pep::read_form(*x, pep::ns_node_config, error);
    if (!fields) return reply_error(self, iq, stanza_error::not_acceptable, {}, error);
    auto config = pep::apply(node->second.config, *fields);
    return run_store_hook(
        self, hooks::hook_id::pep_set_node,
        caf::make_message(atoms::pep_set_node::value, st.vhost, st.bare.bare_str(), name, config),
        [self, iq, name, config](bool ok) {
          if (!ok) return reply_error(self, iq, stanza_error::internal_server_error);
          auto& node = self->state.pep_nodes[name];
          node.config = config;
          pep::trim(node);
          route(self, xml::make_iq_result(*iq));
        });
  }
  if (request->name() == "delete" && type == "set") {
    return run_store_hook(
        self, hooks::hook_id::pep_delete_node,
        caf::make_message(atoms::pep_delete_node::value, st.vhost, st.bare.bare_str(), name),
        [self, iq, name](bool ok) {
          if (!ok) return reply_error(self, iq, stanza_error::internal_server_error);
          auto& nodes = self->state.pep_nodes;
          auto gone = std::move(nodes[name]);
          nodes.erase(name);
          route(self, xml::make_iq_result(*iq));
          auto del = xml::make_element("delete", std::string(pep::ns_event));
          del->set_attr("node", name);
          notify_pep(self, gone, del);
        });
  }
  reply_error(self, iq, stanza_error::feature_not_implemented, "unsupported");
}

void dispatch(user_actor* self, const jid& from, const xml::element_ptr& iq) {
  auto pubsub = iq->first_child_element();
  auto children = pubsub->child_elements();
  if (children.empty()) return reply_error(self, iq, stanza_error::bad_request);
  const auto& request = children.front();
  bool owner = from.bare() == self->state.bare;
  auto type = iq->attr_or("type");
  if (pubsub->ns() == pep::ns_owner) {
    if (!owner) return reply_error(self, iq, stanza_error::forbidden);
    return owner_request(self, iq, request);
  }
  const auto& what = request->name();
  if (what == "items" && type == "get") return items(self, from, iq, request);
  if (what == "publish" || what == "create" || what == "retract") {
    if (type != "set") return reply_error(self, iq, stanza_error::bad_request);
    // XEP-0163 §2.2: only the account owner publishes to its nodes.
    if (!owner) return reply_error(self, iq, stanza_error::forbidden);
    if (what == "publish") return publish(self, iq, pubsub, request);
    if (what == "create") return create(self, iq, pubsub, request);
    return retract(self, iq, request);
  }
  // Subscriptions are implicit in PEP (presence and caps, XEP-0163 §4.1); the rest is not offered.
  reply_error(self, iq, stanza_error::feature_not_implemented, "unsupported");
}

}  // namespace

pep::relation pep_relation(user_actor* self, const jid& who) {
  auto& st = self->state;
  if (who.bare() == st.bare) return pep::relation::owner;
  auto it = st.roster.find(who.bare_str());
  return it != st.roster.end() && it->second.from ? pep::relation::subscriber
                                                  : pep::relation::other;
}

bool pep_enabled(user_actor* self) {
  return self->state.hooks->has_plugin("pep");
}

void with_pep_nodes(user_actor* self, std::function<void()> then,
                    std::function<void()> on_failure) {
  auto& st = self->state;
  if (st.pep_loaded) return then();
  wait(self);
  hooks::run_chain(
      self, st.hooks, hooks::hook_id::pep_get_nodes,
      caf::make_message(atoms::pep_get_nodes::value, st.vhost, st.bare.bare_str()),
      [self, then = std::move(then), on_failure = std::move(on_failure)](hooks::chain_result r) {
        auto& st = self->state;
        st.busy = false;
        if (r.failed) {
          // As with the roster: a broken store is not "no nodes" (a publish would then replace
          // what is stored); nothing is cached and the next request asks again.
          log::error("pep", st.bare.bare_str(), ": the PEP nodes could not be loaded");
          if (on_failure) on_failure();
        } else {
          if (r.handled && r.payload.match_elements<pep::node_list>())
            for (auto& n : r.payload.get_as<pep::node_list>(0)) st.pep_nodes[n.name] = n;
          st.pep_loaded = true;
          then();
        }
        if (!st.busy) resume(self);
      });
}

void handle_pep_iq(user_actor* self, const jid& from, const xml::element_ptr& iq) {
  if (!pep_enabled(self)) return bounce(self, iq, stanza_error::service_unavailable);
  with_roster(
      self,
      [=] {
        with_pep_nodes(
            self, [=] { dispatch(self, from, iq); },
            [=] { bounce(self, iq, stanza_error::internal_server_error); });
      },
      [=] { bounce(self, iq, stanza_error::internal_server_error); });
}

}  // namespace djabberd::user
