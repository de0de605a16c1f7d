// pg_connection against a real PostgreSQL: parameters, bytea, errors, reconnecting.
#include "plugins/postgres/pg_connection.hpp"

#include <gtest/gtest.h>

#include "plugins/postgres/pg_schema.hpp"
#include "plugins/postgres/tests/pg_test_database.hpp"

namespace djabberd::plugins::postgres {
namespace {

using testing::kill_other_connections;

constexpr const char* schema =
    "CREATE TABLE IF NOT EXISTS pg_test_items (k TEXT PRIMARY KEY, "
    "v BYTEA NOT NULL, n BIGINT NOT NULL);";

class PgConnection : public testing::pg_test {
 protected:
  void SetUp() override {
    drop_tables("pg_test_items");
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_EQ(create_schema(conninfo_, schema), "");
  }
};

TEST_F(PgConnection, ParametersAndBinaryRoundTrip) {
  pg_connection conn(conninfo_);
  std::string binary("\0\x01\xff'\\x", 6);
  ASSERT_TRUE(conn.begin());
  ASSERT_TRUE(conn.exec("INSERT INTO pg_test_items (k, v, n) VALUES ($1, $2, $3)",
                        {text("k'1"), bytes(binary), integer(-42)})
                  .ok())
      << conn.last_error();
  auto rows = conn.exec("SELECT k, v, n FROM pg_test_items WHERE k = $1", {text("k'1")});
  ASSERT_TRUE(rows.ok()) << conn.last_error();
  ASSERT_EQ(rows.rows(), 1);
  EXPECT_EQ(rows.text(0, 0), "k'1");
  EXPECT_EQ(rows.bytes(0, 1), binary);
  EXPECT_EQ(rows.integer(0, 2), -42);
  EXPECT_TRUE(conn.exec("COMMIT").ok());
}

TEST_F(PgConnection, FailedStatementReportsSqlstateAndMessage) {
  pg_connection conn(conninfo_);
  ASSERT_TRUE(conn.begin());
  ASSERT_TRUE(conn.exec("INSERT INTO pg_test_items VALUES ('a', '', 1)").ok());
  auto again = conn.exec("INSERT INTO pg_test_items VALUES ('a', '', 1)", {}, "insert");
  EXPECT_FALSE(again.ok());
  EXPECT_EQ(again.sqlstate(), unique_violation);
  EXPECT_NE(conn.last_error().find("insert: "), std::string::npos) << conn.last_error();
}

TEST_F(PgConnection, TransactionRollsBackUnlessCommitted) {
  pg_connection conn(conninfo_);
  {
    pg_transaction tx(conn);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(conn.exec("INSERT INTO pg_test_items VALUES ('gone', '', 1)").ok());
  }
  {
    pg_transaction tx(conn);
    ASSERT_TRUE(conn.exec("INSERT INTO pg_test_items VALUES ('kept', '', 2)").ok());
    ASSERT_TRUE(tx.commit());
  }
  auto rows = conn.exec_idempotent("SELECT k FROM pg_test_items ORDER BY k", {}, "select");
  ASSERT_EQ(rows.rows(), 1);
  EXPECT_EQ(rows.text(0, 0), "kept");
}

TEST_F(PgConnection, BeginReconnectsAfterTheBackendWasKilled) {
  pg_connection conn(conninfo_);
  ASSERT_TRUE(conn.connect());
  ASSERT_EQ(kill_other_connections(), "");
  pg_transaction tx(conn);
  ASSERT_TRUE(tx.ok()) << conn.last_error();
  EXPECT_TRUE(conn.exec("INSERT INTO pg_test_items VALUES ('after', '', 3)").ok());
  EXPECT_TRUE(tx.commit());
}

TEST_F(PgConnection, IdempotentStatementReconnectsAfterTheBackendWasKilled) {
  pg_connection conn(conninfo_);
  ASSERT_TRUE(conn.exec_idempotent("SELECT 1", {}, "select").ok());
  ASSERT_EQ(kill_other_connections(), "");
  auto rows = conn.exec_idempotent("SELECT 2", {}, "select");
  ASSERT_TRUE(rows.ok()) << conn.last_error();
  EXPECT_EQ(rows.integer(0, 0), 2);
}

TEST_F(PgConnection, UnreachableServerIsAnErrorNotAHang) {
  pg_connection conn("host=127.0.0.1 port=1 dbname=nothing connect_timeout=2");
  EXPECT_FALSE(conn.connect());
  EXPECT_NE(conn.last_error().find("cannot connect to PostgreSQL"), std::string::npos);
  EXPECT_FALSE(conn.begin());
  EXPECT_FALSE(conn.exec_idempotent("SELECT 1", {}, "select").ok());
  EXPECT_NE(create_schema("host=127.0.0.1 port=1 dbname=nothing", schema), "");
}

}  // namespace
}  // namespace djabberd::plugins::postgres
