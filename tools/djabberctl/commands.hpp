// djabberctl's commands: load the configuration, resolve the account and change the store.
#pragma once

#include <istream>
#include <ostream>

#include "tools/djabberctl/arguments.hpp"

namespace djabberd::ctl {

/// Runs a parsed invocation that is not a help request. Reports success on `out`, a failure as
/// one "djabberctl: ..." line on `err`, reads a "-" password from `in`. Returns the exit code:
/// 0 done, 1 failed.
int run(const invocation& inv, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace djabberd::ctl
