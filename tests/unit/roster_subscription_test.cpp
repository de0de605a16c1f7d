// RFC 6121 Appendix A: every subscription state against every subscription stanza, both ways.
#include <gtest/gtest.h>

#include "actors/roster/subscription.hpp"

using namespace djabberd::roster;

namespace {

// The nine states of Appendix A, by name.
roster_item state(const std::string& name) {
  roster_item item;
  item.contact = "contact@example.net";
  item.to = name.find("To") == 0 || name == "Both";
  item.from = name.find("From") == 0 || name == "Both";
  item.pending_out = name.find("Pending Out") != std::string::npos;  // also "Pending Out/In"
  item.pending_in =
      name.find("Pending In") != std::string::npos || name.find("Out/In") != std::string::npos;
  return item;
}

std::string name_of(const roster_item& item) {
  std::string base = item.to && item.from ? "Both" : item.to ? "To" : item.from ? "From" : "None";
  if (item.pending_out && item.pending_in) return base + " + Pending Out/In";
  if (item.pending_out) return base + " + Pending Out";
  if (item.pending_in) return base + " + Pending In";
  return base;
}

struct row {
  const char* from_state;
  const char* type;
  const char* to_state;
  bool forward;
};

// A.2: outbound (the user sends). "forward" = the server routes the stanza to the contact.
const row outbound_rows[] = {
    {"None", "subscribe", "None + Pending Out", true},
    {"None + Pending Out", "subscribe", "None + Pending Out", true},
    {"None + Pending In", "subscribe", "None + Pending Out/In", true},
    {"To", "subscribe", "To", true},
    {"From", "subscribe", "From + Pending Out", true},
    {"Both", "subscribe", "Both", true},
    {"None + Pending Out", "unsubscribe", "None", true},
    {"None + Pending Out/In", "unsubscribe", "None + Pending In", true},
    {"To", "unsubscribe", "None", true},
    {"To + Pending In", "unsubscribe", "None + Pending In", true},
    {"From + Pending Out", "unsubscribe", "From", true},
    {"Both", "unsubscribe", "From", true},
    {"None + Pending In", "subscribed", "From", true},
    {"None + Pending Out/In", "subscribed", "From + Pending Out", true},
    {"To + Pending In", "subscribed", "Both", true},
    {"From", "subscribed", "From", false},
    {"Both", "subscribed", "Both", false},
    {"None + Pending In", "unsubscribed", "None", true},
    {"None + Pending Out/In", "unsubscribed", "None + Pending Out", true},
    {"To + Pending In", "unsubscribed", "To", true},
    {"From", "unsubscribed", "None", true},
    {"From + Pending Out", "unsubscribed", "None + Pending Out", true},
    {"Both", "unsubscribed", "To", true},
    {"None", "unsubscribed", "None", false},
    {"To", "unsubscribed", "To", false},
};

// A.3: inbound (the contact sends). "forward" = the server delivers it to the user.
const row inbound_rows[] = {
    {"None", "subscribe", "None + Pending In", true},
    {"None + Pending Out", "subscribe", "None + Pending Out/In", true},
    {"None + Pending In", "subscribe", "None + Pending In", false},
    {"To", "subscribe", "To + Pending In", true},
    {"None + Pending Out", "subscribed", "To", true},
    {"None + Pending Out/In", "subscribed", "To + Pending In", true},
    {"From + Pending Out", "subscribed", "Both", true},
    {"None", "subscribed", "None", false},
    {"To", "subscribed", "To", false},
    {"Both", "subscribed", "Both", false},
    {"None + Pending In", "unsubscribe", "None", true},
    {"None + Pending Out/In", "unsubscribe", "None + Pending Out", true},
    {"To + Pending In", "unsubscribe", "To", true},
    {"From", "unsubscribe", "None", true},
    {"From + Pending Out", "unsubscribe", "None + Pending Out", true},
    {"Both", "unsubscribe", "To", true},
    {"None", "unsubscribe", "None", false},
    {"To", "unsubscribe", "To", false},
    {"None + Pending Out", "unsubscribed", "None", true},
    {"None + Pending Out/In", "unsubscribed", "None + Pending In", true},
    {"To", "unsubscribed", "None", true},
    {"To + Pending In", "unsubscribed", "None + Pending In", true},
    {"From + Pending Out", "unsubscribed", "From", true},
    {"Both", "unsubscribed", "From", true},
    {"None", "unsubscribed", "None", false},
    {"From", "unsubscribed", "From", false},
};

TEST(rfc6121_appendix_a2, outbound_transitions) {
  for (const auto& r : outbound_rows) {
    auto item = state(r.from_state);
    ASSERT_EQ(name_of(item), r.from_state);
    auto t = apply_outbound(item, r.type);
    EXPECT_EQ(name_of(item), r.to_state) << r.from_state << " + outbound " << r.type;
    EXPECT_EQ(t.forward, r.forward) << r.from_state << " + outbound " << r.type;
  }
}

TEST(rfc6121_appendix_a3, inbound_transitions) {
  for (const auto& r : inbound_rows) {
    auto item = state(r.from_state);
    auto t = apply_inbound(item, r.type);
    EXPECT_EQ(name_of(item), r.to_state) << r.from_state << " + inbound " << r.type;
    EXPECT_EQ(t.forward, r.forward) << r.from_state << " + inbound " << r.type;
    EXPECT_FALSE(t.auto_subscribed) << r.from_state << " + inbound " << r.type;
  }
}

TEST(rfc6121_appendix_a3, subscribe_from_an_existing_subscriber_is_answered_by_the_server) {
  for (const char* s : {"From", "From + Pending Out", "Both"}) {
    auto item = state(s);
    auto t = apply_inbound(item, "subscribe");
    EXPECT_TRUE(t.auto_subscribed) << s;
    EXPECT_FALSE(t.forward) << s;
    EXPECT_FALSE(t.changed) << s;
  }
}

TEST(rfc6121_3_4, pre_approval_is_stored_not_routed_and_consumed_by_the_request) {
  auto item = state("None");
  auto t = apply_outbound(item, "subscribed");
  EXPECT_FALSE(t.forward);
  EXPECT_TRUE(t.changed);
  EXPECT_TRUE(item.approved);
  t = apply_inbound(item, "subscribe");
  EXPECT_TRUE(t.auto_subscribed);
  EXPECT_FALSE(t.forward);
  EXPECT_EQ(name_of(item), "From");
  EXPECT_FALSE(item.approved);
}

TEST(rfc6121_3_4, unsubscribed_cancels_a_pre_approval) {
  auto item = state("None");
  apply_outbound(item, "subscribed");
  auto t = apply_outbound(item, "unsubscribed");
  EXPECT_FALSE(item.approved);
  EXPECT_TRUE(t.changed);
  EXPECT_FALSE(t.forward);
}

TEST(rfc6121_3_1_3, a_stored_inbound_request_is_hidden_until_answered) {
  roster_item item;
  item.contact = "contact@example.net";
  item.in_roster = false;
  apply_inbound(item, "subscribe");
  EXPECT_FALSE(item.in_roster);
  EXPECT_FALSE(is_empty(item));
  apply_outbound(item, "subscribed");
  EXPECT_TRUE(item.in_roster);
  EXPECT_EQ(name_of(item), "From");
}

TEST(rfc6121_3_2, a_denied_hidden_request_leaves_nothing_to_store) {
  roster_item item;
  item.contact = "contact@example.net";
  item.in_roster = false;
  apply_inbound(item, "subscribe");
  apply_outbound(item, "unsubscribed");
  EXPECT_TRUE(is_empty(item));
}

TEST(rfc6121_3_1_2, subscribe_makes_the_item_visible_with_ask) {
  roster_item item;
  item.contact = "contact@example.net";
  item.in_roster = false;
  auto t = apply_outbound(item, "subscribe");
  EXPECT_TRUE(item.in_roster);
  EXPECT_TRUE(item.pending_out);
  EXPECT_TRUE(t.changed);
}

}  // namespace
