// time_actor: reads the clock for every request.
#include "plugins/time/time_actor.hpp"

#include <cstdio>
#include <cstdlib>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/message_types.hpp"
#include "stanza/error_reply.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::plugins::time {

std::string utc_string(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string tzo_string(long offset_seconds) {
  char sign = offset_seconds < 0 ? '-' : '+';
  long minutes = std::labs(offset_seconds) / 60;
  char buf[48];  // room for any long, so no truncation warning
  std::snprintf(buf, sizeof buf, "%c%02ld:%02ld", sign, minutes / 60, minutes % 60);
  return buf;
}

long local_offset(std::time_t t) {
  std::tm tm{};
  localtime_r(&t, &tm);
  return tm.tm_gmtoff;
}

caf::behavior time_actor(caf::event_based_actor*) {
  return {
      [](atoms::iq_c2s, const std::string& vhost, const jid&,
         const xml::element_ptr& iq) -> hooks::reply {
        auto query = iq->first_child_element();
        if (!query || !query->is("time", ns::time) || iq->attr_or("type") != "get" ||
            iq->attr_or("to") != vhost)
          return hooks::declined();
        auto now = std::time(nullptr);
        auto result = xml::make_element("time", std::string(ns::time));
        result->add_child("tzo", std::string(ns::time)).add_text(tzo_string(local_offset(now)));
        result->add_child("utc", std::string(ns::time)).add_text(utc_string(now));
        return hooks::handled(xml::make_iq_result(*iq, result));
      },
      [](atoms::disco_info, const std::string&, const std::string& node) -> hooks::reply {
        if (!node.empty()) return hooks::declined();
        auto query = xml::make_element("query", std::string(ns::disco_info));
        query->add_child("feature", std::string(ns::disco_info))
            .set_attr("var", std::string(ns::time));
        return hooks::handled(xml::element_ptr{query});
      },
  };
}

}  // namespace djabberd::plugins::time
