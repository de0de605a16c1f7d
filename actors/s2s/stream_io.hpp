// The byte side of an s2s stream, shared by inbound and outbound stream actors: TLS, the XML
// parser with stream restarts, buffered output to the socket broker.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <caf/actor.hpp>
#include <caf/event_based_actor.hpp>

#include "actors/tls/tls_stream.hpp"
#include "stanza/element.hpp"
#include "stanza/stream_error.hpp"
#include "stanza/xml_stream.hpp"

namespace djabberd::s2s {

struct stream_io {
  caf::actor socket;  ///< the broker owning the TCP connection (unset while connecting)
  std::unique_ptr<tls::stream> tls;
  std::unique_ptr<xml::stream_parser> parser;
  std::string out;  ///< plaintext waiting for flush()
  bool in_feed = false;
  bool restart_pending = false;
  bool closed = false;  ///< our side closed (or failed): ignore further input
  std::chrono::steady_clock::time_point last_activity = std::chrono::steady_clock::now();
  std::uint64_t id = 0;  ///< connection number for logs
  std::string peer;      ///< "ip:port"
  const char* kind = "s2s";
  /// Runs once when the TLS handshake completes (after the stream was switched to TLS).
  std::function<void()> on_tls_established;
  /// Runs when the connection ends without our doing (TLS failure, peer closed).
  std::function<void(std::string reason)> on_lost;

  bool tls_up() const { return tls && tls->handshake_done(); }
};

/// Queues XML text / a stanza (serialized into the jabber:server stream).
void write(stream_io& io, std::string_view xml);
void write_stanza(stream_io& io, const xml::element& stanza);
/// Encrypts if needed and hands the queued bytes to the socket broker.
void flush(caf::event_based_actor* self, stream_io& io);
/// Bytes from the socket: through TLS into the parser.
void receive(caf::event_based_actor* self, stream_io& io, const std::string& bytes);
/// Starts TLS on the connection: server side (inbound) or client side with SNI (outbound).
void start_tls(caf::event_based_actor* self, stream_io& io, std::unique_ptr<tls::stream> session);
/// Expects a new stream header (after TLS or SASL): resets the parser now or once it returns.
void restart_stream(stream_io& io);
/// Closes our side: </stream:stream>, TLS close_notify, then the socket.
void close_stream(caf::event_based_actor* self, stream_io& io);
/// Writes <stream:error/> (the caller wrote a header first if none was sent) and closes.
void fail_stream(caf::event_based_actor* self, stream_io& io, xml::stream_error condition,
                 std::string_view text = {});

}  // namespace djabberd::s2s
