// Test handlers and a fixture shared by the hook tests (chain, collect, transform, notify, plugin
// lookup).
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/stateful_actor.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/hook_table.hpp"
#include "actors/hooks/reply.hpp"

namespace djabberd::hooks::testing {

using namespace std::chrono_literals;

/// The hook the tests run; its request shape (atom, string, string) suits every kind: collect and
/// notify send (atom, "localhost", "alice"), transform sends (atom, "localhost") + value.
inline constexpr hook_id test_hook = hook_id::auth_user_exists;

using fire_atom = caf::atom_constant<caf::atom("fire")>;

/// Names of the handlers in the order they were asked, with the value each one saw.
class trace {
 public:
  void add(const std::string& entry) {
    std::lock_guard<std::mutex> guard{mutex_};
    entries_.push_back(entry);
  }
  std::vector<std::string> entries() const {
    std::lock_guard<std::mutex> guard{mutex_};
    return entries_;
  }
  /// Waits up to `timeout` until at least `n` entries were added.
  bool wait_for(std::size_t n, std::chrono::milliseconds timeout = 5s) const {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (entries().size() >= n) return true;
      std::this_thread::sleep_for(5ms);
    }
    return entries().size() >= n;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> entries_;
};

using trace_ptr = std::shared_ptr<trace>;

/// The request of collect and notify tests.
inline caf::message request() {
  return caf::make_message(atoms::auth_user_exists::value, std::string{"localhost"},
                           std::string{"alice"});
}

/// Declines (logs "name").
inline caf::behavior declining(caf::event_based_actor*, trace_ptr log, std::string name) {
  return {[=](atoms::auth_user_exists, const std::string&, const std::string&) -> reply {
    log->add(name);
    return declined();
  }};
}

/// Answers handled("name:value").
inline caf::behavior handling(caf::event_based_actor*, trace_ptr log, std::string name) {
  return {[=](atoms::auth_user_exists, const std::string&, const std::string& value) -> reply {
    log->add(name);
    return handled(name + ":" + value);
  }};
}

/// Answers with an error.
inline caf::behavior failing(caf::event_based_actor*, trace_ptr log, std::string name) {
  return {[=](atoms::auth_user_exists, const std::string&, const std::string&) -> reply {
    log->add(name);
    return caf::make_error(caf::sec::runtime_error);
  }};
}

/// Throws from its handler (the actor dies).
inline caf::behavior crashing(caf::event_based_actor*, trace_ptr log, std::string name) {
  return {[=](atoms::auth_user_exists, const std::string&, const std::string&) -> reply {
    log->add(name);
    throw std::runtime_error("handler crashed");
  }};
}

struct promise_state {
  std::vector<promise> pending;
  std::vector<std::string> values;
};

/// Answers handled("name:value") through a promise 20 ms later.
inline caf::behavior late(caf::stateful_actor<promise_state>* self, trace_ptr log,
                          std::string name) {
  return {
      [=](atoms::auth_user_exists, const std::string&, const std::string& value) -> reply {
        log->add(name);
        auto rp = self->make_response_promise<caf::atom_value, caf::message>();
        self->state.pending.push_back(rp);
        self->state.values.push_back(value);
        self->delayed_send(self, 20ms, fire_atom::value);
        return rp;
      },
      [=](fire_atom) {
        for (std::size_t i = 0; i < self->state.pending.size(); ++i)
          deliver_handled(self->state.pending[i], name + ":" + self->state.values[i]);
        self->state.pending.clear();
        self->state.values.clear();
      },
  };
}

/// Keeps the promise forever and never answers.
inline caf::behavior silent(caf::stateful_actor<promise_state>* self, trace_ptr log,
                            std::string name) {
  return {[=](atoms::auth_user_exists, const std::string&, const std::string&) -> reply {
    log->add(name);
    self->state.pending.push_back(self->make_response_promise<caf::atom_value, caf::message>());
    return self->state.pending.back();
  }};
}

/// An actor system, a trace and a hook table the tests fill with handlers.
class HookFixture : public ::testing::Test {
 protected:
  HookFixture() : system_{config_}, log_{std::make_shared<trace>()} {}

  // A handler holding an undelivered promise keeps a reference to itself (CAF 0.17): stop all
  // handlers explicitly, otherwise the actor system's destructor waits forever.
  ~HookFixture() override {
    caf::scoped_actor self{system_};
    for (auto& h : handlers_) self->send_exit(h, caf::exit_reason::user_shutdown);
  }

  /// Spawns a handler and adds it to the chain; returns its counters.
  template <class F>
  std::shared_ptr<handler_counters> add(F fun, const std::string& name, int priority = 0) {
    registration r;
    r.hook = test_hook;
    r.priority = priority;
    r.plugin = name;
    r.handler = system_.spawn(fun, log_, name);
    handlers_.push_back(r.handler);
    table_->add(r);
    return r.counters;
  }

  caf::actor_system_config config_;
  caf::actor_system system_;
  trace_ptr log_;
  std::shared_ptr<hook_table> table_ = std::make_shared<hook_table>();
  std::vector<caf::actor> handlers_;
};

using names = std::vector<std::string>;

}  // namespace djabberd::hooks::testing
