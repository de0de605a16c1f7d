// XEP-0012 §4 for accounts (when the vhost lists the `last` plugin): how long ago a contact
// logged out, and its last unavailable status, stored through last.get / last.set.
#include <chrono>

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/run_chain.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "actors/user/user_state.hpp"
#include "stanza/error_reply.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::user {

namespace {

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void answer(user_actor* self, const xml::element_ptr& iq, std::int64_t seconds,
            const std::string& status) {
  auto query = xml::make_element("query", std::string(ns::last));
  query->set_attr("seconds", std::to_string(std::max<std::int64_t>(0, seconds)));
  if (!status.empty()) query->add_text(status);
  route(self, xml::make_iq_result(*iq, query));
}

void answer_offline(user_actor* self, const xml::element_ptr& iq) {
  auto& st = self->state;
  if (st.last_logout)
    return answer(self, iq, unix_now() - st.last_logout->first, st.last_logout->second);
  wait(self);
  hooks::run_chain(self, st.hooks, hooks::hook_id::last_get,
                   caf::make_message(atoms::last_get::value, st.vhost, st.bare.bare_str()),
                   [self, iq](hooks::chain_result r) {
                     auto& st = self->state;
                     st.busy = false;
                     if (r.handled && r.payload.match_elements<std::int64_t, std::string>()) {
                       st.last_logout.emplace(r.payload.get_as<std::int64_t>(0),
                                              r.payload.get_as<std::string>(1));
                       answer(self, iq, unix_now() - st.last_logout->first, st.last_logout->second);
                     } else {
                       bounce(self, iq,
                              r.failed ? xml::stanza_error::internal_server_error
                                       : xml::stanza_error::item_not_found);
                     }
                     if (!st.busy) resume(self);
                   });
}

}  // namespace

bool last_enabled(user_actor* self) {
  return self->state.hooks->has_plugin("last");
}

void handle_last_iq(user_actor* self, const jid& from, const xml::element_ptr& iq) {
  if (!last_enabled(self) || iq->attr_or("type") != "get")
    return bounce(self, iq, xml::stanza_error::service_unavailable);
  with_roster(
      self,
      [=] {
        // §4: only those allowed to see the account's presence learn when it was last online.
        if (pep_relation(self, from) == pep::relation::other)
          return bounce(self, iq, xml::stanza_error::forbidden);
        for (const auto& r : self->state.resources)
          if (r.available) return answer(self, iq, 0, {});  // online now
        answer_offline(self, iq);
      },
      [=] { bounce(self, iq, xml::stanza_error::internal_server_error); });
}

void record_logout(user_actor* self, const xml::element_ptr& unavailable) {
  auto& st = self->state;
  if (!last_enabled(self)) return;
  for (const auto& r : st.resources)
    if (r.available) return;  // another resource is still online
  std::string status;
  if (unavailable)
    if (auto s = unavailable->child("status", ns::client)) status = s->text();
  auto now = unix_now();
  st.last_logout.emplace(now, status);
  if (st.hooks->chain(hooks::hook_id::last_set).empty()) return;
  wait(self);
  hooks::run_chain(
      self, st.hooks, hooks::hook_id::last_set,
      caf::make_message(atoms::last_set::value, st.vhost, st.bare.bare_str(), now, status),
      [self](hooks::chain_result r) {
        auto& st = self->state;
        if (!r.handled || !r.payload.match_elements<bool>() || !r.payload.get_as<bool>(0))
          log::warn("last", st.bare.bare_str(), ": the logout time was not stored");
        st.busy = false;
        resume(self);
      });
}

}  // namespace djabberd::user
