// extauth_child_actor: blocking exchanges with one program, restart after failures.
#include "plugins/auth_extauth/extauth_child_actor.hpp"

#include <string>

#include <caf/event_based_actor.hpp>

#include "actors/log.hpp"
#include "plugins/auth_extauth/extauth_atoms.hpp"

namespace djabberd::plugins::auth_extauth {

namespace {

constexpr std::string_view component = "auth_extauth";

using child_actor = caf::stateful_actor<extauth_child_state>;

void schedule_restart(child_actor* self) {
  auto& st = self->state;
  if (st.restart_scheduled) return;
  st.restart_scheduled = true;
  self->delayed_send(self, st.options.restart_delay, restart_atom::value);
}

void start_process(child_actor* self) {
  auto& st = self->state;
  std::string error;
  st.process = child_process::spawn(st.options.program, st.options.args, error);
  if (!st.process) {
    log::warn(component, "instance ", st.index, ": ", error, "; retrying in ",
              st.options.restart_delay.count(), " ms");
    schedule_restart(self);
    return;
  }
  log::info(component, "instance ", st.index, ": started ", st.options.program.string(), " (pid ",
            st.process->pid(), ")");
}

int ask(child_actor* self, const std::string& frame) {
  auto& st = self->state;
  if (!st.process) return answer_failed;
  auto outcome = st.process->exchange(frame, st.options.timeout);
  if (outcome == exchange_outcome::accepted) return answer_yes;
  if (outcome == exchange_outcome::refused) return answer_no;
  const pid_t pid = st.process->pid();
  std::string ended = st.process->kill_and_reap();
  st.process.reset();
  log::warn(component, "instance ", st.index, " (pid ", pid, "): ", describe(outcome), "; ", ended,
            "; request declined, restarting in ", st.options.restart_delay.count(), " ms");
  schedule_restart(self);
  return answer_failed;
}

}  // namespace

caf::behavior extauth_child_actor(child_actor* self, extauth_options options, int index) {
  self->state.options = std::move(options);
  self->state.index = index;
  start_process(self);
  return {
      [self](ask_atom, const std::string& frame) { return ask(self, frame); },
      [self](restart_atom) {
        self->state.restart_scheduled = false;
        if (!self->state.process) start_process(self);
      },
  };
}

}  // namespace djabberd::plugins::auth_extauth
