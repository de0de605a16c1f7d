// Tests of the cluster's pure parts: rendezvous hashing, member lists, the secret check, and the
// serialisation of elements and JIDs as they cross nodes.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include <caf/all.hpp>
#include <caf/binary_deserializer.hpp>
#include <caf/binary_serializer.hpp>
#include <caf/io/all.hpp>

#include "actors/cluster/member_list.hpp"
#include "actors/cluster/node.hpp"
#include "actors/cluster/rendezvous.hpp"
#include "actors/message_types.hpp"
#include "stanza/serializer.hpp"

namespace djabberd::cluster {
namespace {

const std::vector<std::string> three = {"n1", "n2", "n3"};

std::string account(int i) {
  return "user" + std::to_string(i) + "@example.com";
}

TEST(ClusterRendezvous, IsDeterministicAndIndependentOfOrder) {
  std::vector<std::string> reversed = {"n3", "n2", "n1"};
  for (int i = 0; i < 200; ++i) {
    auto a = rendezvous_pick(account(i), three);
    auto b = rendezvous_pick(account(i), reversed);
    EXPECT_EQ(three[static_cast<std::size_t>(a)], reversed[static_cast<std::size_t>(b)]);
  }
  // Pinned values: every node of every build must agree (tests/integration/cluster_helpers.py
  // computes the same function).
  EXPECT_EQ(rendezvous_weight("n1", "a@b"), 10690155766057628100ULL);
  EXPECT_EQ(rendezvous_weight("n2", "alice@localhost"), 12025384690828202547ULL);
  EXPECT_EQ(three[static_cast<std::size_t>(rendezvous_pick("alice@localhost", three))], "n3");
  EXPECT_NE(rendezvous_weight("n1", "a@b"), rendezvous_weight("n2", "a@b"));
  EXPECT_NE(rendezvous_weight("ab", "c"), rendezvous_weight("a", "bc"));
}

TEST(ClusterRendezvous, SpreadsAccountsOverNodes) {
  std::map<int, int> per_node;
  for (int i = 0; i < 3000; ++i) ++per_node[rendezvous_pick(account(i), three)];
  ASSERT_EQ(per_node.size(), 3u);
  for (auto [node, n] : per_node) {
    EXPECT_GT(n, 800) << "node " << node;
    EXPECT_LT(n, 1200) << "node " << node;
  }
}

TEST(ClusterRendezvous, RemovingANodeMovesOnlyItsAccountsToTheirSecondChoice) {
  std::vector<std::string> two = {"n1", "n3"};
  for (int i = 0; i < 1000; ++i) {
    auto key = account(i);
    auto rank = rendezvous_rank(key, three, 3);
    ASSERT_EQ(rank.size(), 3u);
    EXPECT_EQ(rank[0], rendezvous_pick(key, three));
    const auto& before = three[static_cast<std::size_t>(rank[0])];
    const auto& after = two[static_cast<std::size_t>(rendezvous_pick(key, two))];
    if (before != "n2")
      EXPECT_EQ(after, before) << key;
    else
      EXPECT_EQ(after, three[static_cast<std::size_t>(rank[1])]) << key;
  }
}

TEST(ClusterRendezvous, EmptyAndSingleNode) {
  EXPECT_EQ(rendezvous_pick("a@b", {}), -1);
  EXPECT_EQ(rendezvous_pick("a@b", {"only"}), 0);
  EXPECT_EQ(rendezvous_rank("a@b", {"only"}, 2).size(), 1u);
}

TEST(ClusterMemberList, EncodesAndDecodes) {
  member_address m{"node-1", "::1", 7001};
  EXPECT_EQ(encode_member(m), "node-1|::1|7001");
  EXPECT_EQ(decode_member(encode_member(m)), m);
  for (const char* bad :
       {"", "n1", "n1|h", "|h|1", "n1||1", "n1|h|0", "n1|h|65536", "n1|h|x", "n1|h|1x"})
    EXPECT_FALSE(decode_member(bad)) << bad;
}

TEST(ClusterMemberList, MergesOnlyUnknownValidOthers) {
  std::vector<std::string> gossip = {"n1|127.0.0.1|7001", "n2|127.0.0.1|7002", "garbage",
                                     "n3|127.0.0.1|7003", "n3|10.0.0.3|7003",  "n4|127.0.0.1|7004"};
  auto out = members_to_contact(gossip, "n1", {"n2"});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0], (member_address{"n3", "127.0.0.1", 7003}));
  EXPECT_EQ(out[1].name, "n4");
}

TEST(ClusterSecret, ComparesWholeStrings) {
  EXPECT_TRUE(same_secret("0123456789abcdef", "0123456789abcdef"));
  EXPECT_FALSE(same_secret("0123456789abcdef", "0123456789abcdeF"));
  EXPECT_FALSE(same_secret("0123456789abcdef", "0123456789abcdef0"));
  EXPECT_FALSE(same_secret("", "x"));
}

// Serialises `msg` as the middleman does and reads it back in another actor system.
caf::message round_trip(const caf::message& msg) {
  config::cluster_config cluster;
  caf::actor_system_config cfg_a, cfg_b;
  cfg_a.load<caf::io::middleman>();
  cfg_b.load<caf::io::middleman>();
  configure(cfg_a, cluster);
  configure(cfg_b, cluster);
  caf::actor_system a{cfg_a}, b{cfg_b};
  std::vector<char> buf;
  caf::binary_serializer sink{a, buf};
  auto copy = msg;
  EXPECT_FALSE(sink(copy));
  caf::binary_deserializer source{b, buf};
  caf::message out;
  EXPECT_FALSE(source(out));
  return out;
}

TEST(ClusterWire, ElementsAndJidsSurviveSerialisation) {
  auto msg = xml::make_element("message", "jabber:client");
  msg->set_attr("to", "juliet@example.com/balcony");
  msg->set_attr("type", "chat");
  msg->set_attr("lang", "en", std::string(xml::xml_ns));
  msg->set_attr("a", "1 & 'two' <3>", "urn:attrs");
  msg->add_child("body", "jabber:client").add_text("Wherefore \xE2\x98\xBA <&>\r\n");
  auto& x = msg->add_child("x", "urn:example");
  x.add_child("y", "").add_text("inner");
  x.add_text("tail");
  xml::element_ptr element = msg;
  auto full = *jid::parse("Juliet@Example.com/Balcony");
  auto out = round_trip(caf::make_message(element, full, xml::element_ptr{}, jid{}));
  ASSERT_TRUE((out.match_elements<xml::element_ptr, jid, xml::element_ptr, jid>()));
  ASSERT_TRUE(out.get_as<xml::element_ptr>(0));
  EXPECT_EQ(*out.get_as<xml::element_ptr>(0), *msg);
  EXPECT_EQ(xml::to_string(*out.get_as<xml::element_ptr>(0)), xml::to_string(*msg));
  EXPECT_EQ(out.get_as<jid>(1), full);
  EXPECT_EQ(out.get_as<jid>(1).resource(), "Balcony");
  EXPECT_FALSE(out.get_as<xml::element_ptr>(2));
  EXPECT_TRUE(out.get_as<jid>(3).empty());
}

TEST(ClusterWire, NestedMessagesAsRoutersForwardThem) {
  auto presence = xml::make_element("presence", "jabber:client");
  presence->add_child("show", "jabber:client").add_text("away");
  auto inner = caf::make_message(caf::atom("presence"), *jid::parse("a@b/c"), 5, true,
                                 xml::element_ptr{presence});
  auto out = round_trip(caf::make_message(caf::atom("clforward"), *jid::parse("a@b"), inner));
  ASSERT_TRUE((out.match_elements<caf::atom_value, jid, caf::message>()));
  const auto& got = out.get_as<caf::message>(2);
  ASSERT_TRUE((got.match_elements<caf::atom_value, jid, int, bool, xml::element_ptr>()));
  EXPECT_EQ(got.get_as<int>(2), 5);
  EXPECT_EQ(*got.get_as<xml::element_ptr>(4), *presence);
}

}  // namespace
}  // namespace djabberd::cluster
