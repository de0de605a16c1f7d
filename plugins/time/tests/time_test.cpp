// time: XEP-0082 formatting and the urn:xmpp:time answer to the server.
#include <ctime>

#include <gtest/gtest.h>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include "actors/message_types.hpp"
#include "plugins/test_support/ask_hook.hpp"
#include "plugins/time/time_actor.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::plugins::time {
namespace {

using testing::ask_hook;

TEST(TimeFormat, UtcIsXep0082DateTime) {
  EXPECT_EQ(utc_string(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(utc_string(1166550875), "2006-12-19T17:54:35Z");
}

TEST(TimeFormat, OffsetHasSignHoursAndMinutes) {
  EXPECT_EQ(tzo_string(0), "+00:00");
  EXPECT_EQ(tzo_string(-6 * 3600), "-06:00");
  EXPECT_EQ(tzo_string(5 * 3600 + 30 * 60), "+05:30");
  EXPECT_EQ(tzo_string(-(9 * 3600 + 30 * 60)), "-09:30");
}

xml::element_ptr iq(std::string to) {
  auto e = xml::make_element("iq", std::string(ns::client));
  e->set_attr("type", "get");
  e->set_attr("id", "t1");
  if (!to.empty()) e->set_attr("to", std::move(to));
  e->add_child("time", std::string(ns::time));
  return e;
}

class Time : public ::testing::Test {
 protected:
  ~Time() override { caf::anon_send_exit(actor_, caf::exit_reason::user_shutdown); }
  plugins::testing::hook_answer ask(const xml::element_ptr& stanza) {
    return ask_hook(system_, actor_, atoms::iq_c2s::value, std::string{"localhost"},
                    *jid::parse("alice@localhost/r"), stanza);
  }
  caf::actor_system_config cfg_;
  caf::actor_system system_{cfg_};
  caf::actor actor_ = system_.spawn(time_actor);
};

TEST_F(Time, AnswersTzoAndUtc) {
  auto before = std::time(nullptr);
  auto a = ask(iq("localhost"));
  ASSERT_TRUE(a.handled()) << a.error;
  auto reply = a.payload.get_as<xml::element_ptr>(0);
  auto t = reply->child("time", ns::time);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->child("tzo", ns::time)->text(), tzo_string(local_offset(before)));
  auto utc = t->child("utc", ns::time)->text();
  EXPECT_TRUE(utc == utc_string(before) || utc == utc_string(before + 1)) << utc;
}

TEST_F(Time, DeclinesOtherAddressesAndAdvertisesItsFeature) {
  EXPECT_TRUE(ask(iq("")).declined());
  EXPECT_TRUE(ask(iq("bob@localhost")).declined());
  auto a =
      ask_hook(system_, actor_, atoms::disco_info::value, std::string{"localhost"}, std::string{});
  ASSERT_TRUE(a.handled()) << a.error;
  auto feature = a.payload.get_as<xml::element_ptr>(0)->child("feature", ns::disco_info);
  ASSERT_TRUE(feature);
  EXPECT_EQ(feature->attr_or("var"), ns::time);
}

}  // namespace
}  // namespace djabberd::plugins::time
