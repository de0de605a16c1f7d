// Registry of live connections: monitors each session, broadcasts shutdown.
#include "actors/server/connection_registry.hpp"

#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include <caf/all.hpp>

#include "actors/atoms.hpp"

namespace djabberd {

namespace {

struct registry_state {
  std::unordered_set<caf::actor_addr> live;
  std::vector<caf::response_promise> waiting;  ///< shutdown requests waiting for the last session
  static inline const char* name = "connection-registry";
};

using registry_actor = caf::stateful_actor<registry_state>;

void answer_if_empty(registry_actor* self) {
  if (!self->state.live.empty()) return;
  for (auto& rp : self->state.waiting) rp.deliver(true);
  self->state.waiting.clear();
}

/// How long one session may take to describe itself.
constexpr auto info_timeout = std::chrono::seconds(2);

// Asks every live session for its summary line; answers with the lines that came in time.
caf::response_promise gather_info(registry_actor* self) {
  struct gathering {
    caf::response_promise rp;
    std::vector<std::string> lines;
    std::size_t waiting = 0;
    void done_one() {
      if (--waiting == 0) rp.deliver(std::move(lines));
    }
  };
  auto g = std::make_shared<gathering>();
  g->rp = self->make_response_promise();
  for (const auto& addr : self->state.live)
    if (auto session = caf::actor_cast<caf::actor>(addr)) {
      ++g->waiting;
      self->request(session, info_timeout, atoms::info::value)
          .then(
              [g](std::string& line) {
                g->lines.push_back(std::move(line));
                g->done_one();
              },
              [g](caf::error&) { g->done_one(); });
    }
  if (g->waiting == 0) g->rp.deliver(std::move(g->lines));
  return g->rp;
}

caf::behavior registry(registry_actor* self) {
  self->set_down_handler([self](caf::down_msg& msg) {
    self->state.live.erase(msg.source);
    answer_if_empty(self);
  });
  return {
      [self](atoms::add, caf::actor session) {
        self->monitor(session);
        self->state.live.insert(session.address());
      },
      [self](atoms::count) { return self->state.live.size(); },
      [self](atoms::info) { return gather_info(self); },
      [self](atoms::shutdown) {
        for (const auto& addr : self->state.live)
          if (auto session = caf::actor_cast<caf::actor>(addr))
            self->send(session, atoms::shutdown::value);
        auto rp = self->make_response_promise();
        self->state.waiting.push_back(rp);
        answer_if_empty(self);
        return rp;
      },
  };
}

}  // namespace

caf::actor spawn_connection_registry(caf::actor_system& sys) {
  return sys.spawn(registry);
}

}  // namespace djabberd
