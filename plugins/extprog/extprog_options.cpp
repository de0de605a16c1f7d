// read_extprog_options: validation of the extprog settings.
#include "plugins/extprog/extprog_options.hpp"

#include <algorithm>

#include "plugins/child_program/program_setting.hpp"
#include "plugins/extprog/extprog_protocol.hpp"

namespace djabberd::plugins::extprog {

extprog_options read_extprog_options(const config::plugin_settings& settings,
                                     const std::filesystem::path& config_dir) {
  settings.allow_only({"program", "args", "hooks", "timeout_ms", "instances", "restart_delay_ms"});
  extprog_options options;
  options.program = child_program::read_program_path(settings, config_dir, "program");
  options.args = settings.get_string_list("args");
  for (const auto& name : settings.get_string_list("hooks")) {
    auto id = hooks::from_name(name);
    if (!id || !is_supported(*id))
      settings.fail("hooks", "'" + name + "' is not a hook extprog supports (supported: " +
                                 supported_hook_names() + ")");
    if (std::find(options.hooks.begin(), options.hooks.end(), *id) != options.hooks.end())
      settings.fail("hooks", "'" + name + "' is listed twice");
    options.hooks.push_back(*id);
  }
  if (options.hooks.empty())
    settings.fail("hooks", "required: the hooks the program answers, e.g. [\"roster.get\"]");
  options.timeout = std::chrono::milliseconds{settings.get_int("timeout_ms", 2000, 10, 600000)};
  options.instances = static_cast<int>(settings.get_int("instances", 1, 1, 64));
  options.restart_delay =
      std::chrono::milliseconds{settings.get_int("restart_delay_ms", 1000, 0, 3600000)};
  return options;
}

}  // namespace djabberd::plugins::extprog
