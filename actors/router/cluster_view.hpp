// The router's picture of the cluster: the live members and which one is an account's home.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <caf/actor.hpp>

namespace djabberd::router {

/// The live members as the node actor last reported them (names sorted, this node included).
/// Without a cluster, or while alone, every account's home is this node.
struct cluster_view {
  std::string self;                 ///< this node's name; empty without [cluster]
  std::vector<std::string> names;   ///< live members, sorted
  std::vector<caf::actor> routers;  ///< their routers, parallel to `names`

  bool active() const { return names.size() > 1; }
  /// The router of the home node of `bare` (rendezvous hashing over `names`), or nullptr when it
  /// is this node.
  const caf::actor* home_of(std::string_view bare) const;
  /// The name of the home node of `bare` (this node's when alone).
  const std::string& home_name(std::string_view bare) const;
  /// When this node is the home of `bare`: the router of the second choice, which takes over if
  /// this node dies; nullptr otherwise or when alone.
  const caf::actor* standby_of(std::string_view bare) const;
  /// The router that becomes home of `bare` if the node `gone` (a name) is removed, or nullptr
  /// when that is this node.
  const caf::actor* home_without(std::string_view bare, const std::string& gone) const;
  /// The name of the member whose router lives on `node`, or empty.
  std::string name_of(const caf::node_id& node) const;
};

}  // namespace djabberd::router
