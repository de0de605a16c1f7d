// Asks each handler of a chain with request/then; errors and timeouts count as declined.
#include "actors/hooks/sequence.hpp"

#include <chrono>

#include "actors/atoms.hpp"
#include "actors/log.hpp"

namespace djabberd::hooks {

namespace {

void add_busy_time(handler_counters& counters, std::chrono::steady_clock::time_point asked) {
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                  asked);
  counters.busy_us += static_cast<std::uint64_t>(us.count());
}

}  // namespace

void run_sequence(caf::event_based_actor* self, std::shared_ptr<sequence> seq) {
  const auto& chain = seq->table->chain(seq->id);
  if (seq->next >= chain.size()) {
    seq->finish();
    return;
  }
  const registration& reg = chain[seq->next++];
  reg.counters->calls++;
  auto asked = std::chrono::steady_clock::now();
  self->request(reg.handler, seq->table->timeout(seq->id), seq->request())
      .then(
          [self, seq, counters = reg.counters, asked](caf::atom_value verdict,
                                                      caf::message& payload) {
            add_busy_time(*counters, asked);
            const bool handled = verdict == atoms::handled::value;
            (handled ? counters->handled : counters->declined)++;
            if (seq->answer(handled, payload))
              seq->finish();
            else
              run_sequence(self, seq);
          },
          [self, seq, counters = reg.counters, plugin = reg.plugin, asked](caf::error& err) {
            add_busy_time(*counters, asked);
            counters->failed++;
            seq->failed = true;
            log::warn("hooks", "hook ", name(seq->id), ": handler of plugin '", plugin,
                      "' failed (", self->system().render(err), "); treated as declined");
            caf::message none;
            if (seq->answer(false, none))
              seq->finish();
            else
              run_sequence(self, seq);
          });
}

}  // namespace djabberd::hooks
