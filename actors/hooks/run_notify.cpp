// Notify chain runner: a throwaway actor walks the chain so the caller never waits.
#include "actors/hooks/run_notify.hpp"

#include <caf/event_based_actor.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/sequence.hpp"

namespace djabberd::hooks {

namespace {

caf::behavior notify_runner(caf::event_based_actor* self, hook_table_ptr table, hook_id id,
                            caf::message request) {
  auto seq = std::make_shared<sequence>();
  seq->table = std::move(table);
  seq->id = id;
  seq->request = [request = std::move(request)] { return request; };
  seq->answer = [](bool, caf::message&) { return false; };
  seq->finish = [self] { self->quit(); };
  run_sequence(self, std::move(seq));
  return {[](atoms::shutdown) {}};
}

}  // namespace

void run_notify(caf::actor_system& sys, hook_table_ptr table, hook_id id, caf::message request) {
  if (table->chain(id).empty()) return;
  sys.spawn(notify_runner, std::move(table), id, std::move(request));
}

}  // namespace djabberd::hooks
