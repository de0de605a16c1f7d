#include "actors/s2s/dns_srv.hpp"

#include <algorithm>
#include <map>

namespace djabberd::s2s {

bool is_no_service_target(const std::string& target) {
  return target.empty() || target == ".";
}

namespace {

// RFC 2782 "Usage rules": repeatedly pick from the not yet ordered records of one priority,
// with probability proportional to weight; zero-weight records sit first in the running sum.
void append_weighted(std::vector<srv_record> group, const random_pick& pick,
                     std::vector<endpoint>& out) {
  std::stable_partition(group.begin(), group.end(),
                        [](const srv_record& r) { return r.weight == 0; });
  while (!group.empty()) {
    std::uint32_t sum = 0;
    for (const auto& r : group) sum += r.weight;
    const std::uint32_t chosen = sum == 0 ? 0 : std::min(pick(sum), sum);
    std::uint32_t running = 0;
    auto it = group.begin();
    for (; it != group.end(); ++it) {
      running += it->weight;
      if (running >= chosen) break;
    }
    if (it == group.end()) it = std::prev(group.end());  // unreachable with chosen <= sum
    out.push_back(endpoint{it->target, it->port, it->direct_tls});
    group.erase(it);
  }
}

bool has_usable(const srv_answer& a) {
  return a.result == srv_answer::status::records &&
         std::any_of(a.records.begin(), a.records.end(),
                     [](const srv_record& r) { return !is_no_service_target(r.target); });
}

}  // namespace

std::vector<endpoint> order_srv(std::vector<srv_record> records, const random_pick& pick) {
  std::map<std::uint16_t, std::vector<srv_record>> by_priority;
  for (auto& r : records)
    if (!is_no_service_target(r.target)) by_priority[r.priority].push_back(std::move(r));
  std::vector<endpoint> out;
  for (auto& [priority, group] : by_priority) append_weighted(std::move(group), pick, out);
  return out;
}

srv_plan plan_from_srv(const srv_answer& xmpps, const srv_answer& xmpp, const random_pick& pick) {
  using status = srv_answer::status;
  if (has_usable(xmpps) || has_usable(xmpp)) {
    std::vector<srv_record> all;
    for (const auto* a : {&xmpps, &xmpp})
      if (a->result == status::records) all.insert(all.end(), a->records.begin(), a->records.end());
    return {srv_plan::action::connect, order_srv(std::move(all), pick)};
  }
  // No usable target. Only when both names certainly have no SRV records may the domain itself
  // be tried (RFC 6120 §3.2.2); a "." on either, or a failed query, rules that out.
  if (xmpps.result == status::no_records && xmpp.result == status::no_records)
    return {srv_plan::action::check_fallback, {}};
  return {srv_plan::action::no_service, {}};
}

}  // namespace djabberd::s2s
