// presence_note: settings errors, the status suffix, the added element, declines otherwise.
#include <gtest/gtest.h>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include "actors/message_types.hpp"
#include "config/config.hpp"
#include "config/config_error.hpp"
#include "plugins/presence_note/presence_note_actor.hpp"
#include "plugins/test_support/ask_hook.hpp"
#include "stanza/jid.hpp"
#include "stanza/parse_element.hpp"
#include "stanza/serializer.hpp"

namespace djabberd::plugins::presence_note {
namespace {

using testing::ask_hook;

config::server_config parse(const std::string& plugin_lines) {
  return config::parse(
      "[[vhosts]]\ndomain = \"localhost\"\n[[vhosts.plugins]]\nname = \"presence_note\"\n" +
          plugin_lines,
      "test.toml");
}

std::string read_error(const std::string& plugin_lines) {
  auto server = parse(plugin_lines);
  try {
    read_note_options(server.vhosts[0].plugins[0].settings);
  } catch (const config::config_error& e) {
    return e.what();
  }
  return "";
}

xml::element_ptr presence(const std::string& inner) {
  return xml::parse_element("<presence xmlns='jabber:client' from='a@localhost/r'>" + inner +
                            "</presence>");
}

TEST(PresenceNoteSettings, Errors) {
  EXPECT_NE(read_error("add_element = \"<a>\"\n")
                .find("test.toml:5: vhosts[0].plugins[0].add_element: not one XML element"),
            std::string::npos);
  EXPECT_NE(read_error("add_element = \"<a/>\"\n").find("needs a namespace"), std::string::npos);
  EXPECT_NE(read_error("status_sufix = \"x\"\n").find("test.toml:5:"), std::string::npos);
  EXPECT_EQ(
      read_error("status_suffix = 1\n").find("test.toml:5: vhosts[0].plugins[0].status_suffix"),
      0u);
  EXPECT_EQ(read_error("status_suffix = \" x\"\nadd_element = \"<n xmlns='urn:x'/>\"\n"), "");
}

TEST(PresenceNoteAlter, AppendsSuffixToEveryStatusAndAddsElement) {
  note_options o;
  o.status_suffix = " (via djabberd)";
  auto p = presence("<show>away</show><status>lunch</status><status xml:lang='de'>Essen</status>");
  auto out = alter(o, p);
  EXPECT_EQ(xml::to_string(*out),
            "<presence xmlns='jabber:client' from='a@localhost/r'><show>away</show>"
            "<status>lunch (via djabberd)</status>"
            "<status xml:lang='de'>Essen (via djabberd)</status></presence>");
  EXPECT_EQ(xml::to_string(*p).find("via"), std::string::npos);  // the original is unchanged
  // Without <status/> the suffix changes nothing.
  auto bare = presence("<show>dnd</show>");
  EXPECT_EQ(alter(o, bare), bare);
  o.add_element = xml::parse_element("<note xmlns='urn:example:note'>hi</note>");
  auto added = alter(o, bare);
  ASSERT_NE(added, bare);
  auto note = added->child("note", "urn:example:note");
  ASSERT_TRUE(note);
  EXPECT_EQ(note->text(), "hi");
  EXPECT_EQ(alter(o, nullptr), nullptr);
}

TEST(PresenceNoteActor, HandledWhenChangedDeclinedOtherwise) {
  caf::actor_system_config cfg;
  caf::actor_system system{cfg};
  note_options o;
  o.status_suffix = "!";
  auto actor = system.spawn(presence_note_actor, o);
  auto from = *jid::parse("a@localhost/r");
  auto a = ask_hook(system, actor, atoms::presence_alter::value, std::string{"localhost"}, from,
                    presence("<status>hi</status>"));
  ASSERT_TRUE(a.handled()) << a.error;
  auto out = a.payload.get_as<xml::element_ptr>(0);
  EXPECT_EQ(out->child("status", "jabber:client")->text(), "hi!");
  auto d = ask_hook(system, actor, atoms::presence_alter::value, std::string{"localhost"}, from,
                    presence(""));
  EXPECT_TRUE(d.declined());
  caf::anon_send_exit(actor, caf::exit_reason::user_shutdown);
}

}  // namespace
}  // namespace djabberd::plugins::presence_note
