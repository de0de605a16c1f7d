// server_config member functions.
#include <algorithm>

#include "config/config.hpp"

namespace djabberd::config {

const vhost_config* server_config::find_vhost(std::string_view domain) const {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  for (const vhost_config& vhost : vhosts) {
    if (std::equal(vhost.domain.begin(), vhost.domain.end(), domain.begin(), domain.end(),
                   [&](char a, char b) { return a == lower(b); }))
      return &vhost;
  }
  return nullptr;
}

}  // namespace djabberd::config
