// Home and standby nodes of an account over the live members.
#include "actors/router/cluster_view.hpp"

#include "actors/cluster/rendezvous.hpp"

namespace djabberd::router {

const caf::actor* cluster_view::home_of(std::string_view bare) const {
  if (!active()) return nullptr;
  auto i = static_cast<std::size_t>(cluster::rendezvous_pick(bare, names));
  return names[i] == self ? nullptr : &routers[i];
}

const std::string& cluster_view::home_name(std::string_view bare) const {
  if (!active()) return self;
  return names[static_cast<std::size_t>(cluster::rendezvous_pick(bare, names))];
}

const caf::actor* cluster_view::standby_of(std::string_view bare) const {
  if (!active()) return nullptr;
  auto rank = cluster::rendezvous_rank(bare, names, 2);
  if (names[static_cast<std::size_t>(rank[0])] != self) return nullptr;
  return &routers[static_cast<std::size_t>(rank[1])];
}

const caf::actor* cluster_view::home_without(std::string_view bare, const std::string& gone) const {
  std::vector<std::string> rest;
  std::vector<std::size_t> index;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == gone) continue;
    rest.push_back(names[i]);
    index.push_back(i);
  }
  if (rest.empty()) return nullptr;
  auto i = index[static_cast<std::size_t>(cluster::rendezvous_pick(bare, rest))];
  return names[i] == self ? nullptr : &routers[i];
}

std::string cluster_view::name_of(const caf::node_id& node) const {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (routers[i] && routers[i].node() == node) return names[i];
  return {};
}

}  // namespace djabberd::router
