// Reads the [log] section.
#include <algorithm>
#include <array>
#include <string_view>

#include "config/detail/readers.hpp"

namespace djabberd::config::detail {

log_config read_log(const table_reader& root) {
  log_config log;
  const toml::table* table = root.get_table("log");
  if (table == nullptr) return log;
  table_reader reader = root.child(*table, root.key_path("log"));
  reader.allow_only({"level", "file"});
  if (auto level = reader.get_string("level")) {
    static constexpr std::array<std::string_view, 4> levels{"error", "warn", "info", "debug"};
    if (std::find(levels.begin(), levels.end(), *level) == levels.end())
      reader.fail("level",
                  "unknown log level '" + *level + "' (expected error, warn, info or debug)");
    log.level = *level;
  }
  log.file = reader.get_string("file").value_or("");
  return log;
}

}  // namespace djabberd::config::detail
