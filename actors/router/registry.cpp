// Bookkeeping of bound resources per account.
#include "actors/router/registry.hpp"

#include <algorithm>

namespace djabberd::router {

namespace {

const std::vector<resource_entry> no_resources;

}  // namespace

std::optional<caf::actor> registry::bind(const jid& full, caf::actor session) {
  auto& list = accounts_[full.bare_str()];
  bound_by_[session.address()] = full;
  for (auto& entry : list) {
    if (entry.resource == full.resource()) {
      auto old = std::move(entry.session);
      bound_by_.erase(old.address());
      entry = resource_entry{full.resource(), std::move(session), nullptr, 0, false};
      return old;
    }
  }
  list.push_back(resource_entry{full.resource(), std::move(session), nullptr, 0, false});
  ++size_;
  return std::nullopt;
}

void registry::unbind(const jid& full, const caf::actor_addr& session) {
  auto it = accounts_.find(full.bare_str());
  if (it == accounts_.end()) return;
  auto& list = it->second;
  auto pos = std::find_if(list.begin(), list.end(), [&](const resource_entry& e) {
    return e.resource == full.resource() && e.session.address() == session;
  });
  if (pos == list.end()) return;
  list.erase(pos);
  --size_;
  bound_by_.erase(session);
  if (list.empty()) accounts_.erase(it);
}

void registry::forget_account(const std::string& bare_str) {
  auto it = accounts_.find(bare_str);
  if (it == accounts_.end()) return;
  for (const auto& entry : it->second) bound_by_.erase(entry.session.address());
  size_ -= it->second.size();
  accounts_.erase(it);
}

std::optional<jid> registry::remove_session(const caf::actor_addr& session) {
  auto it = bound_by_.find(session);
  if (it == bound_by_.end()) return std::nullopt;
  jid full = it->second;
  unbind(full, session);
  return full;
}

const resource_entry* registry::find(const jid& full) const {
  const auto& list = resources(full);
  for (const auto& e : list)
    if (e.resource == full.resource()) return &e;
  return nullptr;
}

resource_entry* registry::find(const jid& full) {
  return const_cast<resource_entry*>(static_cast<const registry*>(this)->find(full));
}

const std::vector<resource_entry>& registry::resources(const jid& bare) const {
  auto it = accounts_.find(bare.bare_str());
  return it == accounts_.end() ? no_resources : it->second;
}

}  // namespace djabberd::router
