// split_key_value, split_tabs and the printers of admin reply lines.
#include "tools/djabberctl/reply_lines.hpp"

#include <sstream>

namespace djabberd::ctl {

key_value split_key_value(const std::string& line) {
  auto eq = line.find('=');
  // Without '=', npos + 1 wraps to 0: the value is the whole line too.
  return {line.substr(0, eq), line.substr(eq + 1)};
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  std::istringstream in{line};
  for (std::string f; std::getline(in, f, '\t');) fields.push_back(f);
  return fields;
}

std::string first_value(const admin_reply& reply, std::string fallback) {
  return reply.lines.empty() ? fallback : split_key_value(reply.lines[0]).value;
}

void append_listed(std::string& list, std::string_view item) {
  if (!list.empty()) list += ", ";
  list += item;
}

void print_lines(const admin_reply& reply, std::ostream& out, std::string_view header) {
  if (!header.empty()) out << header << "\n";
  for (const auto& line : reply.lines) out << line << "\n";
}

void print_json_rows(
    const admin_reply& reply, std::ostream& out,
    const std::function<std::optional<std::string>(const std::vector<std::string>&)>& members_of) {
  std::string rows;
  for (const auto& line : reply.lines)
    if (auto members = members_of(split_tabs(line))) append_listed(rows, "{" + *members + "}");
  out << "[" << rows << "]\n";
}

}  // namespace djabberd::ctl
