// account_remover: remove_account behind a request/response interface.
#include "actors/accounts/account_remover.hpp"

#include <caf/all.hpp>

#include "actors/accounts/account_requests.hpp"
#include "actors/atoms.hpp"
#include "actors/message_types.hpp"

namespace djabberd::accounts {

caf::behavior account_remover(caf::event_based_actor* self) {
  return {
      [self](atoms::account_unregister, const hooks::hook_table_ptr& table,
             const std::string& vhost, const std::string& username,
             const caf::actor& router) -> caf::result<std::string> {
        auto rp = self->make_response_promise<std::string>();
        remove_account(self, table, vhost, username,
                       [self, rp, vhost, username, router](std::optional<refusal> r) mutable {
                         if (r) {
                           std::string why(xml::condition_name(r->condition));
                           if (!r->text.empty()) why += ": " + r->text;
                           rp.deliver(why);
                         } else {
                           if (auto bare = jid::make(username, vhost))
                             self->send(router, atoms::account_gone::value, *bare);
                           rp.deliver(std::string("deleted"));
                         }
                         self->quit();
                       });
        return rp;
      },
  };
}

}  // namespace djabberd::accounts
