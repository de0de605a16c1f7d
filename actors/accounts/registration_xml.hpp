// XEP-0077 In-Band Registration: what a jabber:iq:register IQ asks and the elements the server
// answers with. Pure functions over elements (no actors), used by the c2s session.
#pragma once

#include <string>
#include <string_view>

#include "stanza/element.hpp"

namespace djabberd::accounts {

inline constexpr std::string_view register_ns = "jabber:iq:register";
/// The stream feature announcing in-band registration (XEP-0077 §4).
inline constexpr std::string_view register_feature_ns = "http://jabber.org/features/iq-register";

/// What a jabber:iq:register IQ asks.
struct register_request {
  enum kind {
    form,        ///< get: the registration form (or, once authenticated, the registration)
    submit,      ///< set with username and password: register, or change the password
    remove,      ///< set with <remove/>: cancel the registration
    incomplete,  ///< set without a non-empty username or password
    other,       ///< not a jabber:iq:register get/set
  } what = other;
  std::string username;  ///< as sent (not yet nodeprep'd)
  std::string password;
};

register_request parse_register(const xml::element& iq);

/// The form for a get before authentication (§3.1): <instructions/>, <username/>, <password/>.
xml::element_ptr registration_form();

/// The answer to a get after authentication (§3.1): <registered/> and the username.
xml::element_ptr registered_query(const std::string& username);

/// The address of "ip:port" (what the session keeps as its peer), without the port.
std::string peer_ip(std::string_view peer);

}  // namespace djabberd::accounts
