// The hook runner actor: runs chains on behalf of plugins, answering through response promises.
#include "actors/hooks/hook_runner.hpp"

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/hook_id.hpp"
#include "actors/hooks/run_chain.hpp"
#include "actors/hooks/run_collect.hpp"
#include "actors/message_types.hpp"

namespace djabberd::hooks {

namespace {

struct runner_state {
  hook_table_ptr table = std::make_shared<hook_table>();
  static inline const char* name = "hook-runner";
};

using runner_actor = caf::stateful_actor<runner_state>;

caf::behavior runner(runner_actor* self) {
  return {
      [self](atoms::set_table, const hook_table_ptr& table) { self->state.table = table; },
      [self](atoms::run_hook, const std::string& hook,
             caf::message& request) -> caf::result<bool, caf::message> {
        auto id = from_name(hook);
        if (!id) return caf::make_error(caf::sec::unexpected_message);
        auto rp = self->make_response_promise<bool, caf::message>();
        if (*id == hook_id::plugin_lookup) {
          // The core's default: the named plugin's own handler on this vhost.
          auto table = self->state.table;
          run_chain(self, table, *id, request, [rp, table, request](chain_result r) mutable {
            if (r.handled) {
              rp.deliver(true, std::move(r.payload));
              return;
            }
            caf::actor found;
            if (request.match_elements<caf::atom_value, std::string, std::string>())
              found = table->handler_of(request.get_as<std::string>(2));
            const bool known = static_cast<bool>(found);
            rp.deliver(known, caf::make_message(std::move(found)));
          });
          return rp;
        }
        run_chain(self, self->state.table, *id, std::move(request),
                  [rp](chain_result r) mutable { rp.deliver(r.handled, std::move(r.payload)); });
        return rp;
      },
      [self](atoms::collect, const std::string& hook,
             caf::message& request) -> caf::result<std::vector<caf::message>> {
        auto id = from_name(hook);
        if (!id) return caf::make_error(caf::sec::unexpected_message);
        auto rp = self->make_response_promise<std::vector<caf::message>>();
        run_collect(
            self, self->state.table, *id, std::move(request),
            [rp](std::vector<caf::message> parts) mutable { rp.deliver(std::move(parts)); });
        return rp;
      },
  };
}

}  // namespace

caf::actor spawn_hook_runner(caf::actor_system& sys) {
  return sys.spawn(runner);
}

}  // namespace djabberd::hooks
