// The node actor: joins through seeds, admits members that present the secret, gossips the
// member list, notices dead members through monitors, and tells the router the live view.
#include "actors/cluster/node.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <caf/all.hpp>
#include <caf/io/all.hpp>
#include <caf/openssl/all.hpp>

#include "actors/atoms.hpp"
#include "actors/cluster/member_list.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"

namespace djabberd::cluster {

namespace {

// Gossip and seed retries run this often. Death is noticed by monitors, not by this timer.
constexpr auto tick_interval = std::chrono::milliseconds(1000);
// A join request that gets no answer in this time is dropped; the next tick tries again.
constexpr auto join_timeout = std::chrono::seconds(5);

struct member {
  std::string host;
  std::uint16_t port = 0;
  caf::actor node;
  caf::actor router;
};

struct node_state {
  config::cluster_config cfg;
  caf::actor router;
  std::map<std::string, member> members;  ///< the other live members, by name
  std::set<std::string> connecting;       ///< "host:port" with a connector running
  std::set<std::string> refused;          ///< addresses whose refusal was logged already
  std::set<std::string> refused_in;       ///< nodes this node refused (logged once each)
  static inline const char* name = "cluster.node";
};

using node_actor = caf::stateful_actor<node_state>;

std::string address_of(const std::string& host, std::uint16_t port) {
  return config::listen_address{host, port}.str();
}

std::vector<std::string> member_list(node_actor* self) {
  auto& st = self->state;
  std::vector<std::string> out{
      encode_member({st.cfg.node, st.cfg.listen.host, st.cfg.listen.port})};
  for (const auto& [name, m] : st.members) out.push_back(encode_member({name, m.host, m.port}));
  return out;
}

void notify_router(node_actor* self) {
  auto& st = self->state;
  std::vector<std::pair<std::string, caf::actor>> view{{st.cfg.node, st.router}};
  for (const auto& [name, m] : st.members) view.emplace_back(name, m.router);
  std::sort(view.begin(), view.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> names;
  std::vector<caf::actor> routers;
  for (auto& [name, router] : view) {
    names.push_back(name);
    routers.push_back(router);
  }
  self->send(st.router, atoms::cl_members::value, st.cfg.node, std::move(names),
             std::move(routers));
}

void add_member(node_actor* self, const std::string& name, member m) {
  auto& st = self->state;
  auto it = st.members.find(name);
  if (it != st.members.end()) {
    if (it->second.node == m.node) return;
    self->demonitor(it->second.node);  // the node restarted under the same name
  }
  self->monitor(m.node);
  log::info("cluster", "node ", name, " joined (", address_of(m.host, m.port), "), ",
            st.members.size() + (it == st.members.end() ? 2 : 1), " nodes");
  st.members[name] = std::move(m);
  st.refused.erase(address_of(st.members[name].host, st.members[name].port));
  notify_router(self);
}

// remote_actor() blocks for the TCP connect and the BASP handshake (seconds when a peer is
// unreachable), so it runs in a detached actor with its own thread instead of on a scheduler
// worker; the result comes back to the node actor as a message.
void connector(caf::blocking_actor* self, caf::actor node, std::string host, std::uint16_t port,
               bool tls) {
  auto& sys = self->system();
  auto remote =
      tls ? caf::openssl::remote_actor(sys, host, port) : sys.middleman().remote_actor(host, port);
  if (remote)
    self->send(node, atoms::cl_found::value, host, port, *remote);
  else
    self->send(node, atoms::cl_failed::value, host, port, sys.render(remote.error()));
}

void connect_to(node_actor* self, const std::string& host, std::uint16_t port) {
  auto& st = self->state;
  if (host == st.cfg.listen.host && port == st.cfg.listen.port) return;
  if (!st.connecting.insert(address_of(host, port)).second) return;
  self->spawn<caf::detached>(connector, caf::actor{self}, host, port, !st.cfg.tls_cert.empty());
}

void contact(node_actor* self, const std::vector<std::string>& gossip) {
  auto& st = self->state;
  std::set<std::string> known;
  for (const auto& [name, _] : st.members) known.insert(name);
  for (const auto& m : members_to_contact(gossip, st.cfg.node, known))
    connect_to(self, m.host, m.port);
}

// Asks the node actor just reached (`remote`) for membership.
void join(node_actor* self, const std::string& host, std::uint16_t port, caf::actor remote) {
  auto& st = self->state;
  if (remote.node() == self->node()) return;  // a seed entry that points at this node
  self->request(remote, join_timeout, atoms::cl_join::value, st.cfg.secret, st.cfg.node,
                st.cfg.listen.host, st.cfg.listen.port, caf::actor{self}, st.router)
      .then(
          [=](caf::atom_value tag, const std::string& name, const caf::actor& router,
              const std::vector<std::string>& gossip) {
            auto addr = address_of(host, port);
            if (tag != atoms::cl_welcome::value) {
              if (self->state.refused.insert(addr).second)
                log::error("cluster", "node at ", addr, " refused this node: ", name);
              return;
            }
            add_member(self, name, member{host, port, remote, router});
            contact(self, gossip);
          },
          [=](caf::error& e) {
            log::warn("cluster", "no answer to joining ", address_of(host, port), ": ",
                      self->system().render(e));
          });
}

caf::message refuse(std::string reason) {
  return caf::make_message(atoms::cl_refused::value, std::move(reason), caf::actor{},
                           std::vector<std::string>{});
}

void tick(node_actor* self) {
  auto& st = self->state;
  auto gossip = member_list(self);
  for (const auto& [_, m] : st.members)
    self->send(m.node, atoms::cl_gossip::value, st.cfg.node, gossip);
  for (const auto& seed : st.cfg.seeds) {
    bool member = std::any_of(st.members.begin(), st.members.end(), [&](const auto& kv) {
      return kv.second.host == seed.host && kv.second.port == seed.port;
    });
    if (!member) connect_to(self, seed.host, seed.port);
  }
  self->delayed_send(self, tick_interval, atoms::cl_tick::value);
}

// key=value lines for djabberctl cluster: every member with its address, then the addresses
// being connected to and those that refused this node.
std::string describe(node_actor* self) {
  auto& st = self->state;
  std::string out = "member." + st.cfg.node + "=" + st.cfg.listen.str() + "\n";
  for (const auto& [name, m] : st.members)
    out += "member." + name + "=" + address_of(m.host, m.port) + "\n";
  std::size_t i = 0;
  for (const auto& addr : st.connecting)
    out += "connecting." + std::to_string(++i) + "=" + addr + "\n";
  i = 0;
  for (const auto& addr : st.refused)
    out += "refused_by." + std::to_string(++i) + "=" + addr + "\n";
  return out;
}

caf::behavior node_fun(node_actor* self, config::cluster_config cfg, caf::actor router) {
  self->state.cfg = std::move(cfg);
  self->state.router = std::move(router);
  self->set_down_handler([self](caf::down_msg& msg) {
    auto& st = self->state;
    for (auto it = st.members.begin(); it != st.members.end(); ++it) {
      if (it->second.node.address() != msg.source) continue;
      log::warn("cluster", "node ", it->first, " left (", self->system().render(msg.reason), "), ",
                st.members.size(), " nodes");
      st.members.erase(it);
      notify_router(self);
      return;
    }
  });
  notify_router(self);
  self->send(self, atoms::cl_tick::value);
  return {
      [self](atoms::cl_join, const std::string& secret, const std::string& name,
             const std::string& host, std::uint16_t port, const caf::actor& node,
             const caf::actor& router) -> caf::message {
        auto& st = self->state;
        auto addr = address_of(host, port);
        if (!same_secret(secret, st.cfg.secret)) {
          if (st.refused_in.insert(name + " " + addr).second)  // it retries every second
            log::warn("cluster", "refused node ", name, " (", addr, "): wrong secret");
          return refuse("wrong secret");
        }
        if (name == st.cfg.node || !node || !router) {
          log::warn("cluster", "refused node ", name, " (", addr, "): its name is taken");
          return refuse("node name " + name + " is taken");
        }
        add_member(self, name, member{host, port, node, router});
        return caf::make_message(atoms::cl_welcome::value, st.cfg.node, st.router,
                                 member_list(self));
      },
      [self](atoms::cl_found, const std::string& host, std::uint16_t port, caf::actor remote) {
        self->state.connecting.erase(address_of(host, port));
        join(self, host, port, std::move(remote));
      },
      [self](atoms::cl_failed, const std::string& host, std::uint16_t port,
             const std::string& why) {
        auto addr = address_of(host, port);
        self->state.connecting.erase(addr);
        log::debug("cluster", "cannot reach ", addr, ": ", why);
      },
      [self](atoms::cl_gossip, const std::string& from, const std::vector<std::string>& gossip) {
        auto& st = self->state;
        auto it = st.members.find(from);
        // Only members' lists count: a stranger cannot make this node connect anywhere.
        if (it == st.members.end() || it->second.node.address() != self->current_sender()) return;
        contact(self, gossip);
      },
      [self](atoms::cl_tick) { tick(self); },
      [self](atoms::info) { return describe(self); },
  };
}

}  // namespace

bool same_secret(const std::string& a, const std::string& b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  std::size_t n = std::max(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= static_cast<unsigned char>(x ^ y);
  }
  return diff == 0;
}

void configure(caf::actor_system_config& cfg, const config::cluster_config& cluster) {
  cfg.add_message_type<xml::element_ptr>("djabberd::element");
  cfg.add_message_type<jid>("djabberd::jid");
  cfg.set("middleman.heartbeat-interval", caf::timespan{cluster.heartbeat});
  cfg.set("middleman.connection-timeout", caf::timespan{cluster.failure_timeout});
  if (!cluster.tls_cert.empty()) {
    cfg.openssl_certificate = cluster.tls_cert;
    cfg.openssl_key = cluster.tls_key;
    cfg.openssl_cafile = cluster.tls_ca;
    cfg.load<caf::openssl::manager>();
  }
}

caf::expected<caf::actor> start_node(caf::actor_system& sys, const config::cluster_config& cluster,
                                     caf::actor router) {
  auto node = sys.spawn(node_fun, cluster, std::move(router));
  const char* host = cluster.listen.host.c_str();
  auto port = cluster.tls_cert.empty()
                  ? sys.middleman().publish(node, cluster.listen.port, host, true)
                  : caf::openssl::publish(node, cluster.listen.port, host, true);
  if (!port) {
    caf::anon_send_exit(node, caf::exit_reason::user_shutdown);
    return std::move(port.error());
  }
  log::info("cluster", "node ", cluster.node, " listening on ", cluster.listen.str());
  return node;
}

}  // namespace djabberd::cluster
