// roster_memory_actor: each roster hook is one call on the actor's memory_roster.
#include "plugins/roster_memory/roster_memory_actor.hpp"

#include <string>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/message_types.hpp"

namespace djabberd::plugins::roster_memory {

caf::behavior roster_memory_actor(caf::stateful_actor<roster_memory_state>* self) {
  return {
      [self](atoms::roster_get, const std::string& vhost, const std::string& owner)
          -> hooks::reply { return hooks::handled(self->state.rosters.get(vhost, owner)); },
      [self](atoms::roster_set_item, const std::string& vhost, const std::string& owner,
             const roster::roster_item& item) -> hooks::reply {
        self->state.rosters.set_item(vhost, owner, item);
        return hooks::handled(true);
      },
      [self](atoms::roster_remove, const std::string& vhost, const std::string& owner,
             const std::string& contact) -> hooks::reply {
        self->state.rosters.remove(vhost, owner, contact);
        return hooks::handled(true);
      },
      [self](atoms::roster_wipe, const std::string& vhost,
             const std::string& owner) -> hooks::reply {
        self->state.rosters.wipe(vhost, owner);
        return hooks::handled(true);
      },
  };
}

}  // namespace djabberd::plugins::roster_memory
