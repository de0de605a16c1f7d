// A one-shot actor that removes an account for the admin socket (djabberctl deluser), which
// asks from a blocking actor while the hook chains need an event-based one.
#pragma once

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>

namespace djabberd::accounts {

/// (atoms::account_unregister, hooks::hook_table_ptr, std::string vhost, std::string username,
/// caf::actor router) -> std::string: runs remove_account (account.unregister, roster.wipe,
/// account.deleted); on success sends the router (atoms::account_gone, bare JID), which ends the
/// account's sessions, and answers "deleted"; otherwise answers the refusal's condition name and
/// text. Quits after answering.
caf::behavior account_remover(caf::event_based_actor* self);

}  // namespace djabberd::accounts
