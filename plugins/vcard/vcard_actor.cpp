// vcard_actor: each request is answered through a promise after the hook runner ran the storage
// chain, so the actor keeps serving other requests meanwhile.
#include "plugins/vcard/vcard_actor.hpp"

#include <chrono>
#include <memory>
#include <string>
#include <unordered_map>

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "plugins/vcard/photo_hash.hpp"
#include "stanza/error_reply.hpp"
#include "stanza/namespaces.hpp"
#include "stanza/serializer.hpp"

namespace djabberd::plugins::vcard {

namespace {

// Longer than any storage chain should take; the session's own iq.c2s timeout is shorter, this
// only frees the promise if the runner never answers.
constexpr std::chrono::seconds runner_timeout{30};

// XEP-0153 photo hashes by owner bare JID, so presence does not read the vCard every time.
// Bounded: past this many accounts it starts over (a miss only costs one vcard.get).
using hash_cache = std::unordered_map<std::string, std::string>;
constexpr std::size_t hash_cache_limit = 10000;

void remember(hash_cache& cache, const std::string& owner, std::string hash) {
  if (cache.size() >= hash_cache_limit) cache.clear();
  cache[owner] = std::move(hash);
}

xml::element_ptr vcard_of(const xml::element_ptr& iq) {
  auto payload = iq ? iq->first_child_element() : nullptr;
  return payload && payload->is("vCard", ns::vcard) ? payload : nullptr;
}

hooks::reply error(const xml::element_ptr& iq, xml::stanza_error condition,
                   std::string_view text = {}) {
  return hooks::handled(xml::make_error_reply(*iq, condition, text));
}

// Runs vcard.get for `owner` and answers `iq` with the vCard (empty if none is stored).
hooks::reply get(caf::event_based_actor* self, const caf::actor& runner, const std::string& vhost,
                 const std::string& owner, const xml::element_ptr& iq) {
  auto rp = self->make_response_promise<caf::atom_value, caf::message>();
  self->request(runner, runner_timeout, atoms::run_hook::value, std::string("vcard.get"),
                caf::make_message(atoms::vcard_get::value, vhost, owner))
      .then(
          [rp, iq](bool handled, caf::message& payload) mutable {
            xml::element_ptr stored;
            if (handled && payload.match_elements<xml::element_ptr>())
              stored = payload.get_as<xml::element_ptr>(0);
            if (!stored || !stored->is("vCard", ns::vcard))
              stored = xml::make_element("vCard", std::string(ns::vcard));
            hooks::deliver_handled(rp, xml::make_iq_result(*iq, stored));
          },
          [rp, iq](caf::error&) mutable {
            hooks::deliver_handled(
                rp, xml::make_error_reply(*iq, xml::stanza_error::internal_server_error));
          });
  return rp;
}

// Runs vcard.set for `owner` with the client's vCard.
hooks::reply set(caf::event_based_actor* self, const caf::actor& runner, const std::string& vhost,
                 const std::string& owner, const xml::element_ptr& iq,
                 std::shared_ptr<hash_cache> hashes) {
  auto rp = self->make_response_promise<caf::atom_value, caf::message>();
  self->request(runner, runner_timeout, atoms::run_hook::value, std::string("vcard.set"),
                caf::make_message(atoms::vcard_set::value, vhost, owner, vcard_of(iq)))
      .then(
          [rp, iq, owner, hashes](bool handled, caf::message& payload) mutable {
            xml::element_ptr reply;
            if (!handled)  // the catalog's default: nobody stores vCards here
              reply = xml::make_error_reply(*iq, xml::stanza_error::service_unavailable);
            else if (payload.match_elements<bool>() && payload.get_as<bool>(0)) {
              reply = xml::make_iq_result(*iq);
              remember(*hashes, owner, photo_hash(vcard_of(iq)));  // XEP-0153: a new photo
            } else
              reply = xml::make_error_reply(*iq, xml::stanza_error::internal_server_error);
            hooks::deliver_handled(rp, std::move(reply));
          },
          [rp, iq](caf::error&) mutable {
            hooks::deliver_handled(
                rp, xml::make_error_reply(*iq, xml::stanza_error::internal_server_error));
          });
  return rp;
}

// avatar.hash: the cached hash, else the stored vCard's (vcard.get through the runner).
hooks::reply avatar_hash(caf::event_based_actor* self, const caf::actor& runner,
                         const std::string& vhost, const std::string& owner,
                         std::shared_ptr<hash_cache> hashes) {
  if (auto it = hashes->find(owner); it != hashes->end()) return hooks::handled(it->second);
  auto rp = self->make_response_promise<caf::atom_value, caf::message>();
  self->request(runner, runner_timeout, atoms::run_hook::value, std::string("vcard.get"),
                caf::make_message(atoms::vcard_get::value, vhost, owner))
      .then(
          [rp, owner, hashes](bool handled, caf::message& payload) mutable {
            xml::element_ptr stored;
            if (handled && payload.match_elements<xml::element_ptr>())
              stored = payload.get_as<xml::element_ptr>(0);
            auto hash = photo_hash(stored);
            remember(*hashes, owner, hash);
            hooks::deliver_handled(rp, std::move(hash));
          },
          [rp](caf::error&) mutable { hooks::deliver_declined(rp); });
  return rp;
}

// presence.alter_available: XEP-0153 §4.1 on the server's side: a presence without the update
// element gets the hash avatar.hash gives (which may be another plugin's).
hooks::reply add_photo(caf::event_based_actor* self, const caf::actor& runner,
                       const std::string& vhost, const jid& full,
                       const xml::element_ptr& presence) {
  if (!presence || has_photo_update(*presence)) return hooks::declined();
  auto rp = self->make_response_promise<caf::atom_value, caf::message>();
  self->request(runner, runner_timeout, atoms::run_hook::value, std::string("avatar.hash"),
                caf::make_message(atoms::avatar_hash::value, vhost, full.bare_str()))
      .then(
          [rp, presence](bool handled, caf::message& payload) mutable {
            if (!handled || !payload.match_elements<std::string>())
              return hooks::deliver_declined(rp);
            hooks::deliver_handled(rp, with_photo_update(presence, payload.get_as<std::string>(0)));
          },
          [rp](caf::error&) mutable { hooks::deliver_declined(rp); });
  return rp;
}

}  // namespace

caf::behavior vcard_actor(caf::event_based_actor* self, caf::actor runner, std::size_t max_size) {
  auto hashes = std::make_shared<hash_cache>();
  return {
      [self, runner, max_size, hashes](atoms::iq_c2s, const std::string& vhost, const jid& session,
                                       const xml::element_ptr& iq) -> hooks::reply {
        auto vcard = vcard_of(iq);
        auto to = iq->attr_or("to");
        auto owner = session.bare_str();
        if (!vcard || (!to.empty() && to != owner)) return hooks::declined();
        auto type = iq->attr_or("type");
        if (type == "get") return get(self, runner, vhost, owner, iq);
        if (type != "set") return hooks::declined();
        if (xml::to_string(*vcard).size() > max_size)
          return error(iq, xml::stanza_error::not_acceptable,
                       "the vCard is larger than " + std::to_string(max_size) + " bytes");
        return set(self, runner, vhost, owner, iq, hashes);
      },
      [self, runner](atoms::iq_account, const std::string& vhost, const jid&,
                     const xml::element_ptr& iq) -> hooks::reply {
        if (!vcard_of(iq)) return hooks::declined();
        if (iq->attr_or("type") != "get")  // only the owner writes its vCard
          return error(iq, xml::stanza_error::forbidden);
        auto target = jid::parse(iq->attr_or("to"));
        if (!target) return hooks::declined();
        return get(self, runner, vhost, target->bare_str(), iq);
      },
      [self, runner, hashes](atoms::avatar_hash, const std::string& vhost, const std::string& owner)
          -> hooks::reply { return avatar_hash(self, runner, vhost, owner, hashes); },
      [self, runner](atoms::presence_alter, const std::string& vhost, const jid& full,
                     const xml::element_ptr& presence) -> hooks::reply {
        return add_photo(self, runner, vhost, full, presence);
      },
      [](atoms::disco_info, const std::string&, const std::string& node) -> hooks::reply {
        if (!node.empty()) return hooks::declined();
        auto query = xml::make_element("query", std::string(ns::disco_info));
        query->add_child("feature", std::string(ns::disco_info))
            .set_attr("var", std::string(ns::vcard));
        return hooks::handled(xml::element_ptr{query});
      },
  };
}

}  // namespace djabberd::plugins::vcard
