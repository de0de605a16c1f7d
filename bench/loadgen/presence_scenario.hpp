// The presence fan-out scenario: users with mutual contacts log in; how long until every
// client has seen every contact's available presence.
#pragma once

#include <memory>

#include "bench/loadgen/options.hpp"
#include "bench/loadgen/scenario.hpp"

namespace djabberd::loadgen {

/// Users are in groups of --contacts + 1 (presence_contacts.hpp); their rosters (subscription
/// both) must be on the server before the run. The login's initial <presence/> makes the
/// server probe and broadcast; each client counts the available presences from distinct
/// contacts. The figure is the time from the first login's start until the last client saw its
/// last contact; the run ends then, or after --hold seconds of the hold (report: missing).
std::unique_ptr<Scenario> make_presence_scenario(const Options& options);

}  // namespace djabberd::loadgen
