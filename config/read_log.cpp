// Reads the [log] section.
#include <algorithm>
#include <array>
#include <string_view>

#include "config/detail/readers.hpp"

namespace djabberd::config::detail {

namespace {

// The level at `key` of `reader`, checked.
std::optional<std::string> read_level(const table_reader& reader, std::string_view key) {
  auto level = reader.get_string(key);
  if (!level) return std::nullopt;
  static constexpr std::array<std::string_view, 4> levels{"error", "warn", "info", "debug"};
  if (std::find(levels.begin(), levels.end(), *level) == levels.end())
    reader.fail(key, "unknown log level '" + *level + "' (expected error, warn, info or debug)");
  return level;
}

}  // namespace

log_config read_log(const table_reader& root) {
  log_config log;
  const toml::table* table = root.get_table("log");
  if (table == nullptr) return log;
  table_reader reader = root.child(*table, root.key_path("log"));
  reader.allow_only({"level", "file", "components"});
  if (auto level = read_level(reader, "level")) log.level = *level;
  log.file = reader.get_string("file").value_or("");
  if (const toml::table* components = reader.get_table("components")) {
    table_reader levels = reader.child(*components, reader.key_path("components"));
    for (const auto& [key, node] : levels.entries_in_file_order()) {
      std::string name(key->str());
      log.components[name] = *read_level(levels, name);
    }
  }
  return log;
}

}  // namespace djabberd::config::detail
