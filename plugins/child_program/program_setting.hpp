// The `program` setting of the plugins that run a helper program (auth_extauth, extprog).
#pragma once

#include <filesystem>
#include <string_view>

#include "config/plugin_settings.hpp"

namespace djabberd::plugins::child_program {

/// Reads the required `program` setting: an executable file, a relative path resolving against
/// `config_dir`; returns it absolute and normalised. When it is missing the error says
/// "required: the path of the <what> to run". Throws config::config_error naming file, line and
/// key.
std::filesystem::path read_program_path(const config::plugin_settings& settings,
                                        const std::filesystem::path& config_dir,
                                        std::string_view what);

}  // namespace djabberd::plugins::child_program
