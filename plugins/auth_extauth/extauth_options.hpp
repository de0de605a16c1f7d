// The settings of the auth_extauth plugin, read and validated from its [[vhosts.plugins]] table.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "config/plugin_settings.hpp"

namespace djabberd::plugins::auth_extauth {

/// How to run and talk to the extauth program.
struct extauth_options {
  std::filesystem::path program;  ///< absolute path of the executable
  std::vector<std::string> args;  ///< arguments after argv[0]
  /// Per request, write + reply; below [hooks] auth_timeout_ms (2000) so the program is
  /// killed before the login itself times out.
  std::chrono::milliseconds timeout{1500};
  int instances = 1;                              ///< child processes, used round-robin
  std::chrono::milliseconds restart_delay{1000};  ///< before restarting a failed child
};

/// Reads `program` (required; relative paths resolve against `config_dir`), `args`,
/// `timeout_ms`, `instances` and `restart_delay_ms`. Throws config::config_error naming file,
/// line and key for unknown keys, bad values, or a program that is not an executable file.
extauth_options read_extauth_options(const config::plugin_settings& settings,
                                     const std::filesystem::path& config_dir);

}  // namespace djabberd::plugins::auth_extauth
