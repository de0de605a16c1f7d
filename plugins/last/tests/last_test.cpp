// last: the server's uptime in seconds on jabber:iq:last to the server.
#include <chrono>

#include <gtest/gtest.h>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include "actors/message_types.hpp"
#include "plugins/last/last_actor.hpp"
#include "plugins/test_support/ask_hook.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::plugins::last {
namespace {

using namespace std::chrono_literals;
using testing::ask_hook;

xml::element_ptr iq(std::string to) {
  auto e = xml::make_element("iq", std::string(ns::client));
  e->set_attr("type", "get");
  e->set_attr("id", "l1");
  if (!to.empty()) e->set_attr("to", std::move(to));
  e->add_child("query", std::string(ns::last));
  return e;
}

class Last : public ::testing::Test {
 protected:
  ~Last() override { caf::anon_send_exit(actor_, caf::exit_reason::user_shutdown); }
  plugins::testing::hook_answer ask(const xml::element_ptr& stanza) {
    return ask_hook(system_, actor_, atoms::iq_c2s::value, std::string{"localhost"},
                    *jid::parse("alice@localhost/r"), stanza);
  }
  caf::actor_system_config cfg_;
  caf::actor_system system_{cfg_};
  // Started "an hour ago".
  caf::actor actor_ = system_.spawn(last_actor, std::chrono::steady_clock::now() - 3600s);
};

TEST_F(Last, AnswersSecondsSinceStart) {
  auto a = ask(iq("localhost"));
  ASSERT_TRUE(a.handled()) << a.error;
  auto query = a.payload.get_as<xml::element_ptr>(0)->child("query", ns::last);
  ASSERT_TRUE(query);
  auto seconds = std::stol(std::string(query->attr_or("seconds")));
  EXPECT_GE(seconds, 3600);
  EXPECT_LT(seconds, 3700);
}

TEST_F(Last, DeclinesAccountsAndAdvertisesItsFeature) {
  EXPECT_TRUE(ask(iq("bob@localhost")).declined());  // an account's last activity: not yet
  EXPECT_TRUE(ask(iq("")).declined());
  auto a =
      ask_hook(system_, actor_, atoms::disco_info::value, std::string{"localhost"}, std::string{});
  ASSERT_TRUE(a.handled()) << a.error;
  auto feature = a.payload.get_as<xml::element_ptr>(0)->child("feature", ns::disco_info);
  ASSERT_TRUE(feature);
  EXPECT_EQ(feature->attr_or("var"), ns::last);
}

}  // namespace
}  // namespace djabberd::plugins::last
