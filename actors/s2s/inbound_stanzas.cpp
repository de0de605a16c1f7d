// Stanzas on an inbound s2s stream (RFC 6120 §4.9.3, §8.1): addresses checked against what the
// stream authenticated, then s2s.filter, then IQs to the server through iq.s2s, the rest to the
// router (which applies RFC 6121 for local accounts).
#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/run_chain.hpp"
#include "actors/message_types.hpp"
#include "actors/s2s/hooks_of.hpp"
#include "actors/s2s/inbound_state.hpp"
#include "actors/s2s/server_ns.hpp"
#include "stanza/error_reply.hpp"
#include "stanza/jid.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::s2s {

namespace {

bool is_server_iq(const xml::element& stanza, const jid& to) {
  auto type = stanza.attr_or("type");
  return stanza.name() == "iq" && (type == "get" || type == "set") && to.local().empty() &&
         to.is_bare();
}

// Built-in answers to a remote server: XEP-0199 ping, and XEP-0030 disco#info saying what the
// server is (the c2s session's answer, with its plugin features, is for local users).
xml::element_ptr builtin_reply(const xml::element& iq) {
  if (iq.attr_or("type") == "get" && iq.child("ping", ns::ping)) return xml::make_iq_result(iq);
  auto query = iq.child("query", ns::disco_info);
  if (!query || iq.attr_or("type") != "get" || query->attr("node")) return nullptr;
  auto result = xml::make_element("query", std::string(ns::disco_info));
  auto& identity = result->add_child("identity", std::string(ns::disco_info));
  identity.set_attr("category", "server");
  identity.set_attr("type", "im");
  for (auto feature : {ns::disco_info, ns::ping})
    result->add_child("feature", std::string(ns::disco_info)).set_attr("var", std::string(feature));
  return xml::make_iq_result(iq, result);
}

void route(inbound_actor* self, const xml::element_ptr& stanza) {
  self->send(self->state.ctx->server->router, atoms::route::value, stanza);
}

// An IQ get/set to a local domain: iq.s2s, else the built-ins, else service-unavailable.
void answer_server_iq(inbound_actor* self, const std::string& local, const std::string& remote,
                      const xml::element_ptr& iq) {
  auto& st = self->state;
  st.busy = true;
  hooks::run_chain(self, hooks_of(*st.ctx, local), hooks::hook_id::iq_s2s,
                   caf::make_message(atoms::iq_s2s::value, local, remote, iq),
                   [self, iq](hooks::chain_result r) {
                     xml::element_ptr reply;
                     if (r.handled && r.payload.match_elements<xml::element_ptr>())
                       reply = r.payload.get_as<xml::element_ptr>(0);
                     if (!reply) reply = builtin_reply(*iq);
                     if (!reply)
                       reply = xml::make_error_reply(*iq, stanza_error::service_unavailable);
                     if (reply) route(self, reply);
                     resume(self);
                   });
}

void deliver(inbound_actor* self, const std::string& local, const std::string& remote,
             const jid& to, const xml::element_ptr& stanza) {
  if (is_server_iq(*stanza, to)) return answer_server_iq(self, local, remote, stanza);
  route(self, stanza);
}

}  // namespace

void handle_stanza(inbound_actor* self, const xml::element_ptr& raw) {
  auto& st = self->state;
  auto from = jid::parse(raw->attr_or("from"));
  auto to = jid::parse(raw->attr_or("to"));
  if (!raw->attr("from") || !raw->attr("to"))
    return fail(self, stream_error::improper_addressing, "s2s stanzas need 'from' and 'to'");
  if (!from) return fail(self, stream_error::invalid_from, "malformed 'from'");
  if (!to) return fail(self, stream_error::improper_addressing, "malformed 'to'");
  if (st.ctx->server->find_vhost(to->domain()) == nullptr)
    return fail(self, stream_error::host_unknown, to->domain() + " is not served here");
  if (!st.authenticated.count({from->domain(), to->domain()}))
    return fail(self, stream_error::invalid_from,
                from->domain() + " is not authenticated on this stream for " + to->domain());
  st.io.last_activity = std::chrono::steady_clock::now();
  auto stanza = to_client_ns(raw);
  std::string local = to->domain(), remote = from->domain();
  auto table = hooks_of(*st.ctx, local);
  if (table->chain(hooks::hook_id::s2s_filter).empty())
    return deliver(self, local, remote, *to, stanza);
  st.busy = true;
  hooks::run_chain(self, table, hooks::hook_id::s2s_filter,
                   caf::make_message(atoms::s2s_filter::value, local, remote, stanza),
                   [self, local, remote, to = *to, stanza](hooks::chain_result r) {
                     self->state.busy = false;
                     if (!r.handled) deliver(self, local, remote, to, stanza);
                     if (!self->state.busy) resume(self);
                   });
}

}  // namespace djabberd::s2s
