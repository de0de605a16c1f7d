// Tests load(): reading a file, path resolution and unreadable files.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "config/config.hpp"

namespace djabberd::config {
namespace {

namespace fs = std::filesystem;

class ConfigLoad : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("djabberd_config_test_" + std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, std::string_view text) {
    fs::path path = dir_ / name;
    std::ofstream(path) << text;
    return path;
  }

  fs::path dir_;
};

TEST_F(ConfigLoad, ResolvesPaths) {
  fs::path file = write("d.toml",
                        "data_dir = \"state\"\n[[vhosts]]\ndomain = \"a.test\"\n"
                        "tls_cert = \"a.pem\"\ntls_key = \"keys/a.key\"\n");
  server_config c = load(file);
  EXPECT_EQ(c.source_file, file);
  EXPECT_EQ(c.data_dir, fs::current_path() / "state");
  EXPECT_EQ(c.pid_file, fs::current_path() / "state" / "djabberd.pid");
  EXPECT_EQ(c.vhosts[0].tls_cert, (dir_ / "a.pem").string());
  EXPECT_EQ(c.vhosts[0].tls_key, (dir_ / "keys/a.key").string());
}

TEST_F(ConfigLoad, ExplicitPidFileIsMadeAbsolute) {
  fs::path file = write("p.toml", "pid_file = \"run/d.pid\"\n[[vhosts]]\ndomain = \"a.test\"\n");
  server_config c = load(file);
  EXPECT_EQ(c.pid_file, fs::current_path() / "run/d.pid");
  EXPECT_EQ(c.data_dir, fs::current_path() / "data");
}

TEST_F(ConfigLoad, ErrorsNameTheFile) {
  fs::path file = write("bad.toml", "[[vhosts]]\ndomain = \"a.test\"\nport = 5\n");
  try {
    load(file);
    FAIL();
  } catch (const config_error& e) {
    EXPECT_EQ(e.file(), file.string());
    EXPECT_EQ(e.line(), 3u);
    EXPECT_EQ(e.key(), "vhosts[0].port");
  }
}

TEST(ConfigDefaultFile, ShippedConfigLoads) {
  server_config c = load(DJABBERD_DEFAULT_CONFIG);
  ASSERT_FALSE(c.vhosts.empty());
  EXPECT_TRUE(c.data_dir.is_absolute());
  EXPECT_FALSE(c.pid_file.empty());
}

TEST_F(ConfigLoad, UnreadableFileIsLineZero) {
  for (fs::path file : {dir_ / "missing.toml", dir_}) {
    try {
      load(file);
      FAIL() << file;
    } catch (const config_error& e) {
      EXPECT_EQ(e.file(), file.string());
      EXPECT_EQ(e.line(), 0u);
      EXPECT_TRUE(e.key().empty());
      EXPECT_NE(e.message().find("cannot read file"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace djabberd::config
