// Account changes: each is a short sequence of hook chains run from the asking actor.
#include "actors/accounts/account_requests.hpp"

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/run_chain.hpp"
#include "actors/hooks/run_notify.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"

namespace djabberd::accounts {

namespace {

// A store's answer: the expected word means success; "conflict" and "not_found" have their
// stanza errors; anything else names a stanza error condition (unknown: internal-server-error).
std::optional<refusal> outcome(const hooks::chain_result& r, std::string_view success,
                               xml::stanza_error all_declined) {
  if (!r.handled || r.payload.empty() || !r.payload.match_element<std::string>(0))
    return refusal{all_declined, r.failed ? "the account store failed" : ""};
  const auto& word = r.payload.get_as<std::string>(0);
  if (word == success) return std::nullopt;
  if (word == "conflict") return refusal{xml::stanza_error::conflict, "the username is taken"};
  if (word == "not_found") return refusal{xml::stanza_error::item_not_found, "no such account"};
  return refusal{
      xml::stanza_error_from_name(word).value_or(xml::stanza_error::internal_server_error), ""};
}

// account.policy: a handled answer refuses with its condition and text.
void check_policy(caf::event_based_actor* self, const hooks::hook_table_ptr& table,
                  caf::message request, account_done next) {
  hooks::run_chain(self, table, hooks::hook_id::account_policy, std::move(request),
                   [next = std::move(next)](hooks::chain_result r) {
                     if (!r.handled || !r.payload.match_elements<std::string, std::string>())
                       return next(std::nullopt);
                     auto condition = xml::stanza_error_from_name(r.payload.get_as<std::string>(0));
                     next(refusal{condition.value_or(xml::stanza_error::not_allowed),
                                  r.payload.get_as<std::string>(1)});
                   });
}

}  // namespace

void register_account(caf::event_based_actor* self, const hooks::hook_table_ptr& table,
                      std::string vhost, std::string username, std::string password,
                      std::string peer_ip, account_done done) {
  auto policy =
      caf::make_message(atoms::account_policy::value, vhost, username, password, peer_ip, true);
  check_policy(
      self, table, std::move(policy),
      [self, table, vhost, username, password, peer_ip,
       done = std::move(done)](std::optional<refusal> refused) {
        if (refused) return done(std::move(refused));
        hooks::run_chain(
            self, table, hooks::hook_id::account_register,
            caf::make_message(atoms::account_register::value, vhost, username, password, peer_ip),
            [self, table, vhost, username, peer_ip, done](hooks::chain_result r) {
              auto refused = outcome(r, "created", xml::stanza_error::service_unavailable);
              if (!refused) {
                log::info("accounts", "registered ", username, "@", vhost, " from ", peer_ip);
                hooks::run_notify(
                    self->system(), table, hooks::hook_id::account_created,
                    caf::make_message(atoms::account_created::value, vhost, username, peer_ip));
              }
              done(std::move(refused));
            });
      });
}

void change_password(caf::event_based_actor* self, const hooks::hook_table_ptr& table,
                     std::string vhost, std::string username, std::string password,
                     std::string peer_ip, account_done done) {
  auto policy =
      caf::make_message(atoms::account_policy::value, vhost, username, password, peer_ip, false);
  check_policy(self, table, std::move(policy),
               [self, table, vhost, username, password,
                done = std::move(done)](std::optional<refusal> refused) {
                 if (refused) return done(std::move(refused));
                 hooks::run_chain(
                     self, table, hooks::hook_id::account_password,
                     caf::make_message(atoms::account_password::value, vhost, username, password),
                     [done](hooks::chain_result r) {
                       done(outcome(r, "changed", xml::stanza_error::not_allowed));
                     });
               });
}

void remove_account(caf::event_based_actor* self, const hooks::hook_table_ptr& table,
                    std::string vhost, std::string username, account_done done) {
  hooks::run_chain(self, table, hooks::hook_id::account_unregister,
                   caf::make_message(atoms::account_unregister::value, vhost, username),
                   [self, table, vhost, username, done = std::move(done)](hooks::chain_result r) {
                     auto refused = outcome(r, "deleted", xml::stanza_error::service_unavailable);
                     if (refused) return done(std::move(refused));
                     log::info("accounts", "removed ", username, "@", vhost);
                     auto bare = username + "@" + vhost;
                     hooks::run_chain(
                         self, table, hooks::hook_id::roster_wipe,
                         caf::make_message(atoms::roster_wipe::value, vhost, bare),
                         [self, table, vhost, username, bare, done](hooks::chain_result wiped) {
                           if (wiped.failed)
                             log::error("accounts", bare, ": the roster could not be wiped");
                           hooks::run_notify(
                               self->system(), table, hooks::hook_id::account_deleted,
                               caf::make_message(atoms::account_deleted::value, vhost, username));
                           done(std::nullopt);
                         });
                   });
}

}  // namespace djabberd::accounts
