// register: CIDR ranges, the per-address rate limit, and the policy actor's answers.
#include <gtest/gtest.h>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include "actors/message_types.hpp"
#include "plugins/register/cidr.hpp"
#include "plugins/register/rate_limit.hpp"
#include "plugins/register/register_actor.hpp"
#include "plugins/test_support/ask_hook.hpp"

namespace djabberd::plugins::register_ {
namespace {

using testing::ask_hook;

TEST(Cidr, MatchesIpv4RangesAndMappedAddresses) {
  auto net = cidr::parse("10.1.0.0/16");
  ASSERT_TRUE(net);
  EXPECT_TRUE(net->contains("10.1.2.3"));
  EXPECT_TRUE(net->contains("::ffff:10.1.200.1"));  // an IPv4 client on a dual-stack socket
  EXPECT_FALSE(net->contains("10.2.0.1"));
  EXPECT_FALSE(net->contains("::1"));
  EXPECT_FALSE(net->contains("not an address"));
  auto odd = cidr::parse("192.168.1.128/25");
  ASSERT_TRUE(odd);
  EXPECT_TRUE(odd->contains("192.168.1.200"));
  EXPECT_FALSE(odd->contains("192.168.1.100"));
  auto host = cidr::parse("127.0.0.1");
  ASSERT_TRUE(host);
  EXPECT_TRUE(host->contains("127.0.0.1"));
  EXPECT_FALSE(host->contains("127.0.0.2"));
  auto any = cidr::parse("0.0.0.0/0");
  ASSERT_TRUE(any);
  EXPECT_TRUE(any->contains("203.0.113.9"));
}

TEST(Cidr, MatchesIpv6Ranges) {
  auto net = cidr::parse("2001:db8::/32");
  ASSERT_TRUE(net);
  EXPECT_TRUE(net->contains("2001:db8:1::5"));
  EXPECT_TRUE(net->contains("[2001:db8::1]"));
  EXPECT_FALSE(net->contains("2001:db9::1"));
  EXPECT_FALSE(net->contains("10.0.0.1"));
}

TEST(Cidr, RejectsInvalidText) {
  EXPECT_FALSE(cidr::parse("10.0.0.0/33"));
  EXPECT_FALSE(cidr::parse("10.0.0.0/"));
  EXPECT_FALSE(cidr::parse("10.0.0.0/8x"));
  EXPECT_FALSE(cidr::parse("::/129"));
  EXPECT_FALSE(cidr::parse("example.com"));
  EXPECT_FALSE(cidr::parse(""));
}

TEST(RateLimit, AllowsMaxPerWindowPerKey) {
  rate_limit limit(2, std::chrono::seconds(60));
  auto t0 = rate_limit::clock::time_point{} + std::chrono::hours(1);
  EXPECT_TRUE(limit.allows("a", t0));
  limit.record("a", t0);
  limit.record("a", t0 + std::chrono::seconds(1));
  EXPECT_FALSE(limit.allows("a", t0 + std::chrono::seconds(2)));
  EXPECT_TRUE(limit.allows("b", t0 + std::chrono::seconds(2)));
  EXPECT_TRUE(limit.allows("a", t0 + std::chrono::seconds(60)));  // the first one expired
  rate_limit none(0, std::chrono::seconds(60));
  for (int i = 0; i < 10; ++i) none.record("a", t0);
  EXPECT_TRUE(none.allows("a", t0));
}

TEST(RegisterActor, AppliesAddressRateAndPasswordRules) {
  caf::actor_system_config cfg;
  caf::actor_system system{cfg};
  register_policy policy;
  policy.allow_from = {*cidr::parse("127.0.0.0/8")};
  policy.max_per_ip = 1;
  policy.min_password_length = 4;
  auto actor = system.spawn(register_actor, policy);
  const std::string vhost = "localhost", user = "u";
  auto ask = [&](std::string pw, std::string ip, bool fresh) {
    return ask_hook(system, actor, atoms::account_policy::value, vhost, user, std::move(pw),
                    std::move(ip), fresh);
  };
  auto outside = ask("secret", "192.0.2.1", true);
  ASSERT_TRUE(outside.handled()) << outside.error;
  EXPECT_EQ(outside.payload.get_as<std::string>(0), "forbidden");
  auto short_pw = ask("abc", "127.0.0.1", true);
  ASSERT_TRUE(short_pw.handled());
  EXPECT_EQ(short_pw.payload.get_as<std::string>(0), "not-acceptable");
  EXPECT_TRUE(ask("pässwörd", "127.0.0.1", true).declined());
  EXPECT_TRUE(ask("äöü", "127.0.0.1", false).handled());  // 3 characters, 6 bytes
  auto created =
      ask_hook(system, actor, atoms::account_created::value, vhost, user, std::string{"127.0.0.1"});
  EXPECT_TRUE(created.declined());
  auto limited = ask("secret", "127.0.0.1", true);
  ASSERT_TRUE(limited.handled());
  EXPECT_EQ(limited.payload.get_as<std::string>(0), "policy-violation");
  EXPECT_TRUE(ask("secret", "127.0.0.1", false).declined());  // password changes are not limited
  caf::anon_send_exit(actor, caf::exit_reason::user_shutdown);
}

}  // namespace
}  // namespace djabberd::plugins::register_
