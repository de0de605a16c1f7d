// This process as a cluster node: membership on CAF's own distribution (middleman publish /
// remote_actor, monitors), no home-made protocol.
#pragma once

#include <string>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/expected.hpp>

#include "config/config.hpp"

namespace djabberd::cluster {

/// Announces the types that cross nodes (element, JID) and sets the middleman's heartbeat and
/// TLS options. Call on the config before the actor_system exists, on every node.
void configure(caf::actor_system_config& cfg, const config::cluster_config& cluster);

/// Spawns the node actor, publishes it on `cluster.listen` and starts joining through the seeds.
/// The node actor tells `router` the live members whenever they change:
/// (atoms::cl_members, std::string self, std::vector<std::string> names,
/// std::vector<caf::actor> routers), names sorted, this node included. Answers (atoms::info) with
/// one line per member (for djabberctl). Fails when the address cannot be published.
caf::expected<caf::actor> start_node(caf::actor_system& sys, const config::cluster_config& cluster,
                                     caf::actor router);

/// True when both hold the same secret; takes as long whatever the first difference.
bool same_secret(const std::string& a, const std::string& b);

}  // namespace djabberd::cluster
