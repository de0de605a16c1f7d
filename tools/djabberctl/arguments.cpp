// parse_arguments: options, command lookup and operand counts.
#include "tools/djabberctl/arguments.hpp"

namespace djabberd::ctl {

const std::vector<command_info>& commands() {
  static const std::vector<command_info> table = {
      {command::adduser, "adduser", "USER@DOMAIN PASSWORD", 2, 2, "create an account"},
      {command::passwd, "passwd", "USER@DOMAIN PASSWORD", 2, 2, "set an account's password"},
      {command::deluser, "deluser", "USER@DOMAIN", 1, 1, "delete an account"},
      {command::users, "users", "[DOMAIN]", 0, 1, "list the accounts (of one vhost)", false, true},
      {command::check_config, "check-config", "PATH", 1, 1, "check a configuration file", false,
       true},
      {command::cert_check, "cert-check", "", 0, 0, "show each vhost's certificate and expiry",
       false, true},
      {command::status, "status", "", 0, 0, "show the running server's state", true, true},
      {command::sessions, "sessions", "[JID]", 0, 1, "list client sessions (of a JID)", true, true},
      {command::kick, "kick", "JID [REASON]", 1, 2, "end a JID's sessions with a stream error",
       true, true},
      {command::hooks, "hooks", "", 0, 0, "show each vhost's hook chains and counters", true, true},
      {command::cluster, "cluster", "", 0, 0, "show the cluster's members and this node's sessions",
       true, true},
      {command::stats, "stats", "", 0, 0, "show the traffic counters", true, true},
      {command::message, "message", "JID TEXT", 2, 2, "send a message from the server to a JID",
       true, true},
      {command::reload, "reload", "", 0, 0, "re-read the configuration file", true, true},
      {command::plugin, "plugin", "NAME [ARGS...]", 1, 16,
       "run a plugin's own admin command (the admin.command hook)", true},
      {command::bans, "bans", "", 0, 0, "list addresses banned for failed logins", true, true},
      {command::unban, "unban", "ADDRESS", 1, 1, "lift an address's failed-login ban", true, true},
  };
  return table;
}

namespace {

const command_info* find_command(std::string_view name) {
  for (const auto& c : commands())
    if (c.name == name) return &c;
  return nullptr;
}

}  // namespace

invocation parse_arguments(const std::vector<std::string>& args) {
  invocation result;
  std::vector<std::string> positional;
  bool options_done = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (options_done || arg == "-" || arg.empty() || arg[0] != '-') {
      positional.push_back(arg);
    } else if (arg == "--") {
      options_done = true;
    } else if (arg == "--help" || arg == "-h") {
      result.help = true;
    } else if (arg == "--json") {
      result.json = true;
    } else if (arg == "--tcp") {
      result.tcp = true;
    } else if (arg.starts_with("--type=")) {
      result.message_type = arg.substr(7);
      if (result.message_type != "normal" && result.message_type != "headline")
        throw usage_error("--type must be normal or headline");
    } else if (arg.starts_with("--conf=")) {
      result.conf = arg.substr(7);
      if (result.conf.empty()) throw usage_error("--conf needs a file name");
    } else if (arg == "--conf") {
      if (++i == args.size()) throw usage_error("--conf needs a file name");
      result.conf = args[i];
    } else {
      throw usage_error("unknown option '" + arg + "'");
    }
  }
  if (positional.empty()) {
    if (result.help) return result;
    throw usage_error("missing command");
  }
  result.cmd = find_command(positional[0]);
  if (result.cmd == nullptr) throw usage_error("unknown command '" + positional[0] + "'");
  if (result.help) return result;
  if (result.json && !result.cmd->json)
    throw usage_error("--json is not for " + std::string(result.cmd->name));
  result.operands.assign(positional.begin() + 1, positional.end());
  if (!result.cmd->takes_operands(result.operands.size()))
    throw usage_error(std::string(result.cmd->name) + " expects " +
                      (result.cmd->operands.empty() ? std::string("no operands")
                                                    : std::string(result.cmd->operands)));
  return result;
}

}  // namespace djabberd::ctl
