// version: answers jabber:iq:version gets to the server only, and advertises the feature.
#include <gtest/gtest.h>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include "actors/message_types.hpp"
#include "plugins/test_support/ask_hook.hpp"
#include "plugins/version/version_actor.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::plugins::version {
namespace {

using testing::ask_hook;

xml::element_ptr iq(std::string type, std::string to, std::string_view payload_ns = ns::version) {
  auto e = xml::make_element("iq", std::string(ns::client));
  e->set_attr("type", std::move(type));
  e->set_attr("id", "v1");
  e->set_attr("from", "alice@localhost/r");
  if (!to.empty()) e->set_attr("to", std::move(to));
  e->add_child("query", std::string(payload_ns));
  return e;
}

class Version : public ::testing::Test {
 protected:
  ~Version() override { caf::anon_send_exit(actor_, caf::exit_reason::user_shutdown); }

  void start(software info) { actor_ = system_.spawn(version_actor, std::move(info)); }

  plugins::testing::hook_answer ask(const xml::element_ptr& stanza) {
    return ask_hook(system_, actor_, atoms::iq_c2s::value, std::string{"localhost"},
                    *jid::parse("alice@localhost/r"), stanza);
  }

  static xml::element_ptr reply_of(const plugins::testing::hook_answer& a) {
    EXPECT_TRUE(a.handled()) << a.error;
    if (!a.handled() || !a.payload.match_elements<xml::element_ptr>()) return nullptr;
    return a.payload.get_as<xml::element_ptr>(0);
  }

  caf::actor_system_config cfg_;
  caf::actor_system system_{cfg_};
  caf::actor actor_;
};

TEST_F(Version, AnswersNameAndVersionWithoutOsByDefault) {
  start({"djabberd", "1.2.3", ""});
  auto reply = reply_of(ask(iq("get", "localhost")));
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->attr_or("type"), "result");
  EXPECT_EQ(reply->attr_or("from"), "localhost");
  auto query = reply->child("query", ns::version);
  ASSERT_TRUE(query);
  EXPECT_EQ(query->child("name", ns::version)->text(), "djabberd");
  EXPECT_EQ(query->child("version", ns::version)->text(), "1.2.3");
  EXPECT_FALSE(query->child("os", ns::version));
}

TEST_F(Version, AddsTheOsWhenConfigured) {
  start({"djabberd", "1.2.3", operating_system()});
  auto reply = reply_of(ask(iq("get", "localhost")));
  ASSERT_TRUE(reply);
  auto os = reply->child("query", ns::version)->child("os", ns::version);
  ASSERT_TRUE(os);
  EXPECT_FALSE(os->text().empty());
}

TEST_F(Version, DeclinesEverythingElse) {
  start({"djabberd", "1", ""});
  EXPECT_TRUE(ask(iq("get", "")).declined());  // no 'to': the account, not the server
  EXPECT_TRUE(ask(iq("get", "alice@localhost")).declined());
  EXPECT_TRUE(ask(iq("set", "localhost")).declined());
  EXPECT_TRUE(ask(iq("get", "localhost", "urn:other")).declined());
}

TEST_F(Version, AdvertisesItsFeatureOnlyWithoutNode) {
  start({"djabberd", "1", ""});
  auto a =
      ask_hook(system_, actor_, atoms::disco_info::value, std::string{"localhost"}, std::string{});
  ASSERT_TRUE(a.handled()) << a.error;
  auto query = a.payload.get_as<xml::element_ptr>(0);
  ASSERT_TRUE(query->is("query", ns::disco_info));
  auto feature = query->child("feature", ns::disco_info);
  ASSERT_TRUE(feature);
  EXPECT_EQ(feature->attr_or("var"), ns::version);
  EXPECT_TRUE(ask_hook(system_, actor_, atoms::disco_info::value, std::string{"localhost"},
                       std::string{"some-node"})
                  .declined());
}

}  // namespace
}  // namespace djabberd::plugins::version
