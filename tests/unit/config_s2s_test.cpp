// The [s2s] section and the per-vhost s2s_auth override: values and file/line/key errors.
#include <gtest/gtest.h>

#include "config/config.hpp"
#include "config/config_error.hpp"

namespace djabberd::config {
namespace {

const std::string vhost = "[[vhosts]]\ndomain = \"example.com\"\n";

TEST(ConfigS2s, DefaultsWhenAbsent) {
  auto c = parse(vhost, "t.toml");
  EXPECT_TRUE(c.s2s.listen.empty());
  EXPECT_TRUE(c.s2s.routes.empty());
  EXPECT_EQ(c.s2s.auth, "either");
  EXPECT_EQ(c.s2s.connect_timeout, std::chrono::seconds(10));
  EXPECT_EQ(c.vhosts[0].s2s_auth, "");
}

TEST(ConfigS2s, ReadsEveryKey) {
  auto c = parse(
      "[s2s]\nlisten = [\"127.0.0.1:5269\"]\ndirect_tls_listen = [\"[::1]:5270\"]\n"
      "dns_servers = [\"127.0.0.1:53\"]\nca_file = \"ca.pem\"\nca_dir = \"/etc/ssl/certs\"\n"
      "auth = \"dialback\"\ndialback_secret = \"s3cr3t\"\nconnect_timeout = 3\n"
      "idle_timeout = 60\n[s2s.routes]\n\"Remote.Example\" = \"10.0.0.1:5269\"\n" +
          vhost + "s2s_auth = \"certificate\"\n",
      "t.toml");
  ASSERT_EQ(c.s2s.listen.size(), 1u);
  EXPECT_EQ(c.s2s.listen[0].port, 5269);
  ASSERT_EQ(c.s2s.direct_tls_listen.size(), 1u);
  EXPECT_EQ(c.s2s.direct_tls_listen[0].host, "::1");
  EXPECT_EQ(c.s2s.dns_servers, std::vector<std::string>{"127.0.0.1:53"});
  EXPECT_EQ(c.s2s.ca_file, "ca.pem");
  EXPECT_EQ(c.s2s.ca_dir, "/etc/ssl/certs");
  EXPECT_EQ(c.s2s.auth, "dialback");
  EXPECT_EQ(c.s2s.dialback_secret, "s3cr3t");
  EXPECT_EQ(c.s2s.connect_timeout, std::chrono::seconds(3));
  EXPECT_EQ(c.s2s.idle_timeout, std::chrono::seconds(60));
  ASSERT_EQ(c.s2s.routes.count("remote.example"), 1u);
  EXPECT_EQ(c.s2s.routes.at("remote.example").str(), "10.0.0.1:5269");
  EXPECT_EQ(c.vhosts[0].s2s_auth, "certificate");
}

void expect_error(const std::string& text, std::uint32_t line, const std::string& key) {
  try {
    parse(text, "t.toml");
    FAIL() << "accepted:\n" << text;
  } catch (const config_error& e) {
    EXPECT_EQ(e.line(), line) << e.what();
    EXPECT_EQ(e.key(), key) << e.what();
  }
}

TEST(ConfigS2s, ErrorsNameLineAndKey) {
  expect_error("[s2s]\nauth = \"sometimes\"\n" + vhost, 2, "s2s.auth");
  expect_error("[s2s]\nlisten = [\"nowhere\"]\n" + vhost, 2, "s2s.listen[0]");
  expect_error("[s2s]\nconnect_timeout = 0\n" + vhost, 2, "s2s.connect_timeout");
  expect_error("[s2s]\nlsten = []\n" + vhost, 2, "s2s.lsten");
  expect_error("[s2s.routes]\n\"a.example\" = \"a.example\"\n" + vhost, 2, "s2s.routes.a.example");
  expect_error("[s2s.routes]\n\"a.example\" = \"127.0.0.1:0\"\n" + vhost, 2,
               "s2s.routes.a.example");
  expect_error(vhost + "s2s_auth = \"never\"\n", 3, "vhosts[0].s2s_auth");
}

}  // namespace
}  // namespace djabberd::config
