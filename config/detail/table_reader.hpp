// Typed, validated access to one TOML table, throwing config_error with file, line and key path.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <toml++/toml.h>

namespace djabberd::config::detail {

/// The 1-based line where `node` starts, 0 if unknown.
std::uint32_t line_of(const toml::node& node);

/// "a string", "an integer", ... for error messages.
std::string_view type_description(const toml::node& node);

/// Reads keys of one table. `path` is the table's dotted key path ("" for the root, "c2s",
/// "vhosts[0].plugins[1]") and `file` the source name used in errors.
class table_reader {
 public:
  table_reader(const std::string& file, const toml::table& table, std::string path);

  /// The source name used in errors.
  const std::string& file() const { return file_; }
  /// A reader for `table`, a child of this one at dotted path `path`.
  table_reader child(const toml::table& table, std::string path) const {
    return table_reader(file_, table, std::move(path));
  }
  /// The table read.
  const toml::table& table() const { return table_; }
  /// The table's dotted path.
  const std::string& path() const { return path_; }
  /// The table's own line (its header); 0 for the root table or if unknown.
  std::uint32_t line() const { return path_.empty() ? 0 : line_of(table_); }
  /// The dotted path of a child key.
  std::string key_path(std::string_view key) const;
  /// The line of `key` in this table, or the table's line when absent.
  std::uint32_t key_line(std::string_view key) const;
  /// The node at `key`, or nullptr.
  const toml::node* find(std::string_view key) const;
  /// The table's entries sorted by their position in the file.
  std::vector<std::pair<const toml::key*, const toml::node*>> entries_in_file_order() const;

  /// Throws for the first key (in file order) that is not in `known`, suggesting a close one.
  void allow_only(std::span<const std::string_view> known) const;
  /// Same for an initializer list.
  void allow_only(std::initializer_list<std::string_view> known) const {
    allow_only(std::span<const std::string_view>(known.begin(), known.size()));
  }

  /// The string at `key`, nullopt when absent; other types are an error.
  std::optional<std::string> get_string(std::string_view key) const;
  /// The integer at `key` within [min, max], nullopt when absent.
  std::optional<std::int64_t> get_int(std::string_view key, std::int64_t min,
                                      std::int64_t max) const;
  /// The boolean at `key`, nullopt when absent.
  std::optional<bool> get_bool(std::string_view key) const;
  /// The array of strings at `key`, nullopt when absent; element errors name "key[i]".
  std::optional<std::vector<std::string>> get_string_list(std::string_view key) const;
  /// The table at `key`, nullptr when absent; `what` describes the expected form.
  const toml::table* get_table(std::string_view key, std::string_view what = "a table") const;
  /// The array at `key`, nullptr when absent.
  const toml::array* get_array(std::string_view key, std::string_view what = "an array") const;

  /// Throws config_error at `key` (its line, or the table's when absent).
  [[noreturn]] void fail(std::string_view key, std::string message) const;
  /// Throws config_error at `node`'s line for the given full key path.
  [[noreturn]] void fail_at(const toml::node& node, std::string full_key,
                            std::string message) const;
  /// Throws "expected WHAT, got TYPE" at `node`.
  [[noreturn]] void fail_type(const toml::node& node, std::string full_key,
                              std::string_view what) const;

 private:
  const std::string& file_;
  const toml::table& table_;
  std::string path_;
};

}  // namespace djabberd::config::detail
