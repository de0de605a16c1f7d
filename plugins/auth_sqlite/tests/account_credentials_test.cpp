// account_credentials: the username, password and key rules both account stores share (the
// SQLite and PostgreSQL store tests exercise them through the stores as well).
#include <string>

#include <gtest/gtest.h>

#include "auth/scram_credentials.hpp"
#include "plugins/account_credentials.hpp"

namespace djabberd::plugins {
namespace {

using auth::hash_algo;
using status = new_credentials::status;

TEST(AccountCredentials, UsernamesAreNodeprepdAndBounded) {
  EXPECT_EQ(prepare_username("Alice"), "alice");
  EXPECT_FALSE(prepare_username(""));
  EXPECT_FALSE(prepare_username("a b"));
  EXPECT_FALSE(prepare_username("a@b"));
  EXPECT_FALSE(prepare_username(std::string(1024, 'a')));
}

TEST(AccountCredentials, NewCredentialsHaveKeysForBothAlgorithms) {
  auto made = make_new_credentials("Alice", "secret");
  ASSERT_EQ(made.result, status::ok) << made.error;
  EXPECT_EQ(made.username, "alice");
  ASSERT_EQ(made.keys.size(), 2u);
  EXPECT_EQ(made.keys[0].algo, hash_algo::sha1);
  EXPECT_EQ(made.keys[1].algo, hash_algo::sha256);
  for (const auto& k : made.keys) EXPECT_TRUE(auth::verify_password(k, "secret"));
  // Fresh salts: the same password twice gives other keys.
  EXPECT_NE(make_new_credentials("alice", "secret").keys[1].salt, made.keys[1].salt);
}

TEST(AccountCredentials, RefusedUsernamesAndPasswords) {
  EXPECT_EQ(make_new_credentials("", "pw").result, status::invalid_username);
  EXPECT_EQ(make_new_credentials("a b", "pw").result, status::invalid_username);
  EXPECT_EQ(make_new_credentials("alice", "").result, status::invalid_password);
  EXPECT_EQ(make_new_credentials("alice", "bad\x07pw").result, status::invalid_password);
  EXPECT_EQ(make_new_credentials("alice", "\xff\xfe").result, status::invalid_password);
  EXPECT_TRUE(make_new_credentials("alice", "").keys.empty());
}

TEST(AccountCredentials, RefusalsMapToEachOperationsAnswer) {
  EXPECT_EQ(refused_add(status::invalid_username), account_add_result::invalid_username);
  EXPECT_EQ(refused_add(status::invalid_password), account_add_result::invalid_password);
  EXPECT_EQ(refused_add(status::error), account_add_result::error);
  // No account can have a username that does not prepare.
  EXPECT_EQ(refused_update(status::invalid_username), account_update_result::not_found);
  EXPECT_EQ(refused_update(status::invalid_password), account_update_result::invalid_password);
  EXPECT_EQ(refused_update(status::error), account_update_result::error);
}

TEST(AccountCredentials, StoredRowsAreChecked) {
  auto good = auth::make_scram_credentials(hash_algo::sha256, "pw");
  auto back = checked_credentials(hash_algo::sha256, good.salt, good.iterations, good.stored_key,
                                  good.server_key);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, good);
  EXPECT_FALSE(
      checked_credentials(hash_algo::sha256, good.salt, 0, good.stored_key, good.server_key));
  EXPECT_FALSE(checked_credentials(hash_algo::sha256, good.salt, std::int64_t{1} << 32,
                                   good.stored_key, good.server_key));
  EXPECT_FALSE(checked_credentials(hash_algo::sha256, "", good.iterations, good.stored_key,
                                   good.server_key));
  // SHA-256 keys read back as SHA-1 credentials have the wrong size.
  EXPECT_FALSE(checked_credentials(hash_algo::sha1, good.salt, good.iterations, good.stored_key,
                                   good.server_key));
  EXPECT_EQ(corrupt_credentials_error(hash_algo::sha1, "alice", "localhost"),
            "corrupt SHA-1 credentials for alice@localhost");
}

}  // namespace
}  // namespace djabberd::plugins
