// Lets the resolver's answer, std::vector<endpoint>, travel in local CAF messages. Include it in
// every file that sends or delivers endpoints (the resolver, an s2s.resolve hook, the connector);
// a specialisation may appear only once per translation unit, so do not repeat the macro elsewhere.
#pragma once

#include <caf/allowed_unsafe_message_type.hpp>

#include <vector>

#include "actors/s2s/resolver.hpp"

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(djabberd::s2s::endpoint)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::vector<djabberd::s2s::endpoint>)
