// The sasl_policy plugin: which SASL mechanisms a vhost offers (auth.sasl_mechanisms).
#pragma once

#include <string_view>
#include <vector>

#include "actors/plugin.hpp"

namespace djabberd::plugins::sasl_policy {

/// The plugin's configuration name.
inline constexpr std::string_view name = "sasl_policy";

/// One line for listings.
inline constexpr std::string_view summary =
    "narrows the SASL mechanisms a vhost offers (e.g. no SHA-1, no PLAIN, channel binding only)";

/// Reads `allow` (mechanism names, in the order to offer them) and joins auth.sasl_mechanisms.
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::sasl_policy
