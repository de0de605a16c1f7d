// djabberctl's help texts.
#pragma once

#include <ostream>

#include "tools/djabberctl/arguments.hpp"

namespace djabberd::ctl {

/// Writes the general help, or the help of `cmd` when it is not nullptr.
void print_help(std::ostream& out, const command_info* cmd);

}  // namespace djabberd::ctl
