// A plugin's own TOML table, read with errors that name file, line and key.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace djabberd::config {

struct plugin_settings_impl;

/// The settings table of one [[vhosts.plugins]] entry. Every getter throws config_error naming
/// the file, the line and the full key path (e.g. "vhosts[0].plugins[2].path") when a value has
/// the wrong type or is out of range. A default-constructed object is an empty table.
class plugin_settings {
 public:
  /// An empty settings table (all getters return their fallbacks).
  plugin_settings() = default;
  /// Used by the loader; `impl` is opaque outside the config library.
  explicit plugin_settings(std::shared_ptr<const plugin_settings_impl> impl);

  /// The plugin's `name` value.
  const std::string& plugin_name() const;
  /// The string at `key`, or `fallback` when absent.
  std::string get_string(std::string_view key, std::string fallback) const;
  /// The integer at `key`, or `fallback` when absent; outside [min, max] is an error.
  std::int64_t get_int(std::string_view key, std::int64_t fallback, std::int64_t min,
                       std::int64_t max) const;
  /// The boolean at `key`, or `fallback` when absent.
  bool get_bool(std::string_view key, bool fallback) const;
  /// The array of strings at `key`; empty when absent.
  std::vector<std::string> get_string_list(std::string_view key) const;
  /// The inline table or sub-table of strings at `key`, in file order; empty when absent.
  std::vector<std::pair<std::string, std::string>> get_string_map(std::string_view key) const;
  /// Throws config_error for the first key (in file order) not in `keys`; "name", "priority"
  /// and "module" (a shared object to load, read by the plugin loader) are always allowed.
  void allow_only(std::initializer_list<std::string_view> keys) const;
  /// True if both tables hold the same keys and values (a reload compares old and new settings).
  bool same_values(const plugin_settings& other) const;
  /// Throws config_error at `key`'s line, or at the table's line when `key` is absent.
  [[noreturn]] void fail(std::string_view key, std::string message) const;

 private:
  std::shared_ptr<const plugin_settings_impl> impl_;
};

}  // namespace djabberd::config
