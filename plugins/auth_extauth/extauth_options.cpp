// read_extauth_options: validation of the auth_extauth settings.
#include "plugins/auth_extauth/extauth_options.hpp"

#include "plugins/child_program/program_setting.hpp"

namespace djabberd::plugins::auth_extauth {

extauth_options read_extauth_options(const config::plugin_settings& settings,
                                     const std::filesystem::path& config_dir) {
  settings.allow_only({"program", "args", "timeout_ms", "instances", "restart_delay_ms"});
  extauth_options options;
  options.program = child_program::read_program_path(settings, config_dir, "extauth program");
  options.args = settings.get_string_list("args");
  options.timeout = std::chrono::milliseconds{settings.get_int("timeout_ms", 1500, 10, 600000)};
  options.instances = static_cast<int>(settings.get_int("instances", 1, 1, 64));
  options.restart_delay =
      std::chrono::milliseconds{settings.get_int("restart_delay_ms", 1000, 0, 3600000)};
  return options;
}

}  // namespace djabberd::plugins::auth_extauth
