// Pure SRV logic for s2s name resolution: RFC 2782 ordering and the XEP-0368 merge of the
// _xmpps-server (direct TLS) and _xmpp-server (STARTTLS) answers. No I/O; unit tested.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "actors/s2s/resolver.hpp"

namespace djabberd::s2s {

/// One SRV resource record (RFC 2782), tagged with the service it came from.
struct srv_record {
  std::string target;  ///< host name without the trailing dot; "." or "" = no service
  std::uint16_t port = 0;
  std::uint16_t priority = 0;
  std::uint16_t weight = 0;
  bool direct_tls = false;  ///< from _xmpps-server._tcp
};

/// The outcome of one SRV query.
struct srv_answer {
  enum class status {
    records,     ///< the name has SRV records (possibly only ".")
    no_records,  ///< NXDOMAIN or no SRV data at that name
    failed,      ///< timeout, SERVFAIL, refused, malformed: nothing is known
  };
  status result = status::failed;
  std::vector<srv_record> records;
};

/// True for the RFC 2782 "service decidedly not available" target ".".
bool is_no_service_target(const std::string& target);

/// Picks a uniformly random integer in [0, max].
using random_pick = std::function<std::uint32_t(std::uint32_t max)>;

/// Orders records by ascending priority; within one priority by RFC 2782's weighted random
/// selection (zero weights first in the running sum, so they are picked rarely but not never).
/// XEP-0368: direct-TLS and STARTTLS records mix as one set. "." targets are dropped.
std::vector<endpoint> order_srv(std::vector<srv_record> records, const random_pick& pick);

/// What to do after both SRV queries for a domain answered.
struct srv_plan {
  enum class action {
    connect,         ///< try `endpoints` in order
    check_fallback,  ///< no SRV at all: use domain:5269 if the domain itself exists
    no_service,      ///< "." targets only, or DNS failed: answer nothing
  };
  action next = action::no_service;
  std::vector<endpoint> endpoints;
};

/// Merges the two answers (XEP-0368): usable records of either service are ordered together;
/// an xmpps "." only says "no direct TLS" (RFC: no A/AAAA fallback then); a failed query
/// (not "no records") means nothing is known, so no fallback guess is made.
srv_plan plan_from_srv(const srv_answer& xmpps, const srv_answer& xmpp, const random_pick& pick);

}  // namespace djabberd::s2s
