// The version handler actor.
#pragma once

#include <string>

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>

namespace djabberd::plugins::version {

/// What the server tells about itself.
struct software {
  std::string name = "djabberd";
  std::string version;
  std::string os;  ///< empty: no <os/> element (XEP-0092 §5: it may help attackers)
};

/// iq.c2s: a jabber:iq:version get addressed to the vhost's domain -> handled(result with <name/>,
/// <version/> and, if set, <os/>); declined otherwise. disco.server_info (no node):
/// handled(<query xmlns='disco#info'><feature var='jabber:iq:version'/></query>).
caf::behavior version_actor(caf::event_based_actor* self, software info);

/// The operating system as uname(2) names it, e.g. "Linux 6.1.0-18-amd64".
std::string operating_system();

}  // namespace djabberd::plugins::version
