// What every federation actor shares: the server context, trust material, dialback secret.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <caf/actor.hpp>

#include "actors/s2s/trust.hpp"
#include "actors/server/server_context.hpp"

namespace djabberd::s2s {

struct s2s_context {
  server_context_ptr server;
  trust_ptr trust;
  /// s2s.dialback_secret, or random bytes drawn at start-up (keys then die with the process,
  /// which XEP-0185 allows); the s2s.dialback_secret hook may supply a vhost's own.
  std::string secret;
  caf::actor resolver;

  const config::s2s_config& config() const { return server->config.s2s; }
  /// The authentication policy of `local_domain`: its vhost's s2s_auth, else s2s.auth.
  std::string_view auth_policy(std::string_view local_domain) const {
    const auto* vhost = server->config.find_vhost(local_domain);
    if (vhost != nullptr && !vhost->s2s_auth.empty()) return vhost->s2s_auth;
    return server->config.s2s.auth;
  }
};

using s2s_context_ptr = std::shared_ptr<const s2s_context>;

}  // namespace djabberd::s2s
