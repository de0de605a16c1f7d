// djabberctl's side of the admin socket: send one request line, read the framed response.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/config.hpp"

namespace djabberd::ctl {

/// The server's answer to one request.
struct admin_reply {
  bool ok = false;
  std::string error;               ///< the text after "error " when !ok
  std::vector<std::string> lines;  ///< data lines, without the final "."
};

/// No server listens on the admin socket; what() is the message after "djabberctl: ".
class not_running : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Where the server's admin interface is: its Unix socket, or the TCP admin listener.
struct admin_target {
  std::filesystem::path socket;               ///< <data_dir>/admin.sock
  std::optional<config::listen_address> tcp;  ///< [admin] listen, with --tcp
  std::string secret;                         ///< [admin] secret, sent first over TCP
};

/// The admin socket of `server`, or its TCP admin listener when `tcp` (throws std::runtime_error
/// when the configuration has no [admin] listen).
admin_target admin_target_of(const config::server_config& server, bool tcp);

/// Sends `request` (one line, no newline) to the admin interface and reads the reply until the
/// "." line. Throws not_running if nobody listens, std::runtime_error on a broken reply.
admin_reply ask_server(const admin_target& target, const std::string& request);

}  // namespace djabberd::ctl
