// One simulated client: its socket, TLS object, login step and small buffers.
#pragma once

#include <openssl/ssl.h>

#include <cstdint>
#include <memory>
#include <string>

#include "bench/loadgen/scram_client.hpp"

namespace djabberd::loadgen {

/// Where a connection is in the login sequence; `online` is the scenario's.
enum class Step : std::uint8_t {
  unused,         ///< not started yet
  connecting,     ///< TCP connect in progress
  tls_handshake,  ///< after <proceed/> (STARTTLS) or right after connect (direct TLS)
  features,       ///< stream header sent, waiting for </stream:features>
  proceed,        ///< <starttls/> sent
  sasl,           ///< <auth/> sent
  bind,           ///< bind IQ sent
  session,        ///< legacy session IQ sent (only if the server requires it)
  online,         ///< initial presence sent
  closed,
};

const char* step_name(Step step);

struct Connection {
  int fd = -1;
  SSL* ssl = nullptr;
  Step step = Step::unused;
  std::uint8_t round = 0;              ///< stream features seen so far: 0 plain, 1 TLS, 2 authed
  std::uint8_t epoll_events = 0;       ///< what epoll watches now (EPOLLIN / EPOLLOUT)
  bool logging_in = false;             ///< started, not yet online nor failed
  bool tls_wants_write = false;        ///< OpenSSL asked to wait for writability
  bool session_required = false;       ///< features listed a non-optional legacy session
  std::uint64_t start_us = 0;          ///< connect() time
  std::uint64_t mark_us = 0;           ///< start of the current timed part (TLS handshake)
  std::string in;                      ///< received, not yet consumed text
  std::string out;                     ///< text waiting for the socket
  std::unique_ptr<ScramClient> scram;  ///< only during SASL
};

}  // namespace djabberd::loadgen
