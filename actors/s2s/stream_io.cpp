// Bytes of an s2s stream: TLS both ways, the parser with restarts, output to the broker.
#include "actors/s2s/stream_io.hpp"

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/log.hpp"
#include "actors/s2s/server_ns.hpp"
#include "stanza/serializer.hpp"

namespace djabberd::s2s {

namespace {

// Feeds plaintext to the parser; a stanza asking for a restart (<proceed/>, SASL success) stops
// it, the parser is reset here (outside its callback) and the rest goes to the new stream,
// through TLS if TLS just started. Same scheme as the c2s session.
void feed_plaintext(caf::event_based_actor* self, stream_io& io, const char* data,
                    std::size_t len) {
  while (len > 0 && !io.closed) {
    bool had_tls = io.tls != nullptr;
    io.in_feed = true;
    std::size_t used = io.parser->feed(data, len);
    io.in_feed = false;
    data += used;
    len -= used;
    if (io.restart_pending) {
      io.restart_pending = false;
      io.parser->reset();
      if (!had_tls && io.tls) {
        if (len > 0) receive(self, io, std::string(data, len));
        return;
      }
    } else if (used == 0) {
      return;
    }
  }
}

}  // namespace

void write(stream_io& io, std::string_view xml) {
  io.out.append(xml);
}

void write_stanza(stream_io& io, const xml::element& stanza) {
  xml::serialize(stanza, io.out, server_ns);
}

void flush(caf::event_based_actor* self, stream_io& io) {
  if (!io.socket) return;
  std::string bytes;
  if (io.tls) {
    if (!io.out.empty() && io.tls->send(io.out.data(), io.out.size()) != tls::stream::status::ok)
      log::info(io.kind, "#", io.id, " TLS write failed: ", io.tls->error());
    io.out.clear();
    io.tls->drain(bytes);
  } else {
    bytes.swap(io.out);
  }
  if (!bytes.empty()) self->send(io.socket, atoms::data::value, std::move(bytes));
}

void receive(caf::event_based_actor* self, stream_io& io, const std::string& bytes) {
  if (io.closed) return;
  io.last_activity = std::chrono::steady_clock::now();
  if (!io.tls) {
    feed_plaintext(self, io, bytes.data(), bytes.size());
    flush(self, io);
    return;
  }
  std::string plaintext;
  bool was_done = io.tls->handshake_done();
  auto status = io.tls->receive(bytes.data(), bytes.size(), plaintext);
  if (status != tls::stream::status::ok) {
    std::string reason =
        status == tls::stream::status::failed ? "TLS failed: " + io.tls->error() : "TLS closed";
    log::info(io.kind, "#", io.id, " ", io.peer, " ", reason);
    flush(self, io);  // a TLS alert may be waiting
    io.closed = true;
    self->send(io.socket, atoms::close::value);
    if (io.on_lost) io.on_lost(reason);
    return;
  }
  flush(self, io);  // handshake messages
  if (!was_done && io.tls->handshake_done()) {
    log::debug(io.kind, "#", io.id, " TLS established: ", io.tls->version(), " ", io.tls->cipher());
    if (io.on_tls_established) io.on_tls_established();
  }
  if (!plaintext.empty()) feed_plaintext(self, io, plaintext.data(), plaintext.size());
  flush(self, io);
}

void start_tls(caf::event_based_actor* self, stream_io& io, std::unique_ptr<tls::stream> session) {
  io.tls = std::move(session);
  std::string none;
  io.tls->receive(nullptr, 0, none);  // a client produces its ClientHello here
  flush(self, io);
}

void restart_stream(stream_io& io) {
  if (io.in_feed)
    io.restart_pending = true;
  else
    io.parser->reset();
}

void close_stream(caf::event_based_actor* self, stream_io& io) {
  if (io.closed) return;
  io.closed = true;
  write(io, "</stream:stream>");
  if (io.tls && io.tls->handshake_done()) {
    flush(self, io);
    io.tls->shutdown();
  }
  flush(self, io);
  if (io.socket) self->send(io.socket, atoms::close::value);
}

void fail_stream(caf::event_based_actor* self, stream_io& io, xml::stream_error condition,
                 std::string_view text) {
  if (io.closed) return;
  log::info(io.kind, "#", io.id, " ", io.peer, " stream error: ", xml::condition_name(condition),
            text.empty() ? "" : " (", text, text.empty() ? "" : ")");
  write(io, "<stream:error><");
  write(io, xml::condition_name(condition));
  write(io, " xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>");
  if (!text.empty()) {
    auto t = xml::make_element("text", "urn:ietf:params:xml:ns:xmpp-streams");
    t->add_text(std::string(text));
    write(io, xml::to_string(*t, server_ns));
  }
  write(io, "</stream:error>");
  close_stream(self, io);
}

}  // namespace djabberd::s2s
