// private_actor: a get or set of several children asks the storage chain once per child, one
// after the other, and answers through a promise at the end.
#include "plugins/private/private_actor.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/message_types.hpp"
#include "plugins/private/private_rules.hpp"
#include "stanza/error_reply.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::plugins::private_xml {

namespace {

// Longer than any storage chain should take; only frees the promise if the runner never answers.
constexpr std::chrono::seconds runner_timeout{30};

/// (handled, payload) of each storage request, in order.
using answers = std::vector<std::pair<bool, caf::message>>;

struct steps {
  caf::event_based_actor* self;
  caf::actor runner;
  std::string hook;
  std::vector<caf::message> requests;
  answers done_so_far;
  std::function<void(answers)> done;
  std::function<void()> failed;
};

// Sends requests[done_so_far.size()], and so on until all were answered.
void next(const std::shared_ptr<steps>& s) {
  if (s->done_so_far.size() == s->requests.size()) return s->done(std::move(s->done_so_far));
  s->self
      ->request(s->runner, runner_timeout, atoms::run_hook::value, s->hook,
                s->requests[s->done_so_far.size()])
      .then(
          [s](bool handled, caf::message& payload) {
            s->done_so_far.emplace_back(handled, std::move(payload));
            next(s);
          },
          [s](caf::error&) { s->failed(); });
}

hooks::reply error(const xml::element_ptr& iq, xml::stanza_error condition) {
  return hooks::handled(xml::make_error_reply(*iq, condition));
}

hooks::reply run(caf::event_based_actor* self, const caf::actor& runner, std::string hook,
                 std::vector<caf::message> requests, const xml::element_ptr& iq,
                 std::function<xml::element_ptr(const answers&)> answer) {
  auto rp = self->make_response_promise<caf::atom_value, caf::message>();
  auto s = std::make_shared<steps>();
  s->self = self;
  s->runner = runner;
  s->hook = std::move(hook);
  s->requests = std::move(requests);
  s->done = [rp, answer](answers a) mutable { hooks::deliver_handled(rp, answer(a)); };
  s->failed = [rp, iq]() mutable {
    hooks::deliver_handled(rp,
                           xml::make_error_reply(*iq, xml::stanza_error::internal_server_error));
  };
  next(s);
  return rp;
}

hooks::reply get(caf::event_based_actor* self, const caf::actor& runner, const std::string& vhost,
                 const std::string& owner, const xml::element_ptr& iq) {
  auto children = iq->first_child_element()->child_elements();
  std::vector<caf::message> requests;
  for (const auto& child : children)
    requests.push_back(caf::make_message(atoms::private_get::value, vhost, owner,
                                         "{" + child->ns() + "}" + child->name()));
  return run(self, runner, "private.get", std::move(requests), iq,
             [iq, children](const answers& a) -> xml::element_ptr {
               auto query = xml::make_element("query", std::string(ns::private_storage));
               for (std::size_t i = 0; i < children.size(); ++i) {
                 xml::element_ptr stored;
                 if (a[i].first && a[i].second.match_elements<xml::element_ptr>())
                   stored = a[i].second.get_as<xml::element_ptr>(0);
                 // XEP-0049 §2: nothing stored -> the element as asked for, empty.
                 if (!stored) stored = xml::make_element(children[i]->name(), children[i]->ns());
                 query->add_child(stored);
               }
               return xml::make_iq_result(*iq, query);
             });
}

hooks::reply set(caf::event_based_actor* self, const caf::actor& runner, const std::string& vhost,
                 const std::string& owner, const xml::element_ptr& iq) {
  std::vector<caf::message> requests;
  for (const auto& child : iq->first_child_element()->child_elements())
    requests.push_back(caf::make_message(atoms::private_set::value, vhost, owner, child));
  return run(self, runner, "private.set", std::move(requests), iq,
             [iq](const answers& a) -> xml::element_ptr {
               for (const auto& [handled, payload] : a)
                 // Declined by all or not stored: the catalog's internal-server-error.
                 if (!handled || !payload.match_elements<bool>() || !payload.get_as<bool>(0))
                   return xml::make_error_reply(*iq, xml::stanza_error::internal_server_error);
               return xml::make_iq_result(*iq);
             });
}

bool is_private_query(const xml::element_ptr& iq) {
  auto query = iq ? iq->first_child_element() : nullptr;
  auto type = iq ? iq->attr_or("type") : "";
  return query && query->is("query", ns::private_storage) && (type == "get" || type == "set");
}

}  // namespace

caf::behavior private_actor(caf::event_based_actor* self, caf::actor runner, bool reject_reserved) {
  return {
      [self, runner, reject_reserved](atoms::iq_c2s, const std::string& vhost, const jid& session,
                                      const xml::element_ptr& iq) -> hooks::reply {
        if (!is_private_query(iq)) return hooks::declined();
        auto owner = session.bare_str();
        auto to = iq->attr_or("to");
        // XEP-0049 §2: forbidden is preferable to service-unavailable.
        if (!to.empty() && to != owner) return error(iq, xml::stanza_error::forbidden);
        bool is_get = iq->attr_or("type") == "get";
        if (auto e = check_query(*iq->first_child_element(), is_get, reject_reserved))
          return error(iq, *e);
        return is_get ? get(self, runner, vhost, owner, iq) : set(self, runner, vhost, owner, iq);
      },
      [](atoms::iq_account, const std::string&, const jid&,
         const xml::element_ptr& iq) -> hooks::reply {
        if (!is_private_query(iq)) return hooks::declined();
        return error(iq, xml::stanza_error::forbidden);
      },
      [](atoms::disco_info, const std::string&, const std::string& node) -> hooks::reply {
        if (!node.empty()) return hooks::declined();
        auto query = xml::make_element("query", std::string(ns::disco_info));
        query->add_child("feature", std::string(ns::disco_info))
            .set_attr("var", std::string(ns::private_storage));
        return hooks::handled(xml::element_ptr{query});
      },
  };
}

}  // namespace djabberd::plugins::private_xml
