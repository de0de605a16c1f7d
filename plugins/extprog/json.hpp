// A small JSON value, encoder and parser for extprog's line protocol (no external dependency).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace djabberd::plugins::extprog::json {

struct value;
/// A JSON array.
using array = std::vector<value>;
/// A JSON object: members in document order (lookups are linear; objects here are small).
using object = std::vector<std::pair<std::string, value>>;

/// Any JSON value. Numbers are doubles (integers up to 2^53 are exact).
struct value {
  std::variant<std::nullptr_t, bool, double, std::string, array, object> data;

  value() : data(nullptr) {}
  value(std::nullptr_t) : data(nullptr) {}
  value(bool b) : data(b) {}
  value(int n) : data(static_cast<double>(n)) {}
  value(std::int64_t n) : data(static_cast<double>(n)) {}
  value(std::uint64_t n) : data(static_cast<double>(n)) {}
  value(double d) : data(d) {}
  value(const char* s) : data(std::string{s}) {}
  value(std::string s) : data(std::move(s)) {}
  value(std::string_view s) : data(std::string{s}) {}
  value(array a) : data(std::move(a)) {}
  value(object o) : data(std::move(o)) {}

  bool is_null() const { return std::holds_alternative<std::nullptr_t>(data); }
  const bool* as_bool() const { return std::get_if<bool>(&data); }
  const double* as_number() const { return std::get_if<double>(&data); }
  const std::string* as_string() const { return std::get_if<std::string>(&data); }
  const array* as_array() const { return std::get_if<array>(&data); }
  const object* as_object() const { return std::get_if<object>(&data); }
  /// The number if it is an integer in [-2^53, 2^53].
  std::optional<std::int64_t> as_int() const;

  friend bool operator==(const value&, const value&) = default;
};

/// The first member `key` of `obj`, or nullptr.
const value* find(const object& obj, std::string_view key);

/// Appends `v` as compact JSON (no whitespace, no newline: '\n' inside strings is escaped, so
/// the text is always one line). Non-ASCII UTF-8 is written as is; control characters, '"' and
/// '\\' are escaped. Non-finite numbers are written as null.
void encode(const value& v, std::string& out);
/// `v` as compact JSON.
std::string encode(const value& v);

/// Parses exactly one JSON value (whitespace around it allowed). Nesting deeper than 64 levels,
/// invalid escapes or UTF-16 surrogates, and trailing text are errors: returns nullopt and sets
/// `error` (if given).
std::optional<value> parse(std::string_view text, std::string* error = nullptr);

}  // namespace djabberd::plugins::extprog::json
