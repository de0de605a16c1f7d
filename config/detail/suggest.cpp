// Edit distance and "did you mean" suggestions for unknown configuration keys.
#include "config/detail/suggest.hpp"

#include <algorithm>
#include <numeric>
#include <vector>

namespace djabberd::config::detail {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rows of the dynamic-programming table: i-2, i-1 and i.
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  std::iota(previous.begin(), previous.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitute});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        current[j] = std::min(current[j], before[j - 2] + 1);
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::string closest_key(std::string_view unknown, std::span<const std::string_view> known) {
  std::string best;
  std::size_t best_distance = 0;
  for (std::string_view candidate : known) {
    std::size_t distance = edit_distance(unknown, candidate);
    // Allow about one typo per three characters, at least one and at most three.
    std::size_t limit = std::clamp<std::size_t>(candidate.size() / 3, 1, 3);
    if (distance > limit) continue;
    if (best.empty() || distance < best_distance) {
      best = std::string(candidate);
      best_distance = distance;
    }
  }
  return best;
}

std::string unknown_key_message(std::string_view unknown, std::span<const std::string_view> known) {
  std::string message = "unknown key '" + std::string(unknown) + "'";
  std::string hint = closest_key(unknown, known);
  if (!hint.empty()) message += " (did you mean '" + hint + "'?)";
  return message;
}

}  // namespace djabberd::config::detail
