// Small JSON rendering helpers shared by the report and the scenarios' sections.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "bench/loadgen/stats.hpp"

namespace djabberd::loadgen::json {

/// Appends `text` as a JSON string literal.
void string(std::string& out, std::string_view text);

/// Appends `value` with three decimals.
void number(std::string& out, double value);

/// Appends {"n": .., "p50": .., "p90": .., "p99": .., "max": .., "mean": ..}.
void summary(std::string& out, const Summary& s);

/// Appends {"reason": count, ...}.
void counts(std::string& out, const std::map<std::string, std::uint64_t>& counts);

}  // namespace djabberd::loadgen::json
