// read_extauth_options: validation of the auth_extauth settings.
#include "plugins/auth_extauth/extauth_options.hpp"

#include <system_error>

#include <unistd.h>

namespace djabberd::plugins::auth_extauth {

extauth_options read_extauth_options(const config::plugin_settings& settings,
                                     const std::filesystem::path& config_dir) {
  settings.allow_only({"program", "args", "timeout_ms", "instances", "restart_delay_ms"});
  extauth_options options;
  std::string program = settings.get_string("program", "");
  if (program.empty()) settings.fail("program", "required: the path of the extauth program to run");
  std::filesystem::path path{program};
  if (path.is_relative()) path = config_dir / path;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec) || ::access(path.c_str(), X_OK) != 0)
    settings.fail("program", "'" + path.string() + "' is not an executable file");
  options.program = path.lexically_normal();
  options.args = settings.get_string_list("args");
  options.timeout = std::chrono::milliseconds{settings.get_int("timeout_ms", 1500, 10, 600000)};
  options.instances = static_cast<int>(settings.get_int("instances", 1, 1, 64));
  options.restart_delay =
      std::chrono::milliseconds{settings.get_int("restart_delay_ms", 1000, 0, 3600000)};
  return options;
}

}  // namespace djabberd::plugins::auth_extauth
