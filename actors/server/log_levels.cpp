#include "actors/server/log_levels.hpp"

#include "actors/log.hpp"
#include "actors/log_components.hpp"

namespace djabberd {

void apply_log_levels(const config::log_config& log) {
  log::level global = log::level::info;
  log::parse_level(log.level, global);  // the config reader accepted only valid names
  std::map<std::string, log::level> components;
  for (const auto& [name, text] : log.components) {
    log::level l = global;
    log::parse_level(text, l);
    components.emplace(name, l);
  }
  log::set_level(global);
  log::set_component_levels(std::move(components));
}

}  // namespace djabberd
