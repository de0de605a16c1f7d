// Tests the pure limit logic of the c2s brokers: token bucket and unauthenticated admission.
#include <gtest/gtest.h>

#include "actors/c2s/admission.hpp"
#include "actors/c2s/refusal.hpp"
#include "actors/c2s/token_bucket.hpp"

namespace djabberd::c2s {
namespace {

using namespace std::chrono_literals;

TEST(TokenBucket, BurstPassesThenPausesAndRefillsAtTheRate) {
  auto t0 = token_bucket::clock::now();
  token_bucket b(1000, 4000, t0);
  EXPECT_TRUE(b.take(2000, t0));
  EXPECT_TRUE(b.take(1999, t0));
  EXPECT_FALSE(b.take(2000, t0));  // level -1999
  auto wait = std::chrono::duration<double, std::milli>(b.time_until(2048, t0)).count();
  EXPECT_NEAR(wait, 4047, 0.01);
  EXPECT_NEAR(b.level(t0 + 1s), -999, 1e-6);
  EXPECT_EQ(b.time_until(2048, t0 + 5s), token_bucket::clock::duration::zero());
  EXPECT_TRUE(b.take(100, t0 + 5s));
}

TEST(TokenBucket, NeverHoldsMoreThanTheBurst) {
  auto t0 = token_bucket::clock::now();
  token_bucket b(1000, 4000, t0);
  EXPECT_DOUBLE_EQ(b.level(t0 + 3600s), 4000);
  EXPECT_FALSE(b.take(4000, t0 + 3600s));
}

TEST(TokenBucket, SustainedRateNeverPauses) {
  auto t = token_bucket::clock::now();
  token_bucket b(10240, 65536, t);
  for (int i = 0; i < 1000; ++i, t += 200ms) ASSERT_TRUE(b.take(2048, t)) << i;
}

TEST(Admission, CapsPerAddressAndInTotal) {
  admission a(2, 3);
  using v = admission::verdict;
  EXPECT_EQ(a.admit("1.1.1.1"), v::admitted);
  EXPECT_EQ(a.admit("1.1.1.1"), v::admitted);
  EXPECT_EQ(a.admit("1.1.1.1"), v::address_full);
  EXPECT_EQ(a.admit("2.2.2.2"), v::admitted);
  EXPECT_EQ(a.admit("3.3.3.3"), v::server_full);
  EXPECT_EQ(a.count("3.3.3.3"), 0u);
  a.release("1.1.1.1");
  EXPECT_EQ(a.total(), 2u);
  EXPECT_EQ(a.admit("3.3.3.3"), v::admitted);
  a.release("9.9.9.9");  // unknown: ignored
  EXPECT_EQ(a.total(), 3u);
}

TEST(Refusal, IsACompleteStreamWithEscapedText) {
  auto s = refusal("example.com", xml::stream_error::policy_violation, "a < b");
  EXPECT_EQ(s.find("<?xml version='1.0'?><stream:stream "), 0u);
  EXPECT_NE(s.find("from='example.com'"), std::string::npos);
  EXPECT_NE(s.find("<policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"),
            std::string::npos);
  EXPECT_NE(s.find("a &lt; b</text>"), std::string::npos);
  EXPECT_TRUE(s.ends_with("</stream:error></stream:stream>"));
}

}  // namespace
}  // namespace djabberd::c2s
