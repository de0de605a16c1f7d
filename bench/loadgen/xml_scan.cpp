// Substring-level scanning of XMPP server output; no XML parser, no allocation.
#include "bench/loadgen/xml_scan.hpp"

namespace djabberd::loadgen {

namespace {

constexpr auto npos = std::string_view::npos;

bool ends_name(char c) {
  return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/// The '>' closing the tag that opens at `pos`, skipping quoted attribute values.
std::size_t tag_end(std::string_view buf, std::size_t pos) {
  char quote = 0;
  for (std::size_t i = pos; i < buf.size(); ++i) {
    const char c = buf[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '>') {
      return i;
    }
  }
  return npos;
}

std::string_view local_name(std::string_view qname) {
  const std::size_t colon = qname.find(':');
  return colon == npos ? qname : qname.substr(colon + 1);
}

}  // namespace

std::optional<ElementSpan> find_element(std::string_view buf, std::string_view name) {
  for (std::size_t pos = buf.find('<'); pos != npos; pos = buf.find('<', pos + 1)) {
    const std::size_t after = pos + 1 + name.size();
    if (buf.compare(pos + 1, name.size(), name) != 0) continue;
    if (after >= buf.size()) return std::nullopt;  // may be our element, not complete yet
    if (!ends_name(buf[after])) continue;
    const std::size_t gt = tag_end(buf, after);
    if (gt == npos) return std::nullopt;
    if (buf[gt - 1] == '/') return ElementSpan{pos, gt + 1, gt + 1, gt + 1};
    // The closing tag: "</" name ">" (allowing whitespace before '>').
    for (std::size_t close = buf.find("</", gt + 1); close != npos;
         close = buf.find("</", close + 2)) {
      if (buf.compare(close + 2, name.size(), name) != 0) continue;
      std::size_t end = close + 2 + name.size();
      while (end < buf.size() &&
             (buf[end] == ' ' || buf[end] == '\n' || buf[end] == '\t' || buf[end] == '\r')) {
        ++end;
      }
      if (end >= buf.size()) return std::nullopt;
      if (buf[end] != '>') continue;
      return ElementSpan{pos, end + 1, gt + 1, close};
    }
    return std::nullopt;
  }
  return std::nullopt;
}

std::string_view first_child_name(std::string_view element) {
  const std::size_t gt = tag_end(element, 0);
  if (gt == npos || element[gt - 1] == '/') return {};
  for (std::size_t pos = element.find('<', gt + 1); pos != npos; pos = element.find('<', pos + 1)) {
    if (pos + 1 >= element.size() || element[pos + 1] == '/') return {};
    if (element[pos + 1] == '!' || element[pos + 1] == '?') continue;
    std::size_t end = pos + 1;
    while (end < element.size() && !ends_name(element[end])) ++end;
    return local_name(element.substr(pos + 1, end - pos - 1));
  }
  return {};
}

std::string_view stanza_error_condition(std::string_view stanza) {
  auto error = find_element(stanza, "error");
  if (!error) return {};
  return first_child_name(error->text(stanza));
}

std::optional<std::string_view> attribute_value(std::string_view element, std::string_view attr) {
  const std::size_t gt = tag_end(element, 0);
  const std::string_view tag = element.substr(0, gt == npos ? element.size() : gt);
  for (std::size_t pos = tag.find(attr); pos != npos; pos = tag.find(attr, pos + 1)) {
    if (pos == 0 || !(tag[pos - 1] == ' ' || tag[pos - 1] == '\t' || tag[pos - 1] == '\n' ||
                      tag[pos - 1] == '\r')) {
      continue;
    }
    std::size_t i = pos + attr.size();
    while (i < tag.size() && tag[i] == ' ') ++i;
    if (i >= tag.size() || tag[i] != '=') continue;
    ++i;
    while (i < tag.size() && tag[i] == ' ') ++i;
    if (i >= tag.size() || (tag[i] != '\'' && tag[i] != '"')) continue;
    const char quote = tag[i];
    const std::size_t close = tag.find(quote, i + 1);
    if (close == npos) return std::nullopt;
    return tag.substr(i + 1, close - i - 1);
  }
  return std::nullopt;
}

bool has_attribute(std::string_view element, std::string_view attr, std::string_view value) {
  const auto found = attribute_value(element, attr);
  return found && *found == value;
}

bool offers_mechanism(std::string_view features, std::string_view mech) {
  for (std::size_t pos = features.find("<mechanism>"); pos != npos;
       pos = features.find("<mechanism>", pos + 1)) {
    std::size_t begin = pos + 11;
    const std::size_t end = features.find("</mechanism>", begin);
    if (end == npos) return false;
    std::string_view name = features.substr(begin, end - begin);
    while (!name.empty() && (name.front() == ' ' || name.front() == '\n')) name.remove_prefix(1);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\n')) name.remove_suffix(1);
    if (name == mech) return true;
  }
  return false;
}

}  // namespace djabberd::loadgen
