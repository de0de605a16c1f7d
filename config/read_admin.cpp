// Reads the [admin] section: the optional TCP admin listener, on loopback, with a secret.
#include "config/detail/readers.hpp"

namespace djabberd::config::detail {

namespace {

// 127.0.0.0/8, ::1 or localhost: the listener is for local tools only.
bool is_loopback(const std::string& host) {
  return host.starts_with("127.") || host == "::1" || host == "localhost";
}

}  // namespace

admin_config read_admin(const table_reader& root) {
  admin_config admin;
  const toml::table* table = root.get_table("admin");
  if (table == nullptr) return admin;
  table_reader reader = root.child(*table, root.key_path("admin"));
  reader.allow_only({"listen", "secret"});
  admin.secret = reader.get_string("secret").value_or("");
  if (auto text = reader.get_string("listen")) {
    std::string error;
    admin.listen = parse_listen_address(*text, &error);
    if (!admin.listen) reader.fail("listen", error);
    if (!is_loopback(admin.listen->host))
      reader.fail("listen",
                  "the admin listener must be on a loopback address (127.0.0.0/8 or "
                  "::1), not " +
                      admin.listen->host);
    if (admin.secret.size() < 16)
      reader.fail("secret", "a secret of at least 16 characters is required with admin.listen");
  }
  return admin;
}

}  // namespace djabberd::config::detail
