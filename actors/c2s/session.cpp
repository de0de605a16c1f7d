// The c2s session actor: one per client connection, on the scheduler (so TLS and XML parsing of
// many connections run on every core), talking to its socket broker by messages.
#include <algorithm>
#include <chrono>

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/c2s/session_state.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::c2s {

namespace {

xml::stream_limits preauth_limits(const config::c2s_config& c2s) {
  xml::stream_limits limits;
  limits.max_stanza_bytes = c2s.max_stanza_size_preauth;
  limits.max_depth = c2s.max_depth;
  limits.max_attributes = c2s.max_attributes;
  return limits;
}

// XEP-0199: a client silent for ping_interval is asked; one still silent a tick later is gone
// (a half-open TCP connection would otherwise hold its session until the kernel gives up).
// Returns false if the session was ended.
bool check_liveness(session_actor* self, std::chrono::steady_clock::time_point now) {
  auto& st = self->state;
  auto ping_after = st.server->config.c2s.ping_interval;
  if (st.current != phase::bound || ping_after.count() == 0) return true;
  auto silent = now - st.last_read;
  if (st.ping_pending && silent >= ping_after + st.server->config.c2s.keepalive_interval) {
    fail_stream(self, xml::stream_error::connection_timeout, "no answer to ping");
    return false;
  }
  if (!st.ping_pending && silent >= ping_after) {
    auto ping = xml::make_element("iq", std::string(ns::client));
    ping->set_attr("from", st.vhost->domain);
    ping->set_attr("to", st.bound.str());
    ping->set_attr("type", "get");
    ping->set_attr("id", "s2c-ping-" + std::to_string(st.id));
    ping->add_child("ping", std::string(ns::ping));
    send_stanza(self, ping);
    flush(self);
    st.ping_pending = true;
  }
  return true;
}

// Silence after which a bound session's parser is released: most of an idle session's memory is
// its parser, and idle clients stay idle for minutes.
constexpr auto parser_idle_after = std::chrono::seconds(10);

// When the keepalive tick comes next (every check it drives is by elapsed time, so an earlier
// tick changes no outcome).
std::chrono::seconds next_tick(const session_state& st) {
  auto interval = st.server->config.c2s.keepalive_interval;
  bool holds_parser = st.current != phase::bound || !st.parser->released();
  return holds_parser ? std::min(interval, parser_idle_after) : interval;
}

void on_keepalive(session_actor* self) {
  auto& st = self->state;
  if (st.current == phase::closing || (st.sm && st.sm->waiting)) return;  // timer ends here
  if (!check_liveness(self, std::chrono::steady_clock::now())) return;
  auto interval = st.server->config.c2s.keepalive_interval;
  // RFC 6120 §4.6.1: a single space between stanzas keeps NATs open and detects dead peers.
  if (st.current == phase::bound && std::chrono::steady_clock::now() - st.last_write >= interval) {
    write(self, " ");
    flush(self);
  }
  sm_on_keepalive(self);  // XEP-0198: ask for an ack of what is still unacknowledged
  flush(self);
  // An idle bound session frees its expat parser (~13 KB); the next bytes recreate it. The
  // keepalive tick doubles as the idle timer so a session keeps a single timer: it ticks every
  // parser_idle_after while the parser is held, then every keepalive interval. Never during SASL
  // or bind, nor while an asynchronous step is running.
  if (st.current == phase::bound && !st.busy && !st.in_feed && !st.parser->released() &&
      std::chrono::steady_clock::now() - st.last_read >= std::min(interval, parser_idle_after) &&
      st.parser->release_idle())
    log::debug("c2s", "#", st.id, " idle: XML parser released");
  self->delayed_send(self, next_tick(st), atoms::keepalive::value);
}

}  // namespace

caf::behavior session(session_actor* self, caf::actor socket, server_context_ptr server,
                      std::string peer, bool direct_tls) {
  auto& st = self->state;
  st.server = std::move(server);
  st.socket = std::move(socket);
  st.peer = std::move(peer);
  st.direct_tls = direct_tls;
  st.id = st.server->next_connection_id++;
  st.events.self = self;
  st.parser =
      std::make_unique<xml::stream_parser>(st.events, preauth_limits(st.server->config.c2s));
  st.last_write = st.last_read = std::chrono::steady_clock::now();
  if (direct_tls) start_tls(self, st.server->default_vhost());
  st.current = direct_tls ? phase::tls_handshake : phase::wait_header;
  log::debug("c2s", "#", st.id, " connection from ", st.peer, direct_tls ? " (direct TLS)" : "");
  self->monitor(st.socket);
  self->set_down_handler([self](caf::down_msg& msg) {
    if (msg.source == self->state.socket.address()) connection_lost(self, "connection lost");
  });
  self->delayed_send(self, st.server->config.c2s.auth_timeout, atoms::deadline::value);
  if (st.server->config.c2s.keepalive_interval.count() > 0)
    self->delayed_send(self, next_tick(st), atoms::keepalive::value);
  return {
      [self](atoms::data, const std::string& bytes) {
        // After a resumption took this session over, its old socket may still have sent bytes.
        if (self->current_sender() == caf::actor_cast<caf::strong_actor_ptr>(self->state.socket))
          receive(self, bytes);
      },
      [self](atoms::closed) {
        if (self->current_sender() == caf::actor_cast<caf::strong_actor_ptr>(self->state.socket))
          connection_lost(self, "connection closed");
      },
      [self](atoms::deliver, const xml::element_ptr& stanza) {
        auto& st = self->state;
        if (st.current == phase::closing && st.sm && st.sm->successor)  // handed over
          return self->send(st.sm->successor, atoms::deliver::value, stanza);
        deliver(self, stanza);
      },
      // XEP-0198 resumption (session_sm.cpp).
      [self](atoms::sm_takeover, const caf::actor& successor, const std::string& bare) {
        return sm_hand_over(self, successor, bare);
      },
      [self](atoms::sm_release) {
        if (self->state.sm && self->state.sm->successor) self->quit();
      },
      [self](atoms::sm_expire, std::uint64_t round) { sm_expire(self, round); },
      [self](atoms::kick, int condition) {
        fail_stream(self, static_cast<xml::stream_error>(condition));
      },
      [self](atoms::kick, int condition, const std::string& text) {
        fail_stream(self, static_cast<xml::stream_error>(condition), text);
      },
      [self](atoms::info) { return describe(self); },
      [self](atoms::shutdown) { fail_stream(self, xml::stream_error::system_shutdown); },
      [self](atoms::deadline) {
        if (self->state.current != phase::bound && self->state.current != phase::closing)
          fail_stream(self, xml::stream_error::connection_timeout, "negotiation took too long");
      },
      [self](atoms::keepalive) { on_keepalive(self); },
      [self](atoms::login_fail, int condition) { send_sasl_failure(self, condition); },
  };
}

}  // namespace djabberd::c2s
