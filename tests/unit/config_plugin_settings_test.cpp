// Tests plugin_settings: typed getters, allow_only and errors at the right line and key.
#include <gtest/gtest.h>

#include "config/config.hpp"

namespace djabberd::config {
namespace {

constexpr std::string_view text = R"([[vhosts]]
domain = "example.com"

[[vhosts.plugins]]
name = "first"

[[vhosts.plugins]]
name = "store"
priority = -5
path = "db.sqlite"
max_rows = 5000
enabled = false
admins = ["alice@example.com", "bob@example.com"]
bad_list = ["ok", 3]
fraction = 0.5
inline_map = { zeta = "1", alpha = "2" }

[vhosts.plugins.table_map]
zulu = "z"
mike = "m"
alpha = "a"
)";

class PluginSettings : public testing::Test {
 protected:
  void SetUp() override {
    config_ = parse(text, "p.toml");
    settings_ = config_.vhosts[0].plugins[1].settings;
  }

  config_error error_of(const std::function<void()>& f) {
    try {
      f();
    } catch (const config_error& e) {
      return e;
    }
    ADD_FAILURE() << "no config_error";
    return config_error("", 0, "", "");
  }

  server_config config_;
  plugin_settings settings_;
};

TEST_F(PluginSettings, ReadsValues) {
  EXPECT_EQ(settings_.plugin_name(), "store");
  EXPECT_EQ(config_.vhosts[0].plugins[1].priority, -5);
  EXPECT_EQ(settings_.get_string("path", "x"), "db.sqlite");
  EXPECT_EQ(settings_.get_string("missing", "fallback"), "fallback");
  EXPECT_EQ(settings_.get_int("max_rows", 1, 0, 10000), 5000);
  EXPECT_EQ(settings_.get_int("missing", 42, 0, 100), 42);
  EXPECT_FALSE(settings_.get_bool("enabled", true));
  EXPECT_TRUE(settings_.get_bool("missing", true));
  EXPECT_EQ(settings_.get_string_list("admins"),
            (std::vector<std::string>{"alice@example.com", "bob@example.com"}));
  EXPECT_TRUE(settings_.get_string_list("missing").empty());
}

TEST_F(PluginSettings, StringMapsKeepFileOrder) {
  using map = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(settings_.get_string_map("inline_map"), (map{{"zeta", "1"}, {"alpha", "2"}}));
  EXPECT_EQ(settings_.get_string_map("table_map"),
            (map{{"zulu", "z"}, {"mike", "m"}, {"alpha", "a"}}));
  EXPECT_TRUE(settings_.get_string_map("missing").empty());
}

TEST_F(PluginSettings, AllowOnlyReportsUnknownKeyLine) {
  config_error e = error_of([&] {
    settings_.allow_only({"path", "max_rows", "enabled", "admins", "bad_list", "fraction",
                          "inline_map", "table_mop"});
  });
  EXPECT_EQ(e.file(), "p.toml");
  EXPECT_EQ(e.line(), 18u);
  EXPECT_EQ(e.key(), "vhosts[0].plugins[1].table_map");
  EXPECT_EQ(e.message(), "unknown key 'table_map' (did you mean 'table_mop'?)");
  EXPECT_NO_THROW(config_.vhosts[0].plugins[0].settings.allow_only({}));
}

TEST_F(PluginSettings, AllowOnlyReportsFirstUnknownKeyInFileOrder) {
  config_error e = error_of([&] { settings_.allow_only({"path"}); });
  EXPECT_EQ(e.line(), 11u);
  EXPECT_EQ(e.key(), "vhosts[0].plugins[1].max_rows");
}

TEST_F(PluginSettings, GetIntOutOfRangeReportsLine) {
  config_error e = error_of([&] { settings_.get_int("max_rows", 1, 1, 1000); });
  EXPECT_EQ(e.line(), 11u);
  EXPECT_EQ(e.key(), "vhosts[0].plugins[1].max_rows");
  EXPECT_EQ(e.message(), "must be between 1 and 1000, got 5000");
  EXPECT_STREQ(e.what(),
               "p.toml:11: vhosts[0].plugins[1].max_rows: must be between 1 and 1000, got 5000");
}

TEST_F(PluginSettings, WrongTypesNameExpectedType) {
  config_error e = error_of([&] { settings_.get_string("max_rows", ""); });
  EXPECT_EQ(e.line(), 11u);
  EXPECT_EQ(e.message(), "expected a string, got an integer");
  e = error_of([&] { settings_.get_int("fraction", 0, 0, 1); });
  EXPECT_EQ(e.line(), 15u);
  EXPECT_EQ(e.message(), "expected an integer, got a float");
  e = error_of([&] { settings_.get_bool("path", false); });
  EXPECT_EQ(e.message(), "expected a boolean, got a string");
  e = error_of([&] { settings_.get_string_list("bad_list"); });
  EXPECT_EQ(e.line(), 14u);
  EXPECT_EQ(e.key(), "vhosts[0].plugins[1].bad_list[1]");
  e = error_of([&] { settings_.get_string_map("path"); });
  EXPECT_EQ(e.key(), "vhosts[0].plugins[1].path");
  EXPECT_EQ(e.message(), "expected a table of strings, got a string");
  e = error_of([&] { settings_.get_string_list("path"); });
  EXPECT_EQ(e.message(), "expected an array of strings, got a string");
}

TEST_F(PluginSettings, FailUsesKeyLineOrTableLine) {
  config_error e = error_of([&] { settings_.fail("path", "no such file"); });
  EXPECT_EQ(e.line(), 10u);
  EXPECT_EQ(e.key(), "vhosts[0].plugins[1].path");
  EXPECT_EQ(e.message(), "no such file");
  e = error_of([&] { settings_.fail("password_file", "required"); });
  EXPECT_EQ(e.line(), 7u);
  EXPECT_EQ(e.key(), "vhosts[0].plugins[1].password_file");
}

TEST(PluginSettingsDefault, EmptySettingsReturnFallbacks) {
  plugin_settings empty;
  EXPECT_EQ(empty.plugin_name(), "");
  EXPECT_EQ(empty.get_string("a", "b"), "b");
  EXPECT_EQ(empty.get_int("a", 3, 0, 1), 3);
  EXPECT_TRUE(empty.get_bool("a", true));
  EXPECT_TRUE(empty.get_string_list("a").empty());
  EXPECT_TRUE(empty.get_string_map("a").empty());
  EXPECT_NO_THROW(empty.allow_only({}));
  EXPECT_THROW(empty.fail("a", "b"), config_error);
}

}  // namespace
}  // namespace djabberd::config
