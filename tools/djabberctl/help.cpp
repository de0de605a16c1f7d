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

constexpr const char* online_note =
    "status, sessions, kick and hooks ask the running server through <data_dir>/admin.sock\n"
    "(mode 0600: run them as the server's user). kick ends the sessions with the stream error\n"
    "<policy-violation/> and REASON as its text; a bare JID kicks all of its resources.\n";

void print_command_help(std::ostream& out, const command_info& cmd) {
  out << "Usage: djabberctl [--conf=PATH]" << (cmd.online ? " [--json] " : " ") << cmd.name
      << (cmd.operands.empty() ? "" : " ") << cmd.operands << "\n\n"
      << "  " << cmd.summary << ".\n\n";
  if (cmd.id == command::adduser || cmd.id == command::passwd) out << password_note << "\n";
  out << (cmd.online ? online_note : store_note) << "\n"
      << "Options:\n"
      << "  --conf=PATH  configuration file (default: " << default_conf << ")\n";
  if (cmd.online) out << "  --json       print the result as JSON\n";
  out << "\nExit status: 0 done, 1 failed (or the server is not running), 2 usage error.\n";
}

}  // namespace

void print_help(std::ostream& out, const command_info* cmd) {
  if (cmd != nullptr) {
    print_command_help(out, *cmd);
    return;
  }
  out << "Usage: djabberctl [--conf=PATH] COMMAND [ARGS...]\n"
      << "       djabberctl COMMAND --help\n\n"
      << "Manages the accounts of a djabberd server and inspects it while it runs.\n\nCommands:\n";
  for (const auto& c : commands()) {
    std::string synopsis = std::string(c.name) + " " + std::string(c.operands);
    out << "  " << std::left << std::setw(30) << synopsis << c.summary << "\n";
  }
  out << "\n"
      << password_note << "\n"
      << store_note << "\n"
      << online_note << "\n"
      << "Options:\n"
      << "  --conf=PATH  configuration file (default: " << default_conf << ")\n"
      << "  --json       JSON output (status, sessions, kick, hooks)\n"
      << "  --help, -h   this help\n"
      << "\nExit status: 0 done, 1 failed, 2 usage error.\n";
}

}  // namespace djabberd::ctl
