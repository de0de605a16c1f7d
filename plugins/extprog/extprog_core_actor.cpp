// extprog_core_actor: pipelined requests to the programs, timeouts, restarts.
#include "plugins/extprog/extprog_core_actor.hpp"

#include <caf/actor_cast.hpp>
#include <caf/send.hpp>

#include "actors/log.hpp"
#include "plugins/extprog/extprog_atoms.hpp"
#include "plugins/extprog/extprog_protocol.hpp"

namespace djabberd::plugins::extprog {

namespace {

constexpr std::string_view component = "extprog";

using core_actor = caf::stateful_actor<extprog_core_state>;

void schedule_restart(core_actor* self, std::size_t index) {
  auto& inst = self->state.instances[index];
  if (inst.restart_scheduled) return;
  inst.restart_scheduled = true;
  self->delayed_send(self, self->state.options.restart_delay, restart_atom::value, index);
}

void start_instance(core_actor* self, std::size_t index) {
  auto& st = self->state;
  auto& inst = st.instances[index];
  const std::uint64_t generation = ++inst.generation;
  inst.lines = 0;
  // The I/O thread reports through a weak handle: it must not keep this actor alive.
  caf::actor_addr addr = self->address();
  auto on_line = [addr, index, generation](std::string line) {
    if (auto me = caf::actor_cast<caf::actor>(addr))
      caf::anon_send(me, line_atom::value, index, generation, std::move(line));
  };
  auto on_exit = [addr, index, generation](std::string description) {
    if (auto me = caf::actor_cast<caf::actor>(addr))
      caf::anon_send(me, exited_atom::value, index, generation, std::move(description));
  };
  std::string error;
  inst.process = line_process::start(st.options.program, st.options.args, on_line, on_exit, error);
  if (!inst.process) {
    log::warn(component, "instance ", index, ": ", error, "; retrying in ",
              st.options.restart_delay.count(), " ms");
    schedule_restart(self, index);
    return;
  }
  log::info(component, "instance ", index, ": started ", st.options.program.string(), " (pid ",
            inst.process->pid(), ")");
}

// Answers every request pending on `index` with "" (declined).
void fail_pending(core_actor* self, std::size_t index) {
  auto& pending = self->state.pending;
  for (auto i = pending.begin(); i != pending.end();) {
    if (i->second.instance == index) {
      i->second.promise.deliver(std::string{});
      i = pending.erase(i);
    } else {
      ++i;
    }
  }
}

caf::typed_response_promise<std::string> call(core_actor* self, const std::string& hook,
                                              const std::string& vhost, const std::string& inputs) {
  auto& st = self->state;
  auto rp = self->make_response_promise<std::string>();
  const std::size_t n = st.instances.size();
  for (std::size_t tries = 0; tries < n; ++tries) {
    std::size_t index = st.next_instance++ % n;
    auto& inst = st.instances[index];
    if (!inst.process) continue;
    const std::uint64_t id = st.next_id++;
    extprog_pending p;
    p.promise = rp;
    p.instance = index;
    p.generation = inst.generation;
    p.lines_at_send = inst.lines;
    p.hook = hook;
    st.pending.emplace(id, std::move(p));
    inst.process->send(encode_request(id, hook, vhost, inputs));
    self->delayed_send(self, st.options.timeout, timeout_atom::value, id);
    return rp;
  }
  log::warn(component, hook, ": no program is running (restarting); declined");
  rp.deliver(std::string{});
  return rp;
}

void on_line(core_actor* self, std::size_t index, std::uint64_t generation, std::string& line) {
  auto& st = self->state;
  if (index >= st.instances.size() || st.instances[index].generation != generation) return;
  auto& inst = st.instances[index];
  ++inst.lines;
  std::string error;
  auto r = parse_reply(line, error);
  if (!r) {
    constexpr std::size_t shown = 200;
    log::warn(component, "instance ", index, ": malformed reply line ignored (", error,
              "): ", line.substr(0, shown), line.size() > shown ? "..." : "");
    return;
  }
  auto i = st.pending.find(r->id);
  if (i == st.pending.end() || i->second.instance != index) {
    log::warn(component, "instance ", index, ": reply for unknown or expired id ", r->id,
              " ignored");
    return;
  }
  i->second.promise.deliver(std::move(line));
  st.pending.erase(i);
}

void on_timeout(core_actor* self, std::uint64_t id) {
  auto& st = self->state;
  auto i = st.pending.find(id);
  if (i == st.pending.end()) return;
  extprog_pending p = std::move(i->second);
  st.pending.erase(i);
  p.promise.deliver(std::string{});
  auto& inst = st.instances[p.instance];
  const bool silent =
      inst.process && inst.generation == p.generation && inst.lines == p.lines_at_send;
  log::warn(component, "instance ", p.instance, ": ", p.hook, " request ", id,
            ": no reply within timeout_ms (", st.options.timeout.count(), "); declined",
            silent ? "; the program printed nothing since: killing it as hung" : "");
  // The program printed nothing since this request was written: it is hung (a program that
  // answers other requests meanwhile is only slow for this one and keeps running).
  if (silent) inst.process->kill();
}

void on_exited(core_actor* self, std::size_t index, std::uint64_t generation,
               const std::string& description) {
  auto& st = self->state;
  if (index >= st.instances.size() || st.instances[index].generation != generation) return;
  auto& inst = st.instances[index];
  const auto pid = inst.process ? inst.process->pid() : 0;
  inst.process.reset();  // the I/O thread has finished: the join returns at once
  log::warn(component, "instance ", index, " (pid ", pid, ") ", description,
            "; its pending requests are declined, restarting in ", st.options.restart_delay.count(),
            " ms");
  fail_pending(self, index);
  schedule_restart(self, index);
}

}  // namespace

caf::behavior extprog_core_actor(core_actor* self, extprog_options options) {
  auto& st = self->state;
  st.options = std::move(options);
  st.instances.resize(static_cast<std::size_t>(st.options.instances));
  for (std::size_t i = 0; i < st.instances.size(); ++i) start_instance(self, i);
  return {
      [self](call_atom, const std::string& hook, const std::string& vhost,
             const std::string& inputs) { return call(self, hook, vhost, inputs); },
      [self](line_atom, std::size_t index, std::uint64_t generation, std::string& line) {
        on_line(self, index, generation, line);
      },
      [self](exited_atom, std::size_t index, std::uint64_t generation,
             const std::string& description) { on_exited(self, index, generation, description); },
      [self](timeout_atom, std::uint64_t id) { on_timeout(self, id); },
      [self](restart_atom, std::size_t index) {
        auto& inst = self->state.instances[index];
        inst.restart_scheduled = false;
        if (!inst.process) start_instance(self, index);
      },
  };
}

}  // namespace djabberd::plugins::extprog
