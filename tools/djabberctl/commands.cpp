// run: each account command is one account_store call on the data_dir of the loaded
// configuration; the online commands go to the admin socket.
#include "tools/djabberctl/commands.hpp"

#include <memory>
#include <stdexcept>
#include <string>

#include "config/config.hpp"
#include "plugins/auth_pg/pg_account_store.hpp"
#include "plugins/auth_sqlite/account_store.hpp"
#include "stanza/prep.hpp"
#include "tools/djabberctl/admin_client.hpp"
#include "tools/djabberctl/admin_commands.hpp"
#include "tools/djabberctl/offline_commands.hpp"

namespace djabberd::ctl {

namespace {

using plugins::auth_pg::pg_account_store;
using plugins::auth_sqlite::account_store;

/// A failed command; what() is the message after "djabberctl: ".
class failure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// An account of one configured vhost.
struct account {
  std::string username;  ///< nodeprep'd
  const config::vhost_config* vhost;

  std::string str() const { return username + "@" + vhost->domain; }
};

std::string vhost_list(const config::server_config& server) {
  std::string list;
  for (const auto& v : server.vhosts) list += (list.empty() ? "" : ", ") + v.domain;
  return list;
}

account resolve(const config::server_config& server, const std::string& address) {
  auto at = address.find('@');
  if (at == std::string::npos)
    throw failure("'" + address + "' is not an account address (expected USER@DOMAIN)");
  std::string user = address.substr(0, at);
  std::string domain = address.substr(at + 1);
  auto prepared_domain = nameprep(domain);
  const config::vhost_config* vhost =
      prepared_domain ? server.find_vhost(*prepared_domain) : nullptr;
  if (vhost == nullptr)
    throw failure("'" + domain +
                  "' is not a vhost of this server (configured: " + vhost_list(server) + ")");
  auto username = nodeprep(user);
  if (!username || username->empty()) throw failure("'" + user + "' is not a valid username");
  return {*username, vhost};
}

std::string read_password(const std::string& operand, std::istream& in) {
  if (operand != "-") return operand;
  std::string line;
  if (!std::getline(in, line)) throw failure("no password on standard input");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// The auth_pg connection string of the vhost, or "" when its accounts are not in PostgreSQL.
std::string pg_conninfo(const config::vhost_config& vhost) {
  for (const auto& p : vhost.plugins)
    if (p.name == "auth_pg") return p.settings.get_string("conninfo", "");
  return "";
}

void warn_if_unused(const account& a, std::ostream& err) {
  for (const auto& p : a.vhost->plugins)
    if (p.name == "auth_sqlite" || p.name == "auth_pg") return;
  err << "djabberctl: warning: vhost " << a.vhost->domain
      << " has no auth_sqlite plugin; its logins do not use this account store\n";
}

constexpr const char* bad_password =
    "the password is empty or contains characters not allowed in passwords (SASLprep)";

template <class Store>
std::string database_error(const Store& store) {
  return "database error: " + store.last_error();
}

template <class Store>
void add(Store& store, const account& a, const std::string& password) {
  switch (store.add_user(a.vhost->domain, a.username, password)) {
    case Store::add_result::ok:
      return;
    case Store::add_result::exists:
      throw failure("user " + a.str() + " already exists");
    case Store::add_result::invalid_username:
      throw failure("'" + a.username + "' is not a valid username");
    case Store::add_result::invalid_password:
      throw failure(bad_password);
    case Store::add_result::error:
      break;
  }
  throw failure(database_error(store));
}

template <class Store>
void passwd(Store& store, const account& a, const std::string& password) {
  switch (store.set_password(a.vhost->domain, a.username, password)) {
    case Store::update_result::ok:
      return;
    case Store::update_result::not_found:
      throw failure("no user " + a.str());
    case Store::update_result::invalid_password:
      throw failure(bad_password);
    case Store::update_result::error:
      break;
  }
  throw failure(database_error(store));
}

template <class Store>
void remove(Store& store, const account& a) {
  switch (store.remove_user(a.vhost->domain, a.username)) {
    case Store::remove_result::ok:
      return;
    case Store::remove_result::not_found:
      throw failure("no user " + a.str());
    case Store::remove_result::error:
      break;
  }
  throw failure(database_error(store));
}

// deluser through the admin socket; false if no server is running.
bool remove_online(const config::server_config& server, const account& a, bool tcp) {
  admin_reply reply;
  try {
    reply = ask_server(admin_target_of(server, tcp), "deluser " + a.str());
  } catch (const not_running&) {
    return false;
  } catch (const std::exception& e) {
    throw failure(e.what());
  }
  if (!reply.ok) throw failure(reply.error);
  return true;
}

std::unique_ptr<account_store> open_store(const config::server_config& server) {
  std::string error;
  auto store = account_store::open(server.data_dir, error);
  if (!store) throw failure(error);
  return store;
}

// The vhost's accounts in PostgreSQL (creating the tables if missing, as the server does).
std::unique_ptr<pg_account_store> open_pg_store(const std::string& conninfo) {
  if (auto error = pg_account_store::create_schema(conninfo); !error.empty()) throw failure(error);
  return std::make_unique<pg_account_store>(conninfo);
}

// adduser, passwd or offline deluser of `a` on the vhost's account store (auth_pg's PostgreSQL
// database when the vhost lists auth_pg, else the SQLite store in data_dir).
template <class Change>
void on_store(const config::server_config& server, const account& a, Change&& change) {
  if (auto conninfo = pg_conninfo(*a.vhost); !conninfo.empty())
    change(*open_pg_store(conninfo));
  else
    change(*open_store(server));
}

// reload with a configuration that does not load: the running server should still hear of it
// (it refuses the file and logs why), so find its socket from data_dir alone.
int reload_despite(const invocation& inv, const config::config_error& error, std::ostream& out,
                   std::ostream& err) {
  config::server_config server;
  try {
    server.data_dir = config::data_dir_of(inv.conf);
  } catch (const config::config_error&) {
    err << "djabberctl: " << error.what() << "\n";
    return 1;
  }
  return run_online(inv, server, out, err);
}

}  // namespace

int run(const invocation& inv, std::istream& in, std::ostream& out, std::ostream& err) {
  if (inv.cmd->id == command::check_config) return run_check_config(inv, out, err);
  try {
    config::server_config server = config::load(inv.conf);
    if (inv.cmd->online) return run_online(inv, server, out, err);
    if (inv.cmd->id == command::users) return run_users(inv, server, out, err);
    if (inv.cmd->id == command::cert_check) return run_cert_check(inv, server, out, err);
    account a = resolve(server, inv.operands.at(0));
    switch (inv.cmd->id) {
      case command::adduser: {
        std::string password = read_password(inv.operands.at(1), in);
        on_store(server, a, [&](auto& store) { add(store, a, password); });
        out << "added user " << a.str() << "\n";
        break;
      }
      case command::passwd: {
        std::string password = read_password(inv.operands.at(1), in);
        on_store(server, a, [&](auto& store) { passwd(store, a, password); });
        out << "changed the password of " << a.str() << "\n";
        break;
      }
      case command::deluser:
        // A running server removes the account through its hooks (roster, offline messages,
        // vCard, private XML and block list go too) and ends its sessions; without one only
        // the account store can be changed here.
        if (!remove_online(server, a, inv.tcp))
          on_store(server, a, [&](auto& store) { remove(store, a); });
        out << "deleted user " << a.str() << "\n";
        break;
      default:  // the online commands returned above
        break;
    }
    warn_if_unused(a, err);
    return 0;
  } catch (const config::config_error& e) {
    if (inv.cmd->id == command::reload) return reload_despite(inv, e, out, err);
    err << "djabberctl: " << e.what() << "\n";
  } catch (const failure& e) {
    err << "djabberctl: " << e.what() << "\n";
  }
  return 1;
}

}  // namespace djabberd::ctl
