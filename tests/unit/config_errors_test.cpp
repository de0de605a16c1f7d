// Tests that every kind of configuration error names the right file, line and key.
#include <gtest/gtest.h>

#include "config/config.hpp"

namespace djabberd::config {
namespace {

struct error_case {
  const char* name;
  std::string text;
  std::uint32_t line;
  std::string key;
  std::string message_part;
};

void PrintTo(const error_case& c, std::ostream* os) {
  *os << c.name;
}

const std::string vhost = "[[vhosts]]\ndomain = \"example.com\"\n";

class ConfigErrors : public testing::TestWithParam<error_case> {};

TEST_P(ConfigErrors, NamesFileLineAndKey) {
  const error_case& c = GetParam();
  try {
    parse(c.text, "conf/test.toml");
    FAIL() << "no config_error for:\n" << c.text;
  } catch (const config_error& e) {
    EXPECT_EQ(e.file(), "conf/test.toml");
    EXPECT_EQ(e.line(), c.line) << e.what();
    EXPECT_EQ(e.key(), c.key) << e.what();
    EXPECT_NE(e.message().find(c.message_part), std::string::npos) << e.what();
    std::string prefix = "conf/test.toml";
    if (c.line != 0) prefix += ":" + std::to_string(c.line);
    prefix += ": ";
    if (!c.key.empty()) prefix += c.key + ": ";
    EXPECT_EQ(std::string(e.what()), prefix + e.message());
  }
}

INSTANTIATE_TEST_SUITE_P(
    AllKinds, ConfigErrors,
    testing::Values(
        error_case{"syntax", "data_dir = \"x\"\n\nworker_threads = = 3\n" + vhost, 3, "", ""},
        error_case{"unknown_top_level", "data_dir = \"d\"\nwrker_threads = 2\n" + vhost, 2,
                   "wrker_threads", "unknown key 'wrker_threads' (did you mean 'worker_threads'?)"},
        error_case{"unknown_without_hint", "frobnicate = 1\n" + vhost, 1, "frobnicate",
                   "unknown key 'frobnicate'"},
        error_case{"unknown_c2s_key", "[c2s]\nmax_depth = 3\nlisen = [\"1.2.3.4:5\"]\n" + vhost, 3,
                   "c2s.lisen", "unknown key 'lisen' (did you mean 'listen'?)"},
        error_case{"unknown_key_after_vhost", vhost + "\nworker_threads = 2\n", 4,
                   "vhosts[0].worker_threads", "unknown key 'worker_threads'"},
        error_case{"unknown_vhost_key",
                   vhost + "[[vhosts]]\ndomain = \"b.test\"\ntls_crt = \"x\"\n", 5,
                   "vhosts[1].tls_crt", "(did you mean 'tls_cert'?)"},
        error_case{"unknown_log_key", "[log]\nlevel = \"info\"\nfiel = \"x\"\n" + vhost, 3,
                   "log.fiel", "did you mean 'file'"},
        error_case{"unknown_hooks_key", "[hooks]\ndefault_timeout = 5\n" + vhost, 2,
                   "hooks.default_timeout", "did you mean 'default_timeout_ms'"},
        error_case{"wrong_type", "worker_threads = \"four\"\n" + vhost, 1, "worker_threads",
                   "expected an integer, got a string"},
        error_case{"wrong_type_bool", "[c2s]\nrequire_encryption = 1\n" + vhost, 2,
                   "c2s.require_encryption", "expected a boolean, got an integer"},
        error_case{"wrong_section_type", "c2s = 5\n" + vhost, 1, "c2s",
                   "expected a table, got an integer"},
        error_case{"listen_not_array", "[c2s]\nlisten = \"1.2.3.4:5222\"\n" + vhost, 2,
                   "c2s.listen", "expected an array"},
        error_case{"listen_element_type",
                   "[c2s]\nlisten = [\n  \"1.2.3.4:5222\",\n  5222,\n]\n" + vhost, 4,
                   "c2s.listen[1]", "got an integer"},
        error_case{"bad_listen_address", "[c2s]\nlisten = [\"127.0.0.1\"]\n" + vhost, 2,
                   "c2s.listen[0]", "invalid listen address '127.0.0.1'"},
        error_case{"bad_port",
                   "[c2s]\ndirect_tls_listen = [\n\"[::1]:5223\",\n\"[::1]:70000\"]\n" + vhost, 4,
                   "c2s.direct_tls_listen[1]", "port must be 0..65535"},
        error_case{"port_not_number", "[c2s]\nlisten = [\"0.0.0.0:xmpp\"]\n" + vhost, 2,
                   "c2s.listen[0]", "bad port"},
        error_case{"size_zero", "[c2s]\nmax_stanza_size = 0\n" + vhost, 2, "c2s.max_stanza_size",
                   "must be between 1 and"},
        error_case{"size_huge", "[c2s]\n\nmax_depth = 100000\n" + vhost, 3, "c2s.max_depth",
                   "must be between 1 and 1024"},
        error_case{"hook_timeout_zero", "[hooks]\nauth_timeout_ms = 0\n" + vhost, 2,
                   "hooks.auth_timeout_ms", "must be between 1 and"},
        error_case{"negative_workers", "worker_threads = -1\n" + vhost, 1, "worker_threads",
                   "must be between 0 and 1024"},
        error_case{"bad_log_level", "[log]\nlevel = \"verbose\"\n" + vhost, 2, "log.level",
                   "unknown log level 'verbose'"},
        error_case{
            "bad_component_log_level",
            "[log]\nlevel = \"info\"\n[log.components]\ns2s = \"debug\"\ncluster = \"loud\"\n" +
                vhost,
            5, "log.components.cluster", "unknown log level 'loud'"},
        error_case{"admin_listen_not_loopback",
                   "[admin]\nlisten = \"0.0.0.0:5582\"\nsecret = \"0123456789abcdef\"\n" + vhost, 2,
                   "admin.listen", "must be on a loopback address"},
        error_case{"admin_secret_too_short",
                   "[admin]\nlisten = \"127.0.0.1:5582\"\nsecret = \"short\"\n" + vhost, 3,
                   "admin.secret", "at least 16 characters"},
        error_case{"no_vhosts", "data_dir = \"x\"\n", 0, "vhosts", "at least one [[vhosts]]"},
        error_case{"vhosts_not_array", "[vhosts]\ndomain = \"a\"\n", 1, "vhosts",
                   "expected an array of tables"},
        error_case{"missing_domain", vhost + "\n[[vhosts]]\ntls_cert = \"a\"\ntls_key = \"b\"\n", 4,
                   "vhosts[1].domain", "missing required key 'domain'"},
        error_case{"empty_domain", "[[vhosts]]\ndomain = \"\"\n", 2, "vhosts[0].domain",
                   "must not be empty"},
        error_case{"domain_with_space", "[[vhosts]]\ndomain = \"a b\"\n", 2, "vhosts[0].domain",
                   "spaces"},
        error_case{"domain_with_at", "[[vhosts]]\ndomain = \"u@a\"\n", 2, "vhosts[0].domain",
                   "'@'"},
        error_case{"domain_with_slash", "[[vhosts]]\ndomain = \"a/r\"\n", 2, "vhosts[0].domain",
                   "'/'"},
        error_case{
            "duplicate_vhost",
            vhost + "[[vhosts]]\ndomain = \"b.test\"\n[[vhosts]]\n" + "domain = \"EXAMPLE.com\"\n",
            6, "vhosts[2].domain", "duplicate vhost domain 'example.com' (first at line 2)"},
        error_case{"cert_without_key", "[[vhosts]]\ndomain = \"a\"\ntls_cert = \"c.pem\"\n", 1,
                   "vhosts[0].tls_key", "must be given together"},
        error_case{"cert_with_empty_key",
                   "[[vhosts]]\ndomain = \"a\"\ntls_cert = \"c.pem\"\ntls_key = \"\"\n", 4,
                   "vhosts[0].tls_key", "must be given together"},
        error_case{"plugin_without_name", vhost + "[[vhosts.plugins]]\npriority = 3\n", 3,
                   "vhosts[0].plugins[0].name", "missing required key 'name'"},
        error_case{"plugin_priority_type",
                   vhost + "[[vhosts.plugins]]\nname = \"x\"\npriority = "
                           "\"high\"\n",
                   5, "vhosts[0].plugins[0].priority", "expected an integer"}),
    [](const testing::TestParamInfo<error_case>& param_info) {
      return std::string(param_info.param.name);
    });

TEST(ConfigErrors, SyntaxErrorCarriesTomlDescription) {
  try {
    parse("[c2s\n", "x.toml");
    FAIL();
  } catch (const config_error& e) {
    EXPECT_EQ(e.line(), 1u);
    EXPECT_TRUE(e.key().empty());
    EXPECT_FALSE(e.message().empty());
    EXPECT_EQ(std::string(e.what()).rfind("x.toml:1: ", 0), 0u) << e.what();
  }
}

TEST(ConfigErrors, WhatOmitsUnknownLineAndEmptyKey) {
  EXPECT_STREQ(config_error("f.toml", 0, "", "boom").what(), "f.toml: boom");
  EXPECT_STREQ(config_error("f.toml", 7, "c2s.listen[0]", "bad").what(),
               "f.toml:7: c2s.listen[0]: bad");
  EXPECT_STREQ(config_error("f.toml", 0, "vhosts", "none").what(), "f.toml: vhosts: none");
}

}  // namespace
}  // namespace djabberd::config
