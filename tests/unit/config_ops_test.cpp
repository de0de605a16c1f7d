// Tests of the operations keys: [metrics] listen, plugin settings comparison (reload) and
// data_dir_of (djabberctl reload with a broken file).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "config/config.hpp"

namespace djabberd::config {
namespace {

constexpr std::string_view vhost = "[[vhosts]]\ndomain = \"localhost\"\n";

std::string error_of(const std::string& text) {
  try {
    parse(text, "t.toml");
  } catch (const config_error& e) {
    return e.what();
  }
  return "";
}

TEST(ConfigMetrics, OffWhenAbsent) {
  EXPECT_FALSE(parse(std::string(vhost), "t.toml").metrics.listen);
}

TEST(ConfigMetrics, ListenAddress) {
  auto c = parse("[metrics]\nlisten = \"127.0.0.1:9100\"\n" + std::string(vhost), "t.toml");
  ASSERT_TRUE(c.metrics.listen);
  EXPECT_EQ(c.metrics.listen->host, "127.0.0.1");
  EXPECT_EQ(c.metrics.listen->port, 9100);
}

TEST(ConfigMetrics, Errors) {
  EXPECT_EQ(error_of("[metrics]\nlisten = \"nowhere\"\n" + std::string(vhost))
                .rfind("t.toml:2: metrics.listen: ", 0),
            0u);
  EXPECT_NE(error_of("[metrics]\nlisen = \"127.0.0.1:1\"\n" + std::string(vhost))
                .find("t.toml:2: metrics.lisen: "),
            std::string::npos);
  EXPECT_NE(error_of("[metrics]\nlisten = 9100\n" + std::string(vhost)).find("metrics.listen"),
            std::string::npos);
}

TEST(ConfigPluginSettings, SameValues) {
  auto plugins = [](const std::string& users) {
    return parse(std::string(vhost) +
                     "[[vhosts.plugins]]\nname = \"auth_static\"\nusers = " + users + "\n",
                 "t.toml")
        .vhosts[0]
        .plugins[0];
  };
  auto a = plugins("{ a = \"1\" }"), b = plugins("{ a = \"1\" }"), c = plugins("{ a = \"2\" }");
  EXPECT_TRUE(a.settings.same_values(b.settings));
  EXPECT_FALSE(a.settings.same_values(c.settings));
  EXPECT_TRUE(plugin_settings{}.same_values(plugin_settings{}));
  EXPECT_FALSE(a.settings.same_values(plugin_settings{}));
}

TEST(ConfigDataDirOf, ReadsOnlyDataDir) {
  auto dir = std::filesystem::temp_directory_path() / "djabberd-config-ops-test";
  std::filesystem::create_directories(dir);
  auto file = dir / "bad.toml";
  std::ofstream(file) << "data_dir = \"/srv/x\"\n[c2s]\nbogus = 1\n";
  EXPECT_EQ(data_dir_of(file), std::filesystem::path("/srv/x"));
  std::ofstream(file) << "[log]\nlevel = \"loud\"\n";
  EXPECT_EQ(data_dir_of(file), std::filesystem::absolute("data"));
  std::ofstream(file) << "data_dir = \n";
  EXPECT_THROW(data_dir_of(file), config_error);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace djabberd::config
