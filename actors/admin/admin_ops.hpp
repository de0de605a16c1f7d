// The operations requests of the admin socket: stats, message, reload.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "actors/admin/admin_server.hpp"

namespace djabberd::admin {

/// "stats": one key=value line per counter of metrics::snapshot().
std::string stats();

/// "message TYPE JID TEXT...": routes a <message type=TYPE> (normal or headline) with TEXT as the
/// body from the JID's vhost domain to JID. In TEXT "\n" stands for a newline and "\\" for a
/// backslash. Answers "sent=JID". Throws std::runtime_error for a bad request.
std::string message(const environment& env, std::string_view line,
                    const std::vector<std::string>& words);

/// "reload": re-reads the configuration file; TSV lines "applied ITEM" and "restart ITEM".
/// Throws std::runtime_error (the "FILE:LINE: KEY: message") when the file is refused.
std::string reload(const environment& env);

}  // namespace djabberd::admin
