// iq_echo: echoes its namespace (now or after delay_ms), declines every other IQ.
#include <chrono>

#include <gtest/gtest.h>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include "actors/message_types.hpp"
#include "plugins/iq_echo/iq_echo_actor.hpp"
#include "plugins/iq_echo/iq_echo_plugin.hpp"
#include "plugins/test_support/ask_hook.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::plugins::iq_echo {
namespace {

using namespace std::chrono_literals;
using testing::ask_hook;

xml::element_ptr iq(const std::string& type, std::string_view payload_ns) {
  auto e = xml::make_element("iq", std::string(ns::client));
  e->set_attr("type", type);
  e->set_attr("id", "q1");
  e->set_attr("from", "alice@localhost/r");
  e->add_child("echo", std::string(payload_ns)).add_text("hi");
  return e;
}

class IqEcho : public ::testing::Test {
 protected:
  ~IqEcho() override { caf::anon_send_exit(actor_, caf::exit_reason::user_shutdown); }

  plugins::testing::hook_answer ask(const xml::element_ptr& stanza) {
    return ask_hook(system_, actor_, atoms::iq_c2s::value, std::string{"localhost"},
                    *jid::parse("alice@localhost/r"), stanza);
  }

  caf::actor_system_config cfg_;
  caf::actor_system system_{cfg_};
  caf::actor actor_;
};

TEST_F(IqEcho, EchoesThePayloadInAResult) {
  actor_ = system_.spawn(echo_actor, 0ms);
  auto a = ask(iq("get", echo_ns));
  ASSERT_TRUE(a.handled()) << a.error;
  ASSERT_TRUE(a.payload.match_elements<xml::element_ptr>());
  auto reply = a.payload.get_as<xml::element_ptr>(0);
  EXPECT_EQ(reply->attr_or("type"), "result");
  EXPECT_EQ(reply->attr_or("id"), "q1");
  EXPECT_EQ(reply->attr_or("to"), "alice@localhost/r");
  auto echo = reply->child("echo", echo_ns);
  ASSERT_TRUE(echo);
  EXPECT_EQ(echo->text(), "hi");
}

TEST_F(IqEcho, DeclinesOtherNamespacesAndSets) {
  actor_ = system_.spawn(echo_actor, 0ms);
  EXPECT_TRUE(ask(iq("get", "urn:other")).declined());
  EXPECT_TRUE(ask(iq("set", echo_ns)).declined());
}

TEST_F(IqEcho, AnswersLateThroughAPromise) {
  actor_ = system_.spawn(echo_actor, 100ms);
  auto start = std::chrono::steady_clock::now();
  auto a = ask(iq("get", echo_ns));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 100ms);
  EXPECT_TRUE(a.handled()) << a.error;
}

TEST_F(IqEcho, AdvertisesItsFeature) {
  actor_ = system_.spawn(echo_actor, 0ms);
  auto a = ask_hook(system_, actor_, atoms::stream_features::value, std::string{"localhost"},
                    std::string{"alice"});
  ASSERT_TRUE(a.handled()) << a.error;
  ASSERT_TRUE(a.payload.match_elements<xml::element_ptr>());
  EXPECT_TRUE(a.payload.get_as<xml::element_ptr>(0)->is("echo", echo_ns));
}

}  // namespace
}  // namespace djabberd::plugins::iq_echo
