// Re-reading the configuration file while the server runs (SIGHUP, djabberctl reload).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "actors/server/server_context.hpp"
#include "config/config.hpp"

namespace djabberd {

/// What one reload did.
struct reload_report {
  std::vector<std::string> applied;         ///< e.g. "tls localhost (fingerprint ..., 824 days)"
  std::vector<std::string> restart_needed;  ///< changed settings that wait for a restart
};

/// Applies a new version of the configuration file to a running server: the TLS certificates and
/// keys of the existing vhosts (new connections use them; running ones keep theirs), the log
/// level, and the log file (switched, or reopened if unchanged). Everything else is reported as
/// needing a restart. Safe to call from several threads (the signal loop, the admin socket).
class reloader {
 public:
  /// `ctx` is the running server's context; `running` the configuration it started with.
  reloader(std::shared_ptr<server_context> ctx, config::server_config running);

  /// Reads the file again and logs the outcome, naming `trigger` ("SIGHUP", "djabberctl"). On
  /// any error (config_error "FILE:LINE: KEY: message", a TLS file that does not load, a log file
  /// that cannot be opened) logs it, throws and changes nothing.
  reload_report reload(std::string_view trigger);

 private:
  reload_report apply();

  std::mutex mutex_;
  std::shared_ptr<server_context> ctx_;
  config::server_config running_;
};

}  // namespace djabberd
