// Framing of extauth requests and decoding of replies.
#include <gtest/gtest.h>

#include "plugins/auth_extauth/extauth_protocol.hpp"

namespace djabberd::plugins::auth_extauth {
namespace {

TEST(ExtauthProtocol, RequestTexts) {
  EXPECT_EQ(auth_request("alice", "localhost", "secret"), "auth:alice:localhost:secret");
  EXPECT_EQ(auth_request("alice", "localhost", "a:b::c"), "auth:alice:localhost:a:b::c");
  EXPECT_EQ(auth_request("alice", "localhost", ""), "auth:alice:localhost:");
  EXPECT_EQ(isuser_request("bob", "example.org"), "isuser:bob:example.org");
}

TEST(ExtauthProtocol, FrameHasBigEndianLength) {
  auto frame = encode_frame("isuser:bob:example.org");
  ASSERT_TRUE(frame);
  ASSERT_EQ(frame->size(), 2u + 22u);
  EXPECT_EQ(static_cast<unsigned char>((*frame)[0]), 0);
  EXPECT_EQ(static_cast<unsigned char>((*frame)[1]), 22);
  EXPECT_EQ(frame->substr(2), "isuser:bob:example.org");

  std::string long_text(300, 'x');
  auto big = encode_frame(long_text);
  ASSERT_TRUE(big);
  EXPECT_EQ(static_cast<unsigned char>((*big)[0]), 1);
  EXPECT_EQ(static_cast<unsigned char>((*big)[1]), 44);
}

TEST(ExtauthProtocol, FrameLimits) {
  EXPECT_TRUE(encode_frame(""));
  auto largest = encode_frame(std::string(max_request_size, 'p'));
  ASSERT_TRUE(largest);
  EXPECT_EQ(static_cast<unsigned char>((*largest)[0]), 0xFF);
  EXPECT_EQ(static_cast<unsigned char>((*largest)[1]), 0xFF);
  EXPECT_FALSE(encode_frame(std::string(max_request_size + 1, 'p')));
}

TEST(ExtauthProtocol, DecodesValidReplies) {
  EXPECT_EQ(decode_reply({0, 2, 0, 1}), std::optional<bool>{true});
  EXPECT_EQ(decode_reply({0, 2, 0, 0}), std::optional<bool>{false});
}

TEST(ExtauthProtocol, RejectsMalformedReplies) {
  EXPECT_FALSE(decode_reply({0, 2, 0, 2}));
  EXPECT_FALSE(decode_reply({0, 2, 1, 1}));
  EXPECT_FALSE(decode_reply({0, 3, 0, 1}));
  EXPECT_FALSE(decode_reply({2, 0, 1, 0}));
  EXPECT_FALSE(decode_reply({'h', 'e', 'l', 'l'}));
}

}  // namespace
}  // namespace djabberd::plugins::auth_extauth
