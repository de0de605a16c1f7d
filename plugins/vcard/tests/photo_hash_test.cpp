// XEP-0153 photo hash of a vCard and the presence update element.
#include <gtest/gtest.h>

#include "plugins/vcard/photo_hash.hpp"
#include "stanza/parse_element.hpp"
#include "stanza/serializer.hpp"

namespace djabberd::plugins::vcard {
namespace {

TEST(PhotoHash, Sha1HexOfTheDecodedBinval) {
  // base64("abc") = YWJj; SHA-1("abc") = a9993e36...
  auto vcard = xml::parse_element(
      "<vCard xmlns='vcard-temp'><PHOTO><TYPE>image/png</TYPE><BINVAL>YW\n Jj</BINVAL></PHOTO>"
      "</vCard>");
  EXPECT_EQ(photo_hash(vcard), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(photo_hash(xml::parse_element("<vCard xmlns='vcard-temp'><FN>x</FN></vCard>")), "");
  EXPECT_EQ(photo_hash(xml::parse_element(
                "<vCard xmlns='vcard-temp'><PHOTO><BINVAL>!!</BINVAL></PHOTO></vCard>")),
            "");
  EXPECT_EQ(photo_hash(nullptr), "");
}

TEST(PhotoHash, UpdateElementAddedOnce) {
  auto presence =
      xml::parse_element("<presence xmlns='jabber:client'><show>away</show></presence>");
  auto with = with_photo_update(presence, "abc");
  ASSERT_NE(with, presence);
  auto x = with->child("x", "vcard-temp:x:update");
  ASSERT_TRUE(x);
  EXPECT_EQ(x->child("photo", "vcard-temp:x:update")->text(), "abc");
  EXPECT_EQ(with_photo_update(with, "other"), with);  // the client's own element stays
  auto empty = with_photo_update(presence, "");
  EXPECT_EQ(empty->child("x", "vcard-temp:x:update")->child("photo", "vcard-temp:x:update")->text(),
            "");
  EXPECT_FALSE(presence->child("x", "vcard-temp:x:update"));  // the original is untouched
}

}  // namespace
}  // namespace djabberd::plugins::vcard
