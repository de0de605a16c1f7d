// Tests that valid configurations fill the structs and that defaults apply.
#include <gtest/gtest.h>

#include "config/config.hpp"

namespace djabberd::config {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view full_config = R"(
data_dir = "/var/lib/djabberd"
pid_file = "/run/djabberd.pid"
worker_threads = 4

[log]
level = "debug"
file = "/var/log/djabberd.log"

[c2s]
listen = ["0.0.0.0:5222", "[::1]:15222"]
direct_tls_listen = []
require_encryption = false
max_stanza_size = 500000
max_stanza_size_preauth = 8000
max_depth = 20
max_attributes = 40
auth_timeout = 45
keepalive_interval = 0

[hooks]
default_timeout_ms = 5000
auth_timeout_ms = 1500

[[vhosts]]
domain = "Example.COM"
tls_cert = "/etc/ssl/example.pem"
tls_key = "/etc/ssl/example.key"

  [[vhosts.plugins]]
  name = "auth_static"
  priority = 10
  users = { alice = "secret", bob = "hunter2" }

  [[vhosts.plugins]]
  name = "roster"

[[vhosts]]
domain = "chat.example.org"
)";

TEST(ConfigParse, FullConfigFillsStructs) {
  server_config c = parse(full_config, "/etc/djabberd/djabberd.toml");
  EXPECT_EQ(c.source_file, "/etc/djabberd/djabberd.toml");
  EXPECT_EQ(c.data_dir, "/var/lib/djabberd");
  EXPECT_EQ(c.pid_file, "/run/djabberd.pid");
  EXPECT_EQ(c.worker_threads, 4);
  EXPECT_EQ(c.log.level, "debug");
  EXPECT_EQ(c.log.file, "/var/log/djabberd.log");
  ASSERT_EQ(c.c2s.listen.size(), 2u);
  EXPECT_EQ(c.c2s.listen[0].str(), "0.0.0.0:5222");
  EXPECT_EQ(c.c2s.listen[1].host, "::1");
  EXPECT_EQ(c.c2s.listen[1].port, 15222);
  EXPECT_TRUE(c.c2s.direct_tls_listen.empty());
  EXPECT_FALSE(c.c2s.require_encryption);
  EXPECT_EQ(c.c2s.max_stanza_size, 500000u);
  EXPECT_EQ(c.c2s.max_stanza_size_preauth, 8000u);
  EXPECT_EQ(c.c2s.max_depth, 20u);
  EXPECT_EQ(c.c2s.max_attributes, 40u);
  EXPECT_EQ(c.c2s.auth_timeout, 45s);
  EXPECT_EQ(c.c2s.keepalive_interval, 0s);
  EXPECT_EQ(c.hooks.default_timeout, 5000ms);
  EXPECT_EQ(c.hooks.auth_timeout, 1500ms);

  ASSERT_EQ(c.vhosts.size(), 2u);
  const vhost_config& first = c.vhosts[0];
  EXPECT_EQ(first.domain, "example.com");
  EXPECT_EQ(first.tls_cert, "/etc/ssl/example.pem");
  EXPECT_EQ(first.tls_key, "/etc/ssl/example.key");
  ASSERT_EQ(first.plugins.size(), 2u);
  EXPECT_EQ(first.plugins[0].name, "auth_static");
  EXPECT_EQ(first.plugins[0].priority, 10);
  EXPECT_EQ(first.plugins[0].settings.plugin_name(), "auth_static");
  auto users = first.plugins[0].settings.get_string_map("users");
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0], (std::pair<std::string, std::string>{"alice", "secret"}));
  EXPECT_EQ(users[1], (std::pair<std::string, std::string>{"bob", "hunter2"}));
  EXPECT_EQ(first.plugins[1].name, "roster");
  EXPECT_EQ(first.plugins[1].priority, 0);

  EXPECT_EQ(c.vhosts[1].domain, "chat.example.org");
  EXPECT_TRUE(c.vhosts[1].tls_cert.empty());
  EXPECT_TRUE(c.vhosts[1].plugins.empty());
}

TEST(ConfigParse, DefaultsApplyWhenSectionsAreMissing) {
  server_config c = parse("[[vhosts]]\ndomain = \"localhost\"\n", "t.toml");
  server_config d;
  EXPECT_EQ(c.data_dir, "data");
  EXPECT_TRUE(c.pid_file.empty());
  EXPECT_EQ(c.worker_threads, 0);
  EXPECT_EQ(c.log.level, "info");
  EXPECT_TRUE(c.log.file.empty());
  ASSERT_EQ(c.c2s.listen.size(), 1u);
  EXPECT_EQ(c.c2s.listen[0].str(), "127.0.0.1:5222");
  ASSERT_EQ(c.c2s.direct_tls_listen.size(), 1u);
  EXPECT_EQ(c.c2s.direct_tls_listen[0].str(), "127.0.0.1:5223");
  EXPECT_TRUE(c.c2s.require_encryption);
  EXPECT_EQ(c.c2s.max_stanza_size, 262144u);
  EXPECT_EQ(c.c2s.max_stanza_size_preauth, 10000u);
  EXPECT_EQ(c.c2s.max_depth, 32u);
  EXPECT_EQ(c.c2s.max_attributes, 64u);
  EXPECT_EQ(c.c2s.auth_timeout, 30s);
  EXPECT_EQ(c.c2s.keepalive_interval, 60s);
  EXPECT_EQ(c.hooks.default_timeout, 10000ms);
  EXPECT_EQ(c.hooks.auth_timeout, 2000ms);
  EXPECT_EQ(c.c2s.listen, d.c2s.listen);
}

TEST(ConfigParse, EmptySectionsKeepDefaults) {
  server_config c = parse("[log]\n[c2s]\n[hooks]\n[[vhosts]]\ndomain = \"localhost\"\n", "t.toml");
  EXPECT_EQ(c.log.level, "info");
  EXPECT_EQ(c.c2s.listen[0].str(), "127.0.0.1:5222");
  EXPECT_EQ(c.hooks.auth_timeout, 2000ms);
}

TEST(ConfigParse, RelativeTlsPathsResolveAgainstConfigFolder) {
  server_config c = parse(
      "[[vhosts]]\ndomain = \"a.test\"\ntls_cert = \"certs/a.pem\"\ntls_key = \"/abs/a.key\"\n",
      "/etc/djabberd/djabberd.toml");
  EXPECT_EQ(c.vhosts[0].tls_cert, "/etc/djabberd/certs/a.pem");
  EXPECT_EQ(c.vhosts[0].tls_key, "/abs/a.key");
}

TEST(ConfigParse, EmptyTlsPathsMeanNone) {
  server_config c =
      parse("[[vhosts]]\ndomain = \"a.test\"\ntls_cert = \"\"\ntls_key = \"\"\n", "/etc/d.toml");
  EXPECT_TRUE(c.vhosts[0].tls_cert.empty());
  EXPECT_TRUE(c.vhosts[0].tls_key.empty());
}

TEST(ConfigParse, PortZeroMeansAnyFreePort) {
  server_config c = parse("[c2s]\nlisten = [\"127.0.0.1:0\"]\n[[vhosts]]\ndomain = \"a\"\n", "t");
  EXPECT_EQ(c.c2s.listen[0].port, 0);
}

TEST(ConfigParse, FindVhostIsCaseInsensitive) {
  server_config c = parse(full_config, "t.toml");
  ASSERT_NE(c.find_vhost("example.com"), nullptr);
  EXPECT_EQ(c.find_vhost("EXAMPLE.com"), &c.vhosts[0]);
  EXPECT_EQ(c.find_vhost("chat.example.org"), &c.vhosts[1]);
  EXPECT_EQ(c.find_vhost("example.net"), nullptr);
  EXPECT_EQ(c.find_vhost(""), nullptr);
}

TEST(ConfigParse, PluginSettingsOutliveTheConfig) {
  plugin_settings settings;
  {
    server_config c = parse(full_config, "t.toml");
    settings = c.vhosts[0].plugins[0].settings;
  }
  EXPECT_EQ(settings.plugin_name(), "auth_static");
  EXPECT_EQ(settings.get_string_map("users").size(), 2u);
}

}  // namespace
}  // namespace djabberd::config
