// Transform chain runner: each handled answer replaces the value passed down the chain.
#include "actors/hooks/run_transform.hpp"

#include "actors/hooks/sequence.hpp"

namespace djabberd::hooks {

void run_transform(caf::event_based_actor* self, hook_table_ptr table, hook_id id,
                   caf::message prefix, caf::message value,
                   std::function<void(caf::message)> done) {
  auto current = std::make_shared<caf::message>(std::move(value));
  auto seq = std::make_shared<sequence>();
  seq->table = std::move(table);
  seq->id = id;
  seq->request = [prefix = std::move(prefix), current] { return prefix + *current; };
  seq->answer = [current](bool handled, caf::message& payload) {
    if (handled) *current = std::move(payload);
    return false;
  };
  seq->finish = [current, done = std::move(done)] { done(std::move(*current)); };
  run_sequence(self, std::move(seq));
}

}  // namespace djabberd::hooks
