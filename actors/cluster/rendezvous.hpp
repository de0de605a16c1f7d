// Rendezvous (highest random weight) hashing: which live node is an account's home.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace djabberd::cluster {

/// The weight of `node` for `key`: a 64-bit hash of both, identical on every node and build
/// (FNV-1a with a final mix, not std::hash, whose values may differ between builds).
std::uint64_t rendezvous_weight(std::string_view node, std::string_view key);

/// Index into `nodes` of the node with the highest weight for `key` (ties: the smaller name);
/// -1 when `nodes` is empty. Removing a node moves only the keys it held, each to the node that
/// was its second choice.
int rendezvous_pick(std::string_view key, const std::vector<std::string>& nodes);

/// The indexes of the `n` best nodes for `key`, best first (fewer when there are fewer nodes).
std::vector<int> rendezvous_rank(std::string_view key, const std::vector<std::string>& nodes,
                                 std::size_t n);

}  // namespace djabberd::cluster
