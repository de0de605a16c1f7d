// XEP-0115 for PEP: reads <c/> from presence, asks an unknown ver's owner for its disco#info
// (once per server, through caps::shared_cache), verifies the hash and caches the features.
#include <chrono>

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/caps/caps_hash.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "actors/user/user_state.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::user {

namespace {

// While another account actor asks about a ver, this one looks again every `recheck_every`, for
// as long as such a query may take (then it may ask itself).
constexpr auto recheck_every = std::chrono::milliseconds(500);
constexpr int recheck_attempts =
    static_cast<int>(caps::caps_cache::query_timeout / recheck_every) + 2;

void ask(user_actor* self, const std::string& full, const caps_info& caps) {
  auto& st = self->state;
  auto id = "caps-" + std::to_string(++st.next_pep_id);
  st.caps_queries[id] = caps.ver;
  auto iq = xml::make_element("iq", std::string(ns::client));
  iq->set_attr("type", "get");
  iq->set_attr("id", id);
  iq->set_attr("from", st.bare.bare_str());
  iq->set_attr("to", full);
  iq->add_child("query", std::string(ns::disco_info)).set_attr("node", caps.node + "#" + caps.ver);
  route(self, iq);
}

// A full JID known to this actor that announced `ver`, or "".
std::string holder_of(user_actor* self, const std::string& ver) {
  for (const auto& r : self->state.resources)
    if (r.available && r.caps.ver == ver) return r.full.str();
  for (const auto& [full, caps] : self->state.contact_resources)
    if (caps.ver == ver) return full;
  return {};
}

caps_info caps_of_holder(user_actor* self, const std::string& full) {
  for (const auto& r : self->state.resources)
    if (r.full.str() == full) return r.caps;
  auto it = self->state.contact_resources.find(full);
  return it == self->state.contact_resources.end() ? caps_info{} : it->second;
}

}  // namespace

caps::features_ptr caps_features(const caps_info& caps) {
  if (caps.ver.empty()) return nullptr;
  return caps::shared_cache().find(caps.ver);
}

caps_info read_caps(user_actor* self, const std::string& full, const xml::element_ptr& presence) {
  caps_info info;
  auto c = presence ? presence->child("c", caps::ns_caps) : nullptr;
  // Legacy caps (no 'hash') cannot be verified; such clients get no notifications.
  if (!c || c->attr_or("hash") != "sha-1" || c->attr_or("ver").empty()) return info;
  info.node = c->attr_or("node");
  info.ver = c->attr_or("ver");
  auto& cache = caps::shared_cache();
  if (cache.find(info.ver)) return info;
  if (cache.begin_query(info.ver, caps::caps_cache::clock::now()))
    ask(self, full, info);
  else
    self->delayed_send(self, recheck_every, atoms::caps_recheck::value, info.ver, 1);
  return info;
}

bool handle_caps_answer(user_actor* self, const xml::element_ptr& iq) {
  auto& st = self->state;
  auto it = st.caps_queries.find(std::string(iq->attr_or("id")));
  if (it == st.caps_queries.end()) return false;
  auto ver = it->second;
  st.caps_queries.erase(it);
  auto& cache = caps::shared_cache();
  auto query = iq->attr_or("type") == "result" ? iq->child("query", ns::disco_info) : nullptr;
  auto computed = query ? caps::sha1_ver(*query) : std::nullopt;
  if (!computed || *computed != ver) {
    // §5.4: a wrong hash is not cached; the next presence with this ver asks again.
    log::info("caps", st.bare.bare_str(), ": disco#info from ", iq->attr_or("from"),
              " does not match ver ", ver);
    cache.query_failed(ver);
    return true;
  }
  caps::feature_set features;
  for (const auto& child : query->child_elements())
    if (child->is("feature", ns::disco_info)) features.emplace(child->attr_or("var"));
  cache.store(ver, std::move(features));
  pay_owed_last_items(self, ver);
  return true;
}

void caps_recheck(user_actor* self, const std::string& ver, int attempt) {
  auto& cache = caps::shared_cache();
  if (cache.find(ver)) return pay_owed_last_items(self, ver);
  auto full = holder_of(self, ver);
  if (full.empty()) return;  // nobody with this ver is around any more
  if (cache.begin_query(ver, caps::caps_cache::clock::now()))
    return ask(self, full, caps_of_holder(self, full));
  if (attempt < recheck_attempts)
    self->delayed_send(self, recheck_every, atoms::caps_recheck::value, ver, attempt + 1);
}

}  // namespace djabberd::user
