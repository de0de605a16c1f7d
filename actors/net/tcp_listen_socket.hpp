// A blocking TCP listening socket for the small detached servers (metrics endpoint, admin
// listener), which poll/accept on their own thread instead of going through CAF's multiplexer.
#pragma once

#include <string>
#include <string_view>

#include "config/listen_address.hpp"

namespace djabberd::net {

/// Binds and listens on `addr` (SO_REUSEADDR). Returns the fd, and in `bound` the address really
/// bound ("127.0.0.1:40123" for port 0); -1 with `error` = "WHAT ADDRESS: reason" on failure.
int open_tcp_listener(const config::listen_address& addr, std::string_view what, std::string& error,
                      std::string& bound);

}  // namespace djabberd::net
