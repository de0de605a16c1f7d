// One libpq connection: parameterised queries, results, and reconnecting after a lost connection.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct pg_conn;
struct pg_result;

namespace djabberd::plugins::postgres {

/// SQLSTATE of a unique constraint violation (e.g. adding an account that exists).
inline constexpr std::string_view unique_violation = "23505";

/// How long connecting may take when the connection string does not say (connect_timeout).
inline constexpr std::string_view default_connect_timeout_s = "5";

/// One query parameter: text, or raw bytes sent in binary format (for bytea columns).
struct query_param {
  std::string value;
  bool binary = false;
};

query_param text(std::string_view value);
query_param bytes(std::string_view value);
query_param integer(std::int64_t value);

/// The result of one statement (results are always in text format).
class query_result {
 public:
  query_result() = default;
  explicit query_result(::pg_result* result);

  /// True if the statement succeeded (with or without rows).
  bool ok() const;
  int rows() const;
  bool is_null(int row, int column) const;
  std::string text(int row, int column) const;
  /// A bytea column decoded from its text form.
  std::string bytes(int row, int column) const;
  std::int64_t integer(int row, int column) const;
  /// Rows changed by an INSERT/UPDATE/DELETE.
  std::int64_t affected() const;
  /// The SQLSTATE of a failed statement ("" if none).
  std::string sqlstate() const;

 private:
  struct clear {
    void operator()(::pg_result* r) const;
  };
  std::unique_ptr<::pg_result, clear> result_;
};

/// A connection to one database, opened lazily. One thread at a time. Methods never throw;
/// failures leave libpq's message in last_error().
class pg_connection {
 public:
  /// `conninfo` is a libpq connection string or URI; nothing is connected yet.
  explicit pg_connection(std::string conninfo);
  ~pg_connection();
  pg_connection(const pg_connection&) = delete;
  pg_connection& operator=(const pg_connection&) = delete;

  /// Connects (again), dropping any previous connection; false with last_error() set on failure.
  bool connect();

  /// True if connected and libpq has not seen the connection break.
  bool connected() const;

  /// Runs one statement with `$1..$n` parameters. On failure the result is not ok() and
  /// last_error() says why (prefixed with `what` if given).
  query_result exec(std::string_view sql, const std::vector<query_param>& params = {},
                    std::string_view what = {});

  /// exec() for a statement that may run twice with the same effect (SELECT, upsert, DELETE)
  /// outside a transaction: connects first if needed, and if the statement failed because the
  /// connection was lost, connects again and repeats it once.
  query_result exec_idempotent(std::string_view sql, const std::vector<query_param>& params,
                               std::string_view what);

  /// Runs several `;`-separated statements without parameters (a schema script).
  bool exec_script(std::string_view sql, std::string_view what);

  /// Starts a transaction with `begin_sql` (e.g. "BEGIN"). This is the one place that
  /// reconnects: a lost connection (server restart, killed backend) is noticed only when a
  /// statement fails, and a failed BEGIN has done nothing, so connecting again and repeating it
  /// is always safe. A statement failing later inside a transaction is never repeated (it may
  /// have taken effect); the next operation's BEGIN reconnects.
  bool begin(std::string_view begin_sql = "BEGIN");

  /// Sets last_error() to `what` + libpq's current message; returns false.
  bool fail(std::string_view what);

  const std::string& last_error() const { return last_error_; }
  void set_error(std::string error) { last_error_ = std::move(error); }
  void clear_error() { last_error_.clear(); }

 private:
  struct finish {
    void operator()(::pg_conn* c) const;
  };
  std::string conninfo_;
  std::unique_ptr<::pg_conn, finish> conn_;
  std::string last_error_;
};

/// A transaction on `conn`, rolled back when left without commit().
class pg_transaction {
 public:
  explicit pg_transaction(pg_connection& conn, std::string_view begin_sql = "BEGIN");
  ~pg_transaction();
  pg_transaction(const pg_transaction&) = delete;
  pg_transaction& operator=(const pg_transaction&) = delete;

  /// True if BEGIN succeeded.
  bool ok() const { return open_; }
  /// Commits; false (with the connection's last_error() set) if COMMIT failed.
  bool commit();

 private:
  pg_connection& conn_;
  bool open_ = false;
};

}  // namespace djabberd::plugins::postgres
