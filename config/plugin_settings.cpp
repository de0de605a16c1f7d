// plugin_settings: typed reads of a plugin's TOML table with file/line/key errors.
#include "config/plugin_settings.hpp"

#include "config/config_error.hpp"
#include "config/detail/plugin_settings_impl.hpp"

namespace djabberd::config {

plugin_settings::plugin_settings(std::shared_ptr<const plugin_settings_impl> impl)
    : impl_(std::move(impl)) {}

const std::string& plugin_settings::plugin_name() const {
  static const std::string empty;
  return impl_ ? impl_->name : empty;
}

bool plugin_settings::same_values(const plugin_settings& other) const {
  if (!impl_ || !other.impl_) return !impl_ && !other.impl_;
  return *impl_->table == *other.impl_->table;
}

std::string plugin_settings::get_string(std::string_view key, std::string fallback) const {
  if (!impl_) return fallback;
  return impl_->reader().get_string(key).value_or(std::move(fallback));
}

std::int64_t plugin_settings::get_int(std::string_view key, std::int64_t fallback, std::int64_t min,
                                      std::int64_t max) const {
  if (!impl_) return fallback;
  return impl_->reader().get_int(key, min, max).value_or(fallback);
}

bool plugin_settings::get_bool(std::string_view key, bool fallback) const {
  if (!impl_) return fallback;
  return impl_->reader().get_bool(key).value_or(fallback);
}

std::vector<std::string> plugin_settings::get_string_list(std::string_view key) const {
  if (!impl_) return {};
  return impl_->reader().get_string_list(key).value_or(std::vector<std::string>{});
}

std::vector<std::pair<std::string, std::string>> plugin_settings::get_string_map(
    std::string_view key) const {
  std::vector<std::pair<std::string, std::string>> result;
  if (!impl_) return result;
  auto reader = impl_->reader();
  const toml::table* table = reader.get_table(key, "a table of strings");
  if (table == nullptr) return result;
  detail::table_reader sub(impl_->file, *table, reader.key_path(key));
  for (const auto& [name, node] : sub.entries_in_file_order()) {
    if (!node->is_string()) sub.fail_type(*node, sub.key_path(name->str()), "a string");
    result.emplace_back(std::string(name->str()), node->as_string()->get());
  }
  return result;
}

void plugin_settings::allow_only(std::initializer_list<std::string_view> keys) const {
  if (!impl_) return;
  std::vector<std::string_view> known{"name", "priority", "module"};  // the loader reads these
  known.insert(known.end(), keys.begin(), keys.end());
  impl_->reader().allow_only(known);
}

void plugin_settings::fail(std::string_view key, std::string message) const {
  if (!impl_) throw config_error("", 0, std::string(key), std::move(message));
  impl_->reader().fail(key, std::move(message));
}

}  // namespace djabberd::config
