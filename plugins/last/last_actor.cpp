// last_actor: the server's uptime from a monotonic clock (wall-clock jumps do not change it).
#include "plugins/last/last_actor.hpp"

#include <string>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/message_types.hpp"
#include "stanza/error_reply.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::plugins::last {

caf::behavior last_actor(caf::event_based_actor*, std::chrono::steady_clock::time_point started) {
  return {
      [started](atoms::iq_c2s, const std::string& vhost, const jid&,
                const xml::element_ptr& iq) -> hooks::reply {
        auto query = iq->first_child_element();
        if (!query || !query->is("query", ns::last) || iq->attr_or("type") != "get" ||
            iq->attr_or("to") != vhost)
          return hooks::declined();
        auto up = std::chrono::duration_cast<std::chrono::seconds>(
            std::chrono::steady_clock::now() - started);
        auto result = xml::make_element("query", std::string(ns::last));
        result->set_attr("seconds", std::to_string(up.count()));
        return hooks::handled(xml::make_iq_result(*iq, result));
      },
      [](atoms::disco_info, const std::string&, const std::string& node) -> hooks::reply {
        if (!node.empty()) return hooks::declined();
        auto query = xml::make_element("query", std::string(ns::disco_info));
        query->add_child("feature", std::string(ns::disco_info))
            .set_attr("var", std::string(ns::last));
        return hooks::handled(xml::element_ptr{query});
      },
  };
}

}  // namespace djabberd::plugins::last
