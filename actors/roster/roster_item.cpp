// Names of subscription states.
#include "actors/roster/roster_item.hpp"

namespace djabberd::roster {

const char* subscription_name(const roster_item& item) {
  if (item.to && item.from) return "both";
  if (item.to) return "to";
  if (item.from) return "from";
  return "none";
}

}  // namespace djabberd::roster
