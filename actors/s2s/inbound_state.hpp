// The state of one inbound s2s stream (we are the receiving server; for db:verify also the
// authoritative server).
#pragma once

#include <deque>
#include <set>
#include <string>
#include <utility>

#include <caf/stateful_actor.hpp>

#include "actors/s2s/s2s_context.hpp"
#include "actors/s2s/stream_io.hpp"

namespace djabberd::s2s {

struct inbound_state;
using inbound_actor = caf::stateful_actor<inbound_state>;

struct inbound_events final : xml::stream_parser::handler {
  inbound_actor* self = nullptr;
  void on_stream_open(const xml::stream_header& header) override;
  bool on_stanza(xml::element_ptr stanza) override;
  void on_stream_close() override;
  void on_error(xml::stream_error condition, std::string text) override;
};

struct inbound_state {
  static inline const char* name = "s2s-in";

  s2s_context_ptr ctx;
  caf::actor manager;
  stream_io io;
  inbound_events events;
  bool direct_tls = false;
  bool header_sent = false;
  std::string local;        ///< the vhost the first header was addressed to
  std::string remote_from;  ///< the 'from' of the header (the peer's claimed domain), may be ""
  std::string stream_id;
  bool peer_trusted = false;  ///< its certificate is valid for remote_from (after TLS)
  bool sasl_done = false;
  /// (remote domain, local domain) pairs authenticated on this stream: SASL EXTERNAL gives one,
  /// dialback one per db:result (XEP-0220 §5 piggybacking).
  std::set<std::pair<std::string, std::string>> authenticated;
  /// Elements that arrived while an asynchronous step (features, filter) ran, in order.
  std::deque<xml::element_ptr> pending;
  bool busy = false;
};

/// The actor, spawned by the s2s listener's connection broker `socket`.
caf::behavior inbound_stream(inbound_actor* self, caf::actor socket, s2s_context_ptr ctx,
                             caf::actor manager, std::string peer, bool direct_tls);

// --- Parts --------------------------------------------------------------------------------------
/// Header and features (inbound_negotiation.cpp).
void open_stream(inbound_actor* self, const xml::stream_header& header);
/// Dispatches one element by what the stream has negotiated (inbound_negotiation.cpp).
void handle_element(inbound_actor* self, const xml::element_ptr& element);
/// Handles queued elements after an asynchronous step.
void resume(inbound_actor* self);
/// db:result and db:verify (inbound_dialback.cpp).
void handle_db_result(inbound_actor* self, const xml::element& result);
void handle_db_verify(inbound_actor* self, const xml::element& verify);
/// A stanza from the peer: addresses, s2s.filter, iq.s2s, router (inbound_stanzas.cpp).
void handle_stanza(inbound_actor* self, const xml::element_ptr& stanza);
/// Writes a stream error (with our header first if none was sent) and ends the stream.
void fail(inbound_actor* self, xml::stream_error condition, std::string_view text = {});

}  // namespace djabberd::s2s
