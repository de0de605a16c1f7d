// Account changes through the hook chains (XEP-0077): registration, password change and removal,
// each with its policy check and follow-up hooks. Shared by the c2s session and the admin socket.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include <caf/event_based_actor.hpp>

#include "actors/hooks/hook_table.hpp"
#include "stanza/stream_error.hpp"

namespace djabberd::accounts {

/// Why a request was refused: the stanza error for the client and a text for it (may be empty).
struct refusal {
  xml::stanza_error condition;
  std::string text;
};

/// Called once with nullopt on success, else with the refusal.
using account_done = std::function<void(std::optional<refusal>)>;

/// account.policy (new account), then account.register, then account.created (notify).
/// `username` must be nodeprep'd already.
void register_account(caf::event_based_actor* self, const hooks::hook_table_ptr& table,
                      std::string vhost, std::string username, std::string password,
                      std::string peer_ip, account_done done);

/// account.policy (not a new account), then account.password.
void change_password(caf::event_based_actor* self, const hooks::hook_table_ptr& table,
                     std::string vhost, std::string username, std::string password,
                     std::string peer_ip, account_done done);

/// account.unregister; once it answered "deleted", roster.wipe and then account.deleted (notify)
/// run before `done`, so a new account of the same name starts empty.
void remove_account(caf::event_based_actor* self, const hooks::hook_table_ptr& table,
                    std::string vhost, std::string username, account_done done);

}  // namespace djabberd::accounts
