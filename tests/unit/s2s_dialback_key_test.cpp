// XEP-0185 dialback keys against the specification's example values.
#include <gtest/gtest.h>

#include "actors/s2s/dialback_key.hpp"

namespace djabberd::s2s {
namespace {

TEST(DialbackKey, MatchesXep0185Example) {
  // XEP-0185 §3: secret 's3cr3tf0rd14lb4ck', receiving server xmpp.example.com, originating
  // server example.org, stream ID D60000229F.
  EXPECT_EQ(dialback_key("s3cr3tf0rd14lb4ck", "xmpp.example.com", "example.org", "D60000229F"),
            "37c69b1cf07a3f67c04a5ef5902fa5114f2c76fe4a2686482ba5b89323075643");
}

TEST(DialbackKey, BindsEveryInput) {
  auto base = dialback_key("secret", "recv.example", "orig.example", "id1");
  EXPECT_EQ(base.size(), 64u);
  EXPECT_NE(dialback_key("other", "recv.example", "orig.example", "id1"), base);
  EXPECT_NE(dialback_key("secret", "orig.example", "recv.example", "id1"), base);
  EXPECT_NE(dialback_key("secret", "recv.example", "orig.example", "id2"), base);
  EXPECT_EQ(dialback_key("secret", "recv.example", "orig.example", "id1"), base);
}

}  // namespace
}  // namespace djabberd::s2s
