// The settings of the extprog plugin, read and validated from its [[vhosts.plugins]] table.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "actors/hooks/hook_id.hpp"
#include "config/plugin_settings.hpp"

namespace djabberd::plugins::extprog {

/// How to run and talk to the operator's program.
struct extprog_options {
  std::filesystem::path program;            ///< absolute path of the executable
  std::vector<std::string> args;            ///< arguments after argv[0]
  std::vector<hooks::hook_id> hooks;        ///< the hooks the program answers, in config order
  std::chrono::milliseconds timeout{2000};  ///< per request, from writing it to its reply
  int instances = 1;                        ///< programs started, used round-robin
  std::chrono::milliseconds restart_delay{1000};  ///< before restarting a failed program
};

/// Reads `program` (required; relative paths resolve against `config_dir`), `args`, `hooks`
/// (required, non-empty, each a hook extprog supports, no duplicates), `timeout_ms`,
/// `instances` and `restart_delay_ms`. Throws config::config_error naming file, line and key.
extprog_options read_extprog_options(const config::plugin_settings& settings,
                                     const std::filesystem::path& config_dir);

}  // namespace djabberd::plugins::extprog
