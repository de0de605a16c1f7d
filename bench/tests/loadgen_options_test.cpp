// The load generator's command line and --source-ips parsing.
#include <gtest/gtest.h>

#include <vector>

#include "bench/loadgen/options.hpp"
#include "bench/loadgen/source_addrs.hpp"

namespace djabberd::loadgen {
namespace {

std::optional<Options> parse(std::vector<const char*> args, int& code) {
  args.insert(args.begin(), "djabberd-loadgen");
  return parse_options(static_cast<int>(args.size()), const_cast<char**>(args.data()), code);
}

TEST(LoadgenOptions, ParsesAllAndDerivesDeadline) {
  int code = -1;
  auto o = parse({"--port", "5222", "--password", "pw", "--count", "5000", "--rate", "250",
                  "--hold", "10", "--mech", "PLAIN", "--direct-tls", "--users-prefix", "u"},
                 code);
  ASSERT_TRUE(o);
  EXPECT_EQ(code, 0);
  EXPECT_EQ(o->port, 5222);
  EXPECT_EQ(o->count, 5000u);
  EXPECT_EQ(o->mech, Mech::plain);
  EXPECT_TRUE(o->direct_tls);
  EXPECT_EQ(o->users_prefix, "u");
  EXPECT_DOUBLE_EQ(o->deadline, 5000 / 250.0 + 10 + 120);
}

TEST(LoadgenOptions, RejectsBadValues) {
  int code = -1;
  EXPECT_FALSE(parse({"--port", "0", "--password", "pw"}, code));
  EXPECT_EQ(code, 2);
  EXPECT_FALSE(parse({"--port", "5222"}, code));
  EXPECT_FALSE(parse({"--port", "5222", "--password", "pw", "--mech", "DIGEST-MD5"}, code));
  EXPECT_FALSE(parse({"--port", "5222", "--password", "pw", "--rate", "0"}, code));
  EXPECT_FALSE(parse({"--port", "5222", "--password", "pw", "--count", "-3"}, code));
  EXPECT_FALSE(parse({"--port", "5222", "--password", "pw", "--bogus"}, code));
}

TEST(LoadgenOptions, Messaging) {
  int code = -1;
  auto o = parse({"--port", "5222", "--password", "pw", "--count", "1000", "--scenario",
                  "messaging", "--msg-rate", "5000", "--duration", "15", "--messages", "100000",
                  "--window", "4", "--no-tls", "--rate", "500"},
                 code);
  ASSERT_TRUE(o);
  EXPECT_DOUBLE_EQ(o->msg_rate, 5000);
  EXPECT_EQ(o->window, 4u);
  EXPECT_EQ(o->messages, 100000u);
  EXPECT_TRUE(o->no_tls);
  EXPECT_DOUBLE_EQ(o->hold, 15 + messaging_drain_s);
  EXPECT_DOUBLE_EQ(o->deadline, 1000 / 500.0 + 15 + messaging_drain_s + 120);
  EXPECT_FALSE(parse(
      {"--port", "5222", "--password", "pw", "--count", "3", "--scenario", "messaging"}, code));
  EXPECT_FALSE(parse({"--port", "5222", "--password", "pw", "--count", "4", "--first-index", "1",
                      "--scenario", "messaging"},
                     code));
  EXPECT_FALSE(parse({"--port", "5222", "--password", "pw", "--no-tls", "--direct-tls"}, code));
  EXPECT_FALSE(parse({"--port", "5222", "--password", "pw", "--window", "0"}, code));
  EXPECT_FALSE(parse({"--port", "5222", "--password", "pw", "--duration", "0"}, code));
}

TEST(LoadgenSourceIps, RangesAndLists) {
  std::vector<in_addr> out;
  EXPECT_FALSE(parse_source_ips("127.0.0.2-127.0.0.200", out));
  EXPECT_EQ(out.size(), 199u);
  EXPECT_FALSE(parse_source_ips("127.0.0.2,127.1.0.1-127.1.0.2", out));
  EXPECT_EQ(out.size(), 3u);
  EXPECT_TRUE(parse_source_ips("127.0.0.9-127.0.0.2", out));
  EXPECT_TRUE(parse_source_ips("127.0.0.300", out));
  EXPECT_TRUE(parse_source_ips("10.0.0.0-10.2.0.0", out));
}

}  // namespace
}  // namespace djabberd::loadgen
