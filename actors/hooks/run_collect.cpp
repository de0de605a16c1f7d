// Collect chain runner: gathers the payload of every handled answer.
#include "actors/hooks/run_collect.hpp"

#include "actors/hooks/sequence.hpp"

namespace djabberd::hooks {

void run_collect(caf::event_based_actor* self, hook_table_ptr table, hook_id id,
                 caf::message request, std::function<void(std::vector<caf::message>)> done) {
  auto parts = std::make_shared<std::vector<caf::message>>();
  auto seq = std::make_shared<sequence>();
  seq->table = std::move(table);
  seq->id = id;
  seq->request = [request = std::move(request)] { return request; };
  seq->answer = [parts](bool handled, caf::message& payload) {
    if (handled) parts->push_back(std::move(payload));
    return false;
  };
  seq->finish = [parts, done = std::move(done)] { done(std::move(*parts)); };
  run_sequence(self, std::move(seq));
}

}  // namespace djabberd::hooks
