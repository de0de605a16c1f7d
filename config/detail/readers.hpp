// Readers that turn the sections of a parsed TOML document into configuration structs.
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include <toml++/toml.h>

#include "config/config.hpp"
#include "config/detail/table_reader.hpp"

namespace djabberd::config::detail {

/// The array of "HOST:PORT" strings at `key` of `reader` (c2s and s2s listen addresses);
/// `fallback` when the key is absent.
std::vector<listen_address> read_listen_addresses(const table_reader& reader, std::string_view key,
                                                  std::vector<listen_address> fallback);

/// The [log] section of `root` (defaults when absent).
log_config read_log(const table_reader& root);
/// The [c2s] section of `root` (defaults when absent).
c2s_config read_c2s(const table_reader& root);
/// The [metrics] section of `root` (off when absent).
metrics_config read_metrics(const table_reader& root);
/// The [admin] section of `root` (no TCP listener when absent).
admin_config read_admin(const table_reader& root);
/// The [s2s] section of `root` (defaults when absent).
s2s_config read_s2s(const table_reader& root);
/// Whether `value` names an s2s authentication policy: certificate | dialback | either.
bool is_s2s_auth_policy(std::string_view value);
/// The [limits] section of `root` (defaults when absent).
limits_config read_limits(const table_reader& root);
/// The [cluster] section of `root` (nullopt when absent); relative TLS paths resolve against
/// `base_dir`.
std::optional<cluster_config> read_cluster(const table_reader& root,
                                           const std::filesystem::path& base_dir);
/// The [hooks] section of `root` (defaults when absent).
hooks_config read_hooks(const table_reader& root);
/// The [[vhosts]] array of `root`; `document` is kept alive by each plugin's settings and
/// `base_dir` (if not empty) is the base of relative tls_cert/tls_key paths.
std::vector<vhost_config> read_vhosts(const table_reader& root,
                                      const std::shared_ptr<const toml::table>& document,
                                      const std::filesystem::path& base_dir);

}  // namespace djabberd::config::detail
