// Process-wide logging: levels, a component name per line, stderr or a file (reopenable).
#pragma once

#include <sstream>
#include <string>
#include <string_view>

namespace djabberd::log {

enum class level { error = 0, warn = 1, info = 2, debug = 3 };

/// Parses "error", "warn", "info" or "debug".
bool parse_level(std::string_view text, level& out);

/// Sets the threshold; lines above it are dropped before formatting.
void set_level(level l);
bool enabled(level l);

/// Sends lines to `path` (appending), to stderr when empty, or to syslog(3) (facility daemon,
/// ident "djabberd") when it is "syslog". Returns false if it cannot open the file.
bool set_file(const std::string& path);

/// Reopens the log file (after log rotation); nothing to do for stderr and syslog.
void reopen();

/// Writes one line "TIME LEVEL [component] text" atomically.
void write(level l, std::string_view component, std::string_view text);

template <class... Ts>
void emit(level l, std::string_view component, const Ts&... xs) {
  if (!enabled(l)) return;
  std::ostringstream os;
  (os << ... << xs);
  write(l, component, os.str());
}

template <class... Ts>
void error(std::string_view component, const Ts&... xs) {
  emit(level::error, component, xs...);
}
template <class... Ts>
void warn(std::string_view component, const Ts&... xs) {
  emit(level::warn, component, xs...);
}
template <class... Ts>
void info(std::string_view component, const Ts&... xs) {
  emit(level::info, component, xs...);
}
template <class... Ts>
void debug(std::string_view component, const Ts&... xs) {
  emit(level::debug, component, xs...);
}

}  // namespace djabberd::log
