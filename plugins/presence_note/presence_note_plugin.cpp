// Starts one presence_note actor per vhost.
#include "plugins/presence_note/presence_note_plugin.hpp"

#include <caf/actor_system.hpp>

#include "plugins/presence_note/presence_note_actor.hpp"

namespace djabberd::plugins::presence_note {

std::vector<hooks::registration> start(plugin_context& ctx) {
  note_options options = read_note_options(ctx.config.settings);
  hooks::registration r;
  r.hook = hooks::hook_id::presence_alter_available;
  r.handler = ctx.system.spawn(presence_note_actor, std::move(options));
  return {r};
}

}  // namespace djabberd::plugins::presence_note
