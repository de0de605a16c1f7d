// The s2s manager: outbound streams by (local, remote) domain pair, inbound streams for shutdown.
#include "actors/s2s/manager.hpp"

#include <map>
#include <set>

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "actors/s2s/outbound_state.hpp"
#include "stanza/jid.hpp"

namespace djabberd::s2s {

namespace {

using domain_pair = std::pair<std::string, std::string>;

struct manager_state {
  s2s_context_ptr ctx;
  std::map<domain_pair, caf::actor> outbound;
  std::map<caf::actor_addr, domain_pair> pair_of;
  std::set<caf::actor_addr> inbound;
  bool stopping = false;
  caf::response_promise stopped;
  static inline const char* name = "s2s-manager";
};

using manager_actor = caf::stateful_actor<manager_state>;

caf::actor stream_for(manager_actor* self, const std::string& local, const std::string& remote) {
  auto& st = self->state;
  domain_pair key{local, remote};
  if (auto it = st.outbound.find(key); it != st.outbound.end()) return it->second;
  auto stream = self->spawn(outbound_stream, st.ctx, caf::actor{self}, local, remote);
  self->monitor(stream);
  st.pair_of[stream.address()] = key;
  st.outbound.emplace(key, stream);
  return stream;
}

void check_stopped(manager_actor* self) {
  auto& st = self->state;
  if (st.stopping && st.outbound.empty() && st.inbound.empty() && st.stopped.pending())
    st.stopped.deliver(true);
}

}  // namespace

caf::actor spawn_manager(caf::actor_system& sys, s2s_context_ptr ctx) {
  return sys.spawn([ctx = std::move(ctx)](manager_actor* self) -> caf::behavior {
    self->state.ctx = ctx;
    self->set_down_handler([self](caf::down_msg& msg) {
      auto& st = self->state;
      st.inbound.erase(msg.source);
      if (auto it = st.pair_of.find(msg.source); it != st.pair_of.end()) {
        auto stream = st.outbound.find(it->second);
        if (stream != st.outbound.end() && stream->second.address() == msg.source)
          st.outbound.erase(stream);
        st.pair_of.erase(it);
      }
      check_stopped(self);
    });
    return {
        [self](atoms::route, const xml::element_ptr& stanza) {
          auto from = jid::parse(stanza->attr_or("from"));
          auto to = jid::parse(stanza->attr_or("to"));
          if (!from || !to || self->state.stopping) return;
          if (self->state.ctx->server->find_vhost(from->domain()) == nullptr) {
            log::debug("s2s", "dropped a stanza from non-local ", from->domain(), " to ",
                       to->domain());
            return;
          }
          self->send(stream_for(self, from->domain(), to->domain()), atoms::route::value, stanza);
        },
        [self](atoms::db_verify, const std::string& local, const std::string& remote,
               const std::string& stream_id, const std::string& key) {
          auto stream = stream_for(self, local, remote);
          return self->delegate(stream, atoms::db_verify::value, stream_id, key);
        },
        // An idle outbound stream asks to be released before it closes: from the answer on, new
        // stanzas for its pair go to a new stream, and those sent before reached it first.
        [self](atoms::idle) {
          auto& st = self->state;
          auto sender = self->current_sender();
          auto it = st.pair_of.find(caf::actor_cast<caf::actor_addr>(sender));
          if (it == st.pair_of.end()) return false;
          st.outbound.erase(it->second);
          st.pair_of.erase(it);
          return true;
        },
        [self](atoms::s2s_stream) {
          auto sender = caf::actor_cast<caf::actor>(self->current_sender());
          if (!sender) return;
          self->monitor(sender);
          self->state.inbound.insert(sender.address());
        },
        [self](atoms::shutdown) {
          auto& st = self->state;
          st.stopping = true;
          st.stopped = self->make_response_promise();
          for (auto& [_, stream] : st.outbound) self->send(stream, atoms::shutdown::value);
          for (const auto& addr : st.inbound)
            if (auto stream = caf::actor_cast<caf::actor>(addr))
              self->send(stream, atoms::shutdown::value);
          check_stopped(self);
          return st.stopped;
        },
    };
  });
}

}  // namespace djabberd::s2s
