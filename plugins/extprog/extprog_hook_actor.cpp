// extprog_hook_actor: each supported hook's named inputs and reply payload.
//
// The inputs of each hook (besides "id", "hook" and "vhost"), and the payload of a handled reply:
//   auth.check_password  username, password       -> "accepted": bool
//   auth.authorize       authcid, authzid          -> "allowed": bool
//   auth.user_exists     username                  -> "exists": bool
//   c2s.filter           jid, stanza               -> (none: handled drops the stanza)
//   iq.c2s               jid, iq                   -> "reply": XML string
//   outbound.pre_write   jid, stanza               -> "stanza": XML string or null (drop)
//   roster.get           owner                     -> "items": [roster item...]
//   roster.set_item      owner, item               -> "stored": bool
//   roster.remove        owner, contact            -> "removed": bool
//   roster.wipe          owner                     -> "wiped": bool
//   presence.alter_*     jid, presence             -> "presence": XML string or null (send none)
//   iq.account           from, iq                  -> "reply": XML string
//   vcard.get            owner                     -> "vcard": XML string or null (none stored)
//   vcard.set            owner, vcard              -> "stored": bool
//   private.get          owner, key                -> "element": XML string or null
//   private.set          owner, element            -> "stored": bool
// jids are strings, stanzas and elements XML strings, roster items as in extprog_protocol.hpp.
#include "plugins/extprog/extprog_hook_actor.hpp"

#include <functional>
#include <optional>
#include <string>

#include <caf/send.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "plugins/extprog/extprog_atoms.hpp"
#include "plugins/extprog/extprog_protocol.hpp"
#include "stanza/jid.hpp"

namespace djabberd::plugins::extprog {

namespace {

constexpr std::string_view component = "extprog";

/// Turns a handled reply into the hook's payload; nullopt (with `error`) if malformed.
using decoder = std::function<std::optional<caf::message>(const reply&, std::string& error)>;

struct context {
  caf::event_based_actor* self;
  hooks::hook_id id;
  caf::actor core;
  std::chrono::milliseconds core_timeout;
};

hooks::reply forward(const context& ctx, const std::string& vhost, json::object inputs,
                     decoder decode) {
  auto rp = ctx.self->make_response_promise<hooks::promise>();
  const hooks::hook_id id = ctx.id;
  ctx.self
      ->request(ctx.core, ctx.core_timeout, call_atom::value, std::string{hooks::name(id)}, vhost,
                json::encode(json::value{std::move(inputs)}))
      .then(
          [rp, id, decode = std::move(decode)](const std::string& line) mutable {
            if (line.empty()) {
              hooks::deliver_declined(rp);
              return;
            }
            std::string error;
            auto r = parse_reply(line, error);
            if (!r || !r->handled) {
              hooks::deliver_declined(rp);
              return;
            }
            auto payload = decode(*r, error);
            if (!payload) {
              log::warn(component, hooks::name(id), " reply ", r->id, ": ", error,
                        "; treated as declined");
              hooks::deliver_declined(rp);
              return;
            }
            rp.deliver(caf::atom_value{atoms::handled::value}, std::move(*payload));
          },
          [rp](caf::error&) mutable { hooks::deliver_declined(rp); });
  return rp;
}

decoder bool_field(std::string key) {
  return [key](const reply& r, std::string& error) -> std::optional<caf::message> {
    auto b = payload_bool(r, key, error);
    if (!b) return std::nullopt;
    return caf::make_message(*b);
  };
}

decoder xml_field(std::string key, bool allow_null) {
  return [key, allow_null](const reply& r, std::string& error) -> std::optional<caf::message> {
    auto e = payload_xml(r, key, allow_null, error);
    if (!e) return std::nullopt;
    return caf::make_message(std::move(*e));
  };
}

decoder nothing() {
  return [](const reply&, std::string&) -> std::optional<caf::message> {
    return caf::make_message(true);
  };
}

using json::object;

caf::behavior behavior_for(const context& c) {
  using hooks::hook_id;
  switch (c.id) {
    case hook_id::auth_check_password:
      return {[c](atoms::auth_check_password, const std::string& vhost, const std::string& user,
                  const std::string& password) {
        return forward(c, vhost, object{{"username", user}, {"password", password}},
                       bool_field("accepted"));
      }};
    case hook_id::auth_authorize:
      return {[c](atoms::auth_authorize, const std::string& vhost, const std::string& authcid,
                  const std::string& authzid) {
        return forward(c, vhost, object{{"authcid", authcid}, {"authzid", authzid}},
                       bool_field("allowed"));
      }};
    case hook_id::auth_user_exists:
      return {[c](atoms::auth_user_exists, const std::string& vhost, const std::string& user) {
        return forward(c, vhost, object{{"username", user}}, bool_field("exists"));
      }};
    case hook_id::c2s_filter:
      return {[c](atoms::c2s_filter, const std::string& vhost, const jid& session,
                  const xml::element_ptr& stanza) {
        return forward(c, vhost, object{{"jid", session.str()}, {"stanza", encode_xml(stanza)}},
                       nothing());
      }};
    case hook_id::c2s_route:
      return {[c](atoms::c2s_route, const std::string& vhost, const jid& session,
                  const xml::element_ptr& stanza) {
        return forward(c, vhost, object{{"jid", session.str()}, {"stanza", encode_xml(stanza)}},
                       xml_field("reply", true));
      }};
    case hook_id::deliver:
      return {[c](atoms::deliver_hook, const std::string& vhost, const xml::element_ptr& stanza) {
        return forward(c, vhost, object{{"stanza", encode_xml(stanza)}}, nothing());
      }};
    case hook_id::stream_unknown_element:
      return {[c](atoms::unknown_element, const std::string& vhost, const jid& session,
                  const xml::element_ptr& element) {
        return forward(c, vhost, object{{"jid", session.str()}, {"element", encode_xml(element)}},
                       xml_field("reply", true));
      }};
    case hook_id::iq_c2s:
      return {[c](atoms::iq_c2s, const std::string& vhost, const jid& session,
                  const xml::element_ptr& iq) {
        return forward(c, vhost, object{{"jid", session.str()}, {"iq", encode_xml(iq)}},
                       xml_field("reply", false));
      }};
    case hook_id::outbound_pre_write:
      return {[c](atoms::pre_write, const std::string& vhost, const jid& session,
                  const xml::element_ptr& stanza) {
        return forward(c, vhost, object{{"jid", session.str()}, {"stanza", encode_xml(stanza)}},
                       xml_field("stanza", true));
      }};
    case hook_id::roster_get:
      return {[c](atoms::roster_get, const std::string& vhost, const std::string& owner) {
        return forward(c, vhost, object{{"owner", owner}},
                       [](const reply& r, std::string& error) -> std::optional<caf::message> {
                         auto items = payload_roster(r, error);
                         if (!items) return std::nullopt;
                         return caf::make_message(std::move(*items));
                       });
      }};
    case hook_id::roster_set_item:
      return {[c](atoms::roster_set_item, const std::string& vhost, const std::string& owner,
                  const roster::roster_item& item) {
        return forward(c, vhost, object{{"owner", owner}, {"item", encode_roster_item(item)}},
                       bool_field("stored"));
      }};
    case hook_id::roster_remove:
      return {[c](atoms::roster_remove, const std::string& vhost, const std::string& owner,
                  const std::string& contact) {
        return forward(c, vhost, object{{"owner", owner}, {"contact", contact}},
                       bool_field("removed"));
      }};
    case hook_id::roster_wipe:
      return {[c](atoms::roster_wipe, const std::string& vhost, const std::string& owner) {
        return forward(c, vhost, object{{"owner", owner}}, bool_field("wiped"));
      }};
    case hook_id::presence_alter_available:
    case hook_id::presence_alter_unavailable:
      return {[c](atoms::presence_alter, const std::string& vhost, const jid& full,
                  const xml::element_ptr& presence) {
        return forward(c, vhost, object{{"jid", full.str()}, {"presence", encode_xml(presence)}},
                       xml_field("presence", true));
      }};
    case hook_id::iq_account:
      return {[c](atoms::iq_account, const std::string& vhost, const jid& from,
                  const xml::element_ptr& iq) {
        return forward(c, vhost, object{{"from", from.str()}, {"iq", encode_xml(iq)}},
                       xml_field("reply", false));
      }};
    case hook_id::vcard_get:
      return {[c](atoms::vcard_get, const std::string& vhost, const std::string& owner) {
        return forward(c, vhost, object{{"owner", owner}}, xml_field("vcard", true));
      }};
    case hook_id::vcard_set:
      return {[c](atoms::vcard_set, const std::string& vhost, const std::string& owner,
                  const xml::element_ptr& vcard) {
        return forward(c, vhost, object{{"owner", owner}, {"vcard", encode_xml(vcard)}},
                       bool_field("stored"));
      }};
    case hook_id::private_get:
      return {[c](atoms::private_get, const std::string& vhost, const std::string& owner,
                  const std::string& key) {
        return forward(c, vhost, object{{"owner", owner}, {"key", key}},
                       xml_field("element", true));
      }};
    case hook_id::private_set:
      return {[c](atoms::private_set, const std::string& vhost, const std::string& owner,
                  const xml::element_ptr& element) {
        return forward(c, vhost, object{{"owner", owner}, {"element", encode_xml(element)}},
                       bool_field("stored"));
      }};
    default:
      log::error(component, "hook ", hooks::name(c.id), " is not supported");
      return {};
  }
}

}  // namespace

caf::behavior extprog_hook_actor(caf::event_based_actor* self, hooks::hook_id id, caf::actor core,
                                 std::chrono::milliseconds core_timeout) {
  self->attach_functor(
      [core](const caf::error&) { caf::anon_send_exit(core, caf::exit_reason::user_shutdown); });
  return behavior_for(context{self, id, std::move(core), core_timeout});
}

}  // namespace djabberd::plugins::extprog
