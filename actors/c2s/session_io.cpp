// Bytes in and out of a c2s session: TLS on the way, the XML parser on the way in.
#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/c2s/session_state.hpp"
#include "actors/log.hpp"
#include "actors/server/metrics.hpp"
#include "stanza/namespaces.hpp"
#include "stanza/serializer.hpp"

namespace djabberd::c2s {

namespace {

void send_to_socket(session_actor* self, std::string bytes) {
  if (bytes.empty()) return;
  self->send(self->state.socket, atoms::data::value, std::move(bytes));
}

// Feeds plaintext to the parser. The parser stops early when an element asked for a stream
// restart (after <starttls/> or SASL success): the parser is reset outside its own callback and
// the rest of the chunk goes to the new stream, through TLS if TLS just started.
void feed_plaintext(session_actor* self, const char* data, std::size_t len) {
  auto& st = self->state;
  while (len > 0 && st.current != phase::closing) {
    bool had_tls = st.tls != nullptr;
    st.in_feed = true;
    std::size_t used = st.parser->feed(data, len);
    st.in_feed = false;
    data += used;
    len -= used;
    if (st.restart_pending) {
      st.restart_pending = false;
      st.parser->reset();
      if (!had_tls && st.tls) {
        if (len > 0) receive(self, std::string(data, len));
        return;
      }
    } else if (used == 0) {
      return;
    }
  }
}

}  // namespace

void write(session_actor* self, std::string_view xml) {
  self->state.out.append(xml);
}

void write_stanza(session_actor* self, const xml::element_ptr& stanza) {
  if (!stanza) return;
  if (!sm_count_outbound(self, stanza)) return;  // no connection: it waits for resumption
  metrics::stanza_out(stanza->name());
  xml::serialize(*stanza, self->state.out, ns::client);
  sm_request_ack_if_due(self);
}

// Bytes of plaintext buffer a TLS session keeps between flushes (the plain path hands its
// buffer to the socket each time).
constexpr std::size_t max_kept_out = 256;

void flush(session_actor* self) {
  auto& st = self->state;
  if (!st.socket) {  // the connection is gone (waiting for XEP-0198 resumption)
    st.out.clear();
    return;
  }
  if (st.out.empty() && !st.tls) return;
  std::string bytes;
  if (st.tls) {
    if (!st.out.empty() && st.tls->send(st.out.data(), st.out.size()) != tls::stream::status::ok)
      log::info("c2s", "#", st.id, " TLS write failed: ", st.tls->error());
    st.tls->drain(bytes);
    // What was encrypted is not needed; a large buffer is not kept for an idle session.
    if (st.out.capacity() > max_kept_out) std::string{}.swap(st.out);
  } else {
    bytes.swap(st.out);
  }
  st.out.clear();
  if (!bytes.empty()) st.last_write = std::chrono::steady_clock::now();
  send_to_socket(self, std::move(bytes));
}

void receive(session_actor* self, const std::string& bytes) {
  auto& st = self->state;
  if (st.current == phase::closing) return;
  st.last_read = std::chrono::steady_clock::now();
  st.ping_pending = false;  // any bytes prove the client is there
  if (!st.tls) {
    feed_plaintext(self, bytes.data(), bytes.size());
    flush(self);
    return;
  }
  std::string plaintext;
  bool was_done = st.tls->handshake_done();
  auto status = st.tls->receive(bytes.data(), bytes.size(), plaintext);
  if (status != tls::stream::status::ok) {
    if (status == tls::stream::status::failed)
      log::info("c2s", "#", st.id, " ", st.peer, " TLS failed: ", st.tls->error());
    flush(self);  // a TLS alert may be waiting
    return connection_lost(self, "TLS closed or failed");
  }
  if (!was_done && st.tls->handshake_done()) {
    log::debug("c2s", "#", st.id, " TLS established: ", st.tls->version(), " ", st.tls->cipher());
    if (st.current == phase::tls_handshake) st.current = phase::wait_header;
  }
  flush(self);  // handshake messages
  if (!plaintext.empty()) feed_plaintext(self, plaintext.data(), plaintext.size());
  flush(self);
}

void fail_stream(session_actor* self, xml::stream_error condition, std::string_view text) {
  auto& st = self->state;
  if (st.current == phase::closing) return;
  log::info("c2s", "#", st.id, " ", st.peer, " stream error: ", xml::condition_name(condition),
            text.empty() ? "" : " (", text, text.empty() ? "" : ")");
  if (!st.header_sent) {
    // RFC 6120 §4.9.1.1: an error before the header is still sent inside a stream.
    std::string domain = st.vhost ? st.vhost->domain : st.server->default_vhost().domain;
    write(self,
          "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
          "xmlns:stream='http://etherx.jabber.org/streams' version='1.0' from='");
    write(self, domain);
    write(self, "'>");
    st.header_sent = true;
  }
  write(self, "<stream:error><");
  write(self, xml::condition_name(condition));
  write(self, " xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>");
  if (!text.empty()) {
    auto t = xml::make_element("text", "urn:ietf:params:xml:ns:xmpp-streams");
    t->set_attr("lang", "en", "http://www.w3.org/XML/1998/namespace");
    t->add_text(std::string(text));
    write(self,
          xml::to_string(*t, ns::client));  // inside <stream:error>, default ns is jabber:client
  }
  write(self, "</stream:error>");
  if (st.end_reason.empty())
    st.end_reason = "stream error " + std::string(xml::condition_name(condition));
  close_stream(self);
}

void close_stream(session_actor* self) {
  auto& st = self->state;
  if (st.current == phase::closing) return;
  if (st.end_reason.empty()) st.end_reason = "stream closed";
  end_session(self);
  st.current = phase::closing;
  write(self, "</stream:stream>");
  if (st.tls && st.tls->handshake_done()) {
    flush(self);
    st.tls->shutdown();
  }
  flush(self);
  if (!st.socket) return self->quit();  // a session waiting for resumption has no connection
  self->send(st.socket, atoms::close::value);
}

void start_tls(session_actor* self, const vhost_runtime& vhost) {
  auto& st = self->state;
  st.tls = std::make_unique<tls::stream>(vhost.tls->native());
  st.current = phase::tls_handshake;
}

void restart_stream(session_actor* self) {
  auto& st = self->state;
  if (st.in_feed)
    st.restart_pending = true;  // feed_plaintext resets the parser once expat has returned
  else
    st.parser->reset();
}

}  // namespace djabberd::c2s
