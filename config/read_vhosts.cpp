// Reads the [[vhosts]] array with its TLS files and [[vhosts.plugins]] tables.
#include <climits>
#include <string>

#include "config/detail/plugin_settings_impl.hpp"
#include "config/detail/readers.hpp"

namespace djabberd::config::detail {

namespace {

// Lowercases ASCII letters; returns an error message for unusable domains, "" if fine.
std::string normalize_domain(std::string& domain) {
  if (domain.empty()) return "domain must not be empty";
  for (char& c : domain) {
    auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7f) return "domain must not contain spaces or control characters";
    if (c == '@' || c == '/') return std::string("domain must not contain '") + c + "'";
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return "";
}

// An empty value means "not set" (the server then generates a self-signed certificate).
std::string read_path(const table_reader& reader, std::string_view key,
                      const std::filesystem::path& base_dir) {
  auto value = reader.get_string(key);
  if (!value || value->empty()) return "";
  std::filesystem::path path(*value);
  if (path.is_relative() && !base_dir.empty()) path = base_dir / path;
  return path.string();
}

void read_tls(const table_reader& reader, vhost_config& vhost,
              const std::filesystem::path& base_dir) {
  vhost.tls_cert = read_path(reader, "tls_cert", base_dir);
  vhost.tls_key = read_path(reader, "tls_key", base_dir);
  if (vhost.tls_cert.empty() != vhost.tls_key.empty()) {
    std::string_view missing = vhost.tls_cert.empty() ? "tls_cert" : "tls_key";
    reader.fail(missing, "missing: tls_cert and tls_key must be given together");
  }
}

plugin_config read_plugin(const table_reader& reader,
                          const std::shared_ptr<const toml::table>& document) {
  plugin_config plugin;
  auto name = reader.get_string("name");
  if (!name) reader.fail("name", "missing required key 'name'");
  if (name->empty()) reader.fail("name", "must not be empty");
  plugin.name = *name;
  plugin.priority = static_cast<int>(reader.get_int("priority", INT_MIN, INT_MAX).value_or(0));
  auto impl = std::make_shared<plugin_settings_impl>();
  impl->document = document;
  impl->table = &reader.table();
  impl->file = reader.file();
  impl->path = reader.path();
  impl->name = plugin.name;
  plugin.settings = plugin_settings(std::move(impl));
  return plugin;
}

std::vector<plugin_config> read_plugins(const table_reader& reader,
                                        const std::shared_ptr<const toml::table>& document) {
  std::vector<plugin_config> plugins;
  const toml::array* array = reader.get_array("plugins", "an array of tables ([[vhosts.plugins]])");
  if (array == nullptr) return plugins;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    std::string path = reader.key_path("plugins") + "[" + std::to_string(i) + "]";
    if (!element.is_table()) reader.fail_type(element, path, "a table");
    plugins.push_back(read_plugin(reader.child(*element.as_table(), path), document));
  }
  return plugins;
}

vhost_config read_vhost(const table_reader& reader,
                        const std::shared_ptr<const toml::table>& document,
                        const std::filesystem::path& base_dir) {
  vhost_config vhost;
  reader.allow_only({"domain", "tls_cert", "tls_key", "plugins", "s2s_auth"});
  auto domain = reader.get_string("domain");
  if (!domain) reader.fail("domain", "missing required key 'domain'");
  vhost.domain = *domain;
  if (auto problem = normalize_domain(vhost.domain); !problem.empty())
    reader.fail("domain", problem);
  read_tls(reader, vhost, base_dir);
  if (auto auth = reader.get_string("s2s_auth")) {
    if (!is_s2s_auth_policy(*auth))
      reader.fail("s2s_auth", "must be \"certificate\", \"dialback\" or \"either\"");
    vhost.s2s_auth = *auth;
  }
  vhost.plugins = read_plugins(reader, document);
  return vhost;
}

}  // namespace

std::vector<vhost_config> read_vhosts(const table_reader& root,
                                      const std::shared_ptr<const toml::table>& document,
                                      const std::filesystem::path& base_dir) {
  const toml::array* array = root.get_array("vhosts", "an array of tables ([[vhosts]])");
  if (array == nullptr || array->empty())
    root.fail("vhosts", "at least one [[vhosts]] table is required");
  std::vector<vhost_config> vhosts;
  std::vector<std::uint32_t> lines;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    std::string path = root.key_path("vhosts") + "[" + std::to_string(i) + "]";
    if (!element.is_table()) root.fail_type(element, path, "a table");
    table_reader reader = root.child(*element.as_table(), path);
    vhost_config vhost = read_vhost(reader, document, base_dir);
    for (std::size_t j = 0; j < vhosts.size(); ++j) {
      if (vhosts[j].domain == vhost.domain)
        reader.fail("domain", "duplicate vhost domain '" + vhost.domain + "' (first at line " +
                                  std::to_string(lines[j]) + ")");
    }
    lines.push_back(reader.key_line("domain"));
    vhosts.push_back(std::move(vhost));
  }
  return vhosts;
}

}  // namespace djabberd::config::detail
