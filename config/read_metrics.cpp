// Reads the [metrics] section: the Prometheus endpoint's address.
#include "config/detail/readers.hpp"

namespace djabberd::config::detail {

metrics_config read_metrics(const table_reader& root) {
  metrics_config metrics;
  const toml::table* table = root.get_table("metrics");
  if (table == nullptr) return metrics;
  table_reader reader = root.child(*table, root.key_path("metrics"));
  reader.allow_only({"listen"});
  if (auto text = reader.get_string("listen")) {
    std::string error;
    metrics.listen = parse_listen_address(*text, &error);
    if (!metrics.listen) reader.fail("listen", error);
  }
  return metrics;
}

}  // namespace djabberd::config::detail
