// djabberctl's side of the admin socket: send one request line, read the framed response.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

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

/// Sends `request` (one line, no newline) to the socket at `path` and reads the reply until the
/// "." line. Throws not_running if nobody listens, std::runtime_error on a broken reply.
admin_reply ask_server(const std::filesystem::path& path, const std::string& request);

}  // namespace djabberd::ctl
