// read_sm_options: validation of the stream_management settings.
#include "plugins/stream_management/sm_options.hpp"

namespace djabberd::plugins::stream_management {

sm_options read_sm_options(const config::plugin_settings& settings) {
  settings.allow_only({"resume_timeout", "max_resume_timeout", "ack_every"});
  sm_options options;
  options.enabled = true;
  options.max_resume_timeout = std::chrono::seconds(
      settings.get_int("max_resume_timeout", options.max_resume_timeout.count(), 0, 86400));
  options.resume_timeout = std::chrono::seconds(settings.get_int(
      "resume_timeout", options.resume_timeout.count(), 0, options.max_resume_timeout.count()));
  options.ack_every = static_cast<int>(settings.get_int("ack_every", options.ack_every, 1, 10000));
  return options;
}

}  // namespace djabberd::plugins::stream_management
