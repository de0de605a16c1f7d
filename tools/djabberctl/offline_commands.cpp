// users, check-config and cert-check: the server may be running or not.
#include "tools/djabberctl/offline_commands.hpp"

#include "plugins/auth_sqlite/account_store.hpp"
#include "stanza/prep.hpp"
#include "tools/djabberctl/cert_info.hpp"
#include "tools/djabberctl/json.hpp"

namespace djabberd::ctl {

namespace {

using plugins::auth_sqlite::account_store;

std::string json_list(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : ", ") + json_string(i);
  return "[" + s + "]";
}

}  // namespace

int run_users(const invocation& inv, const config::server_config& server, std::ostream& out,
              std::ostream& err) {
  std::vector<const config::vhost_config*> vhosts;
  if (inv.operands.empty()) {
    for (const auto& v : server.vhosts) vhosts.push_back(&v);
  } else {
    auto domain = nameprep(inv.operands[0]);
    const auto* v = domain ? server.find_vhost(*domain) : nullptr;
    if (v == nullptr) {
      err << "djabberctl: '" << inv.operands[0] << "' is not a vhost of this server\n";
      return 1;
    }
    vhosts.push_back(v);
  }
  std::vector<std::string> jids;
  // Reading must not create a store: no file yet means no accounts.
  std::error_code ec;
  if (std::filesystem::exists(account_store::database_path(server.data_dir), ec)) {
    std::string error;
    auto store = account_store::open(server.data_dir, error);
    if (!store) {
      err << "djabberctl: " << error << "\n";
      return 1;
    }
    for (const auto* v : vhosts) {
      auto names = store->users(v->domain);
      if (!store->last_error().empty()) {
        err << "djabberctl: database error: " << store->last_error() << "\n";
        return 1;
      }
      for (const auto& n : names) jids.push_back(n + "@" + v->domain);
    }
  }
  if (inv.json) {
    out << json_list(jids) << "\n";
  } else {
    for (const auto& j : jids) out << j << "\n";
  }
  return 0;
}

int run_check_config(const invocation& inv, std::ostream& out, std::ostream& err) {
  const std::string& path = inv.operands.at(0);
  std::string problem;
  try {
    auto server = config::load(path);
    for (std::size_t i = 0; i < server.vhosts.size() && problem.empty(); ++i) {
      if (server.vhosts[i].tls_cert.empty()) continue;  // generated at start
      auto info = inspect_certificate(server, server.vhosts[i]);
      if (!info.load_error.empty())
        problem = path + ": vhosts[" + std::to_string(i) + "].tls_cert: " + info.load_error;
    }
  } catch (const config::config_error& e) {
    problem = e.what();
  }
  if (inv.json) {
    out << "{\"ok\": " << (problem.empty() ? "true" : "false");
    if (!problem.empty()) out << ", \"error\": " << json_string(problem);
    out << "}\n";
  } else if (problem.empty()) {
    out << "ok\n";
  } else {
    err << problem << "\n";
  }
  return problem.empty() ? 0 : 1;
}

int run_cert_check(const invocation& inv, const config::server_config& server, std::ostream& out,
                   std::ostream&) {
  bool all_good = true;
  std::string json;
  for (const auto& vhost : server.vhosts) {
    auto info = inspect_certificate(server, vhost);
    all_good = all_good && info.problems.empty();
    if (inv.json) {
      json += std::string(json.empty() ? "" : ", ") + "{\"vhost\": " + json_string(info.domain) +
              ", \"certificate\": " + json_string(info.cert_file.string()) +
              ", \"key\": " + json_string(info.key_file.string()) +
              ", \"generated\": " + (info.generated ? "true" : "false") +
              ", \"exists\": " + (info.loaded ? "true" : "false");
      if (info.loaded)
        json += ", \"subject\": " + json_string(info.subject) +
                ", \"dns_names\": " + json_list(info.dns_names) +
                ", \"not_after\": " + json_string(info.not_after) +
                ", \"days_left\": " + std::to_string(info.days_left) +
                ", \"self_signed\": " + (info.self_signed ? "true" : "false");
      json += ", \"problems\": " + json_list(info.problems) + "}";
      continue;
    }
    out << "vhost " << info.domain << "\n  certificate: " << info.cert_file.string()
        << (info.generated ? " (generated self-signed)" : "") << "\n";
    if (info.generated && !info.loaded && info.problems.empty())
      out << "  not generated yet: djabberd creates it at its first start\n";
    if (info.loaded) {
      std::string names;
      for (const auto& n : info.dns_names) names += (names.empty() ? "" : ", ") + n;
      out << "  subject: " << info.subject << "\n  DNS names: " << (names.empty() ? "-" : names)
          << "\n  expires: " << info.not_after << " (" << info.days_left << " days)"
          << (info.self_signed ? ", self-signed" : "") << "\n";
      if (info.problems.empty() && info.days_left < 14)
        out << "  warning: expires in less than 14 days\n";
    }
    for (const auto& p : info.problems) out << "  problem: " << p << "\n";
  }
  if (inv.json) out << "[" << json << "]\n";
  return all_good ? 0 : 1;
}

}  // namespace djabberd::ctl
