// Tests of the [cluster] section: off when absent, values, defaults and errors naming file, line
// and key.
#include <gtest/gtest.h>

#include <string>

#include "config/config.hpp"

namespace djabberd::config {
namespace {

const std::string vhost = "[[vhosts]]\ndomain = \"localhost\"\n";
const std::string good =
    "[cluster]\nnode = \"n1\"\nlisten = \"127.0.0.1:4371\"\n"
    "seeds = [\"127.0.0.1:4372\", \"[::1]:4373\"]\nsecret = \"0123456789abcdef\"\n";

std::string error_of(const std::string& text) {
  try {
    parse(text, "t.toml");
  } catch (const config_error& e) {
    return e.what();
  }
  return "";
}

TEST(ConfigCluster, OffWhenAbsent) {
  EXPECT_FALSE(parse(vhost, "t.toml").cluster);
}

TEST(ConfigCluster, Values) {
  auto c = parse(good + "heartbeat_ms = 100\nfailure_timeout_ms = 900\n" + vhost, "t.toml");
  ASSERT_TRUE(c.cluster);
  EXPECT_EQ(c.cluster->node, "n1");
  EXPECT_EQ(c.cluster->listen, (listen_address{"127.0.0.1", 4371}));
  ASSERT_EQ(c.cluster->seeds.size(), 2u);
  EXPECT_EQ(c.cluster->seeds[1], (listen_address{"::1", 4373}));
  EXPECT_EQ(c.cluster->secret, "0123456789abcdef");
  EXPECT_EQ(c.cluster->heartbeat.count(), 100);
  EXPECT_EQ(c.cluster->failure_timeout.count(), 900);
  EXPECT_TRUE(c.cluster->tls_cert.empty());
}

TEST(ConfigCluster, Defaults) {
  auto c = parse(good + vhost, "dir/t.toml");
  EXPECT_EQ(c.cluster->heartbeat.count(), 500);
  EXPECT_EQ(c.cluster->failure_timeout.count(), 3000);
  auto tls =
      parse(good + "tls_cert = \"c.pem\"\ntls_key = \"k.pem\"\ntls_ca = \"/ca.pem\"\n" + vhost,
            "dir/t.toml");
  EXPECT_EQ(tls.cluster->tls_cert, "dir/c.pem");
  EXPECT_EQ(tls.cluster->tls_ca, "/ca.pem");
}

TEST(ConfigCluster, ErrorsNameFileLineAndKey) {
  EXPECT_EQ(error_of("[cluster]\nlisten = \"127.0.0.1:1\"\nsecret = \"0123456789abcdef\"\n" + vhost)
                .rfind("t.toml:1: cluster.node: missing", 0),
            0u);
  EXPECT_EQ(error_of("[cluster]\nnode = \"a b\"\n" + vhost).rfind("t.toml:2: cluster.node: ", 0),
            0u);
  EXPECT_EQ(error_of("[cluster]\nnode = \"n1\"\nlisten = \"127.0.0.1:0\"\n" + vhost)
                .rfind("t.toml:3: cluster.listen: the port must not be 0", 0),
            0u);
  EXPECT_EQ(
      error_of("[cluster]\nnode = \"n1\"\nlisten = \"127.0.0.1:1\"\nsecret = \"short\"\n" + vhost)
          .rfind("t.toml:4: cluster.secret: must be at least 16", 0),
      0u);
  EXPECT_EQ(error_of(good + "heartbeat_ms = 5000\nfailure_timeout_ms = 1000\n" + vhost)
                .rfind("t.toml:7: cluster.failure_timeout_ms: must be longer", 0),
            0u);
  EXPECT_EQ(error_of(good + "tls_cert = \"c.pem\"\n" + vhost)
                .rfind("t.toml:1: cluster.tls_key: missing", 0),
            0u);
  EXPECT_NE(error_of(good + "sedes = []\n" + vhost).find("t.toml:6: cluster.sedes: "),
            std::string::npos);
}

}  // namespace
}  // namespace djabberd::config
