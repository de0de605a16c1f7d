// The exception thrown for any problem in the server configuration, naming file, line and key.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace djabberd::config {

/// A configuration problem. what() is "FILE:LINE: KEY: MESSAGE"; ":LINE" is left out when the
/// line is unknown (0) and "KEY: " when the problem concerns no particular key.
class config_error : public std::runtime_error {
 public:
  /// Builds the error; `line` is 1-based, 0 if unknown; `key` is a dotted path such as
  /// "vhosts[1].tls_cert" or empty.
  config_error(std::string file, std::uint32_t line, std::string key, std::string message);

  /// The configuration file (or source name) the error is in.
  const std::string& file() const noexcept { return file_; }
  /// The 1-based line, 0 if unknown.
  std::uint32_t line() const noexcept { return line_; }
  /// The dotted key path, e.g. "c2s.listen[0]"; empty for syntax errors and unreadable files.
  const std::string& key() const noexcept { return key_; }
  /// The bare description, without file, line and key.
  const std::string& message() const noexcept { return message_; }

 private:
  std::string file_;
  std::uint32_t line_;
  std::string key_;
  std::string message_;
};

}  // namespace djabberd::config
