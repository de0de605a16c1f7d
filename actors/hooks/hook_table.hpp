// The handler chains of one virtual host: which actors join which hook, in which order.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <caf/actor.hpp>

#include "actors/hooks/hook_id.hpp"

namespace djabberd::hooks {

/// Counters of one handler in one chain (shown by djabberctl, read by tests).
struct handler_counters {
  std::atomic<std::uint64_t> calls{0};
  std::atomic<std::uint64_t> handled{0};
  std::atomic<std::uint64_t> declined{0};
  std::atomic<std::uint64_t> failed{0};  ///< errors and timeouts; counted as declined
  /// Time from asking the handler to its answer (or error), summed over calls, in microseconds.
  std::atomic<std::uint64_t> busy_us{0};
};

/// One handler actor joining one hook.
struct registration {
  hook_id hook;
  int priority = 0;  ///< higher runs first; equal priorities keep configuration order
  caf::actor handler;
  std::string plugin;  ///< the plugin that registered it, for logs and counters
  std::shared_ptr<handler_counters> counters = std::make_shared<handler_counters>();
};

/// All chains of one vhost. Built at start-up, then shared read-only by every session of the vhost.
class hook_table {
 public:
  hook_table();

  /// Adds a handler, keeping the chain ordered by descending priority (stable).
  void add(registration r);

  /// The handlers of a hook, in the order they run.
  const std::vector<registration>& chain(hook_id id) const {
    return chains_[static_cast<std::size_t>(id)];
  }

  /// Whether a plugin of that name registered any handler: the core switches protocols it
  /// implements itself (PEP, last activity of accounts) on when the vhost lists their plugin.
  bool has_plugin(std::string_view plugin) const;

  /// How long one handler may take before it counts as declined.
  std::chrono::milliseconds timeout(hook_id id) const {
    return timeouts_[static_cast<std::size_t>(id)];
  }

  void set_timeout(hook_id id, std::chrono::milliseconds t) {
    timeouts_[static_cast<std::size_t>(id)] = t;
  }

  /// Sets the timeout of every hook.
  void set_all_timeouts(std::chrono::milliseconds t);

  /// The first handler `plugin` registered on any hook (in catalog order), or an invalid actor:
  /// the core's answer to plugin.lookup when no handler takes it.
  caf::actor handler_of(std::string_view plugin) const;

 private:
  std::array<std::vector<registration>, hook_count> chains_;
  std::array<std::chrono::milliseconds, hook_count> timeouts_;
};

using hook_table_ptr = std::shared_ptr<const hook_table>;

/// What a stats.collect handler answers: its own counters as (name, value) pairs.
using stat_samples = std::vector<std::pair<std::string, std::uint64_t>>;

/// One handler actor joining several hooks: what a plugin's start function usually returns (the
/// loader sets priority and plugin name).
inline std::vector<registration> join(const caf::actor& handler,
                                      std::initializer_list<hook_id> ids) {
  std::vector<registration> result;
  for (auto id : ids) {
    registration r;
    r.hook = id;
    r.handler = handler;
    result.push_back(std::move(r));
  }
  return result;
}

}  // namespace djabberd::hooks
