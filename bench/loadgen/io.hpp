// Non-blocking socket and TLS I/O of a connection, and its epoll registration.
#pragma once

#include <string>

#include "bench/loadgen/connection.hpp"

namespace djabberd::loadgen {

enum class Io { ok, would_block, closed, error };

/// Appends everything readable (decrypted when TLS is on) to c.in. `closed` / `error` (with a
/// short `reason`) once the peer is gone; what arrived before stays in c.in.
Io read_available(Connection& c, std::string& reason);

/// Writes as much of c.out as the socket takes. `ok` when c.out is empty.
Io flush(Connection& c, std::string& reason);

/// One step of the TLS client handshake; `ok` when it is done.
Io tls_handshake_step(Connection& c, std::string& reason);

/// Watches for readability, and writability while connecting, with output pending or when
/// OpenSSL waits for it. `index` is the connection's number (the epoll cookie).
void update_interest(int epoll_fd, Connection& c, std::uint32_t index);

/// Short name of an errno value ("ECONNREFUSED").
std::string errno_name(int err);

}  // namespace djabberd::loadgen
