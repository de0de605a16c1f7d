// Starts the core actor (programs) and one hook actor per configured hook.
#include "plugins/extprog/extprog_plugin.hpp"

#include <filesystem>

#include <caf/actor_system.hpp>

#include "actors/log.hpp"
#include "plugins/extprog/extprog_core_actor.hpp"
#include "plugins/extprog/extprog_hook_actor.hpp"
#include "plugins/extprog/extprog_options.hpp"

namespace djabberd::plugins::extprog {

std::vector<hooks::registration> start(plugin_context& ctx) {
  std::filesystem::path config_dir;
  if (!ctx.server.source_file.empty())
    config_dir = std::filesystem::absolute(ctx.server.source_file).parent_path();
  extprog_options options = read_extprog_options(ctx.config.settings, config_dir);
  for (auto id : options.hooks) {
    const bool auth = hooks::name(id).starts_with("auth.");
    auto chain = auth ? ctx.server.hooks.auth_timeout : ctx.server.hooks.default_timeout;
    if (options.timeout >= chain)
      log::warn("extprog", ctx.vhost.domain, ": timeout_ms (", options.timeout.count(),
                ") is not below the ", hooks::name(id), " chain's timeout (", chain.count(),
                " ms, [hooks] ", auth ? "auth_timeout_ms" : "default_timeout_ms",
                "): the chain may give up before the program's answer or timeout");
  }
  // Scheduled, not detached: the core never blocks (each program's pipes are served by the
  // program's own I/O thread, see line_process.hpp).
  caf::actor core = ctx.system.spawn(extprog_core_actor, options);
  // The core answers every call within timeout_ms; the margin only guards against a core
  // that is gone.
  auto core_timeout = options.timeout * 2 + std::chrono::seconds(5);
  std::vector<hooks::registration> result;
  for (auto id : options.hooks) {
    hooks::registration r;
    r.hook = id;
    r.handler = ctx.system.spawn(extprog_hook_actor, id, core, core_timeout);
    result.push_back(std::move(r));
  }
  return result;
}

}  // namespace djabberd::plugins::extprog
