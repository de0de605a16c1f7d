// A vhost's hook runner: lets plugin actors run other hook chains (e.g. a vCard protocol plugin
// asking the vCard storage chain) without holding the hook table themselves.
#pragma once

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

namespace djabberd::hooks {

/// Spawns the runner of one vhost. The plugin loader creates it before the vhost's plugins start
/// (they find it in plugin_context::hooks) and sends it the finished table:
/// - (atoms::set_table, hook_table_ptr): the table to run chains on.
/// - (atoms::run_hook, std::string hook_name, caf::message request) -> (bool handled,
///   caf::message payload): runs a first-answer chain (`request` starts with the hook's atom).
/// - (atoms::collect, std::string hook_name, caf::message request) -> std::vector<caf::message>:
///   runs a collect chain and returns every part.
/// plugin.lookup is answered by the core when every handler declines (hook_table::handler_of).
/// An unknown hook name is an error reply (caf::sec::unexpected_message). Before the table is
/// set every chain counts as empty.
caf::actor spawn_hook_runner(caf::actor_system& sys);

}  // namespace djabberd::hooks
