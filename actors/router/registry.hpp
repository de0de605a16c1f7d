// The router's table of bound resources: which session holds which full JID.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <caf/actor.hpp>
#include <caf/actor_addr.hpp>

#include "stanza/element.hpp"
#include "stanza/jid.hpp"

namespace djabberd::router {

/// One bound resource of an account.
struct resource_entry {
  std::string resource;
  caf::actor session;
  /// Its last broadcast presence as the router passed it on (cluster: re-announced to the
  /// account's new home node when the members change); null before the first one.
  xml::element_ptr presence;
  int priority = 0;
  bool available = false;
};

/// All bound resources, by bare JID. Owned by the router actor; not thread-safe.
class registry {
 public:
  /// Adds or replaces the resource; returns the session it displaced, if any.
  std::optional<caf::actor> bind(const jid& full, caf::actor session);

  /// Removes the resource if it is still held by `session`.
  void unbind(const jid& full, const caf::actor_addr& session);

  /// Removes the resource held by `session` (it died) and returns its full JID.
  std::optional<jid> remove_session(const caf::actor_addr& session);

  const resource_entry* find(const jid& full) const;
  resource_entry* find(const jid& full);

  /// The resources of a bare JID (empty if none).
  const std::vector<resource_entry>& resources(const jid& bare) const;

  std::size_t size() const { return size_; }

  /// Calls f(bare_str, entry) for every bound resource.
  template <class F>
  void for_each(F&& f) const {
    for (const auto& [bare, list] : accounts_)
      for (const auto& entry : list) f(bare, entry);
  }

  /// Drops every resource of `bare_str` without telling anyone.
  void forget_account(const std::string& bare_str);

 private:
  std::unordered_map<std::string, std::vector<resource_entry>> accounts_;
  std::unordered_map<caf::actor_addr, jid> bound_by_;
  std::size_t size_ = 0;
};

}  // namespace djabberd::router
