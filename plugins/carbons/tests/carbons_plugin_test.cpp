// carbons: the plugin only advertises urn:xmpp:carbons:2 on the server (the core does XEP-0280).
#include <gtest/gtest.h>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include "actors/message_types.hpp"
#include "plugins/carbons/carbons_plugin.hpp"
#include "plugins/test_support/ask_hook.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::plugins::carbons {
namespace {

using testing::ask_hook;

class Carbons : public ::testing::Test {
 protected:
  ~Carbons() override { caf::anon_send_exit(actor_, caf::exit_reason::user_shutdown); }
  caf::actor_system_config cfg_;
  caf::actor_system system_{cfg_};
  caf::actor actor_ = system_.spawn(carbons_actor);
};

TEST_F(Carbons, AdvertisesTheFeature) {
  auto a =
      ask_hook(system_, actor_, atoms::disco_info::value, std::string{"localhost"}, std::string{});
  ASSERT_TRUE(a.handled()) << a.error;
  auto feature = a.payload.get_as<xml::element_ptr>(0)->child("feature", ns::disco_info);
  ASSERT_TRUE(feature);
  EXPECT_EQ(feature->attr_or("var"), "urn:xmpp:carbons:2");
}

TEST_F(Carbons, DeclinesNodes) {
  auto a = ask_hook(system_, actor_, atoms::disco_info::value, std::string{"localhost"},
                    std::string{"some-node"});
  EXPECT_TRUE(a.declined()) << a.error;
}

}  // namespace
}  // namespace djabberd::plugins::carbons
