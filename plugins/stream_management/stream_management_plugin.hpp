// stream_management: XEP-0198 stream management. The plugin advertises <sm xmlns='urn:xmpp:sm:3'/>
// after authentication and, answering session.closing, keeps a resumable session waiting for
// <resume/> when its connection drops. Acks, resumption and the unacked queue live in the session
// (actors/c2s/session_sm.cpp), which reads the settings from the vhost (sm_options.hpp).
#pragma once

#include <string_view>
#include <vector>

#include "actors/hooks/hook_table.hpp"
#include "actors/plugin.hpp"

namespace djabberd::plugins::stream_management {

inline constexpr std::string_view name = "stream_management";
inline constexpr std::string_view summary =
    "XEP-0198 stream management: acks and session resumption";

/// Settings: resume_timeout, max_resume_timeout, ack_every (sm_options.hpp). Joins
/// stream.features and session.closing.
std::vector<hooks::registration> start(plugin_context& ctx);

/// The actor answering stream.features with <sm/> and session.closing with handled for sessions
/// that enabled resumption.
caf::behavior stream_management_actor(caf::event_based_actor* self);

}  // namespace djabberd::plugins::stream_management
