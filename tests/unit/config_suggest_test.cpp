// Tests the edit distance and "did you mean" suggestions for unknown keys.
#include <gtest/gtest.h>

#include <array>

#include "config/detail/suggest.hpp"

namespace djabberd::config::detail {
namespace {

TEST(ConfigSuggest, EditDistance) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("listen", "listen"), 0u);
  EXPECT_EQ(edit_distance("lisen", "listen"), 1u);
  EXPECT_EQ(edit_distance("fiel", "file"), 1u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
}

TEST(ConfigSuggest, SuggestsOnlyCloseKeys) {
  constexpr std::array<std::string_view, 3> known{"listen", "direct_tls_listen", "max_depth"};
  EXPECT_EQ(closest_key("lisen", known), "listen");
  EXPECT_EQ(closest_key("max_dept", known), "max_depth");
  EXPECT_EQ(closest_key("direct_tls_lisen", known), "direct_tls_listen");
  EXPECT_EQ(closest_key("frobnicate", known), "");
  EXPECT_EQ(unknown_key_message("lisen", known), "unknown key 'lisen' (did you mean 'listen'?)");
  EXPECT_EQ(unknown_key_message("zzz", known), "unknown key 'zzz'");
}

}  // namespace
}  // namespace djabberd::config::detail
