// The state of one client connection and session, owned by its c2s session actor.
#pragma once

#include <chrono>
#include <functional>
#include <list>
#include <memory>
#include <string>

#include <caf/actor.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/response_promise.hpp>
#include <caf/result.hpp>
#include <caf/stateful_actor.hpp>

#include "actors/c2s/sm_counters.hpp"
#include "actors/server/server_context.hpp"
#include "actors/tls/tls_stream.hpp"
#include "auth/scram_server.hpp"
#include "stanza/jid.hpp"
#include "stanza/xml_stream.hpp"

namespace djabberd::c2s {

/// Where the stream negotiation stands (RFC 6120 §4.3).
enum class phase {
  wait_header,    ///< no stream header yet (or a restart is pending)
  pre_tls,        ///< features sent with <starttls><required/>
  tls_handshake,  ///< <proceed/> sent, TLS handshake running
  pre_auth,       ///< TLS up, SASL offered
  sasl,           ///< a SASL exchange is running
  authenticated,  ///< SASL succeeded, bind offered after the restart
  bound,          ///< resource bound: stanzas flow
  closing,        ///< stream closed or errored; waiting for the socket to go
};

struct session_state;
using session_actor = caf::stateful_actor<session_state>;

/// Receives the parser's events and forwards them into the actor's handlers.
struct parser_events final : xml::stream_parser::handler {
  session_actor* self = nullptr;
  void on_stream_open(const xml::stream_header& header) override;
  bool on_stanza(xml::element_ptr stanza) override;
  void on_stream_close() override;
  void on_error(xml::stream_error condition, std::string text) override;
};

/// A SASL exchange in progress.
struct sasl_exchange {
  std::string mechanism;
  std::unique_ptr<auth::scram_server> scram;  ///< null for PLAIN
  auth::hash_algo algo = auth::hash_algo::sha256;
  std::string username;  ///< nodeprep'd authcid
  std::string authzid;
};

/// XEP-0198 state of a session that sent <enable/> (sessions without it carry only a null
/// pointer, so stream management costs nothing until it is used).
struct sm_state {
  std::string id;                  ///< resumption id (SM-ID); empty: not resumable
  std::chrono::seconds max{0};     ///< how long the session waits for <resume/>
  sm_outbound out;                 ///< stanzas to the client, until acknowledged
  sm_inbound in;                   ///< the client's stanzas, counted once handled
  int unrequested = 0;             ///< stanzas written since the last <r/>
  bool waiting = false;            ///< the connection is gone; waiting for <resume/>
  std::uint64_t wait_round = 0;    ///< tells a stale sm_expire timer from the current one
  caf::actor successor;            ///< the session that took this one over (forward to it)
  caf::response_promise takeover;  ///< a takeover waiting for in-flight stanzas to complete
  bool takeover_pending = false;
};

/// What a waiting session hands to the session of the connection that resumed it.
struct sm_handover {
  jid bound;
  bool available = false;
  int priority = 0;
  bool inactive = false;
  std::vector<xml::element_ptr> held_presence;
  std::unique_ptr<sm_state> sm;
};
using sm_handover_ptr = std::shared_ptr<sm_handover>;

struct session_state {
  static inline const char* name = "c2s-session";

  server_context_ptr server;
  caf::actor socket;  ///< the broker that owns the TCP connection
  std::uint64_t id = 0;
  std::string peer;  ///< "ip:port", for logs
  bool direct_tls = false;

  phase current = phase::wait_header;
  parser_events events;
  std::unique_ptr<xml::stream_parser> parser;
  std::unique_ptr<tls::stream> tls;
  const vhost_runtime* vhost = nullptr;
  std::string stream_id;
  bool header_sent = false;
  bool in_feed = false;          ///< inside stream_parser::feed (its callbacks run now)
  bool restart_pending = false;  ///< reset the parser when feed returns

  std::unique_ptr<sasl_exchange> sasl;
  /// Before authentication, when auth.sasl_mechanisms narrowed the offer: the mechanisms offered
  /// (others are refused). Empty and false otherwise.
  std::vector<std::string> mechanisms;
  bool mechanisms_narrowed = false;
  int sasl_failures = 0;
  std::string username;  ///< authenticated local part

  jid bound;  ///< full JID once bound
  bool available = false;
  int priority = 0;

  // The two queues are std::list, not std::deque: they are empty nearly always, and an empty
  // list allocates nothing (a deque allocates ~570 bytes on construction), per connection.

  /// Stanzas that arrived while an asynchronous step (SASL, bind) was running, handled in order
  /// once it completes.
  std::list<xml::element_ptr> pending;
  bool busy = false;

  /// Stanzas for the client waiting behind a pending outbound.pre_write transform (kept in order).
  std::list<xml::element_ptr> outbound;
  std::string end_reason;  ///< why the session ends, for session.unbound

  std::string out;  ///< plaintext XML waiting to be written (flushed at the end of each event)
  std::chrono::steady_clock::time_point last_write;
  std::chrono::steady_clock::time_point last_read;  ///< last bytes from the client (idle time)
  bool ping_pending = false;  ///< a XEP-0199 ping went out since the client's last bytes

  /// XEP-0352: while the client says it is inactive, presence updates wait here (one per sender,
  /// the newest wins) and go out when it becomes active or something urgent is delivered.
  bool inactive = false;
  std::vector<xml::element_ptr> held_presence;

  std::unique_ptr<sm_state> sm;  ///< XEP-0198, after <enable/> (session_sm.cpp)
};

/// The actor's behavior; spawned by the connection broker.
caf::behavior session(session_actor* self, caf::actor socket, server_context_ptr server,
                      std::string peer, bool direct_tls);

// --- Parts of the session, each in its own file -----------------------------------------------

/// Output: queue XML, encrypt if needed, hand it to the socket broker (session_io.cpp).
void write(session_actor* self, std::string_view xml);
/// Queues a stanza (nothing if null), serialized for the client's jabber:client stream.
void write_stanza(session_actor* self, const xml::element_ptr& stanza);
void flush(session_actor* self);
/// Input: bytes from the socket through TLS into the XML parser (session_io.cpp).
void receive(session_actor* self, const std::string& bytes);
/// Sends the stream error (with a header first if none was sent), closes the stream and socket.
void fail_stream(session_actor* self, xml::stream_error condition, std::string_view text = {});
/// Closes our side of the stream cleanly.
void close_stream(session_actor* self);
/// Switches to TLS (STARTTLS after <proceed/>, or direct TLS at accept).
void start_tls(session_actor* self, const vhost_runtime& vhost);
/// Expects a new stream header (RFC 6120 §4.3.3): resets the parser, now or once it returns.
void restart_stream(session_actor* self);

/// Stream header and features for the current phase (session_stream.cpp).
void open_stream(session_actor* self, const xml::stream_header& header);
void send_features(session_actor* self);
/// Whether the vhost offers SCRAM (auth.get_secret has handlers) / PLAIN (auth.check_password has).
bool offers_scram(const vhost_runtime& vhost);
bool offers_plain(const vhost_runtime& vhost);
/// Dispatches one top-level element according to the phase (session_stream.cpp).
void handle_element(session_actor* self, const xml::element_ptr& element);
/// Handles queued elements after an asynchronous step finished.
void resume(session_actor* self);

/// SASL (session_sasl.cpp).
void handle_sasl(session_actor* self, const xml::element_ptr& element);
/// Writes the SASL <failure/> (condition: an auth::sasl_failure); (atoms::login_fail, int) runs it
/// once the failed-login back-off has passed.
void send_sasl_failure(session_actor* self, int condition);

/// XEP-0077 (session_register.cpp): an IQ before authentication (only jabber:iq:register is
/// allowed; anything else ends the stream with <not-authorized/>), and a bound client's
/// jabber:iq:register IQ (false if it is not one, or registration is off on the vhost).
void handle_unauthenticated_iq(session_actor* self, const xml::element_ptr& iq);
bool handle_account_iq(session_actor* self, const xml::element_ptr& iq);

/// Resource binding and the legacy session IQ (session_bind.cpp).
void handle_bind(session_actor* self, const xml::element_ptr& iq);

/// Stanzas of a bound session: validate, stamp 'from', answer or route (session_stanzas.cpp).
void handle_stanza(session_actor* self, const xml::element_ptr& stanza);
/// An IQ get/set to the server or the user's own bare JID: iq.c2s, then built-ins (session_iq.cpp).
void handle_local_iq(session_actor* self, const xml::element_ptr& iq);
/// XEP-0030 disco#info / disco#items get to the server (disco.server_* hooks); disco#info to the
/// user's own bare JID goes to the account's actor. False if `iq` is neither (session_disco.cpp).
bool handle_server_disco(session_actor* self, const xml::element_ptr& iq);
/// The server's disco#info <query/> (core and disco.server_info), given to `then` in `self`'s
/// context (at once when no plugin joins the hook); the caller keeps later stanzas waiting.
void server_info(session_actor* self, std::function<void(xml::element_ptr)> then);
/// Writes a stanza to the bound client through outbound.pre_write, keeping the order of
/// everything written this way (session_outbound.cpp). Null stanzas are ignored.
void send_stanza(session_actor* self, const xml::element_ptr& stanza);
/// A stanza routed to this session (held back while the client is inactive, session_csi.cpp).
void deliver(session_actor* self, const xml::element_ptr& stanza);
/// XEP-0352 <active/> / <inactive/> from the client; false if the vhost has no `csi` plugin.
bool handle_csi(session_actor* self, const xml::element& nonza);
/// A top-level element of a bound stream that nothing built in takes: stream.unknown_element, else
/// <unsupported-stanza-type/> (session_unknown.cpp).
void handle_unknown_element(session_actor* self, const xml::element_ptr& element);
/// Unbinds and tells the router we are gone (on any end of the session).
void end_session(session_actor* self);

/// XEP-0198 (session_sm.cpp). Handles an element of urn:xmpp:sm:3 in the current phase; false
/// if the vhost does not offer stream management or the element is not one the phase accepts.
bool handle_sm(session_actor* self, const xml::element_ptr& element);
/// Whether the session sent <enable/>.
inline bool sm_enabled(session_actor* self) {
  return self->state.sm != nullptr;
}
/// Counts a stanza written to the client; false while the connection is gone (the stanza waits in
/// the unacked queue instead of being written).
bool sm_count_outbound(session_actor* self, const xml::element_ptr& stanza);
/// Writes an <r/> once ack_every stanzas went out since the last one (after the stanza itself).
void sm_request_ack_if_due(session_actor* self);
/// A client stanza counted by ticket is handled (XEP-0198 h advances over the completed prefix).
void sm_handled(session_actor* self, std::uint32_t ticket);
/// Routes a client's message as a request answered once it is delivered or stored, and completes
/// its ticket then.
void sm_route_message(session_actor* self, const xml::element_ptr& message, std::uint32_t ticket);
/// Keepalive tick: asks for an ack if stanzas are unacknowledged.
void sm_on_keepalive(session_actor* self);
/// The connection is gone (socket closed, TLS failed): asks session.closing whether the session
/// waits for resumption; otherwise it ends.
void connection_lost(session_actor* self, const std::string& reason);
/// The session ends for good: unacked messages with a body go back to the account (other
/// resources or offline storage), unacked IQ get/set get an error, presence is dropped.
void sm_dispose_unacked(session_actor* self);
/// A new connection resumes this session: hand over its state (or nullptr if it cannot).
caf::result<sm_handover_ptr> sm_hand_over(session_actor* self, const caf::actor& successor,
                                          const std::string& bare);
/// The resumption time is over: the session ends.
void sm_expire(session_actor* self, std::uint64_t round);
/// Short XEP-0198 state for describe(): off, on, resumable, waiting.
std::string_view sm_describe(session_actor* self);

/// One TSV line for the admin socket: full JID (or "-"), peer, TLS version, cipher, idle seconds,
/// stream management state (session_info.cpp).
std::string describe(session_actor* self);

}  // namespace djabberd::c2s

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(djabberd::c2s::sm_handover_ptr)
