// The auth_sqlite actor and plugin start in a real actor system, over a real database file.
#include <map>

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>

#include "actors/message_types.hpp"
#include "config/config.hpp"
#include "plugins/auth_sqlite/auth_sqlite_actor.hpp"
#include "plugins/auth_sqlite/auth_sqlite_plugin.hpp"
#include "plugins/test_support/ask_hook.hpp"
#include "plugins/test_support/temp_dir.hpp"

namespace djabberd::plugins::auth_sqlite {
namespace {

using auth::hash_algo;
using testing::ask_hook;

class AuthSqliteActor : public ::testing::Test {
 protected:
  AuthSqliteActor() : system_{config_} {
    std::string error;
    store_ = account_store::open(dir_.path(), error);
    EXPECT_TRUE(store_) << error;
    EXPECT_EQ(store_->add_user("localhost", "alice", "secret"), account_store::add_result::ok);
    handler_ = system_.spawn<caf::detached>(auth_sqlite_actor, store_);
  }

  ~AuthSqliteActor() override {
    caf::scoped_actor self{system_};
    self->send_exit(handler_, caf::exit_reason::user_shutdown);
  }

  testing::temp_dir dir_;
  caf::actor_system_config config_;
  caf::actor_system system_;
  std::shared_ptr<account_store> store_;
  caf::actor handler_;
};

TEST_F(AuthSqliteActor, GetSecret) {
  for (auto algo : {hash_algo::sha1, hash_algo::sha256}) {
    auto answer = ask_hook(system_, handler_, atoms::auth_get_secret::value,
                           std::string{"localhost"}, std::string{"alice"}, algo);
    ASSERT_TRUE(answer.handled()) << answer.error;
    ASSERT_TRUE(answer.payload.match_elements<auth::scram_credentials>());
    const auto& creds = answer.payload.get_as<auth::scram_credentials>(0);
    EXPECT_EQ(creds.algo, algo);
    EXPECT_TRUE(auth::verify_password(creds, "secret"));
  }
}

TEST_F(AuthSqliteActor, GetSecretDeclinesUnknownUsersAndVhosts) {
  EXPECT_TRUE(ask_hook(system_, handler_, atoms::auth_get_secret::value, std::string{"localhost"},
                       std::string{"bob"}, hash_algo::sha256)
                  .declined());
  EXPECT_TRUE(ask_hook(system_, handler_, atoms::auth_get_secret::value, std::string{"example.org"},
                       std::string{"alice"}, hash_algo::sha256)
                  .declined());
}

TEST_F(AuthSqliteActor, CheckPassword) {
  auto right = ask_hook(system_, handler_, atoms::auth_check_password::value,
                        std::string{"localhost"}, std::string{"alice"}, std::string{"secret"});
  ASSERT_TRUE(right.handled()) << right.error;
  ASSERT_TRUE(right.payload.match_elements<bool>());
  EXPECT_TRUE(right.payload.get_as<bool>(0));
  auto wrong = ask_hook(system_, handler_, atoms::auth_check_password::value,
                        std::string{"localhost"}, std::string{"alice"}, std::string{"Secret"});
  ASSERT_TRUE(wrong.handled()) << wrong.error;
  ASSERT_TRUE(wrong.payload.match_elements<bool>());
  EXPECT_FALSE(wrong.payload.get_as<bool>(0));
  EXPECT_TRUE(ask_hook(system_, handler_, atoms::auth_check_password::value,
                       std::string{"localhost"}, std::string{"bob"}, std::string{"secret"})
                  .declined());
}

TEST_F(AuthSqliteActor, UserExists) {
  auto known = ask_hook(system_, handler_, atoms::auth_user_exists::value, std::string{"localhost"},
                        std::string{"alice"});
  ASSERT_TRUE(known.handled()) << known.error;
  ASSERT_TRUE(known.payload.match_elements<bool>());
  EXPECT_TRUE(known.payload.get_as<bool>(0));
  EXPECT_TRUE(ask_hook(system_, handler_, atoms::auth_user_exists::value, std::string{"localhost"},
                       std::string{"bob"})
                  .declined());
}

TEST_F(AuthSqliteActor, SeesAccountsAddedByAnotherConnection) {
  std::string error;
  auto tool = account_store::open(dir_.path(), error);
  ASSERT_TRUE(tool) << error;
  ASSERT_EQ(tool->add_user("localhost", "bob", "pw"), account_store::add_result::ok);
  EXPECT_TRUE(ask_hook(system_, handler_, atoms::auth_user_exists::value, std::string{"localhost"},
                       std::string{"bob"})
                  .handled());
}

TEST_F(AuthSqliteActor, DatabaseErrorDeclinesAndTheActorStaysUp) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(account_store::database_path(dir_.path()).c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DROP TABLE scram_credentials", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_TRUE(ask_hook(system_, handler_, atoms::auth_get_secret::value, std::string{"localhost"},
                       std::string{"alice"}, hash_algo::sha256)
                  .declined());
  EXPECT_TRUE(ask_hook(system_, handler_, atoms::auth_check_password::value,
                       std::string{"localhost"}, std::string{"alice"}, std::string{"secret"})
                  .declined());
  EXPECT_TRUE(ask_hook(system_, handler_, atoms::auth_user_exists::value, std::string{"localhost"},
                       std::string{"alice"})
                  .handled());
}

// The plugin start function as the loader calls it, with an in-memory shared_actor registry.
class AuthSqlitePlugin : public ::testing::Test {
 protected:
  AuthSqlitePlugin() : system_{config_} {}

  ~AuthSqlitePlugin() override {
    caf::scoped_actor self{system_};
    for (auto& [key, actor] : shared_) self->send_exit(actor, caf::exit_reason::user_shutdown);
  }

  config::server_config parse(const std::string& plugin_table) {
    return config::parse("data_dir = \"" + (dir_.path() / "data").string() +
                             "\"\n"
                             "[[vhosts]]\ndomain = \"localhost\"\n"
                             "[[vhosts.plugins]]\nname = \"auth_sqlite\"\n" +
                             plugin_table +
                             "[[vhosts]]\ndomain = \"example.org\"\n"
                             "[[vhosts.plugins]]\nname = \"auth_sqlite\"\n",
                         "test.toml");
  }

  std::vector<hooks::registration> start(const config::server_config& server, std::size_t vhost) {
    plugin_context ctx{system_, server, server.vhosts[vhost], server.vhosts[vhost].plugins[0],
                       [this](const std::string& key, const std::function<caf::actor()>& make) {
                         auto it = shared_.find(key);
                         if (it == shared_.end()) it = shared_.emplace(key, make()).first;
                         return it->second;
                       }};
    return auth_sqlite::start(ctx);
  }

  testing::temp_dir dir_;
  caf::actor_system_config config_;
  caf::actor_system system_;
  std::map<std::string, caf::actor> shared_;
};

TEST_F(AuthSqlitePlugin, OneSharedActorForEveryVhost) {
  auto server = parse("");
  auto first = start(server, 0);
  auto second = start(server, 1);
  ASSERT_EQ(first.size(), 6u);
  ASSERT_EQ(second.size(), 6u);
  EXPECT_EQ(first[0].hook, hooks::hook_id::auth_get_secret);
  EXPECT_EQ(first[1].hook, hooks::hook_id::auth_check_password);
  EXPECT_EQ(first[2].hook, hooks::hook_id::auth_user_exists);
  EXPECT_EQ(first[3].hook, hooks::hook_id::account_register);  // XEP-0077
  EXPECT_EQ(first[4].hook, hooks::hook_id::account_unregister);
  EXPECT_EQ(first[5].hook, hooks::hook_id::account_password);
  for (std::size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].handler, first[0].handler);
    EXPECT_EQ(second[i].handler, first[0].handler);
  }
  EXPECT_EQ(shared_.size(), 1u);
  EXPECT_EQ(shared_.begin()->first, "auth_sqlite:" + (dir_.path() / "data").string());
  EXPECT_TRUE(std::filesystem::exists(account_store::database_path(dir_.path() / "data")));
}

TEST_F(AuthSqlitePlugin, AnswersThroughTheStartedActor) {
  auto server = parse("");
  auto regs = start(server, 0);
  {
    std::string error;
    auto tool = account_store::open(dir_.path() / "data", error);
    ASSERT_TRUE(tool) << error;
    ASSERT_EQ(tool->add_user("example.org", "carol", "pw"), account_store::add_result::ok);
  }
  auto answer = ask_hook(system_, regs[1].handler, atoms::auth_check_password::value,
                         std::string{"example.org"}, std::string{"carol"}, std::string{"pw"});
  ASSERT_TRUE(answer.handled()) << answer.error;
  EXPECT_TRUE(answer.payload.get_as<bool>(0));
}

TEST_F(AuthSqlitePlugin, RejectsUnknownSettings) {
  auto server = parse("path = \"x\"\n");
  try {
    start(server, 0);
    FAIL() << "no config_error";
  } catch (const config::config_error& e) {
    EXPECT_EQ(e.key(), "vhosts[0].plugins[0].path");
    EXPECT_EQ(e.line(), 6u);
  }
  EXPECT_TRUE(shared_.empty());
}

TEST_F(AuthSqlitePlugin, UnusableDataDirIsAConfigError) {
  std::ofstream(dir_.path() / "data") << "not a directory";
  auto server = parse("");
  try {
    start(server, 0);
    FAIL() << "no config_error";
  } catch (const config::config_error& e) {
    EXPECT_EQ(e.key(), "data_dir");
    EXPECT_NE(std::string(e.what()).find("cannot create data directory"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace djabberd::plugins::auth_sqlite
