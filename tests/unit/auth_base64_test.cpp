// Tests strict base64 encoding and decoding.
#include <gtest/gtest.h>

#include "auth/base64.hpp"

namespace djabberd::auth {
namespace {

TEST(Base64, Rfc4648Vectors) {
  const std::pair<std::string_view, std::string_view> vectors[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
  };
  for (auto [plain, encoded] : vectors) {
    EXPECT_EQ(base64_encode(plain), encoded);
    EXPECT_EQ(base64_decode(encoded), std::string(plain)) << encoded;
  }
}

TEST(Base64, BinaryRoundTrip) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  for (std::size_t n = 0; n <= all.size(); n += 17) {
    std::string data = all.substr(0, n);
    EXPECT_EQ(base64_decode(base64_encode(data)), data);
  }
  EXPECT_EQ(base64_decode("+/+/"), std::string("\xfb\xff\xbf"));
}

TEST(Base64, RejectsNonStrictInput) {
  for (std::string_view bad :
       {"Zg", "Zg=", "Zm9v\n", " Zm9v", "Zm 9v", "Zm9v====", "Zg==Zg==", "Z===", "====", "Zm9-",
        "Zm9_", "Zm9v*A==", "Zh==", "Zm9=", "=Zm9", "Zm=v"}) {
    EXPECT_FALSE(base64_decode(bad)) << bad;
  }
  EXPECT_FALSE(base64_decode(std::string_view("Zm9\0", 4)));
}

}  // namespace
}  // namespace djabberd::auth
