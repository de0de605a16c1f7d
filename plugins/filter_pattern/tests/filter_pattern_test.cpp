// filter_pattern: settings errors name file/line/key; the actor drops matches and declines others.
#include <gtest/gtest.h>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include "actors/message_types.hpp"
#include "config/config.hpp"
#include "plugins/filter_pattern/filter_pattern_actor.hpp"
#include "plugins/filter_pattern/filter_rule.hpp"
#include "plugins/test_support/ask_hook.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::plugins::filter_pattern {
namespace {

using testing::ask_hook;

// A configuration whose first vhost has one filter_pattern plugin with `plugin_lines` (line 5 on).
config::server_config parse(const std::string& plugin_lines) {
  return config::parse(
      "[[vhosts]]\ndomain = \"localhost\"\n[[vhosts.plugins]]\nname = \"filter_pattern\"\n" +
          plugin_lines,
      "test.toml");
}

std::string read_error(const std::string& plugin_lines) {
  auto server = parse(plugin_lines);
  try {
    read_filter_rule(server.vhosts[0].plugins[0].settings);
  } catch (const config::config_error& e) {
    return e.what();
  }
  return "";
}

xml::element_ptr stanza(const std::string& kind, const std::string& child,
                        const std::string& text) {
  auto e = xml::make_element(kind, std::string(ns::client));
  e->add_child(child, std::string(ns::client)).add_text(text);
  return e;
}

TEST(FilterPatternSettings, DefaultsToMessages) {
  auto server = parse("pattern = \"spam\"\n");
  auto rule = read_filter_rule(server.vhosts[0].plugins[0].settings);
  EXPECT_EQ(rule.kinds, std::vector<std::string>{"message"});
  EXPECT_TRUE(rule.matches(*stanza("message", "body", "this is spam!")));
  EXPECT_FALSE(rule.matches(*stanza("message", "body", "ham")));
  EXPECT_FALSE(rule.matches(*stanza("presence", "status", "spam")));
  EXPECT_FALSE(rule.matches(*stanza("message", "subject", "spam")));
}

TEST(FilterPatternSettings, PresenceStatusWhenAsked) {
  auto server = parse("pattern = \"^away\"\nkinds = [\"presence\"]\n");
  auto rule = read_filter_rule(server.vhosts[0].plugins[0].settings);
  EXPECT_TRUE(rule.matches(*stanza("presence", "status", "away for lunch")));
  EXPECT_FALSE(rule.matches(*stanza("message", "body", "away")));
}

TEST(FilterPatternSettings, BadRegexNamesFileLineAndKey) {
  auto error = read_error("pattern = \"(unclosed\"\n");
  EXPECT_EQ(error.rfind("test.toml:5: vhosts[0].plugins[0].pattern: invalid regular expression", 0),
            0u)
      << error;
}

TEST(FilterPatternSettings, MissingPatternUnknownKindAndUnknownKey) {
  EXPECT_NE(read_error("").find("vhosts[0].plugins[0].pattern"), std::string::npos);
  EXPECT_NE(read_error("pattern = \"x\"\nkinds = [\"iq\"]\n")
                .find("test.toml:6: vhosts[0].plugins[0].kinds: unknown stanza kind 'iq'"),
            std::string::npos);
  EXPECT_NE(read_error("pattern = \"x\"\npatern = \"y\"\n").find("test.toml:6:"),
            std::string::npos);
}

TEST(FilterPatternSettings, Direction) {
  auto server = parse("pattern = \"x\"\ndirection = \"both\"\n");
  auto rule = read_filter_rule(server.vhosts[0].plugins[0].settings);
  EXPECT_TRUE(rule.inbound);
  EXPECT_TRUE(rule.outbound);
  server = parse("pattern = \"x\"\ndirection = \"out\"\n");
  rule = read_filter_rule(server.vhosts[0].plugins[0].settings);
  EXPECT_FALSE(rule.inbound);
  EXPECT_TRUE(rule.outbound);
  EXPECT_NE(read_error("pattern = \"x\"\ndirection = \"up\"\n")
                .find("test.toml:6: vhosts[0].plugins[0].direction"),
            std::string::npos);
}

TEST(FilterPatternActor, DropsMatchesDeclinesOthers) {
  caf::actor_system_config cfg;
  caf::actor_system system{cfg};
  auto server = parse("pattern = \"[Ss]pam\"\n");
  auto rule =
      std::make_shared<const filter_rule>(read_filter_rule(server.vhosts[0].plugins[0].settings));
  auto actor = system.spawn(filter_actor, rule);
  auto from = *jid::parse("alice@localhost/r");
  auto dropped = ask_hook(system, actor, atoms::c2s_filter::value, std::string{"localhost"}, from,
                          stanza("message", "body", "Spam here"));
  EXPECT_TRUE(dropped.handled()) << dropped.error;
  auto passed = ask_hook(system, actor, atoms::c2s_filter::value, std::string{"localhost"}, from,
                         stanza("message", "body", "hello"));
  EXPECT_TRUE(passed.declined()) << passed.error;
  auto out = ask_hook(system, actor, atoms::pre_write::value, std::string{"localhost"}, from,
                      stanza("message", "body", "more spam"));
  ASSERT_TRUE(out.handled()) << out.error;
  ASSERT_TRUE(out.payload.match_elements<xml::element_ptr>());
  EXPECT_EQ(out.payload.get_as<xml::element_ptr>(0), nullptr);
  caf::anon_send_exit(actor, caf::exit_reason::user_shutdown);
}

}  // namespace
}  // namespace djabberd::plugins::filter_pattern
