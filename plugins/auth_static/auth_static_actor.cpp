// auth_static_actor: lookups in an immutable map of precomputed SCRAM credentials.
#include "plugins/auth_static/auth_static_actor.hpp"

#include <string>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/message_types.hpp"

namespace djabberd::plugins::auth_static {

caf::behavior auth_static_actor(caf::event_based_actor*,
                                std::shared_ptr<const static_accounts> accounts) {
  return {
      [accounts](atoms::auth_get_secret, const std::string&, const std::string& username,
                 auth::hash_algo algo) -> hooks::reply {
        auto it = accounts->find(username);
        if (it == accounts->end()) return hooks::declined();
        return hooks::handled(it->second.for_algo(algo));
      },
      [accounts](atoms::auth_check_password, const std::string&, const std::string& username,
                 const std::string& password) -> hooks::reply {
        auto it = accounts->find(username);
        if (it == accounts->end()) return hooks::declined();
        return hooks::handled(auth::verify_password(it->second.sha256, password));
      },
      [accounts](atoms::auth_user_exists, const std::string&,
                 const std::string& username) -> hooks::reply {
        if (accounts->find(username) == accounts->end()) return hooks::declined();
        return hooks::handled(true);
      },
  };
}

}  // namespace djabberd::plugins::auth_static
