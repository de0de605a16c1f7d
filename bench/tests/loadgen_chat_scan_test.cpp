// The messaging scenario's scanning of received chat messages, bounces and split input.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bench/loadgen/chat_scan.hpp"
#include "bench/loadgen/scram_cache_file.hpp"

namespace djabberd::loadgen {
namespace {

TEST(LoadgenChatScan, ReadsStampsAndErrors) {
  const std::string buf =
      "<message from='b1@localhost/bench' to='b0@localhost/bench' type='chat'>"
      "<body>123456789</body></message>"
      "<message type='error' from='b3@localhost/bench'><body>5</body><error type='cancel'>"
      "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>"
      "<message type='chat'><body>not a number</body></message>";
  std::vector<ReceivedMessage> got;
  EXPECT_EQ(scan_messages(buf, got), buf.size());
  ASSERT_EQ(got.size(), 3u);
  EXPECT_FALSE(got[0].error);
  EXPECT_EQ(got[0].stamp_ns, 123456789u);
  EXPECT_TRUE(got[1].error);
  EXPECT_EQ(got[1].condition, "service-unavailable");
  EXPECT_FALSE(got[2].error);
  EXPECT_FALSE(got[2].stamp_ns);
}

TEST(LoadgenChatScan, KeepsAnIncompleteMessage) {
  const std::string one = "<message type='chat'><body>42</body></message>";
  const std::string buf = one + "<presence/>" + one.substr(0, 20);
  std::vector<ReceivedMessage> got;
  const std::size_t drop = scan_messages(buf, got);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(buf.substr(drop), one.substr(0, 20));
  // Every split of two messages yields both, once the rest arrives.
  const std::string two = one + one;
  for (std::size_t cut = 1; cut < two.size(); ++cut) {
    std::string in = two.substr(0, cut);
    std::size_t total = 0;
    total += (in.erase(0, scan_messages(in, got)), got.size());
    in += two.substr(cut);
    total += (scan_messages(in, got), got.size());
    EXPECT_EQ(total, 2u) << cut;
  }
}

TEST(LoadgenChatScan, KeepsOnlyATailOfOtherText) {
  const std::string junk(2000, 'x');
  std::vector<ReceivedMessage> got;
  EXPECT_EQ(scan_messages(junk, got), 2000u - 512u);
  EXPECT_TRUE(got.empty());
  EXPECT_EQ(scan_messages("<iq/>", got), 0u);
}

TEST(LoadgenChatScan, BodyStamp) {
  EXPECT_EQ(body_stamp("<message><body>0</body></message>"), 0u);
  EXPECT_FALSE(body_stamp("<message><body></body></message>"));
  EXPECT_FALSE(body_stamp("<message><body>12345678901234567890</body></message>"));
  EXPECT_FALSE(body_stamp("<message/>"));
}

TEST(LoadgenScramCacheFile, RoundTripsAndChecksThePassword) {
  const std::string path = ::testing::TempDir() + "loadgen-scram-cache-test";
  ScramKeyCache keys{"pw"};
  keys.get("salt-one", 4096);
  keys.get("salt-two", 4096);
  ASSERT_TRUE(save_scram_cache(path, keys));
  ScramKeyCache again{"pw"};
  EXPECT_EQ(load_scram_cache(path, again), 2u);
  const ScramKeys k = again.get("salt-one", 4096);
  EXPECT_EQ(again.computed(), 0u);
  EXPECT_EQ(k.stored_key, keys.get("salt-one", 4096).stored_key);
  ScramKeyCache other{"another"};
  EXPECT_EQ(load_scram_cache(path, other), 0u);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace djabberd::loadgen
