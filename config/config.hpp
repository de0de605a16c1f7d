// The server configuration: structures filled from the TOML file, and the functions that read it.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_error.hpp"
#include "config/listen_address.hpp"
#include "config/plugin_settings.hpp"

namespace djabberd::config {

/// One [[vhosts.plugins]] entry.
struct plugin_config {
  std::string name;
  int priority = 0;
  /// The whole table, including `name` and `priority`.
  plugin_settings settings;
};

/// One [[vhosts]] entry.
struct vhost_config {
  std::string domain;    ///< lowercased
  std::string tls_cert;  ///< empty (or "" in the file) if none; relative to the config's folder
  std::string tls_key;   ///< set exactly when tls_cert is
  std::vector<plugin_config> plugins;  ///< in file order
  /// s2s_auth: this vhost's override of s2s.auth ("certificate" | "dialback" | "either"); empty =
  /// the [s2s] default.
  std::string s2s_auth;
};

/// The [c2s] section.
struct c2s_config {
  std::vector<listen_address> listen{{"127.0.0.1", 5222}};             ///< c2s.listen
  std::vector<listen_address> direct_tls_listen{{"127.0.0.1", 5223}};  ///< c2s.direct_tls_listen
  bool require_encryption = true;                                      ///< c2s.require_encryption
  std::size_t max_stanza_size = 262144;         ///< c2s.max_stanza_size, after authentication
  std::size_t max_stanza_size_preauth = 10000;  ///< c2s.max_stanza_size_preauth, before it
  std::size_t max_depth = 32;                   ///< c2s.max_depth
  std::size_t max_attributes = 64;              ///< c2s.max_attributes
  std::chrono::seconds auth_timeout{30};        ///< c2s.auth_timeout (s): TLS+SASL+bind deadline
  std::chrono::seconds keepalive_interval{60};  ///< c2s.keepalive_interval (s); 0 = off
  /// c2s.ping_interval (s): a client silent this long gets a XEP-0199 ping and is dropped if it
  /// stays silent for another keepalive_interval; 0 = off (also off without keepalives).
  std::chrono::seconds ping_interval{300};
};

/// The [s2s] section (server-to-server federation, RFC 6120). Absent = no federation listeners;
/// outgoing s2s still works for stanzas to remote domains.
struct s2s_config {
  std::vector<listen_address> listen;             ///< s2s.listen (STARTTLS, usually port 5269)
  std::vector<listen_address> direct_tls_listen;  ///< s2s.direct_tls_listen (XEP-0368)
  /// [s2s.routes]: "remote.domain" = "host:port", used instead of DNS (private deployments, tests).
  std::map<std::string, listen_address> routes;
  /// s2s.dns_servers: "ip:port" resolvers to ask instead of /etc/resolv.conf's (tests, split DNS).
  std::vector<std::string> dns_servers;
  std::string ca_file;  ///< s2s.ca_file: PEM bundle to verify peers (empty = system default)
  std::string ca_dir;   ///< s2s.ca_dir: hashed CA directory (empty = system default)
  /// s2s.auth: how remote servers must authenticate: "certificate" (SASL EXTERNAL with a valid
  /// certificate only), "dialback" (XEP-0220 only) or "either" (certificate, else dialback).
  /// A vhost may override it with its own `s2s_auth` key.
  std::string auth = "either";
  std::string dialback_secret;               ///< s2s.dialback_secret (empty = random per process)
  std::chrono::seconds connect_timeout{10};  ///< s2s.connect_timeout: TCP+TLS+auth deadline
  std::chrono::seconds idle_timeout{600};    ///< s2s.idle_timeout: close streams idle this long
};

/// The [log] section.
struct log_config {
  std::string level = "info";  ///< error|warn|info|debug
  std::string file;            ///< empty = stderr; "syslog" = syslog(3) (see log::set_file)
  /// log.components: levels of single components ({ s2s = "debug" }; see log_components.hpp).
  std::map<std::string, std::string> components;
};

/// The [hooks] section (keys default_timeout_ms, auth_timeout_ms).
struct hooks_config {
  std::chrono::milliseconds default_timeout{10000};
  std::chrono::milliseconds auth_timeout{2000};
};

/// The [admin] section: the optional TCP admin listener (the Unix socket is always there).
struct admin_config {
  /// admin.listen: a loopback address where djabberctl --tcp (or a script) may send admin
  /// requests after "auth SECRET"; absent = off.
  std::optional<listen_address> listen;
  std::string secret;  ///< admin.secret: at least 16 characters; required with listen
};

/// The [metrics] section.
struct metrics_config {
  /// metrics.listen: where GET /metrics answers in Prometheus text format; absent = off.
  std::optional<listen_address> listen;
};

/// The [limits] section: abuse and overload protection, all on by default (see README).
struct limits_config {
  std::size_t max_unauth_per_ip = 10;     ///< limits.max_unauth_per_ip: open pre-SASL connections
  std::size_t max_unauth_total = 1000;    ///< limits.max_unauth_total: the same, all addresses
  std::size_t read_rate = 10240;          ///< limits.read_rate: bytes/s read from one connection
  std::size_t read_burst = 65536;         ///< limits.read_burst: bytes it may send at once
  std::size_t max_write_queue = 1048576;  ///< limits.max_write_queue: unsent bytes per connection
  std::size_t max_sessions_per_account = 10;  ///< limits.max_sessions_per_account
  std::size_t max_roster_items = 1000;        ///< limits.max_roster_items
  /// limits.login_delay_ms / login_max_delay_ms: the SASL <failure/> after the 2nd, 3rd, ...
  /// failure from one address or for one account waits delay, 2*delay, ... up to the maximum.
  std::chrono::milliseconds login_delay{250};
  std::chrono::milliseconds login_max_delay{4000};
  std::size_t login_ban_after = 20;          ///< limits.login_ban_after: failures per address ...
  std::chrono::seconds login_window{600};    ///< limits.login_window: ... within this time
  std::chrono::seconds login_ban_time{900};  ///< limits.login_ban_time: how long a ban lasts
  bool tcp_keepalive = true;  ///< limits.tcp_keepalive: SO_KEEPALIVE on accepted sockets

  bool operator==(const limits_config&) const = default;
};

/// The [cluster] section: this process as one node of a cluster serving the same domains.
struct cluster_config {
  std::string node;                   ///< cluster.node: this node's unique name
  listen_address listen;              ///< cluster.listen: where the node's CAF middleman publishes
  std::vector<listen_address> seeds;  ///< cluster.seeds: nodes to join through (any one will do)
  std::string secret;                 ///< cluster.secret: every member presents it when joining
  /// cluster.heartbeat_ms / cluster.failure_timeout_ms: a silent peer (network cut) is dropped
  /// after failure_timeout; a killed one at once (its TCP connection resets).
  std::chrono::milliseconds heartbeat{500};
  std::chrono::milliseconds failure_timeout{3000};
  /// cluster.tls_cert, tls_key, tls_ca: TLS between nodes (libcaf_openssl); all or none.
  std::string tls_cert;
  std::string tls_key;
  std::string tls_ca;
};

/// The whole configuration.
struct server_config {
  std::filesystem::path source_file;       ///< the file read (parse(): the source name)
  std::filesystem::path data_dir{"data"};  ///< `data_dir`; load() makes it absolute
  std::filesystem::path pid_file;  ///< `pid_file`; if absent load() sets <data_dir>/djabberd.pid
  int worker_threads = 0;          ///< `worker_threads`, 0 = one per core
  log_config log;
  c2s_config c2s;
  hooks_config hooks;
  std::vector<vhost_config> vhosts;  ///< at least one, domains unique
  // Appended after vhosts so that the members shared-object plugins read keep their offsets.
  metrics_config metrics;
  admin_config admin;
  s2s_config s2s;
  limits_config limits;
  /// [cluster]; absent = a single node.
  std::optional<cluster_config> cluster;

  /// The vhost serving `domain` (compared case-insensitively), or nullptr.
  const vhost_config* find_vhost(std::string_view domain) const;
};

/// Reads and validates `file`. Relative data_dir and pid_file resolve against the current
/// working directory, relative tls_cert/tls_key against the file's folder. Throws config_error
/// (line 0 for an unreadable file).
server_config load(const std::filesystem::path& file);

/// Only the data_dir of `file` (absolute; "data" when absent), for finding a running server's
/// admin socket when the file has other errors. Throws config_error if the TOML does not parse.
std::filesystem::path data_dir_of(const std::filesystem::path& file);

/// Validates TOML text; `source_name` names it in errors and its parent folder (if any) is the
/// base of relative tls_cert/tls_key. data_dir stays as written; an absent pid_file stays empty.
server_config parse(std::string_view toml_text, std::string source_name);

}  // namespace djabberd::config
