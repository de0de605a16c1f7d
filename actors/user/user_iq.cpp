// IQs to the account's bare JID (RFC 6121 §8.5.2.1.3): the iq.account hook, then disco#info for
// subscribers, disco#items, PEP (user_pep.cpp), then service-unavailable. Answers to the
// account's own caps queries end here too.
#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/run_chain.hpp"
#include "actors/hooks/run_collect.hpp"
#include "actors/message_types.hpp"
#include "actors/user/user_state.hpp"
#include "stanza/error_reply.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::user {

namespace {

constexpr std::string_view disco_info_ns = "http://jabber.org/protocol/disco#info";

// XEP-0030 §3.1 on an account: identity account/registered plus what plugins add, shown only to
// the account itself and its presence subscribers (others could learn that it exists).
void disco_info(user_actor* self, const jid& from, const xml::element_ptr& iq) {
  auto& st = self->state;
  auto query = iq->first_child_element();
  auto it = st.roster.find(from.bare_str());
  bool allowed = from.bare() == st.bare || (it != st.roster.end() && it->second.from);
  if (!allowed || query->attr("node"))
    return bounce(self, iq, xml::stanza_error::service_unavailable);
  wait(self);
  hooks::run_collect(
      self, st.hooks, hooks::hook_id::disco_account_info,
      caf::make_message(atoms::disco_account::value, st.vhost, from, st.bare.bare_str()),
      [self, iq](std::vector<caf::message> parts) {
        auto result = xml::make_element("query", std::string(disco_info_ns));
        auto& identity = result->add_child("identity", std::string(disco_info_ns));
        identity.set_attr("category", "account");
        identity.set_attr("type", "registered");
        for (auto& part : parts)
          if (part.match_elements<xml::element_ptr>())
            if (const auto& fragment = part.get_as<xml::element_ptr>(0))
              for (const auto& child : fragment->child_elements()) result->add_child(child);
        route(self, xml::make_iq_result(*iq, result));
        resume(self);
      });
}

void built_in(user_actor* self, const jid& from, const xml::element_ptr& iq) {
  auto query = iq->first_child_element();
  // RFC 6121 §2.1.5 / §2.3.3: only the account itself manages its roster.
  if (query && query->is("query", ns::roster))
    return bounce(self, iq, xml::stanza_error::forbidden);
  if (query && query->is("query", disco_info_ns) && iq->attr_or("type") == "get")
    return with_roster(self, [=] { disco_info(self, from, iq); });
  if (query && query->is("query", ns::disco_items) && iq->attr_or("type") == "get")
    return handle_disco_items(self, from, iq);
  if (query && query->name() == "pubsub" &&
      (query->ns() == pep::ns_pubsub || query->ns() == pep::ns_owner))
    return handle_pep_iq(self, from, iq);
  if (query && query->is("query", ns::last)) return handle_last_iq(self, from, iq);
  bounce(self, iq, xml::stanza_error::service_unavailable);
}

}  // namespace

void handle_inbound_iq(user_actor* self, const xml::element_ptr& iq) {
  auto type = iq->attr_or("type");
  if (type != "get" && type != "set") {
    handle_caps_answer(self, iq);  // else results and errors to a bare JID end here
    return;
  }
  auto from = jid::parse(iq->attr_or("from"));
  if (!from) return;
  with_existence(self, [=] {
    auto& st = self->state;
    if (!*st.exists) return bounce(self, iq, xml::stanza_error::service_unavailable);
    if (st.hooks->chain(hooks::hook_id::iq_account).empty()) return built_in(self, *from, iq);
    wait(self);
    hooks::run_chain(self, st.hooks, hooks::hook_id::iq_account,
                     caf::make_message(atoms::iq_account::value, st.vhost, *from, iq),
                     [self, from = *from, iq](hooks::chain_result r) {
                       self->state.busy = false;
                       if (r.handled && r.payload.match_elements<xml::element_ptr>() &&
                           r.payload.get_as<xml::element_ptr>(0))
                         route(self, r.payload.get_as<xml::element_ptr>(0));
                       else
                         built_in(self, from, iq);
                       if (!self->state.busy) resume(self);
                     });
  });
}

}  // namespace djabberd::user
