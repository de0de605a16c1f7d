// The throwaway database the PostgreSQL plugin tests run against (started by pg_server.py --run).
#pragma once

#include <cstdint>
#include <cstdlib>
#include <string>

#include <gtest/gtest.h>

#include "plugins/postgres/pg_connection.hpp"

namespace djabberd::plugins::postgres::testing {

/// The connection string pg_server.py exports, or "" when the tests run without it.
inline std::string test_conninfo() {
  const char* value = std::getenv("DJABBERD_TEST_PG_CONNINFO");
  return value ? value : "";
}

/// Runs `sql` on a fresh connection of its own; returns the error or "".
inline std::string run_sql(const std::string& sql) {
  pg_connection conn(test_conninfo());
  if (!conn.connect()) return conn.last_error();
  return conn.exec_script(sql, "test sql") ? "" : conn.last_error();
}

/// The integer `sql` returns (e.g. a COUNT), or -1 on error.
inline std::int64_t scalar(const std::string& sql) {
  pg_connection conn(test_conninfo());
  auto rows = conn.exec_idempotent(sql, {}, "test sql");
  return rows.ok() && rows.rows() == 1 ? rows.integer(0, 0) : -1;
}

/// Ends every other connection to the test database, as a server restart would (the next
/// statement on them fails and the stores must connect again).
inline std::string kill_other_connections() {
  return run_sql(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
      "WHERE datname = current_database() AND pid <> pg_backend_pid()");
}

/// Base fixture: skips without a database, and drops `tables` before each test.
class pg_test : public ::testing::Test {
 protected:
  void drop_tables(const std::string& tables) {
    if (conninfo_.empty())
      GTEST_SKIP() << "DJABBERD_TEST_PG_CONNINFO is not set (run through "
                      "ctest: pg_server.py starts a PostgreSQL)";
    ASSERT_EQ(run_sql("DROP TABLE IF EXISTS " + tables + " CASCADE"), "");
  }

  std::string conninfo_ = test_conninfo();
};

}  // namespace djabberd::plugins::postgres::testing
