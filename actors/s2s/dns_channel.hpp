// A c-ares channel driven by explicit, never-waiting process() calls: its owner (the resolver
// actor) polls it while queries are outstanding. Callbacks run inside process() (or inside the
// query call when c-ares fails at once), on the owner's thread. Not thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "actors/s2s/dns_srv.hpp"

struct ares_channeldata;

namespace djabberd::s2s {

class dns_channel {
 public:
  struct options {
    /// "ip:port" name servers; empty = those of /etc/resolv.conf.
    std::vector<std::string> servers;
    std::chrono::milliseconds timeout{1000};  ///< first try; c-ares doubles it per round
    int tries = 2;                            ///< rounds over all servers
  };

  /// Throws std::runtime_error (naming the c-ares error) if the channel cannot be set up or a
  /// server address is malformed.
  explicit dns_channel(const options& opts);
  ~dns_channel();
  dns_channel(const dns_channel&) = delete;
  dns_channel& operator=(const dns_channel&) = delete;

  /// Asks for the SRV records at `name` (e.g. "_xmpp-server._tcp.example.org"); the records are
  /// tagged direct_tls = `direct_tls`.
  void query_srv(const std::string& name, bool direct_tls, std::function<void(srv_answer)> done);

  enum class host_status { found, not_found, failed };
  /// The IPv4 and IPv6 addresses of `name` (the hosts file first, then DNS), as text, in
  /// RFC 6724 preference order; `addresses` is empty unless the status is found.
  void lookup_addresses(const std::string& name,
                        std::function<void(host_status, std::vector<std::string> addresses)> done);

  /// Handles readable sockets and expired tries without waiting; callbacks run from here.
  void process();

  /// Queries whose callback has not run yet.
  std::size_t outstanding() const { return outstanding_; }

 private:
  template <class Callback>
  struct pending;

  ares_channeldata* channel_ = nullptr;
  std::size_t outstanding_ = 0;
};

}  // namespace djabberd::s2s
