// Tests plugin_module_incompatibility: equal tags load, each differing field gives its reason.
#include <gtest/gtest.h>

#include "actors/server/plugin_module_check.hpp"

namespace djabberd {
namespace {

TEST(PluginModuleCheck, SameBuildIsCompatible) {
  EXPECT_EQ(plugin_module_incompatibility(this_build_tags(), this_build_tags()), "");
}

TEST(PluginModuleCheck, ThisBuildHasRealTags) {
  plugin_build_tags tags = this_build_tags();
  EXPECT_EQ(tags.abi, DJABBERD_PLUGIN_ABI);
  EXPECT_EQ(tags.caf_version, CAF_VERSION);
  EXPECT_GT(tags.compiler_major, 0u);
}

TEST(PluginModuleCheck, AbiMismatchNamesBothVersions) {
  plugin_build_tags module = this_build_tags();
  module.abi += 1;
  std::string why = plugin_module_incompatibility(module, this_build_tags());
  EXPECT_NE(why.find("plugin ABI"), std::string::npos) << why;
  EXPECT_NE(why.find(std::to_string(module.abi)), std::string::npos) << why;
  EXPECT_NE(why.find("this djabberd has " + std::to_string(DJABBERD_PLUGIN_ABI)), std::string::npos)
      << why;
}

TEST(PluginModuleCheck, AbiIsReportedBeforeOtherDifferences) {
  plugin_build_tags module = this_build_tags();
  module.abi += 1;
  module.caf_version += 1;
  EXPECT_NE(plugin_module_incompatibility(module, this_build_tags()).find("plugin ABI"),
            std::string::npos);
}

TEST(PluginModuleCheck, EachFieldIsChecked) {
  struct field {
    std::uint32_t plugin_build_tags::*member;
    const char* reason;
  };
  for (auto [member, reason] :
       {field{&plugin_build_tags::caf_version, "CAF version"},
        field{&plugin_build_tags::compiler_major, "compiler major version"},
        field{&plugin_build_tags::stdlib_release, "standard library release"},
        field{&plugin_build_tags::cxx11_abi, "_GLIBCXX_USE_CXX11_ABI"}}) {
    plugin_build_tags module = this_build_tags();
    module.*member += 1;
    std::string why = plugin_module_incompatibility(module, this_build_tags());
    EXPECT_NE(why.find(reason), std::string::npos) << why;
    EXPECT_NE(why.find("rebuild the module"), std::string::npos) << why;
  }
}

}  // namespace
}  // namespace djabberd
