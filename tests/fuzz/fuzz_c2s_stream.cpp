// libFuzzer target: the pure core of the c2s stream state machine fed raw bytes. Driving the
// session actor itself would need a CAF actor system per input (too slow and nondeterministic
// for libFuzzer), so this replays what session_io/session_stream do with the bytes: the parser
// with the pre-authentication limits, a stream restart (parser reset, rest of the chunk into the
// new stream) after <starttls/> or a SASL <auth/>, the raised stanza limit after "auth", JID
// parsing of 'to'/'from' and the error replies the session sends for bad stanzas.
#include <cstddef>
#include <cstdint>
#include <string>

#include "stanza/error_reply.hpp"
#include "stanza/jid.hpp"
#include "stanza/serializer.hpp"
#include "stanza/xml_stream.hpp"

namespace {

using namespace djabberd;

struct session_model final : xml::stream_parser::handler {
  xml::stream_parser* parser = nullptr;
  bool restart = false;
  bool authenticated = false;

  void on_stream_open(const xml::stream_header& header) override { (void)jid::parse(header.to); }
  bool on_stanza(xml::element_ptr stanza) override {
    const auto& name = stanza->name();
    if (name == "starttls" || name == "auth") {
      if (name == "auth" && !authenticated) {
        authenticated = true;
        auto limits = parser->limits();
        limits.max_stanza_bytes = 65536;
        parser->set_limits(limits);
      }
      restart = true;
      return false;  // the session stops the parser and restarts the stream
    }
    (void)jid::parse(stanza->attr_or("to"));
    (void)jid::parse(stanza->attr_or("from"));
    if (auto reply = xml::make_error_reply(*stanza, xml::stanza_error::service_unavailable))
      (void)xml::to_string(*reply, "jabber:client");
    return true;
  }
  void on_stream_close() override {}
  void on_error(xml::stream_error, std::string) override {}
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::size_t piece = 1 + data[0] % 128;  // the broker reads at most 2048 bytes; any split
  const char* bytes = reinterpret_cast<const char*>(data + 1);
  std::size_t len = size - 1;
  session_model model;
  xml::stream_limits limits;
  limits.max_stanza_bytes = 10000;
  limits.max_depth = 32;
  limits.max_attributes = 64;
  xml::stream_parser parser(model, limits);
  model.parser = &parser;
  int restarts = 0;
  for (std::size_t at = 0; at < len;) {
    std::size_t n = std::min(piece, len - at);
    std::size_t used = parser.feed(bytes + at, n);
    at += used;
    if (model.restart) {
      model.restart = false;
      parser.reset();
      if (++restarts > 16) break;
    } else if (used == 0) {
      break;
    }
  }
  return 0;
}
