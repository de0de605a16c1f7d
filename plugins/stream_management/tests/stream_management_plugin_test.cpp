// The stream_management plugin: the <sm/> feature, the session.closing verdict, its settings.
#include <gtest/gtest.h>

#include <caf/all.hpp>

#include "actors/message_types.hpp"
#include "config/config.hpp"
#include "plugins/stream_management/sm_options.hpp"
#include "plugins/stream_management/stream_management_plugin.hpp"
#include "plugins/test_support/ask_hook.hpp"
#include "stanza/serializer.hpp"

namespace djabberd::plugins::stream_management {
namespace {

TEST(StreamManagementPlugin, AdvertisesTheStreamFeature) {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  auto actor = sys.spawn(stream_management_actor);
  auto answer = testing::ask_hook(sys, actor, atoms::stream_features::value,
                                  std::string("localhost"), std::string("alice"));
  ASSERT_TRUE(answer.handled());
  ASSERT_TRUE(answer.payload.match_elements<xml::element_ptr>());
  EXPECT_EQ(xml::to_string(*answer.payload.get_as<xml::element_ptr>(0)),
            "<sm xmlns='urn:xmpp:sm:3'/>");
  caf::anon_send_exit(actor, caf::exit_reason::user_shutdown);
}

TEST(StreamManagementPlugin, TakesOverOnlyResumableSessions) {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  auto actor = sys.spawn(stream_management_actor);
  auto full = *jid::make("alice", "localhost", "phone");
  auto resumable = testing::ask_hook(sys, actor, atoms::session_closing::value,
                                     std::string("localhost"), full, caf::actor{}, true);
  EXPECT_TRUE(resumable.handled());
  auto plain = testing::ask_hook(sys, actor, atoms::session_closing::value,
                                 std::string("localhost"), full, caf::actor{}, false);
  EXPECT_FALSE(plain.handled());
  caf::anon_send_exit(actor, caf::exit_reason::user_shutdown);
}

TEST(StreamManagementPlugin, ReadsAndChecksItsSettings) {
  auto read = [](const std::string& lines) {
    auto server = config::parse(
        "[[vhosts]]\ndomain = \"localhost\"\n[[vhosts.plugins]]\nname = \"stream_management\"\n" +
            lines,
        "test.toml");
    return read_sm_options(server.vhosts[0].plugins[0].settings);
  };
  auto defaults = read("");
  EXPECT_TRUE(defaults.enabled);
  EXPECT_EQ(defaults.resume_timeout.count(), 300);
  EXPECT_EQ(defaults.max_resume_timeout.count(), 3600);
  EXPECT_EQ(defaults.ack_every, 5);
  auto custom = read("resume_timeout = 2\nmax_resume_timeout = 10\nack_every = 1\n");
  EXPECT_EQ(custom.resume_timeout.count(), 2);
  EXPECT_EQ(custom.max_resume_timeout.count(), 10);
  EXPECT_EQ(custom.ack_every, 1);
  EXPECT_EQ(read("resume_timeout = 0\n").resume_timeout.count(), 0);  // acks only
  EXPECT_THROW(read("resume_timeout = 20\nmax_resume_timeout = 10\n"), config::config_error);
  EXPECT_THROW(read("ack_every = 0\n"), config::config_error);
  EXPECT_THROW(read("resume_timeout = -1\n"), config::config_error);
  EXPECT_THROW(read("resume = 1\n"), config::config_error);  // unknown key
}

}  // namespace
}  // namespace djabberd::plugins::stream_management
