// Which contacts' presences each fan-out client has seen, and when the last one arrived.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bench/loadgen/presence_contacts.hpp"

namespace djabberd::loadgen {

/// Clients are the users first_index + i for i in [0, count); each must see one available
/// presence from each of its `contacts` contacts (repeats count once).
class PresenceTracker {
 public:
  PresenceTracker(std::uint64_t first_index, std::uint32_t count, std::uint32_t contacts);

  /// Client `client` (0-based) received an available presence from user number `from` at
  /// `now_us`. Returns whether it was a contact's first one; others are only counted.
  bool seen(std::uint32_t client, std::uint64_t from, std::uint64_t now_us);
  /// A presence that does not count: not available (its `type`), or from no generator user
  /// (type "available").
  void ignored(std::string_view type) {
    ++ignored_[std::string{type.empty() ? "available" : type}];
  }

  /// Every client has seen every contact.
  bool complete() const { return distinct_ == expected(); }
  std::uint64_t expected() const { return std::uint64_t{count_} * groups_.contacts; }
  std::uint64_t distinct() const { return distinct_; }
  std::uint64_t missing() const { return expected() - distinct_; }
  /// Clients that have not seen all their contacts.
  std::uint32_t clients_incomplete() const;
  /// When the last missing presence arrived (µs), once complete.
  std::optional<std::uint64_t> completed_us() const {
    return complete() ? std::optional{last_new_us_} : std::nullopt;
  }

  /// Appends ",\n  \"presence\": {...}"; `start_us` is when the first login started.
  void report_json(std::string& out, std::uint64_t start_us) const;

 private:
  std::uint64_t first_index_;
  std::uint32_t count_;
  ContactGroups groups_;
  std::vector<std::uint8_t> seen_;     ///< count × group size flags: client, contact's slot
  std::vector<std::uint32_t> counts_;  ///< distinct contacts seen, per client
  std::uint64_t distinct_ = 0, repeats_ = 0, non_contacts_ = 0;
  std::map<std::string, std::uint64_t> ignored_;  ///< by type
  std::uint64_t last_new_us_ = 0;
};

}  // namespace djabberd::loadgen
