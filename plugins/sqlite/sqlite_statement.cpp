// sqlite_statement: thin wrappers over the sqlite3_bind/step/column/reset calls.
#include "plugins/sqlite/sqlite_statement.hpp"

#include <utility>

#include <sqlite3.h>

namespace djabberd::plugins::sqlite {

sqlite_statement::sqlite_statement(sqlite3* db, std::string_view sql) {
  if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &stmt_, nullptr) != SQLITE_OK) {
    sqlite3_finalize(stmt_);
    stmt_ = nullptr;
  }
}

sqlite_statement::~sqlite_statement() {
  sqlite3_finalize(stmt_);
}

sqlite_statement::sqlite_statement(sqlite_statement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)) {}

sqlite_statement& sqlite_statement::operator=(sqlite_statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
  }
  return *this;
}

void sqlite_statement::bind_text(int index, std::string_view value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
}

void sqlite_statement::bind_blob(int index, std::string_view bytes) {
  sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
}

void sqlite_statement::bind_int64(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
}

int sqlite_statement::step() {
  return sqlite3_step(stmt_);
}

std::string sqlite_statement::column_text(int index) const {
  auto text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, index));
  int size = sqlite3_column_bytes(stmt_, index);
  return text ? std::string(text, static_cast<std::size_t>(size)) : std::string();
}

std::string sqlite_statement::column_blob(int index) const {
  auto bytes = static_cast<const char*>(sqlite3_column_blob(stmt_, index));
  int size = sqlite3_column_bytes(stmt_, index);
  return bytes ? std::string(bytes, static_cast<std::size_t>(size)) : std::string();
}

std::int64_t sqlite_statement::column_int64(int index) const {
  return sqlite3_column_int64(stmt_, index);
}

void sqlite_statement::reset() {
  if (!stmt_) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

}  // namespace djabberd::plugins::sqlite
