// The s2s resolver actor (see resolver.hpp). DNS answers come back as IP literals: the SRV
// targets (or the bare domain) are resolved here too, one endpoint per address, so [s2s]
// dns_servers governs the whole lookup and the connector never waits for a name. Design: one
// event-based actor owns a c-ares channel. c-ares never blocks: queries only send UDP datagrams,
// and the actor polls the channel's sockets with a zero-timeout poll() on a short CAF timer while
// queries are outstanding (no timer when idle). So the scheduler thread running it is never held,
// no extra thread is needed, and all c-ares state stays on one actor (c-ares channels are not
// thread-safe). c-ares bounds every query (timeout x tries); a per-request deadline below is the
// last guarantee of an answer.
#include "actors/s2s/resolver.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <unordered_map>

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/log.hpp"
#include "actors/s2s/dns_channel.hpp"
#include "actors/s2s/dns_endpoints_message.hpp"
#include "actors/s2s/dns_srv.hpp"

namespace djabberd::s2s {

namespace {

constexpr std::string_view log_component = "s2s.resolver";
// How often the channel is polled while queries are outstanding: a loopback or LAN answer
// waits at most this long on top of the network time.
constexpr auto poll_interval = std::chrono::milliseconds(5);
// Per query: 1 s, then 2 s (c-ares doubles per round) = 3 s per server; the SRV queries and then
// the targets' address lookups run one after the other. Past this, the answer is empty regardless.
constexpr auto request_deadline = std::chrono::seconds(8);

// Private timer messages; they never leave this actor.
struct poll_tick {};
struct deadline_tick {
  std::uint64_t id = 0;
};

}  // namespace
}  // namespace djabberd::s2s

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(djabberd::s2s::poll_tick)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(djabberd::s2s::deadline_tick)

namespace djabberd::s2s {

namespace {

// One (resolve, domain) request in flight.
struct lookup {
  std::string domain;
  caf::response_promise promise;
  std::optional<srv_answer> xmpps;
  std::optional<srv_answer> xmpp;
  std::vector<endpoint> targets;                    // in connection order, host = a name
  std::vector<std::vector<std::string>> addresses;  // per target, once resolved
  std::size_t unresolved = 0;
};

struct resolver_state {
  std::map<std::string, config::listen_address> routes;  // keys lowercased
  std::unique_ptr<dns_channel> dns;                      // null if c-ares could not start
  std::unordered_map<std::uint64_t, lookup> lookups;
  std::uint64_t next_id = 1;
  bool polling = false;
  std::mt19937 rng{std::random_device{}()};
  static inline const char* name = "s2s_resolver";
};

using resolver_actor = caf::stateful_actor<resolver_state>;

std::string lowercase(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool is_ip_literal(const std::string& s) {
  unsigned char buf[16];
  return inet_pton(AF_INET, s.c_str(), buf) == 1 || inet_pton(AF_INET6, s.c_str(), buf) == 1;
}

void answer(resolver_actor* self, std::uint64_t id, std::vector<endpoint> endpoints) {
  auto it = self->state.lookups.find(id);
  if (it == self->state.lookups.end()) return;  // already answered (deadline)
  log::debug(log_component, it->second.domain, ": ", endpoints.size(), " endpoint(s)");
  it->second.promise.deliver(std::move(endpoints));
  self->state.lookups.erase(it);
}

void keep_polling(resolver_actor* self) {
  if (self->state.polling || !self->state.dns || self->state.dns->outstanding() == 0) return;
  self->state.polling = true;
  self->delayed_send(self, poll_interval, poll_tick{});
}

// Every target's addresses are in: one endpoint per address, in target order, so the connector
// never has to resolve a name (and [s2s] dns_servers applies to the targets too).
void answer_with_addresses(resolver_actor* self, std::uint64_t id) {
  auto it = self->state.lookups.find(id);
  if (it == self->state.lookups.end()) return;
  std::vector<endpoint> out;
  for (std::size_t i = 0; i < it->second.targets.size(); ++i)
    for (auto& address : it->second.addresses[i])
      out.push_back(
          endpoint{address, it->second.targets[i].port, it->second.targets[i].direct_tls});
  answer(self, id, std::move(out));
}

void resolve_targets(resolver_actor* self, std::uint64_t id, std::vector<endpoint> targets) {
  auto& l = self->state.lookups.at(id);
  l.targets = std::move(targets);
  l.addresses.assign(l.targets.size(), {});
  // One extra count while issuing: c-ares answers hosts-file names inside the call itself.
  l.unresolved = l.targets.size() + 1;
  auto resolved = [self, id] {
    auto it = self->state.lookups.find(id);
    if (it != self->state.lookups.end() && --it->second.unresolved == 0)
      answer_with_addresses(self, id);
  };
  for (std::size_t i = 0; i < l.targets.size(); ++i) {
    const auto& host = l.targets[i].host;
    if (is_ip_literal(host)) {
      l.addresses[i] = {host};
      resolved();
      continue;
    }
    self->state.dns->lookup_addresses(
        host, [self, id, i, resolved](dns_channel::host_status, std::vector<std::string> found) {
          if (auto it = self->state.lookups.find(id); it != self->state.lookups.end()) {
            it->second.addresses[i] = std::move(found);  // empty when the name has no address
            resolved();
          }
        });
  }
  resolved();
  keep_polling(self);
}

// Both SRV answers are in: resolve the targets, check the bare domain, or give up.
void on_srv_answers(resolver_actor* self, std::uint64_t id) {
  auto it = self->state.lookups.find(id);
  if (it == self->state.lookups.end() || !it->second.xmpps || !it->second.xmpp) return;
  auto& rng = self->state.rng;
  auto plan = plan_from_srv(*it->second.xmpps, *it->second.xmpp, [&rng](std::uint32_t max) {
    return std::uniform_int_distribution<std::uint32_t>{0, max}(rng);
  });
  switch (plan.next) {
    case srv_plan::action::connect:
      resolve_targets(self, id, std::move(plan.endpoints));
      return;
    case srv_plan::action::no_service:
      answer(self, id, {});
      return;
    case srv_plan::action::check_fallback:
      // RFC 6120 §3.2.2: no SRV at all, so the domain itself on 5269 (if it has an address).
      resolve_targets(self, id, {endpoint{it->second.domain, 5269, false}});
      return;
  }
}

void start_dns(resolver_actor* self, std::uint64_t id, const std::string& domain) {
  auto& dns = *self->state.dns;
  dns.query_srv("_xmpps-server._tcp." + domain, true, [self, id](srv_answer a) {
    if (auto it = self->state.lookups.find(id); it != self->state.lookups.end()) {
      it->second.xmpps = std::move(a);
      on_srv_answers(self, id);
    }
  });
  dns.query_srv("_xmpp-server._tcp." + domain, false, [self, id](srv_answer a) {
    if (auto it = self->state.lookups.find(id); it != self->state.lookups.end()) {
      it->second.xmpp = std::move(a);
      on_srv_answers(self, id);
    }
  });
  keep_polling(self);
}

caf::behavior resolver(resolver_actor* self, config::s2s_config config) {
  for (auto& [domain, address] : config.routes) self->state.routes[lowercase(domain)] = address;
  try {
    dns_channel::options opts;
    opts.servers = config.dns_servers;
    self->state.dns = std::make_unique<dns_channel>(opts);
  } catch (const std::exception& e) {
    log::error(log_component, e.what(), "; only [s2s.routes] will resolve");
  }
  return {
      [self](atoms::resolve, std::string domain) {
        auto promise = self->make_response_promise();
        domain = lowercase(std::move(domain));
        if (!domain.empty() && domain.back() == '.') domain.pop_back();
        if (auto r = self->state.routes.find(domain); r != self->state.routes.end()) {
          promise.deliver(std::vector<endpoint>{endpoint{r->second.host, r->second.port, false}});
        } else if (domain.empty() || !self->state.dns) {
          promise.deliver(std::vector<endpoint>{});
        } else if (is_ip_literal(domain)) {
          promise.deliver(std::vector<endpoint>{endpoint{domain, 5269, false}});
        } else {
          const auto id = self->state.next_id++;
          self->state.lookups.emplace(id, lookup{domain, promise, {}, {}, {}, {}, 0});
          self->delayed_send(self, request_deadline, deadline_tick{id});
          start_dns(self, id, domain);
        }
        return promise;
      },
      [self](poll_tick) {
        self->state.polling = false;
        if (self->state.dns) self->state.dns->process();
        keep_polling(self);
      },
      [self](deadline_tick t) {
        if (self->state.lookups.count(t.id) != 0) {
          log::warn(log_component, self->state.lookups.at(t.id).domain, ": DNS took too long");
          answer(self, t.id, {});
        }
      },
  };
}

}  // namespace

caf::actor spawn_resolver(caf::actor_system& sys, const config::s2s_config& config) {
  return sys.spawn(resolver, config);
}

}  // namespace djabberd::s2s
