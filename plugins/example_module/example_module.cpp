// example_module: a shared-object plugin that accepts one configured user/password for PLAIN.
#include <memory>
#include <string>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/log.hpp"
#include "actors/plugin_module.hpp"
#include "auth/crypto.hpp"

namespace {

struct account {
  std::string user;
  std::string password;
};

// Answers auth.check_password for the one account and declines every other user.
caf::behavior check_password_actor(caf::event_based_actor*, std::shared_ptr<const account> acct) {
  return {
      [acct](djabberd::atoms::auth_check_password, const std::string& vhost,
             const std::string& username, const std::string& password) -> djabberd::hooks::reply {
        if (username != acct->user) return djabberd::hooks::declined();
        bool ok = djabberd::auth::constant_time_equal(password, acct->password);
        djabberd::log::debug("example_module", vhost, ": password of ", username,
                             ok ? " accepted" : " rejected");
        return djabberd::hooks::handled(ok);
      },
  };
}

std::vector<djabberd::hooks::registration> start(djabberd::plugin_context& ctx) {
  const auto& settings = ctx.config.settings;
  settings.allow_only({"user", "password"});
  auto acct = std::make_shared<account>();
  acct->user = settings.get_string("user", "");
  acct->password = settings.get_string("password", "");
  if (acct->user.empty()) settings.fail("user", "missing: the user to accept");
  if (acct->password.empty()) settings.fail("password", "missing: the password of the user");
  djabberd::log::info("example_module", ctx.vhost.domain, ": accepting user ", acct->user);
  djabberd::hooks::registration reg;
  reg.hook = djabberd::hooks::hook_id::auth_check_password;
  reg.handler = ctx.system.spawn(check_password_actor, std::move(acct));
  return {std::move(reg)};
}

}  // namespace

DJABBERD_PLUGIN_MODULE("example_module", "accepts one configured user (settings user, password)",
                       &start)
