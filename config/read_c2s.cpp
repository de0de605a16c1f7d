// Reads the [c2s] section: listen addresses, stanza limits and timeouts.
#include <string>

#include "config/detail/readers.hpp"

namespace djabberd::config::detail {

namespace {

std::vector<listen_address> read_addresses(const table_reader& reader, std::string_view key,
                                           std::vector<listen_address> fallback) {
  const toml::array* array = reader.get_array(key, "an array of \"HOST:PORT\" strings");
  if (array == nullptr) return fallback;
  std::vector<listen_address> result;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    std::string element_key = reader.key_path(key) + "[" + std::to_string(i) + "]";
    if (!element.is_string()) reader.fail_type(element, element_key, "a \"HOST:PORT\" string");
    std::string error;
    auto address = parse_listen_address(element.as_string()->get(), &error);
    if (!address) reader.fail_at(element, element_key, error);
    result.push_back(std::move(*address));
  }
  return result;
}

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
  c2s.listen = read_addresses(reader, "listen", std::move(c2s.listen));
  c2s.direct_tls_listen =
      read_addresses(reader, "direct_tls_listen", std::move(c2s.direct_tls_listen));
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
