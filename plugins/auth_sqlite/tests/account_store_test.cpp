// account_store against a real SQLite file: accounts, credentials, sharing and what is on disk.
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <thread>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "plugins/auth_sqlite/account_store.hpp"
#include "plugins/test_support/temp_dir.hpp"

namespace djabberd::plugins::auth_sqlite {
namespace {

using auth::hash_algo;
using store_ptr = std::unique_ptr<account_store>;
using add = account_store::add_result;
using update = account_store::update_result;
using remove = account_store::remove_result;

class AccountStore : public ::testing::Test {
 protected:
  store_ptr open() {
    std::string error;
    auto store = account_store::open(dir_.path() / "data", error);
    EXPECT_TRUE(store) << error;
    EXPECT_TRUE(error.empty()) << error;
    return store;
  }

  std::filesystem::path db_file() const {
    return account_store::database_path(dir_.path() / "data");
  }

  // Runs one SQL statement on a separate raw connection and returns the first column of its first
  // row as text ("" if none).
  std::string query(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(db_file().c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* stmt = nullptr;
    std::string result;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0))
      result = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return result;
  }

  testing::temp_dir dir_;
};

TEST_F(AccountStore, OpenCreatesDirectoryPrivateFileAndSchema) {
  auto store = open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(std::filesystem::exists(db_file()));
  struct stat st {};
  ASSERT_EQ(::stat(db_file().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  EXPECT_EQ(query("PRAGMA user_version"), "1");
  EXPECT_EQ(query("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(query("SELECT count(*) FROM sqlite_master WHERE type = 'table'"), "2");
  EXPECT_TRUE(store->users("localhost").empty());
}

TEST_F(AccountStore, OpenFailsOnAnUnknownSchemaVersion) {
  open().reset();
  query("PRAGMA user_version = 99");
  std::string error;
  EXPECT_FALSE(account_store::open(dir_.path() / "data", error));
  EXPECT_NE(error.find("schema version 99"), std::string::npos) << error;
}

TEST_F(AccountStore, OpenFailsWhenTheDirectoryCannotBeCreated) {
  std::ofstream(dir_.path() / "file") << "x";
  std::string error;
  EXPECT_FALSE(account_store::open(dir_.path() / "file" / "data", error));
  EXPECT_NE(error.find("cannot create data directory"), std::string::npos) << error;
}

TEST_F(AccountStore, AddAndExists) {
  auto store = open();
  EXPECT_EQ(store->add_user("localhost", "alice", "secret"), add::ok);
  EXPECT_EQ(store->add_user("localhost", "bob", "secret"), add::ok);
  EXPECT_EQ(store->add_user("example.org", "alice", "other"), add::ok);
  EXPECT_TRUE(store->exists("localhost", "alice"));
  EXPECT_TRUE(store->exists("localhost", "Alice"));  // nodeprep'd
  EXPECT_FALSE(store->exists("localhost", "carol"));
  EXPECT_FALSE(store->exists("elsewhere", "alice"));
  EXPECT_EQ(store->users("localhost"), (std::vector<std::string>{"alice", "bob"}));
  EXPECT_EQ(store->users("example.org"), (std::vector<std::string>{"alice"}));
  EXPECT_TRUE(store->last_error().empty());
}

TEST_F(AccountStore, DuplicateIsRefusedAndKeepsTheOldPassword) {
  auto store = open();
  EXPECT_EQ(store->add_user("localhost", "alice", "first"), add::ok);
  EXPECT_EQ(store->add_user("localhost", "alice", "second"), add::exists);
  EXPECT_EQ(store->add_user("localhost", "ALICE", "second"), add::exists);
  auto creds = store->credentials("localhost", "alice", hash_algo::sha256);
  ASSERT_TRUE(creds);
  EXPECT_TRUE(auth::verify_password(*creds, "first"));
  EXPECT_EQ(store->users("localhost").size(), 1u);
}

TEST_F(AccountStore, InvalidUsernamesAndPasswords) {
  auto store = open();
  EXPECT_EQ(store->add_user("localhost", "", "pw"), add::invalid_username);
  EXPECT_EQ(store->add_user("localhost", "a b", "pw"), add::invalid_username);
  EXPECT_EQ(store->add_user("localhost", "a@b", "pw"), add::invalid_username);
  EXPECT_EQ(store->add_user("localhost", std::string(1024, 'a'), "pw"), add::invalid_username);
  EXPECT_EQ(store->add_user("localhost", "alice", ""), add::invalid_password);
  EXPECT_EQ(store->add_user("localhost", "alice", "bad\x07pw"), add::invalid_password);
  EXPECT_EQ(store->add_user("localhost", "alice", "\xff\xfe"), add::invalid_password);
  EXPECT_TRUE(store->users("localhost").empty());
  EXPECT_EQ(store->add_user("localhost", "Ünïcode", "pässwörd"), add::ok);
  EXPECT_TRUE(store->exists("localhost", "ünïcode"));
}

TEST_F(AccountStore, CredentialsRoundTrip) {
  auto store = open();
  ASSERT_EQ(store->add_user("localhost", "alice", "correct horse"), add::ok);
  for (auto algo : {hash_algo::sha1, hash_algo::sha256}) {
    auto creds = store->credentials("localhost", "alice", algo);
    ASSERT_TRUE(creds);
    EXPECT_EQ(creds->algo, algo);
    EXPECT_EQ(creds->iterations, auth::default_scram_iterations);
    EXPECT_EQ(creds->salt.size(), auth::default_scram_salt_size);
    EXPECT_EQ(creds->stored_key.size(), auth::digest_size(algo));
    EXPECT_EQ(creds->server_key.size(), auth::digest_size(algo));
    EXPECT_TRUE(auth::verify_password(*creds, "correct horse"));
    EXPECT_FALSE(auth::verify_password(*creds, "correct horse "));
    EXPECT_EQ(*creds,
              auth::make_scram_credentials(algo, "correct horse", creds->salt, creds->iterations));
  }
  auto sha1 = store->credentials("localhost", "alice", hash_algo::sha1);
  auto sha256 = store->credentials("localhost", "alice", hash_algo::sha256);
  EXPECT_NE(sha1->salt, sha256->salt);
  EXPECT_FALSE(store->credentials("localhost", "bob", hash_algo::sha256));
  EXPECT_FALSE(store->credentials("example.org", "alice", hash_algo::sha256));
  EXPECT_TRUE(store->last_error().empty());
  EXPECT_EQ(query("SELECT group_concat(algo) FROM (SELECT algo FROM scram_credentials "
                  "ORDER BY algo)"),
            "SHA-1,SHA-256");
}

TEST_F(AccountStore, SetPassword) {
  auto store = open();
  ASSERT_EQ(store->add_user("localhost", "alice", "old"), add::ok);
  auto before = store->credentials("localhost", "alice", hash_algo::sha256);
  EXPECT_EQ(store->set_password("localhost", "alice", "new"), update::ok);
  for (auto algo : {hash_algo::sha1, hash_algo::sha256}) {
    auto creds = store->credentials("localhost", "alice", algo);
    ASSERT_TRUE(creds);
    EXPECT_TRUE(auth::verify_password(*creds, "new"));
    EXPECT_FALSE(auth::verify_password(*creds, "old"));
  }
  EXPECT_NE(store->credentials("localhost", "alice", hash_algo::sha256)->salt, before->salt);
  EXPECT_EQ(store->set_password("localhost", "bob", "x"), update::not_found);
  EXPECT_EQ(store->set_password("localhost", "a b", "x"), update::not_found);
  EXPECT_EQ(store->set_password("localhost", "alice", ""), update::invalid_password);
  EXPECT_FALSE(store->exists("localhost", "bob"));
  EXPECT_EQ(query("SELECT count(*) FROM scram_credentials"), "2");
}

TEST_F(AccountStore, RemoveUser) {
  auto store = open();
  ASSERT_EQ(store->add_user("localhost", "alice", "pw"), add::ok);
  ASSERT_EQ(store->add_user("example.org", "alice", "pw"), add::ok);
  EXPECT_EQ(store->remove_user("localhost", "Alice"), remove::ok);
  EXPECT_FALSE(store->exists("localhost", "alice"));
  EXPECT_FALSE(store->credentials("localhost", "alice", hash_algo::sha256));
  EXPECT_TRUE(store->exists("example.org", "alice"));
  EXPECT_EQ(store->remove_user("localhost", "alice"), remove::not_found);
  EXPECT_EQ(store->remove_user("localhost", "a b"), remove::not_found);
  EXPECT_EQ(query("SELECT count(*) FROM scram_credentials WHERE domain = 'localhost'"), "0");
  EXPECT_EQ(query("SELECT count(*) FROM scram_credentials"), "2");
  EXPECT_EQ(store->add_user("localhost", "alice", "again"), add::ok);
}

TEST_F(AccountStore, TwoStoresOnOneFileSeeEachOthersWrites) {
  auto daemon = open();
  auto tool = open();
  EXPECT_EQ(tool->add_user("localhost", "alice", "one"), add::ok);
  EXPECT_TRUE(daemon->exists("localhost", "alice"));
  EXPECT_EQ(daemon->add_user("localhost", "alice", "x"), add::exists);
  EXPECT_EQ(tool->set_password("localhost", "alice", "two"), update::ok);
  auto creds = daemon->credentials("localhost", "alice", hash_algo::sha256);
  ASSERT_TRUE(creds);
  EXPECT_TRUE(auth::verify_password(*creds, "two"));
  EXPECT_EQ(daemon->add_user("localhost", "bob", "pw"), add::ok);
  EXPECT_EQ(tool->users("localhost"), (std::vector<std::string>{"alice", "bob"}));
  EXPECT_EQ(tool->remove_user("localhost", "alice"), remove::ok);
  EXPECT_FALSE(daemon->exists("localhost", "alice"));
}

TEST_F(AccountStore, WriterWaitsForAnotherWritersLock) {
  auto store = open();
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(db_file().c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  std::thread release([other] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr);
  });
  EXPECT_EQ(store->add_user("localhost", "alice", "pw"), add::ok) << store->last_error();
  release.join();
  sqlite3_close(other);
  EXPECT_TRUE(store->exists("localhost", "alice"));
}

TEST_F(AccountStore, AccountsSurviveReopening) {
  ASSERT_EQ(open()->add_user("localhost", "alice", "pw"), add::ok);
  auto store = open();
  auto creds = store->credentials("localhost", "alice", hash_algo::sha1);
  ASSERT_TRUE(creds);
  EXPECT_TRUE(auth::verify_password(*creds, "pw"));
}

TEST_F(AccountStore, ErrorsAreReportedNotThrown) {
  auto store = open();
  ASSERT_EQ(store->add_user("localhost", "alice", "pw"), add::ok);
  query("DROP TABLE scram_credentials");
  EXPECT_FALSE(store->credentials("localhost", "alice", hash_algo::sha256));
  EXPECT_NE(store->last_error().find("scram_credentials"), std::string::npos)
      << store->last_error();
  EXPECT_EQ(store->add_user("localhost", "bob", "pw"), add::error);
  EXPECT_FALSE(store->last_error().empty());
  EXPECT_FALSE(store->exists("localhost", "bob"));  // rolled back
  EXPECT_TRUE(store->exists("localhost", "alice"));
}

TEST_F(AccountStore, NoPlaintextPasswordOnDisk) {
  const std::string first = "Canary-Password-4711";
  const std::string second = "Second-Canary-0815";
  {
    auto store = open();
    ASSERT_EQ(store->add_user("localhost", "alice", first), add::ok);
    ASSERT_EQ(store->set_password("localhost", "alice", second), update::ok);
    // Read through a second connection too, so the WAL and shared memory files are in use.
    auto other = open();
    EXPECT_TRUE(other->exists("localhost", "alice"));
  }
  int files = 0;
  bool saw_username = false;  // the scan does see row data
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path() / "data")) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    EXPECT_EQ(bytes.find(first), std::string::npos) << entry.path();
    EXPECT_EQ(bytes.find(second), std::string::npos) << entry.path();
    saw_username = saw_username || bytes.find("alice") != std::string::npos;
    ++files;
  }
  EXPECT_GE(files, 1);
  EXPECT_TRUE(saw_username);
}

}  // namespace
}  // namespace djabberd::plugins::auth_sqlite
