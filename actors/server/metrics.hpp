// Process-wide traffic counters (relaxed atomics): cheap enough to bump on every stanza, read by
// `djabberctl stats` and the Prometheus endpoint. No CAF, so any file may include it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace djabberd::metrics {

/// A TCP connection was accepted (a c2s session actor started) / has ended.
void connection_opened() noexcept;
void connection_closed() noexcept;
/// A resource was bound.
void session_bound() noexcept;
/// A SASL exchange succeeded / failed.
void auth_succeeded() noexcept;
void auth_failed() noexcept;
/// Limits ([limits] section) that were hit: a connection refused at accept because of the
/// unauthenticated-connection caps / an address ban; a connection's reading paused by its rate
/// limit; a connection closed because its client stopped reading; a bind refused by the
/// per-account session cap; a roster set refused by the roster size cap; a SASL failure held
/// back by the failed-login back-off; an address banned for failed logins.
void refused_unauth() noexcept;
void refused_banned() noexcept;
void read_paused() noexcept;
void slow_reader_closed() noexcept;
void session_cap_hit() noexcept;
void roster_cap_hit() noexcept;
void login_delayed() noexcept;
void login_banned() noexcept;
/// A stanza was read from / written to a client; `name` is its element name (message, presence
/// or iq; other elements are not counted).
void stanza_in(std::string_view name) noexcept;
void stanza_out(std::string_view name) noexcept;

/// Cluster: an account event was forwarded to the account's home node / a stanza was relayed to
/// the home node of its 'to'.
void cluster_forwarded() noexcept;
void cluster_relayed() noexcept;

/// One counter's value, named like the `stats` admin lines: "connections_accepted",
/// "stanzas_in.message", ...
struct sample {
  std::string name;
  std::uint64_t value;
};

/// The process's resident memory (VmRSS of /proc/self/status) in KiB; 0 if unknown.
std::uint64_t rss_kb();

/// Every counter, in a fixed order, plus connections_open (accepted - closed).
std::vector<sample> snapshot();

}  // namespace djabberd::metrics
