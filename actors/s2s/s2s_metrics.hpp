// Federation counters: open s2s streams in and out, and how they authenticated.
#pragma once

#include <cstdint>
#include <string_view>

namespace caf {
class local_actor;
}

namespace djabberd::s2s {

/// Counts an open stream of `self` until it terminates.
void track_stream(caf::local_actor* self, bool inbound);
/// A stream (in or out) authenticated a domain with `method` ("EXTERNAL" or "dialback").
void stream_authenticated(bool inbound, std::string_view method);

/// Current values.
std::uint64_t streams_in() noexcept;
std::uint64_t streams_out() noexcept;
std::uint64_t auth_external() noexcept;
std::uint64_t auth_dialback() noexcept;

}  // namespace djabberd::s2s
