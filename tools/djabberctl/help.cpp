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
    "status, sessions, kick, hooks, cluster, stats, message, reload, bans and unban ask the\n"
    "running server through <data_dir>/admin.sock (mode 0600: run them as the server's user).\n"
    "kick ends the sessions with the stream error <policy-violation/> and REASON as its text; a\n"
    "bare JID kicks all of its resources. bans lists the addresses refused after too many failed\n"
    "logins ([limits] login_ban_after) with the seconds left; unban ADDRESS admits one again.\n"
    "--tcp sends them to the TCP admin listener of [admin] listen instead, authenticated with\n"
    "[admin] secret (for a djabberctl that cannot reach the socket file).\n";

constexpr const char* users_note =
    "Lists USER@DOMAIN of every account in <data_dir>/djabberd.sqlite, of every vhost or of\n"
    "DOMAIN only; reads the store directly, so the server may be running or stopped.\n";

constexpr const char* check_config_note =
    "Reads PATH with djabberd's own loader (--conf is not used) and prints \"ok\", or the first\n"
    "problem as FILE:LINE: KEY: message on standard error (exit 1). TLS files of the vhosts are\n"
    "loaded too. Plugin-specific settings are checked when the server starts.\n";

constexpr const char* cert_check_note =
    "For each vhost: the certificate file that serves it (the generated self-signed one in\n"
    "<data_dir>/certs when tls_cert is empty), its subject and DNS names, the expiry date and\n"
    "days left. Exit 1 if a certificate is missing, unreadable, expired, does not match its key\n"
    "or does not name its vhost. Works whether the server runs or not.\n";

constexpr const char* message_note =
    "Sends <message type='normal'> (or --type=headline) with TEXT as its body from the JID's\n"
    "vhost domain to JID (bare: routed like any message to the account; full: to that\n"
    "resource). The server must be running.\n";

constexpr const char* reload_note =
    "Re-reads the configuration file of the running server (as SIGHUP does). A file with an\n"
    "error is refused and the server keeps running unchanged: the error is printed (exit 1).\n"
    "Otherwise the vhosts' TLS certificates and keys are reloaded (new connections use them),\n"
    "the log level is applied and the log file reopened; settings that need a restart are\n"
    "listed as \"restart needed for: ...\".\n";

const char* note_of(const command_info& cmd) {
  switch (cmd.id) {
    case command::users:
      return users_note;
    case command::check_config:
      return check_config_note;
    case command::cert_check:
      return cert_check_note;
    case command::message:
      return message_note;
    case command::reload:
      return reload_note;
    default:
      return cmd.online ? online_note : store_note;
  }
}

void print_command_help(std::ostream& out, const command_info& cmd) {
  out << "Usage: djabberctl [--conf=PATH]" << (cmd.json ? " [--json] " : " ")
      << (cmd.id == command::message ? "[--type=normal|headline] " : "") << cmd.name
      << (cmd.operands.empty() ? "" : " ") << cmd.operands << "\n\n"
      << "  " << cmd.summary << ".\n\n";
  if (cmd.id == command::adduser || cmd.id == command::passwd) out << password_note << "\n";
  out << note_of(cmd) << "\n"
      << "Options:\n"
      << "  --conf=PATH  configuration file (default: " << default_conf << ")\n";
  if (cmd.json) out << "  --json       print the result as JSON\n";
  if (cmd.online) out << "  --tcp        ask the TCP admin listener ([admin] listen) instead\n";
  if (cmd.id == command::message)
    out << "  --type=TYPE  normal (default) or headline (shown, never stored offline)\n";
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
      << "users, check-config and cert-check only read files (the server may be stopped); see\n"
      << "djabberctl COMMAND --help.\n\n"
      << online_note << "\n"
      << "Options:\n"
      << "  --conf=PATH  configuration file (default: " << default_conf << ")\n"
      << "  --json       JSON output (every command but adduser, passwd, deluser)\n"
      << "  --type=TYPE  message: normal (default) or headline\n"
      << "  --tcp        online commands: the TCP admin listener instead of the socket\n"
      << "  --help, -h   this help\n"
      << "\nExit status: 0 done, 1 failed, 2 usage error.\n";
}

}  // namespace djabberd::ctl
