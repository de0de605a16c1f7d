// What every connection needs to know about the running server: config, vhosts, router.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <string>

#include <caf/actor.hpp>

#include "actors/hooks/hook_table.hpp"
#include "actors/tls/tls_context.hpp"
#include "config/config.hpp"
#include "plugins/stream_management/sm_options.hpp"

namespace djabberd {

/// A vhost's TLS context. A reload (SIGHUP, djabberctl reload) swaps in a new one while
/// connections read it, so it is an atomic shared_ptr: `slot->native()` uses a snapshot that
/// lives until the end of the expression; OpenSSL objects made from it keep their own reference.
class tls_slot {
 public:
  explicit tls_slot(tls::context_ptr ctx) : ctx_(std::move(ctx)) {}
  tls_slot(tls_slot&& other) noexcept : ctx_(other.ctx_.load()) {}
  tls_slot& operator=(tls_slot&&) = delete;

  tls::context_ptr load() const { return ctx_.load(); }
  tls::context_ptr operator->() const { return ctx_.load(); }
  void store(tls::context_ptr ctx) { ctx_.store(std::move(ctx)); }

 private:
  std::atomic<tls::context_ptr> ctx_;
};

/// One virtual host as it runs: its hook chains and TLS context.
struct vhost_runtime {
  std::string domain;
  hooks::hook_table_ptr hooks;
  tls_slot tls;
  /// XEP-0280 message carbons are on: the vhost lists the `carbons` plugin (plugins/carbons).
  bool carbons = false;
  /// XEP-0191 blocking command is on: the vhost lists the `blocking` plugin (plugins/blocking).
  bool blocking = false;
  /// XEP-0077 in-band registration is on: the vhost lists the `register` plugin (plugins/register).
  bool registration = false;
  /// XEP-0198: the `stream_management` plugin's settings (enabled if the vhost lists it).
  plugins::stream_management::sm_options stream_management{};
};

/// Shared read-only by all connection actors (set up before the first listener opens).
struct server_context {
  config::server_config config;
  std::map<std::string, vhost_runtime, std::less<>> vhosts;
  caf::actor router;
  /// Failed-login back-off and address bans (actors/server/auth_guard.hpp).
  caf::actor auth_guard;
  /// The cluster node actor (actors/cluster/node.hpp); invalid without [cluster].
  caf::actor cluster_node;
  /// Numbers connections for the logs (mutable: the context is otherwise read-only).
  mutable std::atomic<std::uint64_t> next_connection_id{1};

  const vhost_runtime* find_vhost(std::string_view domain) const {
    auto it = vhosts.find(domain);
    return it == vhosts.end() ? nullptr : &it->second;
  }
  /// The first configured vhost: direct-TLS connections start with its certificate until SNI
  /// or the stream header names another.
  const vhost_runtime& default_vhost() const { return *find_vhost(config.vhosts.front().domain); }
};

using server_context_ptr = std::shared_ptr<const server_context>;

}  // namespace djabberd
