// The admin socket's server: one detached actor answering djabberctl's requests.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

#include "actors/server/reload.hpp"
#include "actors/server/server_context.hpp"

namespace djabberd::admin {

/// What the admin requests look at.
struct environment {
  server_context_ptr server;
  caf::actor registry;  ///< the connection registry
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  /// Re-reads the configuration file (throws on a refused file); empty = "reload" unsupported.
  std::function<reload_report()> reload;
};

/// A running admin server; stop() it before the actors it asks go away.
struct handle {
  caf::actor actor;
  std::shared_ptr<std::atomic<bool>> stop_flag;
  std::filesystem::path path;
};

/// Opens <data_dir>/admin.sock and starts serving it; returns nullptr actor with `error` set if
/// the socket cannot be created.
handle start(caf::actor_system& sys, environment env, std::string& error);

/// Stops serving, waits for the actor and removes the socket file.
void stop(caf::actor_system& sys, handle& h);

}  // namespace djabberd::admin
