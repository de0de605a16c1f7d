// The account tables in PostgreSQL (the same columns as auth_sqlite's).
#pragma once

#include <string_view>

namespace djabberd::plugins::auth_pg {

/// No plaintext password column anywhere: only the SCRAM keys derived from it.
inline constexpr std::string_view account_schema = R"sql(
CREATE TABLE IF NOT EXISTS accounts (
  domain     TEXT   NOT NULL,
  username   TEXT   NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (domain, username)
);
CREATE TABLE IF NOT EXISTS scram_credentials (
  domain     TEXT   NOT NULL,
  username   TEXT   NOT NULL,
  algo       TEXT   NOT NULL CHECK (algo IN ('SHA-1', 'SHA-256')),
  salt       BYTEA  NOT NULL,
  iterations BIGINT NOT NULL CHECK (iterations > 0),
  stored_key BYTEA  NOT NULL,
  server_key BYTEA  NOT NULL,
  PRIMARY KEY (domain, username, algo),
  FOREIGN KEY (domain, username) REFERENCES accounts (domain, username) ON DELETE CASCADE
);
)sql";

}  // namespace djabberd::plugins::auth_pg
