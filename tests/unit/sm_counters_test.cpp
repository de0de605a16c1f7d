// XEP-0198 counters: acking, wrap-around modulo 2^32, bad h, in-order completion of tickets.
#include "actors/c2s/sm_counters.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace djabberd::c2s {
namespace {

xml::element_ptr message(const std::string& id) {
  auto m = xml::make_element("message", "jabber:client");
  m->set_attr("id", id);
  return m;
}

TEST(SmOutbound, AckDropsWhatItCovers) {
  sm_outbound out;
  for (int i = 0; i < 5; ++i) out.sent(message(std::to_string(i)));
  EXPECT_EQ(out.sent_count(), 5u);
  EXPECT_EQ(out.ack(3), sm_outbound::ack_result::ok);
  ASSERT_EQ(out.unacked().size(), 2u);
  EXPECT_EQ(out.unacked().front()->attr_or("id"), "3");
  EXPECT_EQ(out.acked_count(), 3u);
  EXPECT_EQ(out.ack(3), sm_outbound::ack_result::ok);  // repeating an ack is harmless
  EXPECT_EQ(out.ack(5), sm_outbound::ack_result::ok);
  EXPECT_TRUE(out.unacked().empty());
}

TEST(SmOutbound, HigherThanSentIsRejectedAndChangesNothing) {
  sm_outbound out;
  out.sent(message("a"));
  out.sent(message("b"));
  EXPECT_EQ(out.ack(3), sm_outbound::ack_result::too_high);
  EXPECT_EQ(out.unacked().size(), 2u);
  EXPECT_EQ(out.ack(1), sm_outbound::ack_result::ok);
  // Lower than what was already acknowledged: h never goes back.
  EXPECT_EQ(out.ack(0), sm_outbound::ack_result::too_high);
  EXPECT_EQ(out.unacked().size(), 1u);
}

TEST(SmOutbound, NothingSentAcceptsOnlyZero) {
  sm_outbound out;
  EXPECT_EQ(out.ack(0), sm_outbound::ack_result::ok);
  EXPECT_EQ(out.ack(1), sm_outbound::ack_result::too_high);
}

TEST(SmOutbound, CounterWrapsModulo2To32) {
  constexpr std::uint32_t max = std::numeric_limits<std::uint32_t>::max();
  sm_outbound out(max - 1);  // two stanzas before the counter wraps
  for (int i = 0; i < 4; ++i) out.sent(message(std::to_string(i)));
  EXPECT_EQ(out.sent_count(), 2u);  // max-1 + 4 wraps to 2
  EXPECT_EQ(out.ack(max), sm_outbound::ack_result::ok);
  ASSERT_EQ(out.unacked().size(), 3u);
  EXPECT_EQ(out.unacked().front()->attr_or("id"), "1");
  EXPECT_EQ(out.ack(1), sm_outbound::ack_result::ok);  // past the wrap
  ASSERT_EQ(out.unacked().size(), 1u);
  EXPECT_EQ(out.ack(3), sm_outbound::ack_result::too_high);
  EXPECT_EQ(out.ack(max), sm_outbound::ack_result::too_high);  // going back across the wrap
  EXPECT_EQ(out.ack(2), sm_outbound::ack_result::ok);
  EXPECT_TRUE(out.unacked().empty());
}

TEST(SmInbound, WrapsModulo2To32) {
  constexpr std::uint32_t max = std::numeric_limits<std::uint32_t>::max();
  sm_inbound in(max);
  auto a = in.begin();
  auto b = in.begin();
  EXPECT_EQ(a, max);
  EXPECT_EQ(b, 0u);
  in.complete(b);
  EXPECT_EQ(in.handled(), max);
  in.complete(a);
  EXPECT_EQ(in.handled(), 1u);
}

TEST(SmInbound, CompletesInOrder) {
  sm_inbound in;
  auto a = in.begin();
  auto b = in.begin();
  auto c = in.begin();
  EXPECT_EQ(in.handled(), 0u);
  in.complete(b);
  EXPECT_EQ(in.handled(), 0u);  // a is still open: b does not count yet
  in.complete(a);
  EXPECT_EQ(in.handled(), 2u);
  in.complete(c);
  EXPECT_EQ(in.handled(), 3u);
  EXPECT_EQ(in.pending(), 0u);
}

TEST(SmInbound, UnknownAndRepeatedTicketsAreIgnored) {
  sm_inbound in;
  auto a = in.begin();
  in.complete(a + 7);
  EXPECT_EQ(in.handled(), 0u);
  in.complete(a);
  in.complete(a);
  EXPECT_EQ(in.handled(), 1u);
  EXPECT_EQ(in.pending(), 0u);
}

TEST(SmInbound, SynchronousStanzasKeepNoMemory) {
  sm_inbound in;
  for (int i = 0; i < 1000; ++i) in.complete(in.begin());
  EXPECT_EQ(in.handled(), 1000u);
  EXPECT_EQ(in.pending(), 0u);
}

}  // namespace
}  // namespace djabberd::c2s
