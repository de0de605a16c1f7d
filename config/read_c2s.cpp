// Reads the [c2s] section: listen addresses, stanza limits and timeouts.
#include <string>

#include "config/detail/readers.hpp"

namespace djabberd::config::detail {

namespace {

std::size_t read_size(const table_reader& reader, std::string_view key, std::size_t fallback,
                      std::int64_t max) {
  return static_cast<std::size_t>(
      reader.get_int(key, 1, max).value_or(static_cast<std::int64_t>(fallback)));
}

}  // namespace

c2s_config read_c2s(const table_reader& root) {
  c2s_config c2s;
  const toml::table* table = root.get_table("c2s");
  if (table == nullptr) return c2s;
  table_reader reader = root.child(*table, root.key_path("c2s"));
  reader.allow_only({"listen", "direct_tls_listen", "require_encryption", "max_stanza_size",
                     "max_stanza_size_preauth", "max_depth", "max_attributes", "auth_timeout",
                     "keepalive_interval", "ping_interval"});
  c2s.listen = read_listen_addresses(reader, "listen", std::move(c2s.listen));
  c2s.direct_tls_listen =
      read_listen_addresses(reader, "direct_tls_listen", std::move(c2s.direct_tls_listen));
  c2s.require_encryption = reader.get_bool("require_encryption").value_or(c2s.require_encryption);
  constexpr std::int64_t max_stanza = 64 * 1024 * 1024;
  c2s.max_stanza_size = read_size(reader, "max_stanza_size", c2s.max_stanza_size, max_stanza);
  c2s.max_stanza_size_preauth =
      read_size(reader, "max_stanza_size_preauth", c2s.max_stanza_size_preauth, max_stanza);
  c2s.max_depth = read_size(reader, "max_depth", c2s.max_depth, 1024);
  c2s.max_attributes = read_size(reader, "max_attributes", c2s.max_attributes, 4096);
  if (auto s = reader.get_int("auth_timeout", 1, 3600)) c2s.auth_timeout = std::chrono::seconds(*s);
  if (auto s = reader.get_int("keepalive_interval", 0, 86400))
    c2s.keepalive_interval = std::chrono::seconds(*s);
  if (auto s = reader.get_int("ping_interval", 0, 86400))
    c2s.ping_interval = std::chrono::seconds(*s);
  return c2s;
}

}  // namespace djabberd::config::detail
