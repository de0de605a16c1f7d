// Logging sink: a mutex-guarded FILE* or syslog(3), level threshold in an atomic.
#include "actors/log.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <ctime>
#include <mutex>

#include <sys/time.h>
#include <syslog.h>

#include "actors/log_components.hpp"

namespace djabberd::log {

namespace {

// emit() drops lines above `threshold` before formatting them: the most verbose of the global
// level and the per-component levels. With component levels set, write() applies each line's own
// level (under sink_mutex, which it takes anyway).
std::atomic<int> threshold{static_cast<int>(level::info)};
int global_level = static_cast<int>(level::info);          // guarded by sink_mutex
std::map<std::string, int, std::less<>> component_levels;  // guarded by sink_mutex
std::mutex sink_mutex;
std::FILE* sink = nullptr;  // nullptr = stderr
std::string sink_path;
bool to_syslog = false;  // sink_path == syslog_name: lines go to syslog(3)

constexpr std::string_view syslog_name = "syslog";
constexpr int syslog_priorities[] = {LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG};

constexpr std::string_view level_names[] = {"ERROR", "WARN", "INFO", "DEBUG"};

}  // namespace

bool parse_level(std::string_view text, level& out) {
  for (int i = 0; i < 4; ++i) {
    std::string lower(level_names[i]);
    for (auto& c : lower) c = static_cast<char>(c - 'A' + 'a');
    if (text == lower) {
      out = static_cast<level>(i);
      return true;
    }
  }
  return false;
}

namespace {

// Called with sink_mutex held.
void update_threshold() {
  int most = global_level;
  for (const auto& [_, l] : component_levels) most = std::max(most, l);
  threshold = most;
}

// The level of `component` (called with sink_mutex held, component levels set).
int level_of(std::string_view component) {
  if (auto it = component_levels.find(component); it != component_levels.end()) return it->second;
  if (auto dash = component.find('-'); dash != std::string_view::npos)
    if (auto it = component_levels.find(component.substr(0, dash)); it != component_levels.end())
      return it->second;
  return global_level;
}

}  // namespace

void set_level(level l) {
  std::lock_guard<std::mutex> guard{sink_mutex};
  global_level = static_cast<int>(l);
  update_threshold();
}

void set_component_levels(std::map<std::string, level> levels) {
  std::lock_guard<std::mutex> guard{sink_mutex};
  component_levels.clear();
  for (const auto& [name, l] : levels) component_levels.emplace(name, static_cast<int>(l));
  update_threshold();
}

bool enabled(level l) {
  return static_cast<int>(l) <= threshold.load(std::memory_order_relaxed);
}

bool set_file(const std::string& path) {
  std::lock_guard<std::mutex> guard{sink_mutex};
  if (sink) std::fclose(sink);
  sink = nullptr;
  sink_path = path;
  if (to_syslog && path != syslog_name) closelog();
  to_syslog = path == syslog_name;
  if (to_syslog) {
    // LOG_NDELAY: connect now, while /dev/log is still reachable (before chroot or sandboxing).
    openlog("djabberd", LOG_PID | LOG_NDELAY, LOG_DAEMON);
    return true;
  }
  if (path.empty()) return true;
  sink = std::fopen(path.c_str(), "a");
  return sink != nullptr;
}

void reopen() {
  std::string path;
  {
    std::lock_guard<std::mutex> guard{sink_mutex};
    path = sink_path;
  }
  if (!path.empty() && path != syslog_name) set_file(path);
}

void write(level l, std::string_view component, std::string_view text) {
  timeval tv;
  gettimeofday(&tv, nullptr);
  std::tm tm;
  gmtime_r(&tv.tv_sec, &tm);
  char stamp[64];
  std::snprintf(stamp, sizeof(stamp), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(tv.tv_usec / 1000));
  std::lock_guard<std::mutex> guard{sink_mutex};
  if (!component_levels.empty() && static_cast<int>(l) > level_of(component)) return;
  if (to_syslog) {  // syslog adds its own time stamp and level
    syslog(syslog_priorities[static_cast<int>(l)], "[%.*s] %.*s",
           static_cast<int>(component.size()), component.data(), static_cast<int>(text.size()),
           text.data());
    return;
  }
  std::FILE* out = sink ? sink : stderr;
  std::fprintf(out, "%s %-5s [%.*s] %.*s\n", stamp, level_names[static_cast<int>(l)].data(),
               static_cast<int>(component.size()), component.data(), static_cast<int>(text.size()),
               text.data());
  std::fflush(out);
}

}  // namespace djabberd::log
