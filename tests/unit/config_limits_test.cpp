// Tests the [limits] section: defaults, every key, and errors naming file, line and key.
#include <gtest/gtest.h>

#include "config/config.hpp"
#include "config/config_error.hpp"

namespace djabberd::config {
namespace {

const std::string vhost = "[[vhosts]]\ndomain = \"example.com\"\n";

TEST(ConfigLimits, DefaultsAreOn) {
  limits_config l = parse(vhost, "t.toml").limits;
  EXPECT_EQ(l.max_unauth_per_ip, 10u);
  EXPECT_EQ(l.max_unauth_total, 1000u);
  EXPECT_EQ(l.read_rate, 10240u);
  EXPECT_EQ(l.read_burst, 65536u);
  EXPECT_EQ(l.max_write_queue, 1048576u);
  EXPECT_EQ(l.max_sessions_per_account, 10u);
  EXPECT_EQ(l.max_roster_items, 1000u);
  EXPECT_EQ(l.login_delay, std::chrono::milliseconds(250));
  EXPECT_EQ(l.login_ban_after, 20u);
  EXPECT_TRUE(l.tcp_keepalive);
}

TEST(ConfigLimits, EveryKeyIsRead) {
  limits_config l = parse(
                        "[limits]\nmax_unauth_per_ip = 3\nmax_unauth_total = 7\nread_rate = 100\n"
                        "read_burst = 4096\nmax_write_queue = 8192\nmax_sessions_per_account = 2\n"
                        "max_roster_items = 5\nlogin_delay_ms = 10\nlogin_max_delay_ms = 20\n"
                        "login_ban_after = 4\nlogin_window = 30\nlogin_ban_time = 40\n"
                        "tcp_keepalive = false\n" +
                            vhost,
                        "t.toml")
                        .limits;
  EXPECT_EQ(l.max_unauth_per_ip, 3u);
  EXPECT_EQ(l.max_unauth_total, 7u);
  EXPECT_EQ(l.read_rate, 100u);
  EXPECT_EQ(l.read_burst, 4096u);
  EXPECT_EQ(l.max_write_queue, 8192u);
  EXPECT_EQ(l.max_sessions_per_account, 2u);
  EXPECT_EQ(l.max_roster_items, 5u);
  EXPECT_EQ(l.login_delay, std::chrono::milliseconds(10));
  EXPECT_EQ(l.login_max_delay, std::chrono::milliseconds(20));
  EXPECT_EQ(l.login_ban_after, 4u);
  EXPECT_EQ(l.login_window, std::chrono::seconds(30));
  EXPECT_EQ(l.login_ban_time, std::chrono::seconds(40));
  EXPECT_FALSE(l.tcp_keepalive);
}

void expect_error(const std::string& text, std::uint32_t line, const std::string& key) {
  try {
    parse(text, "conf/t.toml");
    FAIL() << "no error for " << text;
  } catch (const config_error& e) {
    EXPECT_EQ(e.line(), line) << e.what();
    EXPECT_EQ(e.key(), key) << e.what();
  }
}

TEST(ConfigLimits, ErrorsNameLineAndKey) {
  expect_error("[limits]\nread_burst = 100\n" + vhost, 2, "limits.read_burst");
  expect_error("[limits]\nmax_unauth_per_ip = 0\n" + vhost, 2, "limits.max_unauth_per_ip");
  expect_error("[limits]\nread_rat = 5\n" + vhost, 2, "limits.read_rat");
  expect_error("[limits]\ntcp_keepalive = 1\n" + vhost, 2, "limits.tcp_keepalive");
  expect_error("[limits]\nlogin_delay_ms = 500\nlogin_max_delay_ms = 100\n" + vhost, 3,
               "limits.login_max_delay_ms");
}

}  // namespace
}  // namespace djabberd::config
