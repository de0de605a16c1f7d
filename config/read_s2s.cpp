// Reads the [s2s] section: federation listeners, static routes, certificate trust, dialback.
#include <string>

#include "config/detail/readers.hpp"

namespace djabberd::config::detail {

namespace {

// [s2s.routes]: "remote.domain" = "host:port"; domains are compared lowercased.
std::map<std::string, listen_address> read_routes(const table_reader& reader) {
  std::map<std::string, listen_address> routes;
  const toml::table* table = reader.get_table("routes", "a table of \"domain\" = \"HOST:PORT\"");
  if (table == nullptr) return routes;
  table_reader routes_reader = reader.child(*table, reader.key_path("routes"));
  for (auto [key, node] : routes_reader.entries_in_file_order()) {
    std::string domain(key->str());
    std::string full_key = routes_reader.key_path(domain);
    if (!node->is_string()) reader.fail_type(*node, full_key, "a \"HOST:PORT\" string");
    std::string error;
    auto address = parse_listen_address(node->as_string()->get(), &error);
    if (!address) reader.fail_at(*node, full_key, error);
    if (address->port == 0) reader.fail_at(*node, full_key, "port 0 cannot be connected to");
    for (char& c : domain)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    routes[domain] = *address;
  }
  return routes;
}

}  // namespace

bool is_s2s_auth_policy(std::string_view value) {
  return value == "certificate" || value == "dialback" || value == "either";
}

s2s_config read_s2s(const table_reader& root) {
  s2s_config s2s;
  const toml::table* table = root.get_table("s2s");
  if (table == nullptr) return s2s;
  table_reader reader = root.child(*table, root.key_path("s2s"));
  reader.allow_only({"listen", "direct_tls_listen", "routes", "dns_servers", "ca_file", "ca_dir",
                     "auth", "dialback_secret", "connect_timeout", "idle_timeout"});
  s2s.listen = read_listen_addresses(reader, "listen", {});
  s2s.direct_tls_listen = read_listen_addresses(reader, "direct_tls_listen", {});
  s2s.routes = read_routes(reader);
  if (auto servers = reader.get_string_list("dns_servers")) {
    for (std::size_t i = 0; i < servers->size(); ++i) {
      std::string error;
      if (!parse_listen_address((*servers)[i], &error))
        reader.fail("dns_servers", "element " + std::to_string(i) + ": " + error);
    }
    s2s.dns_servers = std::move(*servers);
  }
  s2s.ca_file = reader.get_string("ca_file").value_or("");
  s2s.ca_dir = reader.get_string("ca_dir").value_or("");
  if (auto auth = reader.get_string("auth")) {
    if (!is_s2s_auth_policy(*auth))
      reader.fail("auth", "must be \"certificate\", \"dialback\" or \"either\"");
    s2s.auth = *auth;
  }
  s2s.dialback_secret = reader.get_string("dialback_secret").value_or("");
  if (auto s = reader.get_int("connect_timeout", 1, 3600))
    s2s.connect_timeout = std::chrono::seconds(*s);
  if (auto s = reader.get_int("idle_timeout", 1, 86400 * 7))
    s2s.idle_timeout = std::chrono::seconds(*s);
  return s2s;
}

}  // namespace djabberd::config::detail
