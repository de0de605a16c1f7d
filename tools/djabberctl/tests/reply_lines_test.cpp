// reply_lines: parsing admin reply lines and printing them as text or JSON rows.
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tools/djabberctl/reply_lines.hpp"

namespace djabberd::ctl {
namespace {

admin_reply reply_of(std::vector<std::string> lines) {
  admin_reply r;
  r.ok = true;
  r.lines = std::move(lines);
  return r;
}

TEST(ReplyLines, SplitsKeyValueAtTheFirstEquals) {
  auto kv = split_key_value("a.b=x=y");
  EXPECT_EQ(kv.key, "a.b");
  EXPECT_EQ(kv.value, "x=y");
  auto bare = split_key_value("novalue");  // no '=': both key and value are the line
  EXPECT_EQ(bare.key, "novalue");
  EXPECT_EQ(bare.value, "novalue");
  EXPECT_EQ(split_key_value("k=").value, "");
}

TEST(ReplyLines, SplitsTabs) {
  EXPECT_EQ(split_tabs("a\tb\t\tc"), (std::vector<std::string>{"a", "b", "", "c"}));
  EXPECT_TRUE(split_tabs("").empty());
}

TEST(ReplyLines, FirstValueOrFallback) {
  EXPECT_EQ(first_value(reply_of({"kicked=2", "other=3"}), "0"), "2");
  EXPECT_EQ(first_value(reply_of({}), "0"), "0");
}

TEST(ReplyLines, AppendsCommaSeparated) {
  std::string list;
  append_listed(list, "a");
  append_listed(list, "b");
  EXPECT_EQ(list, "a, b");
}

TEST(ReplyLines, PrintsLinesAfterAnOptionalHeader) {
  std::ostringstream plain, headed;
  print_lines(reply_of({"x=1", "y=2"}), plain);
  EXPECT_EQ(plain.str(), "x=1\ny=2\n");
  print_lines(reply_of({"a\tb"}), headed, "A\tB");
  EXPECT_EQ(headed.str(), "A\tB\na\tb\n");
}

TEST(ReplyLines, PrintsJsonRowsSkippingRejectedLines) {
  std::ostringstream out;
  print_json_rows(reply_of({"1\tone", "broken", "2\ttwo"}), out,
                  [](const std::vector<std::string>& f) -> std::optional<std::string> {
                    if (f.size() != 2) return std::nullopt;
                    return "\"n\": " + f[0] + ", \"name\": \"" + f[1] + "\"";
                  });
  EXPECT_EQ(out.str(), "[{\"n\": 1, \"name\": \"one\"}, {\"n\": 2, \"name\": \"two\"}]\n");
  std::ostringstream empty;
  print_json_rows(reply_of({}), empty, [](const auto&) { return std::optional<std::string>{}; });
  EXPECT_EQ(empty.str(), "[]\n");
}

}  // namespace
}  // namespace djabberd::ctl
