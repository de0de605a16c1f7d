// ask_first / ask_collect: a temporary hook runner does the asynchronous chain walk.
#include "actors/hooks/ask_hook.hpp"

#include <string>

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/hook_runner.hpp"
#include "actors/message_types.hpp"

namespace djabberd::hooks {

namespace {

template <class Atom, class OnReply>
void ask(caf::blocking_actor* self, const hook_table_ptr& table, hook_id id, caf::message request,
         std::chrono::milliseconds wait, OnReply on_reply) {
  if (table->chain(id).empty() && id != hook_id::plugin_lookup) return;
  auto runner = spawn_hook_runner(self->system());
  self->send(runner, atoms::set_table::value, table);  // arrives before the request (same sender)
  self->request(runner, wait, Atom::value, std::string(name(id)), std::move(request))
      .receive(on_reply, [](caf::error&) {});
  self->send_exit(runner, caf::exit_reason::user_shutdown);
}

}  // namespace

std::optional<caf::message> ask_first(caf::blocking_actor* self, const hook_table_ptr& table,
                                      hook_id id, caf::message request,
                                      std::chrono::milliseconds wait) {
  std::optional<caf::message> result;
  ask<atoms::run_hook>(self, table, id, std::move(request), wait,
                       [&](bool handled, caf::message& payload) {
                         if (handled) result = std::move(payload);
                       });
  return result;
}

std::vector<caf::message> ask_collect(caf::blocking_actor* self, const hook_table_ptr& table,
                                      hook_id id, caf::message request,
                                      std::chrono::milliseconds wait) {
  std::vector<caf::message> parts;
  ask<atoms::collect>(self, table, id, std::move(request), wait,
                      [&](std::vector<caf::message>& answer) { parts = std::move(answer); });
  return parts;
}

}  // namespace djabberd::hooks
