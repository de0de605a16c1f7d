// Finds the known key closest to a misspelt one, for "did you mean" hints.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace djabberd::config::detail {

/// The edit distance between `a` and `b`: insertions, deletions, substitutions and swaps of
/// adjacent characters each count 1 (optimal string alignment distance).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The entry of `known` closest to `unknown` if it is close enough to be a likely typo, else "".
std::string closest_key(std::string_view unknown, std::span<const std::string_view> known);

/// "unknown key 'K'" plus " (did you mean 'X'?)" when closest_key finds one.
std::string unknown_key_message(std::string_view unknown, std::span<const std::string_view> known);

}  // namespace djabberd::config::detail
