// Tests of the stream and stanza error condition names and default types.
#include <gtest/gtest.h>

#include "stanza/stream_error.hpp"

namespace djabberd::xml {
namespace {

TEST(StanzaErrors, StreamConditionNames) {
  EXPECT_EQ(condition_name(stream_error::bad_format), "bad-format");
  EXPECT_EQ(condition_name(stream_error::not_well_formed), "not-well-formed");
  EXPECT_EQ(condition_name(stream_error::restricted_xml), "restricted-xml");
  EXPECT_EQ(condition_name(stream_error::see_other_host), "see-other-host");
  EXPECT_EQ(condition_name(stream_error::unsupported_version), "unsupported-version");
  for (int i = 0; i <= int(stream_error::unsupported_version); ++i) {
    auto e = static_cast<stream_error>(i);
    EXPECT_EQ(stream_error_from_name(condition_name(e)), e);
  }
  EXPECT_EQ(stream_error_from_name("nonsense"), std::nullopt);
}

TEST(StanzaErrors, StanzaConditionNames) {
  EXPECT_EQ(condition_name(stanza_error::feature_not_implemented), "feature-not-implemented");
  EXPECT_EQ(condition_name(stanza_error::service_unavailable), "service-unavailable");
  EXPECT_EQ(condition_name(stanza_error::unexpected_request), "unexpected-request");
  for (int i = 0; i <= int(stanza_error::unexpected_request); ++i) {
    auto e = static_cast<stanza_error>(i);
    EXPECT_EQ(stanza_error_from_name(condition_name(e)), e);
  }
  EXPECT_EQ(stanza_error_from_name("not-well-formed"), std::nullopt);
}

TEST(StanzaErrors, TypeNames) {
  EXPECT_EQ(type_name(stanza_error_type::continue_), "continue");
  EXPECT_EQ(type_name(stanza_error_type::auth), "auth");
  EXPECT_EQ(stanza_error_type_from_name("wait"), stanza_error_type::wait);
  EXPECT_EQ(stanza_error_type_from_name("continue"), stanza_error_type::continue_);
  EXPECT_EQ(stanza_error_type_from_name("later"), std::nullopt);
}

TEST(StanzaErrors, DefaultTypes) {
  EXPECT_EQ(default_type(stanza_error::service_unavailable), stanza_error_type::cancel);
  EXPECT_EQ(default_type(stanza_error::not_authorized), stanza_error_type::auth);
  EXPECT_EQ(default_type(stanza_error::forbidden), stanza_error_type::auth);
  EXPECT_EQ(default_type(stanza_error::bad_request), stanza_error_type::modify);
  EXPECT_EQ(default_type(stanza_error::jid_malformed), stanza_error_type::modify);
  EXPECT_EQ(default_type(stanza_error::resource_constraint), stanza_error_type::wait);
  EXPECT_EQ(default_type(stanza_error::remote_server_timeout), stanza_error_type::wait);
  EXPECT_EQ(default_type(stanza_error::policy_violation), stanza_error_type::modify);
  EXPECT_EQ(default_type(stanza_error::item_not_found), stanza_error_type::cancel);
}

TEST(StanzaErrors, ReachableFromTheTopNamespace) {
  EXPECT_EQ(djabberd::condition_name(djabberd::stream_error::conflict), "conflict");
  EXPECT_EQ(djabberd::default_type(djabberd::stanza_error::gone), stanza_error_type::cancel);
}

}  // namespace
}  // namespace djabberd::xml
