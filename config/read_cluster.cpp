// Reads the [cluster] section: node name, middleman address, seeds, shared secret, inter-node TLS.
#include <algorithm>
#include <cctype>

#include "config/detail/readers.hpp"

namespace djabberd::config::detail {

namespace {

// Shorter secrets are refused: the secret is the only thing that keeps a stranger out when the
// nodes talk without TLS.
constexpr std::size_t min_secret_length = 16;

bool valid_node_name(const std::string& name) {
  return !name.empty() && name.size() <= 64 &&
         std::all_of(name.begin(), name.end(), [](unsigned char c) {
           return std::isalnum(c) || c == '-' || c == '_' || c == '.';
         });
}

listen_address read_address(const table_reader& reader, std::string_view key,
                            std::string_view text) {
  std::string error;
  auto address = parse_listen_address(text, &error);
  if (!address) reader.fail(key, error);
  if (address->port == 0) reader.fail(key, "the port must not be 0 (other nodes connect to it)");
  return *address;
}

std::string read_tls_path(const table_reader& reader, std::string_view key,
                          const std::filesystem::path& base_dir) {
  auto text = reader.get_string(key);
  if (!text) return {};
  if (text->empty()) reader.fail(key, "must not be empty");
  std::filesystem::path path = *text;
  if (path.is_relative() && !base_dir.empty()) path = base_dir / path;
  return path.string();
}

}  // namespace

std::optional<cluster_config> read_cluster(const table_reader& root,
                                           const std::filesystem::path& base_dir) {
  const toml::table* table = root.get_table("cluster");
  if (table == nullptr) return std::nullopt;
  table_reader reader = root.child(*table, root.key_path("cluster"));
  reader.allow_only({"node", "listen", "seeds", "secret", "heartbeat_ms", "failure_timeout_ms",
                     "tls_cert", "tls_key", "tls_ca"});
  cluster_config cluster;
  auto node = reader.get_string("node");
  if (!node) reader.fail("node", "missing: every cluster node needs a unique name");
  if (!valid_node_name(*node))
    reader.fail("node", "must be 1..64 characters of letters, digits, '-', '_' and '.'");
  cluster.node = *node;
  auto listen = reader.get_string("listen");
  if (!listen) reader.fail("listen", "missing: the HOST:PORT other nodes connect to");
  cluster.listen = read_address(reader, "listen", *listen);
  if (auto seeds = reader.get_string_list("seeds")) {
    for (std::size_t i = 0; i < seeds->size(); ++i)
      cluster.seeds.push_back(
          read_address(reader, "seeds[" + std::to_string(i) + "]", (*seeds)[i]));
  }
  auto secret = reader.get_string("secret");
  if (!secret) reader.fail("secret", "missing: the shared secret every member presents");
  if (secret->size() < min_secret_length)
    reader.fail("secret", "must be at least " + std::to_string(min_secret_length) + " characters");
  cluster.secret = *secret;
  if (auto ms = reader.get_int("heartbeat_ms", 50, 60'000))
    cluster.heartbeat = std::chrono::milliseconds(*ms);
  if (auto ms = reader.get_int("failure_timeout_ms", 100, 600'000))
    cluster.failure_timeout = std::chrono::milliseconds(*ms);
  if (cluster.failure_timeout <= cluster.heartbeat)
    reader.fail("failure_timeout_ms", "must be longer than heartbeat_ms");
  cluster.tls_cert = read_tls_path(reader, "tls_cert", base_dir);
  cluster.tls_key = read_tls_path(reader, "tls_key", base_dir);
  cluster.tls_ca = read_tls_path(reader, "tls_ca", base_dir);
  bool any_tls = !cluster.tls_cert.empty() || !cluster.tls_key.empty() || !cluster.tls_ca.empty();
  if (any_tls) {
    for (std::string_view key : {"tls_cert", "tls_key", "tls_ca"})
      if (!reader.find(key))
        reader.fail(key, "missing: tls_cert, tls_key and tls_ca must be given together");
  }
  return cluster;
}

}  // namespace djabberd::config::detail
