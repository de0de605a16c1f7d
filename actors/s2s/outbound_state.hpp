// The state of one outbound s2s stream (we are the initiating / originating server).
#pragma once

#include <deque>
#include <string>
#include <vector>

#include <caf/error.hpp>
#include <caf/response_promise.hpp>
#include <caf/sec.hpp>
#include <caf/stateful_actor.hpp>

#include "actors/s2s/s2s_context.hpp"
#include "actors/s2s/stream_io.hpp"
#include "stanza/stream_error.hpp"

namespace djabberd::s2s {

enum class out_phase {
  starting,     ///< s2s.allow, secret and endpoints are being looked up
  connecting,   ///< the connector is trying the endpoints
  negotiating,  ///< TCP up: headers, STARTTLS, TLS, SASL EXTERNAL or dialback
  ready,        ///< authenticated: stanzas flow
  closing,
};

struct outbound_state;
using outbound_actor = caf::stateful_actor<outbound_state>;

struct outbound_events final : xml::stream_parser::handler {
  outbound_actor* self = nullptr;
  void on_stream_open(const xml::stream_header& header) override;
  bool on_stanza(xml::element_ptr stanza) override;
  void on_stream_close() override;
  void on_error(xml::stream_error condition, std::string text) override;
};

/// A db:verify the manager asked us to send for one of our inbound streams (XEP-0220 §2.1.2).
struct pending_verify {
  std::string stream_id;
  std::string key;
  /// delivers bool valid, or dialback_failure(condition) when the authoritative server could not
  /// be asked (XEP-0220 §2.4: the originating server then gets type='error')
  caf::response_promise answer;
  bool sent = false;
};

/// The error a db_verify request answers with when the authoritative server was not reached or
/// answered type='error'; its context is the stanza error condition's name.
inline caf::error dialback_failure(xml::stanza_error condition) {
  return caf::make_error(caf::sec::runtime_error, std::string(xml::condition_name(condition)));
}

struct outbound_state {
  static inline const char* name = "s2s-out";

  s2s_context_ptr ctx;
  caf::actor manager;  ///< asked to release this stream before it closes when idle
  std::string local, remote;
  stream_io io;
  outbound_events events;
  out_phase phase = out_phase::starting;
  std::string secret;     ///< dialback secret of `local`
  std::string stream_id;  ///< the id the receiving server gave our stream
  bool authenticated = false;
  bool sasl_sent = false;
  bool dialback_offered = false;
  bool verifies_allowed = false;       ///< TLS is up and features arrived: db:verify may go out
  std::string method;                  ///< "EXTERNAL" or "dialback", for logs and metrics
  std::deque<xml::element_ptr> queue;  ///< stanzas waiting for `ready` (or for out_filter)
  bool filtering = false;              ///< an s2s.out_filter request is running
  std::vector<pending_verify> verifies;
};

/// The actor: spawned by the manager for (local, remote); takes (atoms::route, stanza) and
/// (atoms::db_verify, stream_id, key) -> bool.
caf::behavior outbound_stream(outbound_actor* self, s2s_context_ptr ctx, caf::actor manager,
                              std::string local, std::string remote);

// --- Parts, each in its own file ---------------------------------------------------------------
/// Negotiation (outbound_negotiation.cpp): header, features, TLS, SASL EXTERNAL, dialback.
void send_header(outbound_actor* self);
/// TLS is up: check the peer's certificate as policy requires, then restart the stream.
void on_tls_up(outbound_actor* self);
/// Authenticated: flush the queue (outbound.cpp).
void become_ready(outbound_actor* self);
/// Gives up: bounces queued stanzas with `condition`, answers verifies false, closes, quits.
void give_up(outbound_actor* self, xml::stanza_error condition, const std::string& why);
/// Sends the db:verify requests that may go out now.
void send_verifies(outbound_actor* self);

}  // namespace djabberd::s2s
