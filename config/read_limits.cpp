// Reads the [limits] section: connection, rate, session, roster and failed-login limits.
#include "config/detail/readers.hpp"

namespace djabberd::config::detail {

namespace {

std::size_t read_count(const table_reader& reader, std::string_view key, std::size_t fallback,
                       std::int64_t min, std::int64_t max) {
  return static_cast<std::size_t>(
      reader.get_int(key, min, max).value_or(static_cast<std::int64_t>(fallback)));
}

}  // namespace

limits_config read_limits(const table_reader& root) {
  limits_config limits;
  const toml::table* table = root.get_table("limits");
  if (table == nullptr) return limits;
  table_reader reader = root.child(*table, root.key_path("limits"));
  reader.allow_only({"max_unauth_per_ip", "max_unauth_total", "read_rate", "read_burst",
                     "max_write_queue", "max_sessions_per_account", "max_roster_items",
                     "login_delay_ms", "login_max_delay_ms", "login_ban_after", "login_window",
                     "login_ban_time", "tcp_keepalive"});
  constexpr std::int64_t big = 1'000'000'000;
  limits.max_unauth_per_ip =
      read_count(reader, "max_unauth_per_ip", limits.max_unauth_per_ip, 1, big);
  limits.max_unauth_total = read_count(reader, "max_unauth_total", limits.max_unauth_total, 1, big);
  limits.read_rate = read_count(reader, "read_rate", limits.read_rate, 1, big);
  // The burst must hold one read (2 KiB): a smaller bucket could never admit a full read.
  limits.read_burst = read_count(reader, "read_burst", limits.read_burst, 2048, big);
  limits.max_write_queue = read_count(reader, "max_write_queue", limits.max_write_queue, 4096, big);
  limits.max_sessions_per_account =
      read_count(reader, "max_sessions_per_account", limits.max_sessions_per_account, 1, big);
  limits.max_roster_items = read_count(reader, "max_roster_items", limits.max_roster_items, 1, big);
  if (auto ms = reader.get_int("login_delay_ms", 0, 60'000))
    limits.login_delay = std::chrono::milliseconds(*ms);
  if (auto ms = reader.get_int("login_max_delay_ms", 0, 60'000))
    limits.login_max_delay = std::chrono::milliseconds(*ms);
  if (limits.login_max_delay < limits.login_delay)
    reader.fail("login_max_delay_ms", "must not be smaller than login_delay_ms");
  limits.login_ban_after = read_count(reader, "login_ban_after", limits.login_ban_after, 0, big);
  if (auto s = reader.get_int("login_window", 1, 86400 * 7))
    limits.login_window = std::chrono::seconds(*s);
  if (auto s = reader.get_int("login_ban_time", 1, 86400 * 7))
    limits.login_ban_time = std::chrono::seconds(*s);
  limits.tcp_keepalive = reader.get_bool("tcp_keepalive").value_or(limits.tcp_keepalive);
  return limits;
}

}  // namespace djabberd::config::detail
