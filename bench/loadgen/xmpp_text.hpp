// The pieces of XML the client sends during login and afterwards.
#pragma once

#include <string>
#include <string_view>

namespace djabberd::loadgen::xmpp {

std::string stream_header(std::string_view domain);
std::string_view starttls();
std::string auth(std::string_view mechanism, std::string_view initial_response_b64);
std::string response(std::string_view b64);
std::string bind(std::string_view resource);
std::string_view session();
std::string_view initial_presence();
std::string_view stream_close();
/// "<message to='TO' type='chat'><body>": a chat message up to its body text.
std::string chat_prefix(std::string_view to);
/// "</body></message>".
std::string_view chat_suffix();

}  // namespace djabberd::loadgen::xmpp
