// The csi plugin advertises exactly <csi xmlns='urn:xmpp:csi:0'/> as a stream feature.
#include <gtest/gtest.h>

#include <caf/all.hpp>

#include "actors/message_types.hpp"
#include "plugins/csi/csi_plugin.hpp"
#include "plugins/test_support/ask_hook.hpp"
#include "stanza/serializer.hpp"

using namespace djabberd;

TEST(CsiPlugin, AdvertisesTheStreamFeature) {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  auto actor = sys.spawn(plugins::csi::csi_actor);
  auto answer = plugins::testing::ask_hook(sys, actor, atoms::stream_features::value,
                                           std::string("localhost"), std::string("alice"));
  ASSERT_TRUE(answer.handled());
  ASSERT_TRUE(answer.payload.match_elements<xml::element_ptr>());
  EXPECT_EQ(xml::to_string(*answer.payload.get_as<xml::element_ptr>(0)),
            "<csi xmlns='urn:xmpp:csi:0'/>");
  caf::anon_send_exit(actor, caf::exit_reason::user_shutdown);
}
