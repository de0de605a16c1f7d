// auth_static: reading the users table (errors name the key) and the actor's answers.
#include <gtest/gtest.h>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>

#include "actors/message_types.hpp"
#include "config/config.hpp"
#include "plugins/auth_sqlite/auth_sqlite_plugin.hpp"
#include "plugins/auth_static/auth_static_actor.hpp"
#include "plugins/auth_static/auth_static_plugin.hpp"
#include "plugins/test_support/ask_hook.hpp"

namespace djabberd::plugins::auth_static {
namespace {

using auth::hash_algo;
using testing::ask_hook;

// A configuration whose first vhost has one auth_static plugin with `plugin_lines` (line 4 on).
config::server_config parse(const std::string& plugin_lines) {
  return config::parse(
      "[[vhosts]]\ndomain = \"localhost\"\n[[vhosts.plugins]]\nname = \"auth_static\"\n" +
          plugin_lines,
      "test.toml");
}

const config::plugin_settings& settings_of(const config::server_config& c) {
  return c.vhosts[0].plugins[0].settings;
}

// Returns the config_error what() that reading the users throws, or "" if none.
std::string read_error(const std::string& plugin_lines) {
  auto server = parse(plugin_lines);
  try {
    read_static_users(settings_of(server));
  } catch (const config::config_error& e) {
    return e.what();
  }
  return "";
}

TEST(AuthStaticSettings, ReadsAndPreparesUsers) {
  auto server = parse("users = { Alice = \"pw1\", bob = \"pw2\" }\n");
  auto accounts = read_static_users(settings_of(server));
  ASSERT_EQ(accounts.size(), 2u);
  ASSERT_TRUE(accounts.count("alice"));
  const auto& alice = accounts.at("alice");
  EXPECT_EQ(alice.sha1.algo, hash_algo::sha1);
  EXPECT_EQ(alice.sha256.algo, hash_algo::sha256);
  EXPECT_TRUE(auth::verify_password(alice.sha1, "pw1"));
  EXPECT_TRUE(auth::verify_password(alice.sha256, "pw1"));
  EXPECT_NE(alice.sha1.salt, accounts.at("bob").sha1.salt);
}

TEST(AuthStaticSettings, NoUsersIsAnEmptyList) {
  auto server = parse("");
  EXPECT_TRUE(read_static_users(settings_of(server)).empty());
}

TEST(AuthStaticSettings, BadUsernameNamesTheKey) {
  EXPECT_EQ(read_error("users = { \"a b\" = \"pw\" }\n"),
            "test.toml:5: vhosts[0].plugins[0].users: 'a b' is not a valid username (XMPP local "
            "part)");
  EXPECT_NE(read_error("priority = 3\nusers = { \"x@y\" = \"pw\" }\n")
                .find("test.toml:6: vhosts[0].plugins[0].users: 'x@y'"),
            std::string::npos);
}

TEST(AuthStaticSettings, DuplicateAfterNodeprepNamesTheKey) {
  EXPECT_NE(read_error("users = { alice = \"a\", ALICE = \"b\" }\n")
                .find("vhosts[0].plugins[0].users: 'ALICE' is listed twice"),
            std::string::npos);
}

TEST(AuthStaticSettings, BadPasswordNamesTheKeyButNotThePassword) {
  auto error = read_error("users = { alice = \"\" }\n");
  EXPECT_NE(error.find("vhosts[0].plugins[0].users: the password of 'alice'"), std::string::npos)
      << error;
  error = read_error("users = { alice = \"bad\\u0007secret\" }\n");
  EXPECT_NE(error.find("the password of 'alice'"), std::string::npos) << error;
  EXPECT_EQ(error.find("secret"), std::string::npos) << error;
}

TEST(AuthStaticSettings, WrongTypesAndUnknownKeys) {
  EXPECT_NE(read_error("users = { alice = 1 }\n").find("vhosts[0].plugins[0].users.alice"),
            std::string::npos);
  EXPECT_NE(read_error("users = [\"alice\"]\n").find("vhosts[0].plugins[0].users"),
            std::string::npos);
  EXPECT_NE(read_error("user = { alice = \"pw\" }\n").find("vhosts[0].plugins[0].user"),
            std::string::npos);
}

class AuthStaticActor : public ::testing::Test {
 protected:
  AuthStaticActor() : system_{config_} {
    auto server = parse("users = { alice = \"secret\" }\n");
    plugin_context ctx{
        system_, server, server.vhosts[0], server.vhosts[0].plugins[0],
        [](const std::string&, const std::function<caf::actor()>& make) { return make(); }};
    regs_ = auth_static::start(ctx);
  }

  ~AuthStaticActor() override {
    caf::scoped_actor self{system_};
    if (!regs_.empty()) self->send_exit(regs_[0].handler, caf::exit_reason::user_shutdown);
  }

  const caf::actor& handler() const { return regs_.at(0).handler; }

  caf::actor_system_config config_;
  caf::actor_system system_;
  std::vector<hooks::registration> regs_;
};

TEST_F(AuthStaticActor, RegistersTheAuthHooks) {
  ASSERT_EQ(regs_.size(), 3u);
  EXPECT_EQ(regs_[0].hook, hooks::hook_id::auth_get_secret);
  EXPECT_EQ(regs_[1].hook, hooks::hook_id::auth_check_password);
  EXPECT_EQ(regs_[2].hook, hooks::hook_id::auth_user_exists);
  EXPECT_EQ(regs_[1].handler, handler());
  EXPECT_EQ(regs_[2].handler, handler());
}

TEST_F(AuthStaticActor, GetSecret) {
  for (auto algo : {hash_algo::sha1, hash_algo::sha256}) {
    auto answer = ask_hook(system_, handler(), atoms::auth_get_secret::value,
                           std::string{"localhost"}, std::string{"alice"}, algo);
    ASSERT_TRUE(answer.handled()) << answer.error;
    ASSERT_TRUE(answer.payload.match_elements<auth::scram_credentials>());
    const auto& creds = answer.payload.get_as<auth::scram_credentials>(0);
    EXPECT_EQ(creds.algo, algo);
    EXPECT_TRUE(auth::verify_password(creds, "secret"));
  }
  EXPECT_TRUE(ask_hook(system_, handler(), atoms::auth_get_secret::value, std::string{"localhost"},
                       std::string{"bob"}, hash_algo::sha1)
                  .declined());
}

TEST_F(AuthStaticActor, CheckPassword) {
  auto right = ask_hook(system_, handler(), atoms::auth_check_password::value,
                        std::string{"localhost"}, std::string{"alice"}, std::string{"secret"});
  ASSERT_TRUE(right.handled()) << right.error;
  EXPECT_TRUE(right.payload.get_as<bool>(0));
  auto wrong = ask_hook(system_, handler(), atoms::auth_check_password::value,
                        std::string{"localhost"}, std::string{"alice"}, std::string{"secret!"});
  ASSERT_TRUE(wrong.handled()) << wrong.error;
  EXPECT_FALSE(wrong.payload.get_as<bool>(0));
  EXPECT_TRUE(ask_hook(system_, handler(), atoms::auth_check_password::value,
                       std::string{"localhost"}, std::string{"bob"}, std::string{"secret"})
                  .declined());
}

TEST_F(AuthStaticActor, UserExists) {
  auto known = ask_hook(system_, handler(), atoms::auth_user_exists::value,
                        std::string{"localhost"}, std::string{"alice"});
  ASSERT_TRUE(known.handled()) << known.error;
  EXPECT_TRUE(known.payload.get_as<bool>(0));
  EXPECT_TRUE(ask_hook(system_, handler(), atoms::auth_user_exists::value, std::string{"localhost"},
                       std::string{"bob"})
                  .declined());
}

TEST(AuthStaticPlugin, StartFailsOnBadUsers) {
  caf::actor_system_config cfg;
  caf::actor_system system{cfg};
  auto server = parse("users = { \"a b\" = \"pw\" }\n");
  plugin_context ctx{
      system, server, server.vhosts[0], server.vhosts[0].plugins[0],
      [](const std::string&, const std::function<caf::actor()>& make) { return make(); }};
  EXPECT_THROW(auth_static::start(ctx), config::config_error);
}

TEST(BuiltinPlugins, ListsBothAuthPlugins) {
  ASSERT_NE(find_plugin("auth_sqlite"), nullptr);
  ASSERT_NE(find_plugin("auth_static"), nullptr);
  EXPECT_EQ(find_plugin("auth_sqlite")->start, &auth_sqlite::start);
  EXPECT_EQ(find_plugin("auth_static")->start, &auth_static::start);
  EXPECT_EQ(find_plugin("nope"), nullptr);
  EXPECT_GE(builtin_plugins().size(), 2u);  // other plugins (e.g. auth_extauth) are built in too
}

}  // namespace
}  // namespace djabberd::plugins::auth_static
