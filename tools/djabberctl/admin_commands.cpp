// run_online: build the admin request, then print the reply as text or JSON.
#include "tools/djabberctl/admin_commands.hpp"

#include <map>
#include <optional>
#include <vector>

#include "tools/djabberctl/admin_client.hpp"
#include "tools/djabberctl/json.hpp"
#include "tools/djabberctl/reply_lines.hpp"

namespace djabberd::ctl {

namespace {

// Keeps the message text on the request's one line: backslash and newline become \\ and \n.
std::string escape_text(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else if (c != '\r')
      out += c;
  }
  return out;
}

std::string request_of(const invocation& inv) {
  if (inv.cmd->id == command::message)
    return "message " + inv.message_type + " " + inv.operands.at(0) + " " +
           escape_text(inv.operands.at(1));
  std::string request(inv.cmd->name);
  for (const auto& op : inv.operands) request += " " + op;
  return request;
}

// key=value lines; "a.b=1" keys become {"a": {"b": 1}} in JSON.
void print_stats(const admin_reply& r, bool json, std::ostream& out) {
  if (!json) return print_lines(r, out);
  std::map<std::string, std::map<std::string, std::string>> groups;
  std::string fields;
  for (const auto& line : r.lines) {
    auto [key, value] = split_key_value(line);
    if (auto dot = key.find('.'); dot != std::string::npos)
      groups[key.substr(0, dot)][key.substr(dot + 1)] = value;
    else
      append_listed(fields, json_member(key, json_value(value)));
  }
  for (const auto& [group, values] : groups) {
    std::string inner;
    for (const auto& [k, v] : values) append_listed(inner, json_member(k, json_value(v)));
    append_listed(fields, json_member(group, "{" + inner + "}"));
  }
  out << "{" << fields << "}\n";
}

void print_message(const admin_reply& r, bool json, std::ostream& out) {
  std::string to = first_value(r, "");
  if (json)
    out << "{\"sent\": " << json_string(to) << "}\n";
  else
    out << "sent a message to " << to << "\n";
}

// TSV lines "applied ITEM" / "restart ITEM".
void print_reload(const admin_reply& r, bool json, std::ostream& out) {
  std::vector<std::string> applied, restart;
  for (const auto& line : r.lines) {
    auto f = split_tabs(line);
    if (f.size() == 2) (f[0] == "applied" ? applied : restart).push_back(f[1]);
  }
  if (json) {
    auto list = [](const std::vector<std::string>& items) {
      std::string s;
      for (const auto& i : items) append_listed(s, json_string(i));
      return "[" + s + "]";
    };
    out << "{\"applied\": " << list(applied) << ", \"restart_needed\": " << list(restart) << "}\n";
    return;
  }
  out << "configuration reloaded\n";
  for (const auto& a : applied) out << "applied: " << a << "\n";
  if (!restart.empty()) {
    std::string names;
    for (const auto& n : restart) append_listed(names, n);
    out << "restart needed for: " << names << "\n";
  }
}

void print_status(const admin_reply& r, bool json, std::ostream& out) {
  if (!json) return print_lines(r, out);
  std::string fields, vhosts;
  for (const auto& line : r.lines) {
    auto [key, value] = split_key_value(line);
    if (key.starts_with("vhost.") && key.ends_with(".sessions")) {
      auto domain = key.substr(6, key.size() - 6 - 9);
      append_listed(vhosts,
                    json_member(domain, "{" + json_member("sessions", json_value(value)) + "}"));
    } else {
      append_listed(fields, json_member(key, json_value(value)));
    }
  }
  out << "{" << fields << ", \"vhosts\": {" << vhosts << "}}\n";
}

constexpr const char* session_keys[] = {"jid",    "peer",         "tls_version",
                                        "cipher", "idle_seconds", "stream_management"};

void print_sessions(const admin_reply& r, bool json, std::ostream& out) {
  if (!json) return print_lines(r, out, "JID\tPEER\tTLS\tCIPHER\tIDLE\tSM");
  print_json_rows(r, out, [](const std::vector<std::string>& f) -> std::optional<std::string> {
    std::string members;
    for (std::size_t i = 0; i < f.size() && i < std::size(session_keys); ++i)
      append_listed(members,
                    json_member(session_keys[i], i == 4 ? json_value(f[i]) : json_string(f[i])));
    return members;
  });
}

void print_kick(const admin_reply& r, const invocation& inv, bool json, std::ostream& out) {
  std::string n = first_value(r, "0");
  if (json)
    out << "{\"kicked\": " << json_value(n) << "}\n";
  else
    out << "kicked " << n << " session(s) of " << inv.operands.at(0) << "\n";
}

// Lines: address, seconds left.
void print_bans(const admin_reply& r, bool json, std::ostream& out) {
  if (!json) return print_lines(r, out, "ADDRESS\tSECONDS_LEFT");
  print_json_rows(r, out, [](const std::vector<std::string>& f) -> std::optional<std::string> {
    if (f.size() != 2) return std::nullopt;
    return json_member("address", json_string(f[0])) + ", " +
           json_member("seconds_left", json_value(f[1]));
  });
}

void print_unban(const invocation& inv, bool json, std::ostream& out) {
  if (json)
    out << "{\"unbanned\": " << json_string(inv.operands.at(0)) << "}\n";
  else
    out << "unbanned " << inv.operands.at(0) << "\n";
}

constexpr const char* counter_keys[] = {"priority", "calls",  "handled",
                                        "declined", "failed", "time_us"};

// Lines: vhost, hook, position, plugin, priority, calls, handled, declined, failed, microseconds.
void print_hooks(const admin_reply& r, bool json, std::ostream& out) {
  std::map<std::string, std::map<std::string, std::vector<std::vector<std::string>>>> tree;
  for (const auto& line : r.lines) {
    auto f = split_tabs(line);
    if (f.size() == 10) tree[f[0]][f[1]].push_back(f);
  }
  if (!json) {
    for (const auto& [vhost, hooks] : tree) {
      out << "vhost " << vhost << "\n";
      for (const auto& [hook, chain] : hooks) {
        out << "  " << hook << "\n";
        for (const auto& f : chain)
          out << "    " << f[2] << ". " << f[3] << "  priority=" << f[4] << " calls=" << f[5]
              << " handled=" << f[6] << " declined=" << f[7] << " failed=" << f[8]
              << " time_ms=" << std::stoull(f[9]) / 1000 << "\n";
      }
    }
    return;
  }
  std::string vhosts;
  for (const auto& [vhost, hooks] : tree) {
    std::string hook_list;
    for (const auto& [hook, chain] : hooks) {
      std::string handlers;
      for (const auto& f : chain) {
        std::string h = json_member("plugin", json_string(f[3]));
        for (std::size_t i = 0; i < std::size(counter_keys); ++i)
          append_listed(h, json_member(counter_keys[i], json_value(f[4 + i])));
        append_listed(handlers, "{" + h + "}");
      }
      append_listed(hook_list, json_member(hook, "[" + handlers + "]"));
    }
    append_listed(vhosts, json_member(vhost, "{" + hook_list + "}"));
  }
  out << "{" << vhosts << "}\n";
}

}  // namespace

int run_online(const invocation& inv, const config::server_config& server, std::ostream& out,
               std::ostream& err) {
  admin_reply reply;
  try {
    reply = ask_server(admin_target_of(server, inv.tcp), request_of(inv));
  } catch (const std::exception& e) {
    err << "djabberctl: " << e.what() << "\n";
    return 1;
  }
  if (!reply.ok) {
    err << "djabberctl: " << reply.error << "\n";
    return 1;
  }
  switch (inv.cmd->id) {
    case command::status:
      print_status(reply, inv.json, out);
      break;
    case command::sessions:
      print_sessions(reply, inv.json, out);
      break;
    case command::kick:
      print_kick(reply, inv, inv.json, out);
      break;
    case command::stats:
    case command::cluster:
      print_stats(reply, inv.json, out);
      break;
    case command::message:
      print_message(reply, inv.json, out);
      break;
    case command::reload:
      print_reload(reply, inv.json, out);
      break;
    case command::plugin:
      print_lines(reply, out);
      break;
    case command::bans:
      print_bans(reply, inv.json, out);
      break;
    case command::unban:
      print_unban(inv, inv.json, out);
      break;
    default:
      print_hooks(reply, inv.json, out);
      break;
  }
  return 0;
}

}  // namespace djabberd::ctl
