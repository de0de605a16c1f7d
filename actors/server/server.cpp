// Server wiring: actor system, vhosts, plugins, router, listeners, signal loop, shutdown.
#include "actors/server/server.hpp"

#include <algorithm>
#include <csignal>
#include <thread>

#include <caf/all.hpp>
#include <caf/io/all.hpp>

#include "actors/admin/admin_server.hpp"
#include "actors/atoms.hpp"
#include "actors/c2s/listener.hpp"
#include "actors/cluster/node.hpp"
#include "actors/log.hpp"
#include "actors/router/router.hpp"
#include "actors/s2s/manager.hpp"
#include "actors/s2s/resolver.hpp"
#include "actors/server/auth_guard.hpp"
#include "actors/server/connection_registry.hpp"
#include "actors/server/daemon.hpp"
#include "actors/server/log_levels.hpp"
#include "actors/server/metrics_http.hpp"
#include "actors/server/plugin_loader.hpp"
#include "actors/server/reload.hpp"
#include "actors/server/runtime_limits.hpp"
#include "actors/server/server_context.hpp"
#include "actors/server/vhost_tls.hpp"
#include "auth/crypto.hpp"
#include "config/config_error.hpp"
#include "plugins/stream_management/stream_management_plugin.hpp"

namespace djabberd {

namespace {

/// How long a graceful shutdown waits for streams to close.
constexpr auto shutdown_grace = std::chrono::seconds(5);
// How long account actors may take to store what they still hold (offline messages) at shutdown.
constexpr auto storage_grace = std::chrono::seconds(10);

void configure_caf(caf::actor_system_config& cfg, const config::server_config& config) {
  std::size_t threads = config.worker_threads > 0
                            ? static_cast<std::size_t>(config.worker_threads)
                            : std::max(1u, std::thread::hardware_concurrency());
  cfg.set("scheduler.max-threads", threads);
  cfg.set("middleman.attach-utility-actors", true);
  cfg.load<caf::io::middleman>();
  if (config.cluster) cluster::configure(cfg, *config.cluster);
}

bool prepare_process(const config::server_config& config, bool daemonize) {
  std::string error;
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec) {
    log::error("server", "cannot create data directory ", config.data_dir.string(), ": ",
               ec.message());
    return false;
  }
  if (!log::set_file(config.log.file)) {
    log::error("server", "cannot open log file ", config.log.file);
    return false;
  }
  if (daemonize && !daemon::daemonize(error)) {
    log::error("server", error);
    return false;
  }
  if (!daemon::lock_data_dir(config.data_dir, error)) {
    log::error("server", error);
    return false;
  }
  auto pid_file = config.pid_file.empty() ? config.data_dir / "djabberd.pid" : config.pid_file;
  if (!daemon::write_pid_file(pid_file, error)) {
    log::error("server", error);
    return false;
  }
  return true;
}

// SIGHUP: reload the configuration; the log is reopened even when the new file is refused.
void reload_on_sighup(reloader& r) {
  try {
    r.reload("SIGHUP");
  } catch (const std::exception&) {
    log::reopen();  // reload() logged why it refused
  }
}

}  // namespace

int run_server(const config::server_config& config, bool daemonize) {
  apply_log_levels(config.log);
  if (!prepare_process(config, daemonize)) return 1;
  auto pid_file = config.pid_file.empty() ? config.data_dir / "djabberd.pid" : config.pid_file;
  daemon::block_signals();  // before CAF starts its threads, so they inherit the mask

  caf::actor_system_config cfg;
  configure_caf(cfg, config);
  caf::actor_system sys{cfg};

  plugin_host plugins{sys};
  auto ctx = std::make_shared<server_context>();
  ctx->config = config;
  auto federation = std::make_shared<s2s::s2s_context>();
  try {
    for (const auto& vhost : config.vhosts) {
      auto lists = [&](std::string_view plugin) {
        return std::any_of(vhost.plugins.begin(), vhost.plugins.end(),
                           [&](const auto& p) { return p.name == plugin; });
      };
      vhost_runtime rt{vhost.domain,
                       plugins.load(config, vhost),
                       tls_slot{make_vhost_tls(config, vhost, ctx.get())},
                       lists("carbons"),
                       lists("blocking"),
                       lists("register")};
      for (const auto& p : vhost.plugins)
        if (p.name == plugins::stream_management::name)
          rt.stream_management = plugins::stream_management::read_sm_options(p.settings);
      ctx->vhosts.emplace(vhost.domain, std::move(rt));
    }
    federation->trust = std::make_shared<s2s::trust>(config);
  } catch (const config::config_error& e) {
    log::error("config", e.what());
    daemon::remove_pid_file(pid_file);
    return 1;
  } catch (const std::exception& e) {
    log::error("server", e.what());
    daemon::remove_pid_file(pid_file);
    return 1;
  }
  std::map<std::string, hooks::hook_table_ptr> vhost_hooks;
  for (const auto& [domain, vhost] : ctx->vhosts) vhost_hooks.emplace(domain, vhost.hooks);
  federation->server = ctx;
  // XEP-0185: without a configured secret, keys are only valid for this process's lifetime.
  federation->secret =
      config.s2s.dialback_secret.empty() ? auth::random_bytes(32) : config.s2s.dialback_secret;
  federation->resolver = s2s::spawn_resolver(sys, config.s2s);
  auto s2s_manager = s2s::spawn_manager(sys, federation);
  ctx->router = router::spawn_router(sys, std::move(vhost_hooks), s2s_manager);
  ctx->auth_guard = spawn_auth_guard(sys, config.limits);
  limits::set_max_roster_items(config.limits.max_roster_items);
  auto stop_core = [&] {
    if (ctx->cluster_node) caf::anon_send_exit(ctx->cluster_node, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(ctx->router, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(s2s_manager, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(federation->resolver, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(ctx->auth_guard, caf::exit_reason::user_shutdown);
  };
  if (config.cluster) {
    auto node = cluster::start_node(sys, *config.cluster, ctx->router);
    if (!node) {
      log::error("cluster", "cannot listen on ", config.cluster->listen.str(), ": ",
                 sys.render(node.error()));
      daemon::remove_pid_file(pid_file);
      stop_core();
      return 1;
    }
    ctx->cluster_node = *node;
  }
  auto registry = spawn_connection_registry(sys);
  auto listener = c2s::spawn_listener(sys, ctx, registry);
  if (!listener) {
    log::error("server", sys.render(listener.error()));
    daemon::remove_pid_file(pid_file);
    stop_core();
    caf::anon_send_exit(registry, caf::exit_reason::user_shutdown);
    return 1;
  }
  caf::actor s2s_listener;
  if (!config.s2s.listen.empty() || !config.s2s.direct_tls_listen.empty()) {
    auto opened = s2s::spawn_listener(sys, federation, s2s_manager);
    if (!opened) {
      log::error("server", sys.render(opened.error()));
      daemon::remove_pid_file(pid_file);
      caf::anon_send(*listener, atoms::shutdown::value);
      stop_core();
      caf::anon_send_exit(registry, caf::exit_reason::user_shutdown);
      return 1;
    }
    s2s_listener = *opened;
  }
  auto started = std::chrono::steady_clock::now();
  std::string metrics_error;
  auto metrics_http = metrics::start_http(sys, ctx, started, metrics_error);
  if (!metrics_error.empty()) {
    log::error("metrics", metrics_error);
    daemon::remove_pid_file(pid_file);
    caf::anon_send(*listener, atoms::shutdown::value);
    if (s2s_listener) caf::anon_send(s2s_listener, atoms::shutdown::value);
    stop_core();
    caf::anon_send_exit(registry, caf::exit_reason::user_shutdown);
    return 1;
  }
  auto config_reloader = std::make_shared<reloader>(ctx, config);
  std::string admin_error;
  admin::environment env{ctx, registry, started,
                         [config_reloader] { return config_reloader->reload("djabberctl"); }};
  auto admin = admin::start(sys, std::move(env), admin_error);
  if (!admin.actor) log::warn("admin", admin_error, " (djabberctl online commands off)");
  log::info("server", "djabberd ready (", config.vhosts.size(), " vhost(s), ",
            sys.scheduler().num_workers(), " worker threads)");

  for (;;) {
    int sig = daemon::wait_for_signal();
    if (sig == SIGHUP) {
      reload_on_sighup(*config_reloader);
      continue;
    }
    if (sig == SIGUSR1) {
      log::reopen();
      log::info("server", "log file reopened (signal ", sig, ")");
      continue;
    }
    log::info("server", "shutting down (signal ", sig, ")");
    break;
  }
  admin::stop(sys, admin);
  metrics::stop_http(sys, metrics_http);
  caf::anon_send(*listener, atoms::shutdown::value);
  if (s2s_listener) caf::anon_send(s2s_listener, atoms::shutdown::value);
  if (ctx->cluster_node) caf::anon_send_exit(ctx->cluster_node, caf::exit_reason::user_shutdown);
  {
    caf::scoped_actor self{sys};
    self->request(registry, shutdown_grace, atoms::shutdown::value)
        .receive([](bool) {},
                 [](caf::error&) { log::warn("server", "some streams did not close in time"); });
    // Federation streams end with </stream:stream> too.
    self->request(s2s_manager, shutdown_grace, atoms::shutdown::value)
        .receive(
            [](bool) {},
            [](caf::error&) { log::warn("server", "some s2s streams did not close in time"); });
    // Account actors finish what they queued (offline messages, roster writes) before the storage
    // plugins are told to stop; their exit is queued behind those writes.
    self->request(ctx->router, storage_grace, atoms::shutdown::value)
        .receive(
            [](bool) {},
            [](caf::error&) { log::warn("server", "some account work did not finish in time"); });
  }
  stop_core();
  caf::anon_send_exit(registry, caf::exit_reason::user_shutdown);
  plugins.stop();
  daemon::remove_pid_file(pid_file);
  log::info("server", "stopped");
  return 0;
}

}  // namespace djabberd
