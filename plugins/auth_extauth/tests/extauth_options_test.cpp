// Validation of the auth_extauth settings, with file/line/key errors.
#include <gtest/gtest.h>

#include "config/config.hpp"
#include "plugins/auth_extauth/extauth_options.hpp"
#include "plugins/auth_extauth/tests/extauth_scripts.hpp"
#include "plugins/test_support/temp_dir.hpp"

namespace djabberd::plugins::auth_extauth {
namespace {

class ExtauthOptions : public ::testing::Test {
 protected:
  ExtauthOptions() {
    script_ = testing::write_script(dir_.path(), "auth.py", testing::extauth_script());
  }

  // Reads a configuration whose first plugin is auth_extauth with `lines` (line 4 on).
  extauth_options read(const std::string& lines) {
    server_ = config::parse(
        "[[vhosts]]\ndomain = \"localhost\"\n[[vhosts.plugins]]\nname = \"auth_extauth\"\n" + lines,
        "test.toml");
    return read_extauth_options(server_.vhosts[0].plugins[0].settings, dir_.path());
  }

  std::string error_of(const std::string& lines) {
    try {
      read(lines);
    } catch (const config::config_error& e) {
      return e.what();
    }
    return "";
  }

  djabberd::plugins::testing::temp_dir dir_;
  std::filesystem::path script_;
  config::server_config server_;
};

TEST_F(ExtauthOptions, Defaults) {
  auto options = read("program = \"" + script_.string() + "\"\n");
  EXPECT_EQ(options.program, script_);
  EXPECT_TRUE(options.args.empty());
  EXPECT_EQ(options.timeout.count(), 1500);
  EXPECT_EQ(options.instances, 1);
  EXPECT_EQ(options.restart_delay.count(), 1000);
}

TEST_F(ExtauthOptions, AllSettings) {
  auto options = read(
      "program = \"auth.py\"\nargs = [\"--db\", \"x y\"]\ntimeout_ms = 250\ninstances = 3\n"
      "restart_delay_ms = 0\n");
  EXPECT_EQ(options.program, script_);  // relative to the configuration's folder
  EXPECT_EQ(options.args, (std::vector<std::string>{"--db", "x y"}));
  EXPECT_EQ(options.timeout.count(), 250);
  EXPECT_EQ(options.instances, 3);
  EXPECT_EQ(options.restart_delay.count(), 0);
}

TEST_F(ExtauthOptions, ProgramIsRequired) {
  EXPECT_EQ(error_of(""),
            "test.toml:3: vhosts[0].plugins[0].program: required: the path of the extauth "
            "program to run");
}

TEST_F(ExtauthOptions, ProgramMustBeExecutable) {
  auto plain = dir_.path() / "not_executable";
  std::ofstream(plain) << "x";
  EXPECT_NE(error_of("program = \"" + plain.string() + "\"\n")
                .find("test.toml:5: vhosts[0].plugins[0].program: '"),
            std::string::npos);
  EXPECT_NE(error_of("program = \"missing.py\"\n").find("is not an executable file"),
            std::string::npos);
  EXPECT_NE(error_of("program = \"" + dir_.path().string() + "\"\n").find("not an executable"),
            std::string::npos);
}

TEST_F(ExtauthOptions, RangesAndUnknownKeys) {
  const std::string program = "program = \"auth.py\"\n";
  EXPECT_NE(
      error_of(program + "instances = 0\n").find("test.toml:6: vhosts[0].plugins[0].instances"),
      std::string::npos);
  EXPECT_NE(error_of(program + "timeout_ms = -1\n").find("timeout_ms"), std::string::npos);
  EXPECT_NE(error_of(program + "restart_delay_ms = \"soon\"\n").find("restart_delay_ms"),
            std::string::npos);
  EXPECT_NE(error_of(program + "args = \"--x\"\n").find("args"), std::string::npos);
  EXPECT_NE(error_of(program + "extauth_program = \"x\"\n")
                .find("test.toml:6: vhosts[0].plugins[0].extauth_program"),
            std::string::npos);
}

}  // namespace
}  // namespace djabberd::plugins::auth_extauth
