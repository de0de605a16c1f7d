// The per-connection client state machine: connect, STARTTLS/TLS, SASL, bind, presence, online.
#pragma once

#include <cstdint>
#include <string_view>

#include "bench/loadgen/context.hpp"

namespace djabberd::loadgen {

/// Opens connection `index` (TCP connect to ctx.target, from the next source address).
void start_connection(Context& ctx, std::uint32_t index);

/// Drives connection `index` after epoll reported `events` for it.
void handle_events(Context& ctx, std::uint32_t index, std::uint32_t events);

/// Queues `text` and writes what the socket takes; ends the connection on a write error.
void send_text(Context& ctx, Connection& c, std::string_view text);

/// The non-blocking connect() finished (writable socket): check it and go on.
void finish_connect(Context& ctx, Connection& c);

/// Starts the TLS handshake on the connected socket.
void start_tls(Context& ctx, Connection& c);

/// Drives the TLS handshake; opens the stream once it is done.
void continue_tls(Context& ctx, Connection& c);

/// Consumes login replies in c.in, moving through the steps (client_login.cpp).
void process_login(Context& ctx, Connection& c);

/// Closes a connection the run gives up on: a failure while logging in, a drop once online.
void end_connection(Context& ctx, Connection& c, std::string_view reason);

/// Closes a connection at the end of the run: </stream:stream>, TLS close_notify, close.
/// One still logging in counts as failed with "unfinished_at_end:<step>".
void close_at_end(Context& ctx, Connection& c);

/// The epoll cookie of `c`.
inline std::uint32_t index_of(const Context& ctx, const Connection& c) {
  return static_cast<std::uint32_t>(&c - ctx.conns.data());
}

}  // namespace djabberd::loadgen
