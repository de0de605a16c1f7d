// The cluster's member list as nodes gossip it: names and middleman addresses.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace djabberd::cluster {

/// A node as the others know it: its unique name and where its middleman publishes.
struct member_address {
  std::string name;
  std::string host;
  std::uint16_t port = 0;
  friend bool operator==(const member_address&, const member_address&) = default;
};

/// "name|host|port" (names never contain '|'; IPv6 hosts contain ':' so that is no separator).
std::string encode_member(const member_address& m);
/// The inverse of encode_member; nullopt for malformed text (a peer's gossip is not trusted).
std::optional<member_address> decode_member(std::string_view text);

/// The members of a gossiped list that this node should connect to: decodable, not `self`, not in
/// `known` (members or connections in progress), each name once, in list order.
std::vector<member_address> members_to_contact(const std::vector<std::string>& gossip,
                                               const std::string& self,
                                               const std::set<std::string>& known);

}  // namespace djabberd::cluster
