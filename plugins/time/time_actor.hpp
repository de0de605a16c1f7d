// The time handler actor and the XEP-0082 formatting it uses.
#pragma once

#include <ctime>
#include <string>

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>

namespace djabberd::plugins::time {

/// XEP-0082 DateTime in UTC, e.g. "2006-12-19T17:58:35Z".
std::string utc_string(std::time_t t);
/// XEP-0082 time zone offset, e.g. "+00:00", "-06:00", "+05:30".
std::string tzo_string(long offset_seconds);
/// The local zone's offset from UTC at `t`, in seconds (east positive).
long local_offset(std::time_t t);

/// iq.c2s: a urn:xmpp:time get addressed to the vhost's domain -> handled(result with <tzo/>
/// and <utc/>); declined otherwise. disco.server_info (no node): handled(feature urn:xmpp:time).
caf::behavior time_actor(caf::event_based_actor* self);

}  // namespace djabberd::plugins::time
