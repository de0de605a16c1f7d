// pg_connection: thin wrappers over PQconnectdbParams, PQexecParams and the result accessors.
#include "plugins/postgres/pg_connection.hpp"

#include <cstdlib>
#include <utility>

#include <libpq-fe.h>

namespace djabberd::plugins::postgres {

namespace {

// libpq's message without its trailing newline.
std::string message_of(const char* text) {
  std::string message = text ? text : "";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

}  // namespace

query_param text(std::string_view value) {
  return {std::string(value), false};
}

query_param bytes(std::string_view value) {
  return {std::string(value), true};
}

query_param integer(std::int64_t value) {
  return {std::to_string(value), false};
}

void query_result::clear::operator()(::pg_result* r) const {
  PQclear(r);
}

query_result::query_result(::pg_result* result) : result_(result) {}

bool query_result::ok() const {
  if (!result_) return false;
  auto status = PQresultStatus(result_.get());
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

int query_result::rows() const {
  return result_ ? PQntuples(result_.get()) : 0;
}

bool query_result::is_null(int row, int column) const {
  return PQgetisnull(result_.get(), row, column) != 0;
}

std::string query_result::text(int row, int column) const {
  return std::string(PQgetvalue(result_.get(), row, column),
                     static_cast<std::size_t>(PQgetlength(result_.get(), row, column)));
}

std::string query_result::bytes(int row, int column) const {
  std::size_t size = 0;
  auto raw = reinterpret_cast<const unsigned char*>(PQgetvalue(result_.get(), row, column));
  unsigned char* decoded = PQunescapeBytea(raw, &size);
  if (!decoded) return {};
  std::string result(reinterpret_cast<const char*>(decoded), size);
  PQfreemem(decoded);
  return result;
}

std::int64_t query_result::integer(int row, int column) const {
  return std::strtoll(PQgetvalue(result_.get(), row, column), nullptr, 10);
}

std::int64_t query_result::affected() const {
  return result_ ? std::strtoll(PQcmdTuples(result_.get()), nullptr, 10) : 0;
}

std::string query_result::sqlstate() const {
  if (!result_) return {};
  const char* state = PQresultErrorField(result_.get(), PG_DIAG_SQLSTATE);
  return state ? state : "";
}

void pg_connection::finish::operator()(::pg_conn* c) const {
  PQfinish(c);
}

pg_connection::pg_connection(std::string conninfo) : conninfo_(std::move(conninfo)) {}

pg_connection::~pg_connection() = default;

bool pg_connection::connect() {
  conn_.reset();
  // Later entries win: the connection string's own connect_timeout and options override the
  // defaults. NOTICEs (e.g. "relation already exists, skipping" from CREATE ... IF NOT EXISTS)
  // would go to stderr: only warnings and errors are sent.
  const char* keywords[] = {"connect_timeout", "options", "dbname", nullptr};
  const char* values[] = {default_connect_timeout_s.data(), "-c client_min_messages=warning",
                          conninfo_.c_str(), nullptr};
  conn_.reset(PQconnectdbParams(keywords, values, /*expand_dbname=*/1));
  if (!conn_) {
    last_error_ = "cannot connect to PostgreSQL: out of memory";
    return false;
  }
  if (PQstatus(conn_.get()) != CONNECTION_OK) {
    fail("cannot connect to PostgreSQL");
    conn_.reset();
    return false;
  }
  return true;
}

bool pg_connection::connected() const {
  return conn_ && PQstatus(conn_.get()) == CONNECTION_OK;
}

bool pg_connection::fail(std::string_view what) {
  std::string message = conn_ ? message_of(PQerrorMessage(conn_.get())) : "not connected";
  last_error_ = what.empty() ? message : std::string(what) + ": " + message;
  return false;
}

query_result pg_connection::exec(std::string_view sql, const std::vector<query_param>& params,
                                 std::string_view what) {
  if (!conn_) {
    last_error_ = std::string(what.empty() ? "query" : what) + ": not connected";
    return {};
  }
  std::vector<const char*> values;
  std::vector<int> lengths;
  std::vector<int> formats;
  for (const auto& p : params) {
    values.push_back(p.value.c_str());
    lengths.push_back(static_cast<int>(p.value.size()));
    formats.push_back(p.binary ? 1 : 0);
  }
  query_result result(PQexecParams(conn_.get(), std::string(sql).c_str(),
                                   static_cast<int>(params.size()), nullptr, values.data(),
                                   lengths.data(), formats.data(), /*resultFormat=*/0));
  if (!result.ok()) fail(what);
  return result;
}

query_result pg_connection::exec_idempotent(std::string_view sql,
                                            const std::vector<query_param>& params,
                                            std::string_view what) {
  if (!connected() && !connect()) return {};
  auto result = exec(sql, params, what);
  if (result.ok() || connected() || !connect()) return result;
  return exec(sql, params, what);
}

bool pg_connection::exec_script(std::string_view sql, std::string_view what) {
  if (!conn_) {
    last_error_ = std::string(what) + ": not connected";
    return false;
  }
  query_result result(PQexec(conn_.get(), std::string(sql).c_str()));
  return result.ok() || fail(what);
}

bool pg_connection::begin(std::string_view begin_sql) {
  if (connected() && exec(begin_sql, {}, "cannot start a transaction").ok()) return true;
  // Either never connected, or the connection broke: connect again and repeat the BEGIN once.
  if (connected()) return false;  // BEGIN failed on a working connection: a real error
  if (!connect()) return false;
  return exec(begin_sql, {}, "cannot start a transaction").ok();
}

pg_transaction::pg_transaction(pg_connection& conn, std::string_view begin_sql) : conn_(conn) {
  open_ = conn_.begin(begin_sql);
}

pg_transaction::~pg_transaction() {
  if (!open_ || !conn_.connected()) return;
  // Keep the error that made us roll back, not the rollback's.
  std::string error = conn_.last_error();
  conn_.exec("ROLLBACK");
  conn_.set_error(std::move(error));
}

bool pg_transaction::commit() {
  if (!open_) return false;
  open_ = false;
  return conn_.exec("COMMIT", {}, "cannot commit").ok();
}

}  // namespace djabberd::plugins::postgres
