// read_offline_options: validation of the offline_sqlite settings.
#include "plugins/offline_sqlite/offline_options.hpp"

namespace djabberd::plugins::offline_sqlite {

offline_options read_offline_options(const config::plugin_settings& settings) {
  settings.allow_only({"max_messages"});
  offline_options options;
  options.max_messages = settings.get_int("max_messages", options.max_messages, 1, 1000000);
  return options;
}

}  // namespace djabberd::plugins::offline_sqlite
