// Implementation of table_reader: typed lookups and errors with file, line and key path.
#include "config/detail/table_reader.hpp"

#include <algorithm>

#include "config/config_error.hpp"
#include "config/detail/suggest.hpp"

namespace djabberd::config::detail {

std::uint32_t line_of(const toml::node& node) {
  return static_cast<std::uint32_t>(node.source().begin.line);
}

std::string_view type_description(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

table_reader::table_reader(const std::string& file, const toml::table& table, std::string path)
    : file_(file), table_(table), path_(std::move(path)) {}

std::string table_reader::key_path(std::string_view key) const {
  if (path_.empty()) return std::string(key);
  return path_ + "." + std::string(key);
}

std::uint32_t table_reader::key_line(std::string_view key) const {
  auto it = table_.find(key);
  if (it == table_.end()) return line();
  auto line = static_cast<std::uint32_t>(it->first.source().begin.line);
  return line != 0 ? line : line_of(it->second);
}

const toml::node* table_reader::find(std::string_view key) const {
  return table_.get(key);
}

std::vector<std::pair<const toml::key*, const toml::node*>> table_reader::entries_in_file_order()
    const {
  std::vector<std::pair<const toml::key*, const toml::node*>> entries;
  for (auto&& [key, node] : table_) entries.emplace_back(&key, &node);
  std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    const auto& x = a.first->source().begin;
    const auto& y = b.first->source().begin;
    return x.line != y.line ? x.line < y.line : x.column < y.column;
  });
  return entries;
}

void table_reader::allow_only(std::span<const std::string_view> known) const {
  for (const auto& [key, node] : entries_in_file_order()) {
    std::string_view name = key->str();
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    throw config_error(file_, key_line(name), key_path(name), unknown_key_message(name, known));
  }
}

std::optional<std::string> table_reader::get_string(std::string_view key) const {
  const toml::node* node = find(key);
  if (node == nullptr) return std::nullopt;
  if (!node->is_string()) fail_type(*node, key_path(key), "a string");
  return node->as_string()->get();
}

std::optional<std::int64_t> table_reader::get_int(std::string_view key, std::int64_t min,
                                                  std::int64_t max) const {
  const toml::node* node = find(key);
  if (node == nullptr) return std::nullopt;
  if (!node->is_integer()) fail_type(*node, key_path(key), "an integer");
  std::int64_t value = node->as_integer()->get();
  if (value < min || value > max)
    fail_at(*node, key_path(key),
            "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " +
                std::to_string(value));
  return value;
}

std::optional<bool> table_reader::get_bool(std::string_view key) const {
  const toml::node* node = find(key);
  if (node == nullptr) return std::nullopt;
  if (!node->is_boolean()) fail_type(*node, key_path(key), "a boolean");
  return node->as_boolean()->get();
}

std::optional<std::vector<std::string>> table_reader::get_string_list(std::string_view key) const {
  const toml::array* array = get_array(key, "an array of strings");
  if (array == nullptr) return std::nullopt;
  std::vector<std::string> result;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    std::string element_key = key_path(key) + "[" + std::to_string(i) + "]";
    if (!element.is_string()) fail_type(element, std::move(element_key), "a string");
    result.push_back(element.as_string()->get());
  }
  return result;
}

const toml::table* table_reader::get_table(std::string_view key, std::string_view what) const {
  const toml::node* node = find(key);
  if (node == nullptr) return nullptr;
  if (!node->is_table()) fail_type(*node, key_path(key), what);
  return node->as_table();
}

const toml::array* table_reader::get_array(std::string_view key, std::string_view what) const {
  const toml::node* node = find(key);
  if (node == nullptr) return nullptr;
  if (!node->is_array()) fail_type(*node, key_path(key), what);
  return node->as_array();
}

void table_reader::fail(std::string_view key, std::string message) const {
  throw config_error(file_, key_line(key), key_path(key), std::move(message));
}

void table_reader::fail_at(const toml::node& node, std::string full_key,
                           std::string message) const {
  throw config_error(file_, line_of(node), std::move(full_key), std::move(message));
}

void table_reader::fail_type(const toml::node& node, std::string full_key,
                             std::string_view what) const {
  fail_at(node, std::move(full_key),
          "expected " + std::string(what) + ", got " + std::string(type_description(node)));
}

}  // namespace djabberd::config::detail
