// The account actor's behaviour: every event enters one ordered work queue.
#include "actors/user/user_actor.hpp"

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/run_chain.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "actors/user/user_state.hpp"
#include "stanza/error_reply.hpp"

namespace djabberd::user {

namespace {

// How long an account without resources keeps its actor (and cached roster) after its last work:
// long enough to absorb a reconnect or a burst of presence, short enough to keep memory low.
constexpr auto idle_after = std::chrono::seconds(10);

using idle_check = caf::atom_constant<caf::atom("idlecheck")>;

void after_work(user_actor* self) {
  auto& st = self->state;
  if (st.retiring) return self->quit();
  if (st.resources.empty() && st.removed) {
    // Nothing cached may outlive a removed account (a new one of the same name starts empty).
    self->send(st.router, atoms::idle::value, st.bare);
    return;
  }
  if (st.resources.empty()) self->delayed_send(self, idle_after, idle_check::value, st.generation);
}

}  // namespace

void submit(user_actor* self, std::function<void()> work) {
  auto& st = self->state;
  ++st.generation;
  st.queue.push_back(std::move(work));
  if (!st.busy) resume(self);
}

void wait(user_actor* self) {
  self->state.busy = true;
}

void resume(user_actor* self) {
  auto& st = self->state;
  st.busy = false;
  while (!st.busy && !st.queue.empty()) {
    auto work = std::move(st.queue.front());
    st.queue.pop_front();
    work();
  }
  if (!st.busy && st.queue.empty()) after_work(self);
}

void with_roster(user_actor* self, std::function<void()> then, std::function<void()> on_failure) {
  auto& st = self->state;
  if (st.roster_loaded) return then();
  wait(self);
  hooks::run_chain(
      self, st.hooks, hooks::hook_id::roster_get,
      caf::make_message(atoms::roster_get::value, st.vhost, st.bare.bare_str()),
      [self, then = std::move(then), on_failure = std::move(on_failure)](hooks::chain_result r) {
        auto& st = self->state;
        if (r.failed) {
          // A broken store is not an empty roster: caching nothing here keeps a
          // later write from replacing what is stored; the next event retries.
          log::error("roster", st.bare.bare_str(),
                     ": the roster could not be loaded; request not processed");
          st.busy = false;
          if (on_failure) on_failure();
          if (!st.busy) resume(self);
          return;
        }
        if (r.handled && r.payload.match_elements<roster::roster_items>()) {
          for (auto& item : r.payload.get_as<roster::roster_items>(0))
            st.roster[item.contact] = item;
        }
        st.roster_loaded = true;
        st.busy = false;
        then();
        if (!st.busy) resume(self);
      });
}

void with_existence(user_actor* self, std::function<void()> then) {
  auto& st = self->state;
  if (!st.resources.empty()) st.exists = true;
  if (st.exists) return then();
  wait(self);
  hooks::run_chain(
      self, st.hooks, hooks::hook_id::auth_user_exists,
      caf::make_message(atoms::auth_user_exists::value, st.vhost, std::string(st.bare.local())),
      [self, then = std::move(then)](hooks::chain_result r) {
        auto& st = self->state;
        st.exists = r.handled && r.payload.match_elements<bool>() && r.payload.get_as<bool>(0);
        st.busy = false;
        then();
        if (!st.busy) resume(self);
      });
}

void route(user_actor* self, xml::element_ptr stanza) {
  auto& st = self->state;
  // XEP-0191: what this actor sends honours the block list already (user_blocking.cpp), so the
  // router need not hand it back for the sender's check.
  if (st.blocking_on)
    self->send(st.router, atoms::route_ok::value, std::move(stanza), blocking::checked_outbound);
  else
    self->send(st.router, atoms::route::value, std::move(stanza));
}

void deliver(user_actor* self, const resource& r, const xml::element_ptr& stanza) {
  self->send(r.session, atoms::deliver::value, stanza);
}

resource* find_resource(user_actor* self, const jid& full) {
  for (auto& r : self->state.resources)
    if (r.full == full) return &r;
  return nullptr;
}

void bounce(user_actor* self, const xml::element_ptr& stanza, xml::stanza_error condition,
            std::string_view text) {
  if (auto reply = xml::make_error_reply(*stanza, condition, text)) route(self, reply);
}

namespace {

// A stanza for the account from the router: the account's block list first (XEP-0191 §3.3).
void handle_inbound(user_actor* self, const xml::element_ptr& stanza) {
  unless_blocked_sender(self, stanza, [=] {
    const auto& kind = stanza->name();
    if (kind == "message") return handle_inbound_message(self, stanza);
    if (kind == "presence") return handle_inbound_presence(self, stanza);
    if (kind == "iq") return handle_inbound_iq(self, stanza);
  });
}

caf::behavior user_fun(user_actor* self, jid bare, std::string vhost, hooks::hook_table_ptr hooks,
                       caf::actor router) {
  auto& st = self->state;
  st.bare = std::move(bare);
  st.vhost = std::move(vhost);
  st.hooks = std::move(hooks);
  st.router = std::move(router);
  return {
      [self](atoms::bind, const jid& full, const caf::actor& session) {
        submit(self, [self, full, session] {
          auto& st = self->state;
          if (auto* r = find_resource(self, full)) {
            r->session = session;  // the router already kicked the older session
            r->carbons = false;    // XEP-0280: carbons are enabled per session
            sync_carbons(self);
          } else {
            resource fresh;
            fresh.full = full;
            fresh.session = session;
            st.resources.push_back(std::move(fresh));
          }
          st.exists = true;
          with_roster(self, [] {});  // warm the cache: the client asks for it next
          // ...and the block list, so the router learns early to check this account's stanzas.
          with_blocklist(self, [] {});
        });
      },
      [self](atoms::unbind, const jid& full, const caf::actor_addr& session) {
        submit(self, [self, full, session] { resource_gone(self, full, session); });
      },
      [self](atoms::cl_lost, const jid& full) {
        submit(self, [self, full] { resource_lost(self, full); });
      },
      [self](atoms::presence, const jid& full, int priority, bool available,
             const xml::element_ptr& presence) {
        submit(self, [=] { handle_broadcast_presence(self, full, priority, available, presence); });
      },
      [self](atoms::outbound, const jid& full, const xml::element_ptr& presence) {
        submit(self, [=] {
          with_blocklist(self, [=] {
            if (!refuse_to_blocked(self, presence)) handle_directed_presence(self, full, presence);
          });
        });
      },
      [self](atoms::roster_iq, const jid& full, const xml::element_ptr& iq) {
        submit(self, [=] { handle_roster_iq(self, full, iq); });
      },
      [self](atoms::carbons_iq, const jid& full, const xml::element_ptr& iq) {
        submit(self, [=] { handle_carbons_iq(self, full, iq); });
      },
      // The router delivered `message` to a bound full JID of the account (user_carbons.cpp).
      [self](atoms::carbon_copy, const xml::element_ptr& message) {
        submit(self, [=] {
          auto to = jid::parse(message->attr_or("to"));
          const resource* got = to ? find_resource(self, *to) : nullptr;
          send_carbons(self, carbons::direction::received, message, {got});
        });
      },
      // One of the account's resources sent `message`.
      [self](atoms::carbon_sent, const xml::element_ptr& message) {
        submit(self, [=] {
          auto from = jid::parse(message->attr_or("from"));
          const resource* sender = from ? find_resource(self, *from) : nullptr;
          send_carbons(self, carbons::direction::sent, message, {sender});
        });
      },
      // XEP-0198 (acknowledged means durable): the sender's session waits for `done`, answered
      // by the next queued item, i.e. once this message's work (an offline store included) ended.
      // XEP-0198: answered once the stanza was handled (delivered, stored or refused).
      [self](atoms::inbound, const xml::element_ptr& stanza, caf::response_promise done) {
        submit(self, [=] { handle_inbound(self, stanza); });
        submit(self, [done]() mutable { done.deliver(true); });
      },
      // A resumed session took over a resource: same resource, new session actor.
      [self](atoms::sm_rebind, const jid& full, const caf::actor& previous,
             const caf::actor& fresh) {
        submit(self, [self, full, previous, fresh] {
          if (auto* r = find_resource(self, full); r && r->session == previous) r->session = fresh;
          self->send(previous, atoms::sm_release::value);  // nothing more comes its way from here
        });
      },
      [self](atoms::inbound, const xml::element_ptr& stanza) {
        submit(self, [=] { handle_inbound(self, stanza); });
      },
      // XEP-0191 (user_blocking.cpp): a client's blocking IQ; what a resource sends, and what
      // the router would hand a bound resource directly, while the block list is not empty.
      [self](atoms::blocking_iq, const jid& full, const xml::element_ptr& iq) {
        submit(self, [=] { handle_blocking_iq(self, full, iq); });
      },
      // With a promise: an acknowledged stanza (XEP-0198), answered once it is refused here or
      // delivered or stored after the check (the promise goes on with route_ok).
      [self](atoms::block_out, const xml::element_ptr& stanza, int checked) {
        submit(self, [=] { check_outbound(self, stanza, checked, {}); });
      },
      [self](atoms::block_out, const xml::element_ptr& stanza, int checked,
             const caf::response_promise& done) {
        submit(self, [=] { check_outbound(self, stanza, checked, done); });
      },
      [self](atoms::block_in, const xml::element_ptr& stanza, int checked) {
        submit(self, [=] { check_inbound(self, stanza, checked, {}); });
      },
      [self](atoms::block_in, const xml::element_ptr& stanza, int checked,
             const caf::response_promise& done) {
        submit(self, [=] { check_inbound(self, stanza, checked, done); });
      },
      // XEP-0077 §3.2: the account was removed; its sessions end with <not-authorized/> (their
      // unavailable presence still goes out as they go), then the actor retires.
      [self](atoms::account_gone, const jid&) {
        submit(self, [self] {
          auto& st = self->state;
          st.removed = true;
          st.exists = false;
          auto condition = static_cast<int>(xml::stream_error::not_authorized);
          for (const auto& r : st.resources)
            self->send(r.session, atoms::kick::value, condition,
                       std::string("the account was removed"));
        });
      },
      [self](atoms::caps_recheck, const std::string& ver, int attempt) {
        submit(self, [=] { caps_recheck(self, ver, attempt); });
      },
      [self](idle_check, std::uint64_t generation) {
        auto& st = self->state;
        if (generation == st.generation && st.resources.empty() && !st.busy && st.queue.empty())
          self->send(st.router, atoms::idle::value, st.bare);
      },
      [self](atoms::retire) {
        auto& st = self->state;
        st.retiring = true;
        if (!st.busy && st.queue.empty()) self->quit();
      },
  };
}

}  // namespace

caf::actor spawn_user(caf::actor_system& sys, jid bare, std::string vhost,
                      hooks::hook_table_ptr hooks, caf::actor router) {
  return sys.spawn(user_fun, std::move(bare), std::move(vhost), std::move(hooks),
                   std::move(router));
}

}  // namespace djabberd::user
