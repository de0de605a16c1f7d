// extprog's JSON: encoding escapes, parsing every value kind, rejecting malformed text.
#include <gtest/gtest.h>

#include "plugins/extprog/json.hpp"

namespace djabberd::plugins::extprog::json {
namespace {

TEST(ExtprogJson, EncodesCompactOneLineText) {
  value v = object{{"id", 7},
                   {"s", "a\"b\\c\nd\te\x01"},
                   {"list", array{true, false, nullptr, 1.5, -3}},
                   {"empty", object{}},
                   {"utf8", "\xc3\xa9\xe2\x82\xac"}};
  EXPECT_EQ(encode(v),
            "{\"id\":7,\"s\":\"a\\\"b\\\\c\\nd\\te\\u0001\",\"list\":[true,false,null,1.5,-3],"
            "\"empty\":{},\"utf8\":\"\xc3\xa9\xe2\x82\xac\"}");
}

TEST(ExtprogJson, LargeIntegersStayExact) {
  EXPECT_EQ(encode(value{std::uint64_t{9007199254740992}}), "9007199254740992");
  auto v = parse("9007199254740991");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->as_int(), std::int64_t{9007199254740991});
  EXPECT_FALSE(parse("1.5")->as_int());
}

TEST(ExtprogJson, ParsesWhatItEncodes) {
  value v = object{{"a", array{1, "x", object{{"b", nullptr}}}}, {"c", "line\nbreak"}};
  auto back = parse(encode(v));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, v);
}

TEST(ExtprogJson, ParsesWhitespaceEscapesAndNumbers) {
  auto v = parse(" { \"k\" : [ 0 , -1.25e2 , 3E+1 , \"\\u00e9\\ud83d\\ude00\\/\" ] }\r\n");
  ASSERT_TRUE(v);
  const array& a = *find(*v->as_object(), "k")->as_array();
  ASSERT_EQ(a.size(), 4u);
  EXPECT_EQ(*a[0].as_number(), 0);
  EXPECT_EQ(*a[1].as_number(), -125);
  EXPECT_EQ(*a[2].as_number(), 30);
  EXPECT_EQ(*a[3].as_string(), "\xc3\xa9\xf0\x9f\x98\x80/");
}

TEST(ExtprogJson, RejectsMalformedText) {
  for (const char* bad :
       {"", "{", "{\"a\":}", "{\"a\" 1}", "[1,]", "[1 2]", "01", "-", "1.", "tru", "\"unterminated",
        "\"\\x\"", "\"\\ud800\"", "\"\\udc00\"", "\"a\nb\"", "{} x", "{a:1}", "'s'"}) {
    std::string error;
    EXPECT_FALSE(parse(bad, &error)) << bad;
    EXPECT_FALSE(error.empty()) << bad;
  }
}

TEST(ExtprogJson, LimitsNesting) {
  EXPECT_TRUE(parse(std::string(60, '[') + std::string(60, ']')));
  std::string error;
  EXPECT_FALSE(parse(std::string(100, '[') + std::string(100, ']'), &error));
  EXPECT_NE(error.find("nested too deeply"), std::string::npos) << error;
}

}  // namespace
}  // namespace djabberd::plugins::extprog::json
