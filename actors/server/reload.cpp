// reloader: validate everything first (config, TLS files, log file), then apply.
#include "actors/server/reload.hpp"

#include <cstdio>
#include <map>

#include "actors/log.hpp"
#include "actors/server/config_diff.hpp"
#include "actors/server/log_levels.hpp"
#include "actors/server/vhost_tls.hpp"
#include "config/config_error.hpp"

namespace djabberd {

namespace {

// Opens the new log file once, so a bad path refuses the reload instead of losing the log.
void check_log_file(const config::server_config& next) {
  const auto& file = next.log.file;
  if (file.empty() || file == "syslog") return;
  std::FILE* f = std::fopen(file.c_str(), "a");
  if (f == nullptr)
    throw config::config_error(next.source_file.string(), 0, "log.file", "cannot open " + file);
  std::fclose(f);
}

std::string sink_name(const std::string& file) {
  return file.empty() ? "stderr" : file;
}

}  // namespace

reloader::reloader(std::shared_ptr<server_context> ctx, config::server_config running)
    : ctx_(std::move(ctx)), running_(std::move(running)) {
  running_.source_file = std::filesystem::absolute(running_.source_file);
}

reload_report reloader::reload(std::string_view trigger) {
  std::lock_guard<std::mutex> guard{mutex_};
  try {
    auto report = apply();
    std::string applied, restart;
    for (const auto& a : report.applied) applied += (applied.empty() ? "" : "; ") + a;
    for (const auto& n : report.restart_needed) restart += (restart.empty() ? "" : ", ") + n;
    log::info("server", "configuration reloaded (", trigger, "): ", applied);
    if (!restart.empty()) log::warn("server", "restart needed for: ", restart);
    return report;
  } catch (const std::exception& e) {
    log::error("server", "reload (", trigger,
               ") refused, the running configuration stays: ", e.what());
    throw;
  }
}

reload_report reloader::apply() {
  config::server_config next = config::load(running_.source_file);
  check_log_file(next);
  // Load every certificate before swapping any, so one bad file leaves all vhosts as they were.
  std::map<std::string, tls::context_ptr> contexts;
  for (std::size_t i = 0; i < next.vhosts.size(); ++i) {
    const auto& vhost = next.vhosts[i];
    if (!ctx_->find_vhost(vhost.domain)) continue;  // a new vhost needs a restart
    try {
      contexts[vhost.domain] = make_vhost_tls(running_, vhost, ctx_.get());
    } catch (const std::exception& e) {
      throw config::config_error(next.source_file.string(), 0,
                                 "vhosts[" + std::to_string(i) + "].tls_cert", e.what());
    }
  }
  reload_report report;
  for (auto& [domain, tls] : contexts) {
    report.applied.push_back("tls " + domain + " (fingerprint " + tls->fingerprint() + ", " +
                             std::to_string(tls->days_to_expiry()) + " days to expiry)");
    ctx_->vhosts.find(domain)->second.tls.store(std::move(tls));
    for (auto& v : running_.vhosts)
      if (v.domain == domain) {
        const auto* n = next.find_vhost(domain);
        v.tls_cert = n->tls_cert;
        v.tls_key = n->tls_key;
      }
  }
  if (next.log.level != running_.log.level || next.log.components != running_.log.components) {
    apply_log_levels(next.log);
    if (next.log.level != running_.log.level)
      report.applied.push_back("log.level (" + running_.log.level + " -> " + next.log.level + ")");
    if (next.log.components != running_.log.components) report.applied.push_back("log.components");
  }
  if (next.log.file != running_.log.file) {
    log::set_file(next.log.file);
    report.applied.push_back("log.file (" + sink_name(running_.log.file) + " -> " +
                             sink_name(next.log.file) + ")");
  } else {
    log::reopen();
    report.applied.push_back("log reopened");
  }
  running_.log = next.log;
  report.restart_needed = restart_needed(running_, next);
  return report;
}

}  // namespace djabberd
