// First-answer chain runner: request/then per handler, decline or failure moves to the next one.
#include "actors/hooks/run_chain.hpp"

#include "actors/atoms.hpp"
#include "actors/log.hpp"

namespace djabberd::hooks {

namespace {

struct chain_run {
  hook_table_ptr table;
  hook_id id;
  caf::message request;
  std::function<void(chain_result)> done;
  std::size_t next = 0;
};

void step(caf::event_based_actor* self, std::shared_ptr<chain_run> run) {
  const auto& chain = run->table->chain(run->id);
  if (run->next >= chain.size()) {
    run->done(chain_result{});
    return;
  }
  const registration& reg = chain[run->next++];
  reg.counters->calls++;
  self->request(reg.handler, run->table->timeout(run->id), run->request)
      .then(
          [self, run, counters = reg.counters](caf::atom_value verdict, caf::message& payload) {
            if (verdict == atoms::handled::value) {
              counters->handled++;
              run->done(chain_result{true, std::move(payload)});
            } else {
              counters->declined++;
              step(self, run);
            }
          },
          [self, run, counters = reg.counters, plugin = reg.plugin](caf::error& err) {
            counters->failed++;
            log::warn("hooks", "hook ", name(run->id), ": handler of plugin '", plugin,
                      "' failed (", self->system().render(err), "); treated as declined");
            step(self, run);
          });
}

}  // namespace

void run_chain(caf::event_based_actor* self, hook_table_ptr table, hook_id id, caf::message request,
               std::function<void(chain_result)> done) {
  auto run = std::make_shared<chain_run>(
      chain_run{std::move(table), id, std::move(request), std::move(done)});
  step(self, std::move(run));
}

}  // namespace djabberd::hooks
