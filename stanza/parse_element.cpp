// parse_element: feeds the text into a stream_parser inside a synthetic stream root.
#include "stanza/parse_element.hpp"

#include <algorithm>

#include "stanza/xml_stream.hpp"

namespace djabberd::xml {

namespace {

// The root declares only the stream prefix: the element's namespaces come from its own xmlns.
constexpr std::string_view root = "<stream:stream xmlns:stream='http://etherx.jabber.org/streams'>";

// Keeps the first element and stops the parser right after it.
struct first_element : stream_parser::handler {
  element_ptr result;
  std::string error;
  void on_stream_open(const stream_header&) override {}
  bool on_stanza(element_ptr stanza) override {
    result = std::move(stanza);
    return false;
  }
  void on_stream_close() override { error = "the text closes the stream"; }
  void on_error(stream_error, std::string text) override { error = std::move(text); }
};

bool is_space(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

element_ptr fail(std::string* error, std::string message) {
  if (error) *error = std::move(message);
  return nullptr;
}

}  // namespace

element_ptr parse_element(std::string_view text, std::string* error) {
  first_element h;
  stream_limits limits;
  limits.max_stanza_bytes = std::max(limits.max_stanza_bytes, text.size() + 1);
  stream_parser parser(h, limits);
  parser.feed(root.data(), root.size());
  std::size_t used = parser.feed(text.data(), text.size());
  if (!h.error.empty()) return fail(error, h.error);
  if (!h.result)
    return fail(error, text.empty() || is_space(text) ? "no element" : "incomplete element");
  if (!is_space(text.substr(used))) return fail(error, "text after the element");
  return h.result;
}

}  // namespace djabberd::xml
