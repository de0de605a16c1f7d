// answer: parses one admin request and builds its response from the actors' replies.
#include "actors/admin/admin_requests.hpp"

#include <map>
#include <sstream>
#include <vector>

#include <unistd.h>

#include <caf/all.hpp>

#include "actors/accounts/account_remover.hpp"
#include "actors/admin/admin_ops.hpp"
#include "actors/atoms.hpp"
#include "actors/hooks/ask_hook.hpp"
#include "actors/message_types.hpp"
#include "actors/s2s/s2s_metrics.hpp"
#include "actors/server/metrics.hpp"
#include "actors/server/plugin_stats.hpp"
#include "stanza/jid.hpp"

namespace djabberd::admin {

namespace {

/// How long the admin socket waits for one actor's answer.
constexpr auto ask_timeout = std::chrono::seconds(3);

/// A request that cannot be answered; what() becomes the "error" line.
struct request_error {
  std::string message;
};

std::vector<std::string> split_words(std::string_view line) {
  std::vector<std::string> words;
  std::istringstream in{std::string(line)};
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

template <class T, class... Ts>
T ask(caf::blocking_actor* self, const caf::actor& whom, Ts&&... xs) {
  T result{};
  bool failed = false;
  self->request(whom, ask_timeout, std::forward<Ts>(xs)...)
      .receive([&](T& value) { result = std::move(value); }, [&](caf::error&) { failed = true; });
  if (failed) throw request_error{"the server did not answer in time"};
  return result;
}

// The JID column of a session line.
std::string_view jid_of(const std::string& line) {
  return std::string_view(line).substr(0, line.find('\t'));
}

std::string status(caf::blocking_actor* self, const environment& env) {
  auto connections = ask<std::size_t>(self, env.registry, atoms::count::value);
  auto bound = ask<std::size_t>(self, env.server->router, atoms::count::value);
  auto lines = ask<std::vector<std::string>>(self, env.registry, atoms::info::value);
  std::map<std::string, std::size_t> per_vhost;
  for (const auto& [domain, _] : env.server->vhosts) per_vhost[domain] = 0;
  for (const auto& line : lines)
    if (auto j = jid::parse(jid_of(line)); j && per_vhost.count(j->domain()))
      ++per_vhost[j->domain()];
  auto uptime = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() -
                                                                 env.started);
  std::string out = "version=" DJABBERD_VERSION "\n";
  out += "pid=" + std::to_string(::getpid()) + "\n";
  out += "uptime_seconds=" + std::to_string(uptime.count()) + "\n";
  out += "c2s_connections=" + std::to_string(connections) + "\n";
  out += "bound_sessions=" + std::to_string(bound) + "\n";
  out += "s2s_streams_in=" + std::to_string(s2s::streams_in()) + "\n";
  out += "s2s_streams_out=" + std::to_string(s2s::streams_out()) + "\n";
  out += "rss_kb=" + std::to_string(metrics::rss_kb()) + "\n";
  for (const auto& [domain, n] : per_vhost)
    out += "vhost." + domain + ".sessions=" + std::to_string(n) + "\n";
  if (env.server->cluster_node) {
    // Cluster health: this node's name and how many members it sees alive.
    auto view = ask<std::string>(self, env.server->router, atoms::info::value);
    std::istringstream in{view};
    for (std::string line; std::getline(in, line);)
      if (line.starts_with("node=") || line.starts_with("members="))
        out += "cluster_" + line + "\n";
  }
  return out;
}

// The cluster as this node sees it: the router's view and sessions, then every member.
std::string cluster(caf::blocking_actor* self, const environment& env) {
  if (!env.server->cluster_node) throw request_error{"this server has no [cluster] section"};
  auto out = ask<std::string>(self, env.server->router, atoms::info::value);
  return out + ask<std::string>(self, env.server->cluster_node, atoms::info::value);
}

// Every session, or those of one full JID / bare JID.
std::string sessions(caf::blocking_actor* self, const environment& env,
                     const std::vector<std::string>& words) {
  auto lines = ask<std::vector<std::string>>(self, env.registry, atoms::info::value);
  std::optional<jid> filter;
  if (words.size() == 2) {
    filter = jid::parse(words[1]);
    if (!filter) throw request_error{"'" + words[1] + "' is not a JID"};
  }
  std::string out;
  for (const auto& line : lines) {
    if (filter) {
      auto j = jid::parse(jid_of(line));
      if (!j || (filter->is_bare() ? j->bare() != *filter : *j != *filter)) continue;
    }
    out += line + "\n";
  }
  if (filter && out.empty()) throw request_error{"no session of " + filter->str()};
  return out;
}

std::string kick(caf::blocking_actor* self, const environment& env, std::string_view line,
                 const std::vector<std::string>& words) {
  auto target = jid::parse(words[1]);
  if (!target) throw request_error{"'" + words[1] + "' is not a JID"};
  std::string reason = "kicked by the server administrator";
  auto rest = line.find(words[1], line.find("kick") + 4) + words[1].size();
  if (auto start = line.find_first_not_of(' ', rest); start != std::string_view::npos)
    reason = std::string(line.substr(start));
  auto n = ask<int>(self, env.server->router, atoms::kick::value, *target, reason);
  if (n == 0) throw request_error{"no session of " + target->str()};
  return "kicked=" + std::to_string(n) + "\n";
}

// Removes an account through account.unregister, roster.wipe and account.deleted, as XEP-0077
// <remove/> does, and ends its sessions.
std::string deluser(caf::blocking_actor* self, const environment& env, const std::string& word) {
  auto target = jid::parse(word);
  if (!target || target->local().empty() || !target->is_bare())
    throw request_error{"'" + word + "' is not a user's bare JID"};
  const auto* vhost = env.server->find_vhost(target->domain());
  if (!vhost) throw request_error{"no vhost " + target->domain()};
  auto remover = self->spawn(accounts::account_remover);
  auto result = ask<std::string>(self, remover, atoms::account_unregister::value, vhost->hooks,
                                 target->domain(), target->local(), env.server->router);
  if (result != "deleted") throw request_error{target->str() + ": " + result};
  return "deleted=" + target->str() + "\n";
}

// One line per handler: vhost, hook, position, plugin, priority, calls, handled, declined, failed,
// microseconds spent.
std::string hook_lines(const environment& env) {
  std::string out;
  for (const auto& [domain, vhost] : env.server->vhosts)
    for (std::size_t i = 0; i < hooks::hook_count; ++i) {
      auto id = static_cast<hooks::hook_id>(i);
      int position = 0;
      for (const auto& r : vhost.hooks->chain(id)) {
        const auto& c = *r.counters;
        out += domain + '\t' + std::string(hooks::name(id)) + '\t' + std::to_string(++position) +
               '\t' + r.plugin + '\t' + std::to_string(r.priority) + '\t' +
               std::to_string(c.calls.load()) + '\t' + std::to_string(c.handled.load()) + '\t' +
               std::to_string(c.declined.load()) + '\t' + std::to_string(c.failed.load()) + '\t' +
               std::to_string(c.busy_us.load()) + "\n";
      }
    }
  return out;
}

// `stats`: the core's counters, then each plugin's (stats.collect) as plugin.VHOST.NAME=VALUE.
std::string stats(caf::blocking_actor* self, const environment& env) {
  std::string out = admin::stats();
  for (const auto& s : metrics::collect_plugin_stats(self, *env.server))
    out += "plugin." + s.vhost + "." + s.name + "=" + std::to_string(s.value) + "\n";
  return out;
}

// `plugin WORDS...`: a plugin's own admin command (admin.command), asked on each vhost in turn.
std::string plugin_command(caf::blocking_actor* self, const environment& env,
                           std::vector<std::string> words) {
  words.erase(words.begin());
  for (const auto& vhost : env.server->config.vhosts) {
    const auto* runtime = env.server->find_vhost(vhost.domain);
    if (!runtime) continue;
    auto answer = hooks::ask_first(
        self, runtime->hooks, hooks::hook_id::admin_command,
        caf::make_message(atoms::admin_command::value, vhost.domain, words), ask_timeout);
    if (answer && answer->match_elements<std::string>()) {
      auto out = answer->get_as<std::string>(0);
      if (!out.empty() && out.back() != '\n') out += '\n';
      return out;
    }
  }
  throw request_error{"no plugin takes the command '" + words[0] + "'"};
}

// Addresses banned for failed logins: "ADDRESS\tSECONDS_LEFT" lines.
std::string bans(caf::blocking_actor* self, const environment& env) {
  std::string out;
  for (const auto& line :
       ask<std::vector<std::string>>(self, env.server->auth_guard, atoms::bans::value))
    out += line + "\n";
  return out;
}

std::string unban(caf::blocking_actor* self, const environment& env, const std::string& address) {
  if (!ask<bool>(self, env.server->auth_guard, atoms::unban::value, address))
    throw request_error{address + " is not banned"};
  return "unbanned=" + address + "\n";
}

std::string dispatch(caf::blocking_actor* self, const environment& env, std::string_view line) {
  auto words = split_words(line);
  if (words.empty()) throw request_error{"empty request"};
  const auto& cmd = words[0];
  if (cmd == "status" && words.size() == 1) return status(self, env);
  if (cmd == "sessions" && words.size() <= 2) return sessions(self, env, words);
  if (cmd == "kick" && words.size() >= 2) return kick(self, env, line, words);
  if (cmd == "hooks" && words.size() == 1) return hook_lines(env);
  if (cmd == "cluster" && words.size() == 1) return cluster(self, env);
  if (cmd == "stats" && words.size() == 1) return stats(self, env);
  if (cmd == "plugin" && words.size() >= 2) return plugin_command(self, env, words);
  if (cmd == "message" && words.size() >= 4) return admin::message(env, line, words);
  if (cmd == "reload" && words.size() == 1) return admin::reload(env);
  if (cmd == "bans" && words.size() == 1) return bans(self, env);
  if (cmd == "unban" && words.size() == 2) return unban(self, env, words[1]);
  if (cmd == "deluser" && words.size() == 2) return deluser(self, env, words[1]);
  throw request_error{"unknown request '" + std::string(line) + "'"};
}

}  // namespace

std::string answer(caf::blocking_actor* self, const environment& env, std::string_view line) {
  try {
    return "ok\n" + dispatch(self, env, line) + ".\n";
  } catch (const request_error& e) {
    return "error " + e.message + "\n.\n";
  } catch (const std::exception& e) {  // stats, message, reload
    return "error " + std::string(e.what()) + "\n.\n";
  }
}

}  // namespace djabberd::admin
