// Rendezvous hashing over node names.
#include "actors/cluster/rendezvous.hpp"

#include <algorithm>

namespace djabberd::cluster {

namespace {

std::uint64_t fnv1a(std::uint64_t h, std::string_view s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

// splitmix64's finaliser: FNV-1a alone lets similar node names get correlated weights.
std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// True if node a (weight wa) beats node b (weight wb).
bool beats(std::uint64_t wa, std::string_view a, std::uint64_t wb, std::string_view b) {
  return wa != wb ? wa > wb : a < b;
}

}  // namespace

std::uint64_t rendezvous_weight(std::string_view node, std::string_view key) {
  std::uint64_t h = fnv1a(0xcbf29ce484222325ULL, node);
  h = fnv1a(h, std::string_view("\0", 1));  // separator: ("ab","c") != ("a","bc")
  return mix(fnv1a(h, key));
}

int rendezvous_pick(std::string_view key, const std::vector<std::string>& nodes) {
  int best = -1;
  std::uint64_t best_weight = 0;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    auto w = rendezvous_weight(nodes[i], key);
    if (best < 0 || beats(w, nodes[i], best_weight, nodes[static_cast<std::size_t>(best)])) {
      best = static_cast<int>(i);
      best_weight = w;
    }
  }
  return best;
}

std::vector<int> rendezvous_rank(std::string_view key, const std::vector<std::string>& nodes,
                                 std::size_t n) {
  std::vector<std::pair<std::uint64_t, int>> weighted;
  weighted.reserve(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i)
    weighted.emplace_back(rendezvous_weight(nodes[i], key), static_cast<int>(i));
  std::sort(weighted.begin(), weighted.end(), [&](const auto& a, const auto& b) {
    return beats(a.first, nodes[static_cast<std::size_t>(a.second)], b.first,
                 nodes[static_cast<std::size_t>(b.second)]);
  });
  std::vector<int> out;
  for (std::size_t i = 0; i < weighted.size() && i < n; ++i) out.push_back(weighted[i].second);
  return out;
}

}  // namespace djabberd::cluster
