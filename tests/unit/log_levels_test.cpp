// The logger's per-component levels ([log] components): a component's own level wins over the
// global one, a key covers "key-..." components, and clearing them restores the global level.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

#include "actors/log.hpp"
#include "actors/log_components.hpp"

namespace djabberd {
namespace {

class LogLevels : public testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("djabberd-log-levels-" + std::to_string(::getpid()) + ".log");
    std::filesystem::remove(path_);
    ASSERT_TRUE(log::set_file(path_.string()));
    log::set_level(log::level::info);
  }
  void TearDown() override {
    log::set_component_levels({});
    log::set_level(log::level::info);
    log::set_file("");
    std::filesystem::remove(path_);
  }
  std::string contents() const {
    std::ifstream in(path_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  std::filesystem::path path_;
};

TEST_F(LogLevels, ComponentLevelOverridesTheGlobalOne) {
  log::set_component_levels({{"s2s", log::level::debug}, {"cluster", log::level::error}});
  log::debug("s2s-in", "inbound detail");
  log::debug("s2s", "manager detail");
  log::debug("c2s", "c2s detail");
  log::info("c2s", "c2s news");
  log::warn("cluster", "cluster warning");
  log::error("cluster", "cluster failure");
  log::debug("s2sx", "not covered by s2s");
  auto text = contents();
  EXPECT_NE(text.find("[s2s-in] inbound detail"), std::string::npos) << text;
  EXPECT_NE(text.find("[s2s] manager detail"), std::string::npos) << text;
  EXPECT_EQ(text.find("c2s detail"), std::string::npos) << text;
  EXPECT_NE(text.find("[c2s] c2s news"), std::string::npos) << text;
  EXPECT_EQ(text.find("cluster warning"), std::string::npos) << text;
  EXPECT_NE(text.find("[cluster] cluster failure"), std::string::npos) << text;
  EXPECT_EQ(text.find("not covered"), std::string::npos) << text;
}

TEST_F(LogLevels, ClearingTheComponentLevelsRestoresTheGlobalLevel) {
  log::set_component_levels({{"router", log::level::debug}});
  EXPECT_TRUE(log::enabled(log::level::debug));  // emit() lets debug through to write()
  log::set_component_levels({});
  EXPECT_FALSE(log::enabled(log::level::debug));
  log::debug("router", "hidden");
  log::info("router", "shown");
  auto text = contents();
  EXPECT_EQ(text.find("hidden"), std::string::npos) << text;
  EXPECT_NE(text.find("[router] shown"), std::string::npos) << text;
}

}  // namespace
}  // namespace djabberd
