// The presence fan-out scenario's contact layout: which users are each other's contacts.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace djabberd::loadgen {

/// Users are split into groups of `contacts` + 1 consecutive numbers ([0, C], [C+1, 2C+1],
/// ...); each user's contacts are the other members of its group, all with subscription
/// "both". bench/benchlib/presence_rosters.py provisions the servers' rosters by the same rule.
struct ContactGroups {
  std::uint32_t contacts = 0;

  std::uint64_t group_size() const { return std::uint64_t{contacts} + 1; }
  /// The first user number of `user`'s group.
  std::uint64_t group_first(std::uint64_t user) const { return user - user % group_size(); }
  /// Whether `other` is one of `user`'s contacts (same group, not the user itself).
  bool is_contact(std::uint64_t user, std::uint64_t other) const {
    return user != other && group_first(user) == group_first(other);
  }
  /// `other`'s place in its group, [0, contacts]: a small index for per-user bookkeeping.
  std::uint32_t slot(std::uint64_t other) const {
    return static_cast<std::uint32_t>(other % group_size());
  }
};

/// The user number n of a JID "<prefix><n>@<domain>[/resource]" (the bare part must match
/// exactly; n is decimal without a sign), or nothing for any other JID.
std::optional<std::uint64_t> user_number(std::string_view jid, std::string_view prefix,
                                         std::string_view domain);

}  // namespace djabberd::loadgen
