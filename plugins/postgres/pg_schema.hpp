// Creating a store's tables when a plugin starts.
#pragma once

#include <string>
#include <string_view>

namespace djabberd::plugins::postgres {

/// Connects with `conninfo` and runs `schema` (idempotent statements such as CREATE TABLE IF NOT
/// EXISTS) in one transaction, holding a transaction-level advisory lock so that several servers
/// of a cluster starting at once create the tables one after the other (concurrent CREATE TABLE
/// IF NOT EXISTS of the same table can fail in PostgreSQL). Returns "" or the error. Blocks: call
/// it at plugin start, as the SQLite stores open their file.
std::string create_schema(const std::string& conninfo, std::string_view schema);

}  // namespace djabberd::plugins::postgres
