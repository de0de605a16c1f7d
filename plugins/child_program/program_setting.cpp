// read_program_path: the `program` setting, checked to be an executable file.
#include "plugins/child_program/program_setting.hpp"

#include <string>
#include <system_error>

#include <unistd.h>

namespace djabberd::plugins::child_program {

std::filesystem::path read_program_path(const config::plugin_settings& settings,
                                        const std::filesystem::path& config_dir,
                                        std::string_view what) {
  std::string program = settings.get_string("program", "");
  if (program.empty())
    settings.fail("program", "required: the path of the " + std::string{what} + " to run");
  std::filesystem::path path{program};
  if (path.is_relative()) path = config_dir / path;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec) || ::access(path.c_str(), X_OK) != 0)
    settings.fail("program", "'" + path.string() + "' is not an executable file");
  return path.lexically_normal();
}

}  // namespace djabberd::plugins::child_program
