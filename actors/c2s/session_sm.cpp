// XEP-0198 stream management in the c2s session: <enable/>, acks, and resumption.
//
// Resumption design: when a resumable session's connection goes away, its actor stays (phase
// bound, `sm->waiting`), still registered with the router and the account actor, and queues what
// is delivered to it. A new connection's session authenticates and sends <resume/>: it asks the
// router for the session with that id (same account only), then asks that session to hand over
// its state (bound JID, presence, counters, unacked queue). The new session then owns the
// resource: the router and the account actor swap the handle (sm_rebind) without any
// unbind/bind, so nobody sees an unavailable/available flap. The old actor forwards what still
// reaches it to the new one until the account actor confirms the swap (sm_release), then quits
// without ending the session. Taking over the state (instead of moving the new TLS stream and
// parser into the old actor) keeps every connection's bytes in the actor that owns its socket,
// so no byte can overtake another during the switch.
#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/c2s/session_state.hpp"
#include "actors/hooks/run_chain.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "auth/base64.hpp"
#include "auth/crypto.hpp"
#include "stanza/delay.hpp"
#include "stanza/error_reply.hpp"
#include "stanza/namespaces.hpp"
#include "stanza/serializer.hpp"

namespace djabberd::c2s {

sm_handover_ptr build_handover(session_actor* self);

namespace {

constexpr std::string_view sm_ns = "urn:xmpp:sm:3";
// A routed message that has neither been delivered nor stored after this long is counted anyway
// (and logged): a stuck account actor must not freeze the client's acks for ever.
constexpr auto route_ack_timeout = std::chrono::seconds(30);
// How long a session that handed itself over waits for the account actor's sm_release.
constexpr auto release_timeout = std::chrono::seconds(30);

const plugins::stream_management::sm_options& options(session_actor* self) {
  return self->state.vhost->stream_management;
}

bool is_stanza(const xml::element& e) {
  return e.name() == "message" || e.name() == "presence" || e.name() == "iq";
}

void write_failed(session_actor* self, std::string_view condition) {
  std::string out = "<failed xmlns='urn:xmpp:sm:3'><";
  out += condition;
  out += " xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></failed>";
  write(self, out);
}

void write_ack(session_actor* self) {
  write(self,
        "<a xmlns='urn:xmpp:sm:3' h='" + std::to_string(self->state.sm->in.handled()) + "'/>");
}

std::optional<std::uint32_t> parse_h(const xml::element& e) {
  auto* h = e.attr("h");
  if (!h || h->empty() || h->size() > 10) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : *h) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (value > 0xffffffffULL) return std::nullopt;
  return static_cast<std::uint32_t>(value);
}

// §4: an h the server never reached is a stream error (undefined-condition), with the counts.
void fail_too_high(session_actor* self, std::uint32_t h) {
  auto& st = self->state;
  log::info("c2s", "#", st.id, " acked ", h, " stanzas but only ", st.sm->out.sent_count(),
            " were sent");
  std::string out;
  if (!st.header_sent) return fail_stream(self, xml::stream_error::undefined_condition);
  out += "<stream:error><undefined-condition xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>";
  out += "<handled-count-too-high xmlns='urn:xmpp:sm:3' h='" + std::to_string(h) +
         "' send-count='" + std::to_string(st.sm->out.sent_count()) + "'/></stream:error>";
  write(self, out);
  st.end_reason = "stream error undefined-condition (acked more than was sent)";
  close_stream(self);
}

bool apply_ack(session_actor* self, std::uint32_t h) {
  if (self->state.sm->out.ack(h) == sm_outbound::ack_result::ok) return true;
  fail_too_high(self, h);
  return false;
}

void handle_enable(session_actor* self, const xml::element& enable) {
  auto& st = self->state;
  if (st.current != phase::bound || st.sm) return write_failed(self, "unexpected-request");
  st.sm = std::make_unique<sm_state>();
  const auto& opts = options(self);
  auto resume = enable.attr_or("resume");
  std::string out = "<enabled xmlns='urn:xmpp:sm:3'";
  if ((resume == "true" || resume == "1") && opts.resume_timeout.count() > 0) {
    st.sm->max = opts.resume_timeout;
    if (auto* wanted = enable.attr("max")) {
      try {
        auto seconds = std::stoll(*wanted);
        if (seconds > 0)
          st.sm->max = std::min(std::chrono::seconds(seconds), opts.max_resume_timeout);
      } catch (const std::exception&) {
        // an unreadable preference: the default applies
      }
    }
    st.sm->id = auth::base64_encode(auth::random_bytes(18));
    self->send(st.server->router, atoms::sm_register::value, st.sm->id, st.bound.bare(),
               caf::actor{self});
    out += " id='" + st.sm->id + "' resume='true' max='" + std::to_string(st.sm->max.count()) + "'";
  }
  out += "/>";
  write(self, out);
  log::debug("c2s", "#", st.id, " stream management enabled",
             st.sm->id.empty() ? "" : " (resumable)");
}

// Writes everything the old connection may not have delivered, in order, without counting it
// again (the counter already includes it).
void retransmit(session_actor* self) {
  for (const auto& stanza : self->state.sm->out.unacked())
    if (stanza) xml::serialize(*stanza, self->state.out, ns::client);
}

void adopt(session_actor* self, const std::string& previd, std::uint32_t h,
           const sm_handover_ptr& ho, const caf::actor& previous) {
  auto& st = self->state;
  if (st.current == phase::closing) return;
  if (!ho || !ho->sm) {
    write_failed(self, "item-not-found");
    return resume(self);
  }
  st.bound = ho->bound;
  st.available = ho->available;
  st.priority = ho->priority;
  st.inactive = ho->inactive;
  st.held_presence = std::move(ho->held_presence);
  st.sm = std::move(ho->sm);
  st.sm->waiting = false;
  st.sm->successor = caf::actor{};
  st.sm->unrequested = 0;
  st.current = phase::bound;
  self->send(st.server->router, atoms::sm_rebind::value, st.bound, previous, caf::actor{self});
  write(self, "<resumed xmlns='urn:xmpp:sm:3' previd='" + previd + "' h='" +
                  std::to_string(st.sm->in.handled()) + "'/>");
  log::info("c2s", "#", st.id, " ", st.peer, " resumed ", st.bound.str());
  if (!apply_ack(self, h)) return;
  retransmit(self);
  resume(self);
}

void handle_resume(session_actor* self, const xml::element& element) {
  auto& st = self->state;
  auto h = parse_h(element);
  std::string previd(element.attr_or("previd"));
  if (st.current != phase::authenticated) return write_failed(self, "unexpected-request");
  if (!h || previd.empty()) return write_failed(self, "bad-request");
  auto bare = jid::make(st.username, st.vhost->domain, "");
  if (!bare) return write_failed(self, "item-not-found");
  st.busy = true;  // what the client sends next waits for the outcome
  auto not_found = [self](caf::error&) {
    if (self->state.current == phase::closing) return;
    write_failed(self, "item-not-found");
    resume(self);
  };
  self->request(st.server->router, std::chrono::seconds(10), atoms::sm_lookup::value, previd, *bare)
      .then(
          [self, previd, h = *h, bare = *bare, not_found](const caf::actor& previous) {
            if (self->state.current == phase::closing) return;
            if (!previous) {
              write_failed(self, "item-not-found");
              return resume(self);
            }
            self->request(previous, std::chrono::seconds(10), atoms::sm_takeover::value,
                          caf::actor{self}, bare.bare_str())
                .then([self, previd, h, previous](
                          const sm_handover_ptr& ho) { adopt(self, previd, h, ho, previous); },
                      not_found);
          },
          not_found);
}

bool is_request_type(const xml::element& stanza) {
  auto type = stanza.attr_or("type");
  return stanza.name() == "iq" && (type == "get" || type == "set");
}

// XEP-0198 §"Stream Closure": an unacknowledged message goes back to the account with the time
// the server first had it (XEP-0203), so another resource or offline storage gets it.
xml::element_ptr to_account(session_actor* self, const xml::element_ptr& message) {
  return xml::with_attr(xml::with_delay(message, self->state.vhost->domain), "to",
                        self->state.bound.bare_str());
}

}  // namespace

bool handle_sm(session_actor* self, const xml::element_ptr& element) {
  auto& st = self->state;
  const auto& e = *element;
  if (e.ns() != sm_ns || !st.vhost || !options(self).enabled) return false;
  const auto& name = e.name();
  if (name == "enable") {
    handle_enable(self, e);
    return true;
  }
  if (name == "resume") {
    handle_resume(self, e);
    return true;
  }
  if (!st.sm || st.current != phase::bound) return false;
  if (name == "r") {
    write_ack(self);
    return true;
  }
  if (name == "a") {
    auto h = parse_h(e);
    if (!h) {
      fail_stream(self, xml::stream_error::bad_format, "<a/> needs a numeric 'h'");
      return true;
    }
    apply_ack(self, *h);
    return true;
  }
  return false;
}

bool sm_count_outbound(session_actor* self, const xml::element_ptr& stanza) {
  auto& sm = self->state.sm;
  if (!sm || !is_stanza(*stanza)) return true;
  sm->out.sent(stanza);
  if (sm->waiting) return false;
  ++sm->unrequested;
  return true;
}

void sm_request_ack_if_due(session_actor* self) {
  auto& sm = self->state.sm;
  if (!sm || sm->waiting || sm->unrequested < options(self).ack_every) return;
  sm->unrequested = 0;
  write(self, "<r xmlns='urn:xmpp:sm:3'/>");
}

void sm_handled(session_actor* self, std::uint32_t ticket) {
  auto& st = self->state;
  if (!st.sm) return;
  st.sm->in.complete(ticket);
  if (st.sm->takeover_pending && st.sm->in.pending() == 0 && st.sm->successor) {
    st.sm->takeover_pending = false;
    auto rp = st.sm->takeover;
    rp.deliver(build_handover(self));
  }
}

void sm_route_message(session_actor* self, const xml::element_ptr& message, std::uint32_t ticket) {
  auto& st = self->state;
  self->request(st.server->router, route_ack_timeout, atoms::route_ack::value, message)
      .then([self, ticket](bool) { sm_handled(self, ticket); },
            [self, ticket](caf::error& err) {
              log::warn("c2s", "#", self->state.id, " message not confirmed as delivered (",
                        self->system().render(err), "); counted as handled");
              sm_handled(self, ticket);
            });
}

void sm_on_keepalive(session_actor* self) {
  auto& st = self->state;
  if (!st.sm || st.sm->waiting || st.sm->out.unacked().empty()) return;
  write(self, "<r xmlns='urn:xmpp:sm:3'/>");
  st.sm->unrequested = 0;
}

void connection_lost(session_actor* self, const std::string& reason) {
  auto& st = self->state;
  if (st.end_reason.empty()) st.end_reason = reason;
  auto end = [self] {
    end_session(self);
    self->state.current = phase::closing;
    self->quit();
  };
  if (st.current != phase::bound || (st.sm && st.sm->waiting)) return end();
  const bool resumable = st.sm && !st.sm->id.empty();
  if (st.socket) {
    self->demonitor(st.socket);
    self->send(st.socket, atoms::close::value);
    st.socket = caf::actor{};
  }
  st.tls.reset();
  st.out.clear();
  if (st.sm) st.sm->waiting = true;  // deliveries queue from now on
  hooks::run_chain(self, st.vhost->hooks, hooks::hook_id::session_closing,
                   caf::make_message(atoms::session_closing::value, st.vhost->domain, st.bound,
                                     caf::actor{self}, resumable),
                   [self, end, resumable](hooks::chain_result r) {
                     auto& st = self->state;
                     if (st.current == phase::closing) return;
                     if (!r.handled || !resumable) return end();
                     st.end_reason.clear();
                     auto round = ++st.sm->wait_round;
                     log::info("c2s", "#", st.id, " ", st.bound.str(),
                               " lost its connection; waiting ", st.sm->max.count(),
                               " s for resumption");
                     if (st.parser && !st.in_feed) st.parser->release_idle();
                     self->delayed_send(self, st.sm->max, atoms::sm_expire::value, round);
                   });
}

void sm_dispose_unacked(session_actor* self) {
  auto& st = self->state;
  if (!st.sm) return;
  auto unacked = st.sm->out.take_unacked();
  int rerouted = 0;
  for (const auto& stanza : unacked) {
    if (!stanza) continue;
    if (stanza->name() == "message" && stanza->child("body", ns::client) &&
        stanza->attr_or("type") != "error") {
      // Back to the account: its other resources or offline storage.
      self->send(st.server->router, atoms::route::value, to_account(self, stanza));
      ++rerouted;
    } else if (is_request_type(*stanza)) {
      if (auto reply = xml::make_error_reply(*stanza, xml::stanza_error::recipient_unavailable))
        self->send(st.server->router, atoms::route::value, reply);
    }
  }
  if (rerouted > 0)
    log::info("c2s", "#", st.id, " ", rerouted, " unacknowledged message(s) of ", st.bound.str(),
              " returned to the account");
}

caf::result<sm_handover_ptr> sm_hand_over(session_actor* self, const caf::actor& successor,
                                          const std::string& bare) {
  auto& st = self->state;
  if (!st.sm || st.sm->id.empty() || st.current != phase::bound || st.bound.bare_str() != bare ||
      (st.sm->successor && st.sm->successor != successor))
    return sm_handover_ptr{};
  if (!st.sm->waiting) {
    // The old connection is still open (the client noticed the loss first): close it quietly.
    if (st.socket) {
      self->demonitor(st.socket);
      self->send(st.socket, atoms::close::value);
      st.socket = caf::actor{};
    }
    st.tls.reset();
    st.out.clear();
    st.sm->waiting = true;
  }
  st.sm->successor = successor;
  if (st.sm->in.pending() > 0) {
    // Messages of the old connection are still on their way to a session or storage: the
    // <resumed h=/> must count them, so the answer waits until they complete.
    st.sm->takeover = self->make_response_promise();
    st.sm->takeover_pending = true;
    return st.sm->takeover;
  }
  return build_handover(self);
}

sm_handover_ptr build_handover(session_actor* self) {
  auto& st = self->state;
  auto successor = st.sm->successor;
  auto ho = std::make_shared<sm_handover>();
  ho->bound = st.bound;
  ho->available = st.available;
  ho->priority = st.priority;
  ho->inactive = st.inactive;
  ho->held_presence = std::move(st.held_presence);
  st.held_presence.clear();
  // Stanzas still inside outbound.pre_write were never counted: they follow as deliveries.
  for (auto& stanza : st.outbound) self->send(successor, atoms::deliver::value, stanza);
  st.outbound.clear();
  ho->sm = std::move(st.sm);
  st.sm = std::make_unique<sm_state>();  // only the successor handle remains
  st.sm->successor = successor;
  st.sm->waiting = true;
  st.current = phase::closing;  // this actor no longer ends the session: the successor owns it
  self->delayed_send(self, release_timeout, atoms::sm_release::value);
  return ho;
}

void sm_expire(session_actor* self, std::uint64_t round) {
  auto& st = self->state;
  if (!st.sm || !st.sm->waiting || st.sm->successor || st.sm->wait_round != round ||
      st.current != phase::bound)
    return;
  st.end_reason = "resumption timed out";
  end_session(self);
  st.current = phase::closing;
  self->quit();
}

std::string_view sm_describe(session_actor* self) {
  const auto& sm = self->state.sm;
  if (!sm) return "off";
  if (sm->waiting) return "waiting";
  return sm->id.empty() ? "on" : "resumable";
}

}  // namespace djabberd::c2s
