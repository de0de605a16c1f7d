// The pool actor: a queue of requests and a list of idle workers.
#include "plugins/postgres/pg_pool.hpp"

#include <deque>
#include <utility>
#include <vector>

#include <caf/atom.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/message.hpp>
#include <caf/message_view.hpp>
#include <caf/response_promise.hpp>
#include <caf/stateful_actor.hpp>

namespace djabberd::plugins::postgres {

namespace {

// The pool's one own message: an event-based actor whose behavior is empty terminates at once,
// and every hook message goes to the default handler, so the behavior answers this private
// type (local only, no atom needed) with the number of workers.
struct pool_size_query {};

struct pending_request {
  caf::message request;
  caf::response_promise promise;
};

struct pool_state {
  std::vector<caf::actor> idle;
  std::deque<pending_request> waiting;
  std::size_t size = 0;
};

using pool_actor = caf::stateful_actor<pool_state>;

// Starts waiting requests on idle workers; each worker goes back to the idle list once it
// answered, and takes the next waiting request.
void dispatch(pool_actor* self) {
  while (!self->state.idle.empty() && !self->state.waiting.empty()) {
    caf::actor worker = std::move(self->state.idle.back());
    self->state.idle.pop_back();
    pending_request next = std::move(self->state.waiting.front());
    self->state.waiting.pop_front();
    auto done = [self, worker] {
      self->state.idle.push_back(worker);
      dispatch(self);
    };
    // Infinite: a query ends with an answer or an error (connect_timeout bounds connecting).
    self->request(worker, caf::infinite, std::move(next.request))
        .then(
            [rp = next.promise, done](caf::atom_value tag, caf::message& payload) mutable {
              rp.deliver(tag, std::move(payload));
              done();
            },
            [rp = next.promise, done](caf::error& error) mutable {
              rp.deliver(std::move(error));
              done();
            });
  }
}

caf::behavior pool(pool_actor* self, std::vector<caf::actor> workers) {
  for (const auto& worker : workers) self->link_to(worker);
  self->state.size = workers.size();
  self->state.idle = std::move(workers);
  // Every hook message is forwarded as it is, so the pool does not need to know the hooks.
  self->set_default_handler(
      [](caf::scheduled_actor* base, caf::message_view& x) -> caf::result<caf::message> {
        auto self = static_cast<pool_actor*>(base);
        auto rp = self->make_response_promise();
        self->state.waiting.push_back({x.move_content_to_message(), rp});
        dispatch(self);
        return rp;
      });
  return {
      [self](pool_size_query) { return self->state.size; },
  };
}

}  // namespace

caf::actor spawn_pool(caf::actor_system& system, std::size_t size,
                      const worker_factory& make_worker) {
  std::vector<caf::actor> workers;
  for (std::size_t i = 0; i < size; ++i) workers.push_back(make_worker());
  return system.spawn(pool, std::move(workers));
}

}  // namespace djabberd::plugins::postgres
