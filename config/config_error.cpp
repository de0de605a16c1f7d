// Formats config_error's what() text from its file, line, key and message.
#include "config/config_error.hpp"

#include <utility>

namespace djabberd::config {

namespace {

std::string format(const std::string& file, std::uint32_t line, const std::string& key,
                   const std::string& message) {
  std::string text = file;
  if (line != 0) text += ":" + std::to_string(line);
  text += ": ";
  if (!key.empty()) text += key + ": ";
  text += message;
  return text;
}

}  // namespace

config_error::config_error(std::string file, std::uint32_t line, std::string key,
                           std::string message)
    : std::runtime_error(format(file, line, key, message)),
      file_(std::move(file)),
      line_(line),
      key_(std::move(key)),
      message_(std::move(message)) {}

}  // namespace djabberd::config
