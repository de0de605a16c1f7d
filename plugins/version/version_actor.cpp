// version_actor: a constant answer built per request.
#include "plugins/version/version_actor.hpp"

#include <sys/utsname.h>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/message_types.hpp"
#include "stanza/error_reply.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::plugins::version {

caf::behavior version_actor(caf::event_based_actor*, software info) {
  return {
      [info](atoms::iq_c2s, const std::string& vhost, const jid&,
             const xml::element_ptr& iq) -> hooks::reply {
        auto query = iq->first_child_element();
        if (!query || !query->is("query", ns::version) || iq->attr_or("type") != "get" ||
            iq->attr_or("to") != vhost)
          return hooks::declined();
        auto result = xml::make_element("query", std::string(ns::version));
        result->add_child("name", std::string(ns::version)).add_text(info.name);
        result->add_child("version", std::string(ns::version)).add_text(info.version);
        if (!info.os.empty()) result->add_child("os", std::string(ns::version)).add_text(info.os);
        return hooks::handled(xml::make_iq_result(*iq, result));
      },
      [](atoms::disco_info, const std::string&, const std::string& node) -> hooks::reply {
        if (!node.empty()) return hooks::declined();
        auto query = xml::make_element("query", std::string(ns::disco_info));
        query->add_child("feature", std::string(ns::disco_info))
            .set_attr("var", std::string(ns::version));
        return hooks::handled(xml::element_ptr{query});
      },
  };
}

std::string operating_system() {
  utsname u{};
  if (::uname(&u) != 0) return "unknown";
  return std::string(u.sysname) + " " + u.release;
}

}  // namespace djabberd::plugins::version
