// Logging sink: a mutex-guarded FILE* or syslog(3), level threshold in an atomic.
#include "actors/log.hpp"

#include <atomic>
#include <cstdio>
#include <ctime>
#include <mutex>

#include <sys/time.h>
#include <syslog.h>

namespace djabberd::log {

namespace {

std::atomic<int> threshold{static_cast<int>(level::info)};
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

void set_level(level l) {
  threshold = static_cast<int>(l);
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
