// First-answer chain runner: the first handled answer stops the walk.
#include "actors/hooks/run_chain.hpp"

#include "actors/hooks/sequence.hpp"

namespace djabberd::hooks {

void run_chain(caf::event_based_actor* self, hook_table_ptr table, hook_id id, caf::message request,
               std::function<void(chain_result)> done) {
  auto result = std::make_shared<chain_result>();
  auto seq = std::make_shared<sequence>();
  seq->table = std::move(table);
  seq->id = id;
  seq->request = [request = std::move(request)] { return request; };
  seq->answer = [result](bool handled, caf::message& payload) {
    if (!handled) return false;
    *result = chain_result{true, std::move(payload)};
    return true;
  };
  seq->finish = [result, walk = seq.get(), done = std::move(done)] {
    result->failed = !result->handled && walk->failed;
    done(std::move(*result));
  };
  run_sequence(self, std::move(seq));
}

}  // namespace djabberd::hooks
