// auth_pg against a real PostgreSQL: the account store, the worker actor and the plugin start.
#include <gtest/gtest.h>
#include <caf/scoped_actor.hpp>

#include "actors/message_types.hpp"
#include "plugins/auth_pg/auth_pg_actor.hpp"
#include "plugins/auth_pg/auth_pg_plugin.hpp"
#include "plugins/auth_pg/pg_account_store.hpp"
#include "plugins/postgres/tests/pg_plugin_fixture.hpp"
#include "plugins/test_support/ask_hook.hpp"

namespace djabberd::plugins::auth_pg {
namespace {

using auth::hash_algo;
using postgres::testing::kill_other_connections;
using postgres::testing::run_sql;
using testing::ask_hook;
using store = pg_account_store;

class AuthPg : public postgres::testing::pg_plugin_test {
 protected:
  void SetUp() override {
    drop_tables("scram_credentials, accounts");
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_EQ(store::create_schema(conninfo_), "");
    store_ = std::make_shared<store>(conninfo_);
  }

  std::shared_ptr<store> store_;
};

TEST_F(AuthPg, AddAndExists) {
  EXPECT_FALSE(store_->exists("localhost", "alice"));
  EXPECT_EQ(store_->last_error(), "");
  ASSERT_EQ(store_->add_user("localhost", "Alice", "secret"), store::add_result::ok)
      << store_->last_error();
  EXPECT_TRUE(store_->exists("localhost", "alice"));  // nodeprep'd
  EXPECT_TRUE(store_->exists("localhost", "ALICE"));
  EXPECT_FALSE(store_->exists("example.org", "alice"));
}

TEST_F(AuthPg, DuplicateIsRefusedAndKeepsTheOldPassword) {
  ASSERT_EQ(store_->add_user("localhost", "alice", "one"), store::add_result::ok);
  EXPECT_EQ(store_->add_user("localhost", "alice", "two"), store::add_result::exists);
  EXPECT_EQ(store_->last_error(), "");
  auto creds = store_->credentials("localhost", "alice", hash_algo::sha256);
  ASSERT_TRUE(creds);
  EXPECT_TRUE(auth::verify_password(*creds, "one"));
}

TEST_F(AuthPg, InvalidUsernamesAndPasswords) {
  EXPECT_EQ(store_->add_user("localhost", "", "pw"), store::add_result::invalid_username);
  EXPECT_EQ(store_->add_user("localhost", "a b", "pw"), store::add_result::invalid_username);
  EXPECT_EQ(store_->add_user("localhost", std::string(1024, 'a'), "pw"),
            store::add_result::invalid_username);
  EXPECT_EQ(store_->add_user("localhost", "alice", ""), store::add_result::invalid_password);
  EXPECT_EQ(store_->add_user("localhost", "alice", std::string("a\x07", 2)),
            store::add_result::invalid_password);
  EXPECT_TRUE(store_->users("localhost").empty());
}

TEST_F(AuthPg, CredentialsRoundTripForBothAlgorithms) {
  ASSERT_EQ(store_->add_user("localhost", "alice", "secret"), store::add_result::ok);
  for (auto algo : {hash_algo::sha1, hash_algo::sha256}) {
    auto creds = store_->credentials("localhost", "alice", algo);
    ASSERT_TRUE(creds) << store_->last_error();
    EXPECT_EQ(creds->algo, algo);
    EXPECT_EQ(creds->stored_key.size(), auth::digest_size(algo));
    EXPECT_GT(creds->iterations, 0u);
    EXPECT_TRUE(auth::verify_password(*creds, "secret"));
    EXPECT_FALSE(auth::verify_password(*creds, "wrong"));
  }
  EXPECT_FALSE(store_->credentials("localhost", "bob", hash_algo::sha256));
  EXPECT_EQ(store_->last_error(), "");
}

TEST_F(AuthPg, SetPasswordAndRemoveUser) {
  EXPECT_EQ(store_->set_password("localhost", "alice", "x"), store::update_result::not_found);
  ASSERT_EQ(store_->add_user("localhost", "alice", "old"), store::add_result::ok);
  ASSERT_EQ(store_->set_password("localhost", "alice", "new"), store::update_result::ok);
  EXPECT_EQ(store_->set_password("localhost", "alice", ""), store::update_result::invalid_password);
  auto creds = store_->credentials("localhost", "alice", hash_algo::sha1);
  ASSERT_TRUE(creds);
  EXPECT_TRUE(auth::verify_password(*creds, "new"));
  EXPECT_EQ(store_->remove_user("localhost", "alice"), store::remove_result::ok);
  EXPECT_EQ(store_->remove_user("localhost", "alice"), store::remove_result::not_found);
  EXPECT_FALSE(store_->credentials("localhost", "alice", hash_algo::sha1));
  EXPECT_EQ(run_sql("DO $$ BEGIN IF (SELECT COUNT(*) FROM scram_credentials) <> 0 THEN "
                    "RAISE 'credentials left'; END IF; END $$"),
            "");
}

TEST_F(AuthPg, UsersAreSortedPerDomain) {
  for (auto name : {"carol", "alice", "bob"})
    ASSERT_EQ(store_->add_user("localhost", name, "pw"), store::add_result::ok);
  ASSERT_EQ(store_->add_user("example.org", "zed", "pw"), store::add_result::ok);
  EXPECT_EQ(store_->users("localhost"), (std::vector<std::string>{"alice", "bob", "carol"}));
  EXPECT_EQ(store_->users("example.org"), (std::vector<std::string>{"zed"}));
}

TEST_F(AuthPg, NoPlaintextPasswordInTheDatabase) {
  ASSERT_EQ(store_->add_user("localhost", "alice", "VerySecretPassword"), store::add_result::ok);
  EXPECT_EQ(run_sql("DO $$ BEGIN IF EXISTS (SELECT 1 FROM scram_credentials c WHERE "
                    "position('VerySecretPassword'::bytea IN c.salt || c.stored_key || "
                    "c.server_key) > 0) THEN RAISE 'plaintext'; END IF; END $$"),
            "");
}

TEST_F(AuthPg, RecoversFromALostConnection) {
  ASSERT_EQ(store_->add_user("localhost", "alice", "pw"), store::add_result::ok);
  ASSERT_EQ(kill_other_connections(), "");
  EXPECT_TRUE(store_->exists("localhost", "alice")) << store_->last_error();
  ASSERT_EQ(kill_other_connections(), "");
  EXPECT_EQ(store_->add_user("localhost", "bob", "pw"), store::add_result::ok)
      << store_->last_error();
}

TEST_F(AuthPg, ErrorsAreReportedNotThrown) {
  ASSERT_EQ(run_sql("DROP TABLE scram_credentials, accounts"), "");
  EXPECT_EQ(store_->add_user("localhost", "alice", "pw"), store::add_result::error);
  EXPECT_NE(store_->last_error().find("accounts"), std::string::npos) << store_->last_error();
  EXPECT_FALSE(store_->exists("localhost", "alice"));
  EXPECT_NE(store_->last_error(), "");
  EXPECT_TRUE(store_->users("localhost").empty());
  EXPECT_NE(store_->last_error(), "");
}

TEST_F(AuthPg, ActorAnswersTheAuthHooks) {
  ASSERT_EQ(store_->add_user("localhost", "alice", "secret"), store::add_result::ok);
  auto actor = system_.spawn<caf::detached>(auth_pg_actor, store_);
  auto secret = ask_hook(system_, actor, atoms::auth_get_secret::value, std::string{"localhost"},
                         std::string{"alice"}, hash_algo::sha256);
  ASSERT_TRUE(secret.handled()) << secret.error;
  EXPECT_TRUE(auth::verify_password(secret.payload.get_as<auth::scram_credentials>(0), "secret"));
  auto check = ask_hook(system_, actor, atoms::auth_check_password::value, std::string{"localhost"},
                        std::string{"alice"}, std::string{"bad"});
  ASSERT_TRUE(check.handled());
  EXPECT_FALSE(check.payload.get_as<bool>(0));
  EXPECT_TRUE(ask_hook(system_, actor, atoms::auth_user_exists::value, std::string{"localhost"},
                       std::string{"bob"})
                  .declined());
  // A database error declines (the login is refused) and the actor stays up.
  ASSERT_EQ(run_sql("DROP TABLE scram_credentials, accounts"), "");
  EXPECT_TRUE(ask_hook(system_, actor, atoms::auth_user_exists::value, std::string{"localhost"},
                       std::string{"alice"})
                  .declined());
  EXPECT_TRUE(ask_hook(system_, actor, atoms::auth_get_secret::value, std::string{"localhost"},
                       std::string{"alice"}, hash_algo::sha1)
                  .declined());
  caf::scoped_actor self{system_};
  self->send_exit(actor, caf::exit_reason::user_shutdown);
}

TEST_F(AuthPg, ActorAnswersTheAccountHooks) {
  auto actor = system_.spawn<caf::detached>(auth_pg_actor, store_);
  const std::string vhost = "localhost";
  auto answer = [](const auto& r) { return r.payload.template get_as<std::string>(0); };
  auto created = ask_hook(system_, actor, atoms::account_register::value, vhost,
                          std::string{"carol"}, std::string{"first-pw"}, std::string{"::1"});
  ASSERT_TRUE(created.handled()) << created.error;
  EXPECT_EQ(answer(created), "created");
  EXPECT_EQ(answer(ask_hook(system_, actor, atoms::account_register::value, vhost,
                            std::string{"carol"}, std::string{"other-pw"}, std::string{"::1"})),
            "conflict");
  EXPECT_EQ(answer(ask_hook(system_, actor, atoms::account_password::value, vhost,
                            std::string{"carol"}, std::string{"second-pw"})),
            "changed");
  auto creds = store_->credentials(vhost, "carol", hash_algo::sha256);
  ASSERT_TRUE(creds);
  EXPECT_TRUE(auth::verify_password(*creds, "second-pw"));
  EXPECT_EQ(answer(ask_hook(system_, actor, atoms::account_unregister::value, vhost,
                            std::string{"carol"})),
            "deleted");
  EXPECT_FALSE(store_->exists(vhost, "carol"));
  EXPECT_EQ(answer(ask_hook(system_, actor, atoms::account_unregister::value, vhost,
                            std::string{"carol"})),
            "not_found");
  // A database error is an internal-server-error answer, not a crash.
  ASSERT_EQ(run_sql("DROP TABLE scram_credentials, accounts"), "");
  EXPECT_EQ(answer(ask_hook(system_, actor, atoms::account_register::value, vhost,
                            std::string{"dave"}, std::string{"pw-dave"}, std::string{"::1"})),
            "internal-server-error");
  caf::scoped_actor self{system_};
  self->send_exit(actor, caf::exit_reason::user_shutdown);
}

TEST_F(AuthPg, PluginSharesOnePoolPerDatabaseAndCreatesTheTables) {
  ASSERT_EQ(run_sql("DROP TABLE scram_credentials, accounts"), "");
  configure("auth_pg", "connections = 2\n");
  auto first = start(&auth_pg::start, 0);
  auto second = start(&auth_pg::start, 1);
  ASSERT_EQ(first.size(), 6u);
  EXPECT_EQ(first[0].hook, hooks::hook_id::auth_get_secret);
  EXPECT_EQ(first[1].hook, hooks::hook_id::auth_check_password);
  EXPECT_EQ(first[2].hook, hooks::hook_id::auth_user_exists);
  EXPECT_EQ(first[3].hook, hooks::hook_id::account_register);
  EXPECT_EQ(first[4].hook, hooks::hook_id::account_unregister);
  EXPECT_EQ(first[5].hook, hooks::hook_id::account_password);
  for (const auto& r : second) EXPECT_EQ(r.handler, first[0].handler);
  ASSERT_EQ(shared_.size(), 1u);
  EXPECT_EQ(shared_.begin()->first, "auth_pg:" + conninfo_);
  ASSERT_EQ(store_->add_user("example.org", "carol", "pw"), store::add_result::ok)
      << store_->last_error();
  auto answer = ask_hook(system_, first[1].handler, atoms::auth_check_password::value,
                         std::string{"example.org"}, std::string{"carol"}, std::string{"pw"});
  ASSERT_TRUE(answer.handled()) << answer.error;
  EXPECT_TRUE(answer.payload.get_as<bool>(0));
}

TEST_F(AuthPg, PluginSettingErrorsNameTheKey) {
  std::string key;
  configure("auth_pg", "path = \"x\"\n");
  EXPECT_NE(start_error(&auth_pg::start, &key), "");
  EXPECT_EQ(key, "vhosts[0].plugins[0].path");
  configure("auth_pg", "connections = 0\n");
  EXPECT_NE(start_error(&auth_pg::start, &key), "");
  EXPECT_EQ(key, "vhosts[0].plugins[0].connections");
  configure("auth_pg", "", "", "host=127.0.0.1 port=1 dbname=none connect_timeout=2");
  auto error = start_error(&auth_pg::start, &key);
  EXPECT_EQ(key, "vhosts[0].plugins[0].conninfo");
  EXPECT_NE(error.find("cannot connect to PostgreSQL"), std::string::npos) << error;
  EXPECT_TRUE(shared_.empty());
}

}  // namespace
}  // namespace djabberd::plugins::auth_pg
