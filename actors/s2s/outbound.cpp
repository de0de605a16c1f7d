// Outbound s2s stream: policy and endpoint lookup, connect, queue, failure and idle handling.
// The negotiation itself is in outbound_negotiation.cpp.
#include <unistd.h>

#include <sstream>

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/run_chain.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "actors/s2s/connector.hpp"
#include "actors/s2s/dns_endpoints_message.hpp"
#include "actors/s2s/hooks_of.hpp"
#include "actors/s2s/outbound_state.hpp"
#include "actors/s2s/s2s_metrics.hpp"
#include "stanza/error_reply.hpp"

namespace djabberd::s2s {

namespace {

// The s2s.resolve hook's answer: "host:port host:port ..." with an optional "tls:" prefix.
std::vector<endpoint> parse_endpoints(const std::string& text) {
  std::vector<endpoint> result;
  std::istringstream in(text);
  std::string word;
  while (in >> word) {
    endpoint ep;
    if (word.rfind("tls:", 0) == 0) {
      ep.direct_tls = true;
      word = word.substr(4);
    }
    auto colon = word.rfind(':');
    if (colon == std::string::npos) continue;
    ep.host = word.substr(0, colon);
    if (ep.host.size() > 2 && ep.host.front() == '[')
      ep.host = ep.host.substr(1, ep.host.size() - 2);
    try {
      ep.port = static_cast<std::uint16_t>(std::stoi(word.substr(colon + 1)));
    } catch (const std::exception&) {
      continue;
    }
    result.push_back(std::move(ep));
  }
  return result;
}

void connect(outbound_actor* self, std::vector<endpoint> endpoints) {
  auto& st = self->state;
  if (st.phase == out_phase::closing) return;
  if (endpoints.empty())
    return give_up(self, stanza_error::remote_server_not_found, "no address for " + st.remote);
  st.phase = out_phase::connecting;
  auto timeout =
      std::chrono::duration_cast<std::chrono::milliseconds>(st.ctx->config().connect_timeout);
  self->spawn(connector, std::move(endpoints), timeout, caf::actor{self});
}

void resolve(outbound_actor* self) {
  auto& st = self->state;
  hooks::run_chain(self, hooks_of(*st.ctx, st.local), hooks::hook_id::s2s_resolve,
                   caf::make_message(atoms::s2s_resolve::value, st.local, st.remote),
                   [self](hooks::chain_result r) {
                     auto& st = self->state;
                     if (r.handled && r.payload.match_elements<std::string>())
                       return connect(self, parse_endpoints(r.payload.get_as<std::string>(0)));
                     self->request(st.ctx->resolver, st.ctx->config().connect_timeout,
                                   atoms::resolve::value, st.remote)
                         .then([self](const std::vector<endpoint>& eps) { connect(self, eps); },
                               [self](const caf::error&) {
                                 give_up(self, stanza_error::remote_server_not_found,
                                         "resolver failed");
                               });
                   });
}

// s2s.allow, then the dialback secret, then the endpoints.
void start(outbound_actor* self) {
  auto& st = self->state;
  auto table = hooks_of(*st.ctx, st.local);
  hooks::run_chain(
      self, table, hooks::hook_id::s2s_allow,
      caf::make_message(atoms::s2s_allow::value, st.local, st.remote, false),
      [self, table](hooks::chain_result r) {
        auto& st = self->state;
        if (r.handled && r.payload.match_elements<bool>() && !r.payload.get_as<bool>(0))
          return give_up(self, stanza_error::remote_server_not_found,
                         "federation with " + st.remote + " is not allowed (s2s.allow)");
        hooks::run_chain(self, table, hooks::hook_id::s2s_dialback_secret,
                         caf::make_message(atoms::dialback_secret::value, st.local),
                         [self](hooks::chain_result r) {
                           auto& st = self->state;
                           st.secret = st.ctx->secret;
                           if (r.handled && r.payload.match_elements<std::string>())
                             st.secret = r.payload.get_as<std::string>(0);
                           resolve(self);
                         });
      });
}

void on_connected(outbound_actor* self, int fd, bool direct_tls, const std::string& peer) {
  auto& st = self->state;
  st.io.socket = spawn_socket_broker(self->system(), fd, caf::actor{self});
  st.io.peer = peer;
  st.phase = out_phase::negotiating;
  self->monitor(st.io.socket);
  log::info("s2s-out", "#", st.io.id, " ", st.local, " -> ", st.remote, ": connected to ", peer,
            direct_tls ? " (direct TLS)" : "");
  if (direct_tls) {
    auto session =
        std::make_unique<tls::stream>(st.ctx->trust->client_context(st.local), st.remote);
    session->request_peer_certificate(st.ctx->trust->store());
    start_tls(self, st.io, std::move(session));
    return;  // the header goes out once TLS is up (on_tls_established)
  }
  send_header(self);
  flush(self, st.io);
}

// Writes queued stanzas, each through s2s.out_filter (in order: one request at a time).
void drain_queue(outbound_actor* self) {
  auto& st = self->state;
  auto table = hooks_of(*st.ctx, st.local);
  bool filtered = !table->chain(hooks::hook_id::s2s_out_filter).empty();
  while (st.phase == out_phase::ready && !st.filtering && !st.queue.empty()) {
    auto stanza = std::move(st.queue.front());
    st.queue.pop_front();
    if (!filtered) {
      write_stanza(st.io, *stanza);
      continue;
    }
    st.filtering = true;
    hooks::run_chain(self, table, hooks::hook_id::s2s_out_filter,
                     caf::make_message(atoms::s2s_out_filter::value, st.local, st.remote, stanza),
                     [self, stanza](hooks::chain_result r) {
                       auto& st = self->state;
                       st.filtering = false;
                       if (st.phase != out_phase::ready) return;
                       if (!r.handled) write_stanza(st.io, *stanza);
                       drain_queue(self);
                     });
  }
  st.io.last_activity = std::chrono::steady_clock::now();
  flush(self, st.io);
}

void check_idle(outbound_actor* self) {
  auto& st = self->state;
  if (st.phase == out_phase::closing) return;
  auto idle = st.ctx->config().idle_timeout;
  auto since = std::chrono::steady_clock::now() - st.io.last_activity;
  if (st.phase == out_phase::ready && st.queue.empty() && since >= idle) {
    // The manager forgets this stream first, so no stanza is sent to it after it closed.
    self->request(st.manager, std::chrono::seconds(10), atoms::idle::value)
        .then(
            [self, idle](bool released) {
              auto& st = self->state;
              if (st.phase != out_phase::ready) return;
              if (!released) return self->delayed_send(self, idle, atoms::idle_check::value);
              log::info("s2s-out", "#", st.io.id, " ", st.local, " -> ", st.remote,
                        ": idle, closing");
              st.phase = out_phase::closing;
              close_stream(self, st.io);
              self->quit();
            },
            [self, idle](caf::error&) {
              self->delayed_send(self, idle, atoms::idle_check::value);
            });
    return;
  }
  auto next = idle - std::chrono::duration_cast<std::chrono::seconds>(since);
  self->delayed_send(self, std::max(next, std::chrono::seconds(1)), atoms::idle_check::value);
}

}  // namespace

void become_ready(outbound_actor* self) {
  auto& st = self->state;
  st.phase = out_phase::ready;
  log::info("s2s-out", "#", st.io.id, " ", st.local, " -> ", st.remote, ": authenticated with ",
            st.method);
  stream_authenticated(false, st.method);
  drain_queue(self);
  self->delayed_send(self, st.ctx->config().idle_timeout, atoms::idle_check::value);
}

void give_up(outbound_actor* self, stanza_error condition, const std::string& why) {
  auto& st = self->state;
  if (st.phase == out_phase::closing) return;
  log::info("s2s-out", "#", st.io.id, " ", st.local, " -> ", st.remote, ": failed: ", why, " (",
            st.queue.size(), " stanza(s) bounced with ", condition_name(condition), ")");
  st.phase = out_phase::closing;
  for (const auto& stanza : st.queue)
    if (auto reply = xml::make_error_reply(*stanza, condition))
      self->send(st.ctx->server->router, atoms::route::value, reply);
  st.queue.clear();
  for (auto& v : st.verifies)
    if (v.answer.pending()) v.answer.deliver(dialback_failure(condition));
  st.verifies.clear();
  close_stream(self, st.io);
  self->quit();
}

caf::behavior outbound_stream(outbound_actor* self, s2s_context_ptr ctx, caf::actor manager,
                              std::string local, std::string remote) {
  auto& st = self->state;
  st.ctx = std::move(ctx);
  st.manager = std::move(manager);
  st.local = std::move(local);
  st.remote = std::move(remote);
  st.io.kind = "s2s-out";
  st.io.id = st.ctx->server->next_connection_id++;
  st.events.self = self;
  st.io.parser = std::make_unique<xml::stream_parser>(st.events);
  st.io.on_tls_established = [self] { on_tls_up(self); };
  st.io.on_lost = [self](std::string reason) {
    give_up(self, stanza_error::remote_server_not_found, reason);
  };
  track_stream(self, false);
  self->set_down_handler([self](caf::down_msg&) {
    auto& st = self->state;
    if (st.phase == out_phase::closing) return self->quit();
    give_up(self, stanza_error::remote_server_not_found, "connection lost");
  });
  self->delayed_send(self, st.ctx->config().connect_timeout, atoms::deadline::value);
  start(self);
  return {
      [self](atoms::route, const xml::element_ptr& stanza) {
        auto& st = self->state;
        st.queue.push_back(stanza);
        drain_queue(self);
      },
      [self](atoms::db_verify, const std::string& stream_id, const std::string& key) {
        auto& st = self->state;
        auto answer = self->make_response_promise();
        if (st.phase == out_phase::closing) {
          answer.deliver(dialback_failure(stanza_error::remote_server_not_found));
          return answer;
        }
        st.verifies.push_back({stream_id, key, answer, false});
        send_verifies(self);
        flush(self, st.io);
        return answer;
      },
      [self](atoms::connected, int fd, bool direct_tls, const std::string& peer) {
        if (self->state.phase == out_phase::closing) {
          ::close(fd);  // gave up meanwhile
          return;
        }
        on_connected(self, fd, direct_tls, peer);
      },
      [self](atoms::connect_failed, const std::string& why) {
        give_up(self, stanza_error::remote_server_not_found, why);
      },
      [self](atoms::data, const std::string& bytes) { receive(self, self->state.io, bytes); },
      [self](atoms::closed) {
        give_up(self, stanza_error::remote_server_not_found, "connection closed by the peer");
      },
      [self](atoms::deadline) {
        auto& st = self->state;
        if (st.phase == out_phase::ready || st.phase == out_phase::closing) return;
        give_up(self, stanza_error::remote_server_timeout,
                "not authenticated within s2s.connect_timeout");
      },
      [self](atoms::idle_check) { check_idle(self); },
      [self](atoms::shutdown) {
        auto& st = self->state;
        if (st.phase == out_phase::ready) {
          st.phase = out_phase::closing;
          close_stream(self, st.io);
          return self->quit();
        }
        give_up(self, stanza_error::remote_server_not_found, "server shutting down");
      },
  };
}

}  // namespace djabberd::s2s
