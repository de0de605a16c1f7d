// Connection settings and the versioned schema of the account database.
#pragma once

#include <string>

struct sqlite3;

namespace djabberd::plugins::auth_sqlite {

/// The schema this build writes, kept in PRAGMA user_version.
inline constexpr int schema_version = 1;

/// How long a writer waits for another connection's lock (daemon and djabberctl share the file).
inline constexpr int busy_timeout_ms = 5000;

/// Sets the busy timeout, WAL journal mode and foreign keys on a new connection, then creates the
/// tables if the database is new or checks that its schema version is one this build knows.
/// Returns an empty string on success, otherwise what went wrong.
std::string prepare_database(sqlite3* db);

}  // namespace djabberd::plugins::auth_sqlite
