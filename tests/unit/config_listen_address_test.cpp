// Tests parsing and printing of listen addresses.
#include <gtest/gtest.h>

#include "config/listen_address.hpp"

namespace djabberd::config {
namespace {

TEST(ListenAddress, ParsesAndPrints) {
  for (std::string_view text :
       {"127.0.0.1:5222", "[::1]:5222", "0.0.0.0:5222", "[::]:1", "localhost:65535",
        "xmpp.example.com:5222", "[2001:db8::7]:443", "127.0.0.1:0"}) {
    auto address = parse_listen_address(text);
    ASSERT_TRUE(address) << text;
    EXPECT_EQ(address->str(), text);
  }
  auto v6 = parse_listen_address("[::1]:5222");
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 5222);
}

TEST(ListenAddress, RejectsBadInput) {
  for (std::string_view text :
       {"", ":5222", "127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "::1:5222", "[::1]5222",
        "[::1:5222", "[nothost]:5222", "1.2.3.4:52x2", "1.2.3.4:-1", "a b:5222", "300.1.1.1:5222",
        "-bad.example:5222", "host:+5"}) {
    std::string error;
    EXPECT_FALSE(parse_listen_address(text, &error)) << text;
    EXPECT_FALSE(error.empty()) << text;
  }
}

}  // namespace
}  // namespace djabberd::config
