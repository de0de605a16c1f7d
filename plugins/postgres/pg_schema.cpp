// create_schema: connect, BEGIN, advisory lock, the script, COMMIT.
#include "plugins/postgres/pg_schema.hpp"

#include "plugins/postgres/pg_connection.hpp"

namespace djabberd::plugins::postgres {

namespace {

// Any constant shared by every djabberd store; only djabberd takes this lock.
constexpr std::string_view schema_lock = "SELECT pg_advisory_xact_lock(7163875190126411)";

}  // namespace

std::string create_schema(const std::string& conninfo, std::string_view schema) {
  pg_connection conn(conninfo);
  if (!conn.connect()) return conn.last_error();
  pg_transaction tx(conn);
  if (!tx.ok()) return conn.last_error();
  if (!conn.exec(schema_lock, {}, "cannot take the schema lock").ok()) return conn.last_error();
  if (!conn.exec_script(schema, "cannot create the tables")) return conn.last_error();
  if (!tx.commit()) return conn.last_error();
  return "";
}

}  // namespace djabberd::plugins::postgres
