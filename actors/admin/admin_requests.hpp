// The admin protocol: one request line in, one framed response out.
#pragma once

#include <string>
#include <string_view>

#include <caf/blocking_actor.hpp>

#include "actors/admin/admin_server.hpp"

namespace djabberd::admin {

/// Answers one request line (without its newline): "status", "sessions [JID]",
/// "kick JID [REASON...]", "hooks", "stats", "message TYPE JID TEXT...", "reload" or "deluser
/// USER@DOMAIN" (removal through the account hooks, as XEP-0077 <remove/>). The response is "ok\n"
/// or "error MESSAGE\n", then data lines (key=value for status, TSV otherwise), then
/// ".\n". Asks actors with bounded timeouts.
std::string answer(caf::blocking_actor* self, const environment& env, std::string_view line);

}  // namespace djabberd::admin
