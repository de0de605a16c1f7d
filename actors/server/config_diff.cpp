// restart_needed: compare the settings a running server fixed at start.
#include "actors/server/config_diff.hpp"

#include <set>

namespace djabberd {

namespace {

bool same_plugins(const config::vhost_config& a, const config::vhost_config& b) {
  if (a.plugins.size() != b.plugins.size()) return false;
  for (std::size_t i = 0; i < a.plugins.size(); ++i) {
    const auto &x = a.plugins[i], &y = b.plugins[i];
    if (x.name != y.name || x.priority != y.priority || !x.settings.same_values(y.settings))
      return false;
  }
  return true;
}

std::string join(const std::set<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

void compare_vhosts(const config::server_config& running, const config::server_config& next,
                    std::vector<std::string>& out) {
  std::set<std::string> added, removed;
  for (const auto& v : next.vhosts)
    if (!running.find_vhost(v.domain)) added.insert(v.domain);
  for (const auto& v : running.vhosts)
    if (!next.find_vhost(v.domain)) removed.insert(v.domain);
  if (!added.empty() || !removed.empty()) {
    std::string what;
    if (!added.empty()) what = "added " + join(added);
    if (!removed.empty()) what += (what.empty() ? "" : "; ") + ("removed " + join(removed));
    out.push_back("vhosts (" + what + ")");
  }
  for (const auto& v : next.vhosts)
    if (const auto* old = running.find_vhost(v.domain); old && !same_plugins(*old, v))
      out.push_back("plugins of " + v.domain);
}

}  // namespace

std::vector<std::string> restart_needed(const config::server_config& running,
                                        const config::server_config& next) {
  std::vector<std::string> out;
  auto check = [&out](bool same, const char* what) {
    if (!same) out.emplace_back(what);
  };
  check(running.data_dir == next.data_dir, "data_dir");
  check(running.pid_file == next.pid_file, "pid_file");
  check(running.worker_threads == next.worker_threads, "worker_threads");
  const auto &a = running.c2s, &b = next.c2s;
  check(a.listen == b.listen, "c2s.listen");
  check(a.direct_tls_listen == b.direct_tls_listen, "c2s.direct_tls_listen");
  check(a.require_encryption == b.require_encryption, "c2s.require_encryption");
  check(a.max_stanza_size == b.max_stanza_size &&
            a.max_stanza_size_preauth == b.max_stanza_size_preauth,
        "c2s.max_stanza_size");
  check(a.max_depth == b.max_depth && a.max_attributes == b.max_attributes,
        "c2s.max_depth/max_attributes");
  check(a.auth_timeout == b.auth_timeout, "c2s.auth_timeout");
  check(a.keepalive_interval == b.keepalive_interval, "c2s.keepalive_interval");
  check(a.ping_interval == b.ping_interval, "c2s.ping_interval");
  check(running.hooks.default_timeout == next.hooks.default_timeout &&
            running.hooks.auth_timeout == next.hooks.auth_timeout,
        "hooks");
  check(running.metrics.listen == next.metrics.listen, "metrics.listen");
  check(running.admin.listen == next.admin.listen && running.admin.secret == next.admin.secret,
        "admin");
  check(running.limits == next.limits, "limits");
  compare_vhosts(running, next, out);
  return out;
}

}  // namespace djabberd
