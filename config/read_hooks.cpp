// Reads the [hooks] section.
#include "config/detail/readers.hpp"

namespace djabberd::config::detail {

hooks_config read_hooks(const table_reader& root) {
  hooks_config hooks;
  const toml::table* table = root.get_table("hooks");
  if (table == nullptr) return hooks;
  table_reader reader = root.child(*table, root.key_path("hooks"));
  reader.allow_only({"default_timeout_ms", "auth_timeout_ms"});
  constexpr std::int64_t max_ms = 3'600'000;
  if (auto ms = reader.get_int("default_timeout_ms", 1, max_ms))
    hooks.default_timeout = std::chrono::milliseconds(*ms);
  if (auto ms = reader.get_int("auth_timeout_ms", 1, max_ms))
    hooks.auth_timeout = std::chrono::milliseconds(*ms);
  return hooks;
}

}  // namespace djabberd::config::detail
