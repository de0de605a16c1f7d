// djabberctl's command line: the command table and parsing argv into an invocation.
#pragma once

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace djabberd::ctl {

/// The commands djabberctl knows.
enum class command {
  adduser,
  passwd,
  deluser,
  users,
  check_config,
  cert_check,
  status,
  sessions,
  kick,
  hooks,
  cluster,
  stats,
  message,
  reload,
  plugin,
  bans,
  unban
};

/// What the help texts and the parser know about one command.
struct command_info {
  command id;
  std::string_view name;
  std::string_view operands;  ///< synopsis of the operands, e.g. "USER@DOMAIN PASSWORD"
  std::size_t operand_count;  ///< the fewest operands
  std::size_t max_operands;   ///< the most operands
  std::string_view summary;   ///< one line
  bool online = false;        ///< asks the running server through its admin socket
  bool json = false;          ///< accepts --json

  bool takes_operands(std::size_t n) const { return n >= operand_count && n <= max_operands; }
};

/// Every command, in help order.
const std::vector<command_info>& commands();

/// The configuration file used without --conf.
inline constexpr std::string_view default_conf = "config/djabberd.toml";

/// A parsed command line.
struct invocation {
  std::filesystem::path conf{default_conf};
  const command_info* cmd = nullptr;  ///< nullptr only when help is set without a command
  std::vector<std::string> operands;
  bool help = false;  ///< --help: print help (for cmd if set) and exit 0
  bool json = false;  ///< --json: machine-readable output (online commands)
  bool tcp = false;   ///< --tcp: use the TCP admin listener ([admin] listen) instead of the socket
  std::string message_type = "normal";  ///< --type=normal|headline (message)
};

/// A malformed command line (exit code 2); what() says what is wrong.
class usage_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Parses the arguments after the program name: options (--conf=PATH or --conf PATH, --help/-h,
/// --json, --tcp, --type=TYPE)
/// anywhere before "--", then COMMAND and its operands. "-" alone is an operand (password from
/// standard input). Throws usage_error.
invocation parse_arguments(const std::vector<std::string>& args);

}  // namespace djabberd::ctl
