// prometheus_text: counters named djabberd_*_total, labels for kinds, results and hooks.
#include "actors/server/metrics_text.hpp"

#include <cstdio>

#include "actors/server/metrics.hpp"

namespace djabberd::metrics {

namespace {

std::string label_value(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

struct writer {
  std::string out;

  void header(const std::string& name, const char* type, const char* help) {
    out += "# HELP " + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
  }
  void value(const std::string& name, const std::string& labels, std::uint64_t v) {
    out += name + (labels.empty() ? "" : "{" + labels + "}") + " " + std::to_string(v) + "\n";
  }
  /// A value given in microseconds, written in seconds.
  void seconds(const std::string& name, const std::string& labels, std::uint64_t us) {
    char text[32];
    std::snprintf(text, sizeof text, "%llu.%06llu", static_cast<unsigned long long>(us / 1000000),
                  static_cast<unsigned long long>(us % 1000000));
    out += name + (labels.empty() ? "" : "{" + labels + "}") + " " + text + "\n";
  }
  void single(const std::string& name, const char* type, const char* help, std::uint64_t v) {
    header(name, type, help);
    value(name, "", v);
  }
};

std::uint64_t find(const std::vector<sample>& samples, std::string_view name) {
  for (const auto& s : samples)
    if (s.name == name) return s.value;
  return 0;
}

std::string labels(const std::string& domain, hooks::hook_id id, const hooks::registration& r) {
  return "vhost=\"" + label_value(domain) + "\",hook=\"" + label_value(hooks::name(id)) +
         "\",plugin=\"" + label_value(r.plugin) + "\"";
}

void hook_counters(writer& w, const server_context& server) {
  static constexpr const char* names[] = {"calls", "handled", "declined", "failed"};
  for (int k = 0; k < 4; ++k) {
    std::string metric = std::string("djabberd_hook_") + names[k] + "_total";
    w.header(metric, "counter", "Hook handler requests by outcome, per vhost, hook and plugin.");
    for (const auto& [domain, vhost] : server.vhosts)
      for (std::size_t i = 0; i < hooks::hook_count; ++i) {
        auto id = static_cast<hooks::hook_id>(i);
        for (const auto& r : vhost.hooks->chain(id)) {
          const auto& c = *r.counters;
          const std::atomic<std::uint64_t>* v[] = {&c.calls, &c.handled, &c.declined, &c.failed};
          w.value(metric, labels(domain, id, r), v[k]->load());
        }
      }
  }
  w.header("djabberd_hook_seconds_total", "counter",
           "Time hook handlers took to answer, per vhost, hook and plugin.");
  for (const auto& [domain, vhost] : server.vhosts)
    for (std::size_t i = 0; i < hooks::hook_count; ++i) {
      auto id = static_cast<hooks::hook_id>(i);
      for (const auto& r : vhost.hooks->chain(id))
        w.seconds("djabberd_hook_seconds_total", labels(domain, id, r), r.counters->busy_us.load());
    }
}

}  // namespace

std::string prometheus_text(const server_context& server, std::size_t sessions,
                            std::chrono::seconds uptime,
                            const std::vector<plugin_stat>& plugin_stats) {
  auto s = snapshot();
  writer w;
  w.single("djabberd_connections_accepted_total", "counter", "Client connections accepted.",
           find(s, "connections_accepted"));
  w.single("djabberd_connections_open", "gauge", "Client connections open now.",
           find(s, "connections_open"));
  w.single("djabberd_sessions_bound_total", "counter", "Resources bound.",
           find(s, "sessions_bound"));
  w.single("djabberd_sessions", "gauge", "Bound sessions now.", sessions);
  w.header("djabberd_auth_total", "counter", "SASL authentications by result.");
  w.value("djabberd_auth_total", "result=\"success\"", find(s, "auth_success"));
  w.value("djabberd_auth_total", "result=\"failure\"", find(s, "auth_failure"));
  for (const char* dir : {"in", "out"}) {
    std::string metric = std::string("djabberd_stanzas_") + dir + "_total";
    w.header(metric, "counter",
             dir[0] == 'i' ? "Stanzas read from clients by kind."
                           : "Stanzas written to clients by kind.");
    for (const char* kind : {"message", "presence", "iq"})
      w.value(metric, std::string("kind=\"") + kind + "\"",
              find(s, std::string("stanzas_") + dir + "." + kind));
  }
  w.header("djabberd_federation_streams", "gauge",
           "Server-to-server streams open now by direction.");
  w.value("djabberd_federation_streams", "direction=\"in\"", find(s, "s2s_streams_in"));
  w.value("djabberd_federation_streams", "direction=\"out\"", find(s, "s2s_streams_out"));
  w.header("djabberd_federation_auth_total", "counter",
           "Server-to-server authentications by method (both directions).");
  w.value("djabberd_federation_auth_total", "method=\"external\"", find(s, "s2s_auth.external"));
  w.value("djabberd_federation_auth_total", "method=\"dialback\"", find(s, "s2s_auth.dialback"));
  w.header("djabberd_limit_hits_total", "counter", "Times a [limits] limit was hit, by limit.");
  for (const char* limit : {"refused_unauth", "refused_banned", "read_paused", "slow_reader_closed",
                            "session_cap", "roster_cap", "login_delayed", "login_banned"})
    w.value("djabberd_limit_hits_total", std::string("limit=\"") + limit + "\"",
            find(s, std::string("limit.") + limit));
  w.header("djabberd_cluster_routes_total", "counter",
           "Cross-node routes: account events forwarded and stanzas relayed to a home node.");
  w.value("djabberd_cluster_routes_total", "kind=\"forwarded\"", find(s, "cluster_forwarded"));
  w.value("djabberd_cluster_routes_total", "kind=\"relayed\"", find(s, "cluster_relayed"));
  hook_counters(w, server);
  if (!plugin_stats.empty()) {
    w.header("djabberd_plugin_stat", "gauge", "Plugins' own counters (the stats.collect hook).");
    for (const auto& p : plugin_stats)
      w.value("djabberd_plugin_stat",
              "vhost=\"" + label_value(p.vhost) + "\",name=\"" + label_value(p.name) + "\"",
              p.value);
  }
  w.single("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.",
           rss_kb() * 1024);
  w.single("djabberd_uptime_seconds", "gauge", "Seconds since the server started.",
           static_cast<std::uint64_t>(uptime.count()));
  return w.out;
}

}  // namespace djabberd::metrics
