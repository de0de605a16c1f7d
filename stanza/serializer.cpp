// XML serialisation of element trees with minimal namespace declarations and escaping.
#include "stanza/serializer.hpp"

#include <variant>
#include <vector>

namespace djabberd::xml {
namespace {

constexpr std::string_view xmlns_ns = "http://www.w3.org/2000/xmlns/";

// The entity written for `c` in character data, or also in an attribute value; empty when `c`
// is written as it is. Carriage returns (and in attributes tabs and newlines) become character
// references so that a parser's line-end and attribute-value normalisation keeps them.
std::string_view entity_of(char c, bool in_attribute) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '\r':
      return "&#13;";
    default:
      break;
  }
  if (!in_attribute) return {};
  switch (c) {
    case '"':
      return "&quot;";
    case '\'':
      return "&apos;";
    case '\t':
      return "&#9;";
    case '\n':
      return "&#10;";
    default:
      return {};
  }
}

void append_escaped(std::string_view text, std::string& out, bool in_attribute) {
  out.reserve(out.size() + text.size());
  for (char c : text) {
    std::string_view entity = entity_of(c, in_attribute);
    if (entity.empty())
      out += c;
    else
      out += entity;
  }
}

bool is_content_ns(std::string_view ns) {
  return ns == "jabber:client" || ns == "jabber:server";
}

void write_attr(std::string& out, std::string_view qname, std::string_view value) {
  out += ' ';
  out += qname;
  out += "='";
  escape_attr(value, out);
  out += '\'';
}

// `inherited` is the default namespace in scope for `e` as the reader will see it.
void write(const element& e, std::string& out, std::string_view inherited) {
  out += '<';
  out += e.name();
  if (e.ns() != inherited) write_attr(out, "xmlns", e.ns());

  std::vector<std::string_view> prefixed;  // namespaces of prefixed attributes, index = prefix - 1
  for (const auto& a : e.attributes()) {
    if (a.ns.empty()) {
      if (a.name == "xmlns") continue;
      write_attr(out, a.name, a.value);
    } else if (a.ns == xml_ns) {
      out += " xml:";
      out += a.name;
      out += "='";
      escape_attr(a.value, out);
      out += '\'';
    } else if (a.ns != xmlns_ns) {
      std::size_t index = 0;
      while (index < prefixed.size() && prefixed[index] != a.ns) ++index;
      std::string prefix = "ns" + std::to_string(index + 1);
      if (index == prefixed.size()) {
        prefixed.push_back(a.ns);
        write_attr(out, "xmlns:" + prefix, a.ns);
      }
      write_attr(out, prefix + ':' + a.name, a.value);
    }
  }

  if (e.children().empty()) {
    out += "/>";
    return;
  }
  out += '>';
  for (const auto& n : e.children()) {
    if (const auto* s = std::get_if<std::string>(&n)) {
      escape_text(*s, out);
    } else {
      write(*std::get<element_ptr>(n), out, e.ns());
    }
  }
  out += "</";
  out += e.name();
  out += '>';
}

}  // namespace

void escape_text(std::string_view text, std::string& out) {
  append_escaped(text, out, false);
}

void escape_attr(std::string_view value, std::string& out) {
  append_escaped(value, out, true);
}

void serialize(const element& e, std::string& out, std::string_view parent_ns) {
  // A stanza written into a stream whose default namespace is a content namespace adopts it.
  bool adopt = is_content_ns(e.ns()) && is_content_ns(parent_ns);
  write(e, out, adopt ? std::string_view(e.ns()) : parent_ns);
}

std::string to_string(const element& e, std::string_view parent_ns) {
  std::string out;
  serialize(e, out, parent_ns);
  return out;
}

}  // namespace djabberd::xml
