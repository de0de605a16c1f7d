// print_help: usage lines built from the command table.
#include "tools/djabberctl/help.hpp"

#include <iomanip>
#include <string>

namespace djabberd::ctl {

namespace {

constexpr const char* password_note =
    "PASSWORD \"-\" reads the password from standard input (one line), which keeps it out of\n"
    "the process list and shell history.\n";

constexpr const char* store_note =
    "Accounts are written to <data_dir>/djabberd.sqlite of the configuration (a relative data_dir\n"
    "is relative to the current directory, as for djabberd). This works while the server runs.\n";

void print_command_help(std::ostream& out, const command_info& cmd) {
  out << "Usage: djabberctl [--conf=PATH] " << cmd.name << " " << cmd.operands << "\n\n"
      << "  " << cmd.summary << ".\n\n";
  if (cmd.operand_count == 2) out << password_note << "\n";
  out << store_note << "\n"
      << "Options:\n"
      << "  --conf=PATH  configuration file (default: " << default_conf << ")\n"
      << "\nExit status: 0 done, 1 failed, 2 usage error.\n";
}

}  // namespace

void print_help(std::ostream& out, const command_info* cmd) {
  if (cmd != nullptr) {
    print_command_help(out, *cmd);
    return;
  }
  out << "Usage: djabberctl [--conf=PATH] COMMAND [ARGS...]\n"
      << "       djabberctl COMMAND --help\n\n"
      << "Manages the accounts of a djabberd server.\n\nCommands:\n";
  for (const auto& c : commands()) {
    std::string synopsis = std::string(c.name) + " " + std::string(c.operands);
    out << "  " << std::left << std::setw(30) << synopsis << c.summary << "\n";
  }
  out << "\n"
      << password_note << "\n"
      << store_note << "\n"
      << "Options:\n"
      << "  --conf=PATH  configuration file (default: " << default_conf << ")\n"
      << "  --help, -h   this help\n"
      << "\nExit status: 0 done, 1 failed, 2 usage error.\n";
}

}  // namespace djabberd::ctl
