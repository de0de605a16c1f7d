// libFuzzer target: the XML stream parser (stanza/xml_stream) fed arbitrary bytes in pieces.
// The first input byte picks the piece size, so split points inside tokens are explored too;
// stanzas are serialized again, which exercises element building and escaping.
#include <cstddef>
#include <cstdint>
#include <string>

#include "stanza/serializer.hpp"
#include "stanza/xml_stream.hpp"

namespace {

struct sink final : djabberd::xml::stream_parser::handler {
  std::size_t stanzas = 0;
  void on_stream_open(const djabberd::xml::stream_header&) override {}
  bool on_stanza(djabberd::xml::element_ptr stanza) override {
    std::string out = djabberd::xml::to_string(*stanza, "jabber:client");
    stanzas += out.empty() ? 0 : 1;
    return true;
  }
  void on_stream_close() override {}
  void on_error(djabberd::xml::stream_error, std::string) override {}
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::size_t piece = 1 + data[0] % 64;
  const char* bytes = reinterpret_cast<const char*>(data + 1);
  std::size_t len = size - 1;
  sink events;
  djabberd::xml::stream_limits limits;
  limits.max_stanza_bytes = 4096;
  djabberd::xml::stream_parser parser(events, limits);
  for (std::size_t at = 0; at < len;) {
    std::size_t n = std::min(piece, len - at);
    std::size_t used = parser.feed(bytes + at, n);
    if (used == 0) break;  // stopped by on_stanza (never here) or nothing consumed
    at += used;
  }
  return 0;
}
