// Reading the admin reply's data lines ("key=value" or tab-separated) and printing them as text
// or JSON: the one parser and printer every djabberctl online command uses.
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "tools/djabberctl/admin_client.hpp"

namespace djabberd::ctl {

/// A "key=value" line split at its first '='. A line without '=' is both key and value.
struct key_value {
  std::string key;
  std::string value;
};
key_value split_key_value(const std::string& line);

/// The fields of a tab-separated line.
std::vector<std::string> split_tabs(const std::string& line);

/// The value of the reply's first "key=value" line, or `fallback` when the reply has no lines.
std::string first_value(const admin_reply& reply, std::string fallback);

/// Appends `item` to a ", "-separated list (JSON members or array elements, or names).
void append_listed(std::string& list, std::string_view item);

/// Prints `header` (if not empty) and then the reply's lines as they came, one a line.
void print_lines(const admin_reply& reply, std::ostream& out, std::string_view header = {});

/// Prints a JSON array with one object per tab-separated line: `members_of` turns a line's
/// fields into the object's members ("\"a\": 1, \"b\": \"x\""), or nullopt to leave it out.
void print_json_rows(
    const admin_reply& reply, std::ostream& out,
    const std::function<std::optional<std::string>(const std::vector<std::string>&)>& members_of);

}  // namespace djabberd::ctl
