// Counts each fan-out client's distinct contacts seen, and renders the report section.
#include "bench/loadgen/presence_tracker.hpp"

#include <algorithm>

#include "bench/loadgen/json_out.hpp"

namespace djabberd::loadgen {

PresenceTracker::PresenceTracker(std::uint64_t first_index, std::uint32_t count,
                                 std::uint32_t contacts)
    : first_index_(first_index),
      count_(count),
      groups_{contacts},
      seen_(static_cast<std::size_t>(count) * groups_.group_size(), 0),
      counts_(count, 0) {}

bool PresenceTracker::seen(std::uint32_t client, std::uint64_t from, std::uint64_t now_us) {
  const std::uint64_t self = first_index_ + client;
  if (client >= count_ || !groups_.is_contact(self, from)) {
    ++non_contacts_;  // e.g. the client's own presence, echoed back
    return false;
  }
  std::uint8_t& flag = seen_[client * groups_.group_size() + groups_.slot(from)];
  if (flag != 0) {
    ++repeats_;
    return false;
  }
  flag = 1;
  ++counts_[client];
  ++distinct_;
  last_new_us_ = now_us;
  return true;
}

std::uint32_t PresenceTracker::clients_incomplete() const {
  return static_cast<std::uint32_t>(std::count_if(
      counts_.begin(), counts_.end(), [&](std::uint32_t n) { return n < groups_.contacts; }));
}

void PresenceTracker::report_json(std::string& out, std::uint64_t start_us) const {
  const auto done = completed_us();
  const double time_s = done && *done > start_us ? (*done - start_us) / 1e6 : 0;
  out += ",\n  \"presence\": {\"contacts\": " + std::to_string(groups_.contacts);
  out += ", \"clients\": " + std::to_string(count_);
  out += ", \"expected\": " + std::to_string(expected());
  out += ", \"distinct_seen\": " + std::to_string(distinct_);
  out += ", \"missing\": " + std::to_string(missing());
  out += ", \"clients_incomplete\": " + std::to_string(clients_incomplete());
  out += ", \"repeats\": " + std::to_string(repeats_);
  out += ", \"non_contacts\": " + std::to_string(non_contacts_);
  out += ", \"other_presences\": ";
  json::counts(out, ignored_);
  out += std::string{", \"complete\": "} + (done ? "true" : "false");
  out += ", \"time_s\": ";
  if (done) {
    json::number(out, time_s);
  } else {
    out += "null";
  }
  out += ", \"last_new_s\": ";
  json::number(out, last_new_us_ > start_us ? (last_new_us_ - start_us) / 1e6 : 0);
  out += ", \"deliveries_per_s\": ";
  if (done && time_s > 0) {
    json::number(out, static_cast<double>(expected()) / time_s);
  } else {
    out += "null";
  }
  out += "}";
}

}  // namespace djabberd::loadgen
