// Inbound s2s stream: lifecycle (socket, idle, shutdown); the protocol is in the other inbound_*
// files.
#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/log.hpp"
#include "actors/s2s/inbound_state.hpp"
#include "actors/s2s/s2s_metrics.hpp"
#include "actors/s2s/server_ns.hpp"

namespace djabberd::s2s {

namespace {

void check_idle(inbound_actor* self) {
  auto& st = self->state;
  if (st.io.closed) return;
  auto idle = st.ctx->config().idle_timeout;
  auto since = std::chrono::steady_clock::now() - st.io.last_activity;
  if (since >= idle) {
    log::info("s2s-in", "#", st.io.id, " ", st.io.peer, ": idle, closing");
    close_stream(self, st.io);
    return self->quit();
  }
  auto next = idle - std::chrono::duration_cast<std::chrono::seconds>(since);
  self->delayed_send(self, std::max(next, std::chrono::seconds(1)), atoms::idle_check::value);
}

}  // namespace

void fail(inbound_actor* self, xml::stream_error condition, std::string_view text) {
  auto& st = self->state;
  if (st.io.closed) return;
  if (!st.header_sent) {
    // RFC 6120 §4.9.1.1: even an early error goes inside a stream.
    std::string domain = st.local.empty() ? st.ctx->server->default_vhost().domain : st.local;
    write(st.io,
          "<?xml version='1.0'?><stream:stream xmlns='jabber:server' "
          "xmlns:stream='http://etherx.jabber.org/streams' version='1.0' from='" +
              domain + "'>");
    st.header_sent = true;
  }
  fail_stream(self, st.io, condition, text);
  self->quit();
}

caf::behavior inbound_stream(inbound_actor* self, caf::actor socket, s2s_context_ptr ctx,
                             caf::actor manager, std::string peer, bool direct_tls) {
  auto& st = self->state;
  st.ctx = std::move(ctx);
  st.manager = std::move(manager);
  st.io.socket = std::move(socket);
  st.io.peer = std::move(peer);
  st.io.kind = "s2s-in";
  st.io.id = st.ctx->server->next_connection_id++;
  st.direct_tls = direct_tls;
  st.events.self = self;
  st.io.parser = std::make_unique<xml::stream_parser>(st.events);
  st.io.on_lost = [self](std::string) { self->quit(); };
  st.io.on_tls_established = [] {};
  track_stream(self, true);
  self->send(st.manager, atoms::s2s_stream::value);
  log::debug("s2s-in", "#", st.io.id, " connection from ", st.io.peer,
             direct_tls ? " (direct TLS)" : "");
  if (direct_tls) {
    auto session = std::make_unique<tls::stream>(st.ctx->server->default_vhost().tls->native());
    session->request_peer_certificate(st.ctx->trust->store());
    start_tls(self, st.io, std::move(session));
  }
  self->monitor(st.io.socket);
  self->set_down_handler([self](caf::down_msg&) { self->quit(); });
  self->delayed_send(self, st.ctx->config().idle_timeout, atoms::idle_check::value);
  // Negotiation must not take forever: the peer has connect_timeout to get TLS done.
  self->delayed_send(self, st.ctx->config().connect_timeout, atoms::deadline::value);
  return {
      [self](atoms::data, const std::string& bytes) { receive(self, self->state.io, bytes); },
      [self](atoms::closed) { self->quit(); },
      [self](atoms::idle_check) { check_idle(self); },
      [self](atoms::deadline) {
        if (!self->state.io.tls_up()) fail(self, stream_error::connection_timeout);
      },
      [self](atoms::shutdown) { fail(self, stream_error::system_shutdown); },
  };
}

}  // namespace djabberd::s2s
