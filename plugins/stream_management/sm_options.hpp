// The stream_management plugin's settings as the c2s sessions of a vhost use them.
#pragma once

#include <chrono>

#include "config/plugin_settings.hpp"

namespace djabberd::plugins::stream_management {

struct sm_options {
  bool enabled = false;  ///< the vhost lists the plugin
  /// How long a session whose connection dropped waits for <resume/> when the client asks for no
  /// particular time (0: resumption is not offered, acks only).
  std::chrono::seconds resume_timeout{300};
  /// The longest wait a client may ask for with <enable max=/>.
  std::chrono::seconds max_resume_timeout{3600};
  /// Request an ack (<r/>) after this many stanzas the client has not acknowledged.
  int ack_every = 5;
};

/// Validates the settings (config::config_error names file, line and key) and returns them
/// with `enabled` set.
sm_options read_sm_options(const config::plugin_settings& settings);

}  // namespace djabberd::plugins::stream_management
