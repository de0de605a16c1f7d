// extprog's protocol: request lines, reply parsing, roster items and XML payloads.
#include <gtest/gtest.h>

#include "config/config.hpp"
#include "config/config_error.hpp"
#include "plugins/extprog/extprog_options.hpp"
#include "plugins/extprog/extprog_protocol.hpp"
#include "plugins/test_support/temp_dir.hpp"
#include "stanza/parse_element.hpp"
#include "stanza/serializer.hpp"

namespace djabberd::plugins::extprog {
namespace {

TEST(ExtprogProtocol, RequestIsOneLineWithIdHookVhostAndInputs) {
  auto line = encode_request(42, "roster.get", "localhost", json::object{{"owner", "a@b"}});
  EXPECT_EQ(line,
            "{\"id\":42,\"hook\":\"roster.get\",\"vhost\":\"localhost\",\"owner\":\"a@b\"}\n");
  EXPECT_EQ(encode_request(42, "roster.get", "localhost", "{\"owner\":\"a@b\"}"), line);
  EXPECT_EQ(encode_request(1, "x", "v", "{}"), "{\"id\":1,\"hook\":\"x\",\"vhost\":\"v\"}\n");
}

TEST(ExtprogProtocol, StanzaInputsAreXmlStringsOnOneLine) {
  auto e =
      xml::parse_element("<message xmlns='jabber:client'><body>a\nb &amp; \"c\"</body></message>");
  ASSERT_TRUE(e);
  auto line = encode_request(1, "c2s.filter", "h", json::object{{"stanza", encode_xml(e)}});
  EXPECT_EQ(line.find('\n'), line.size() - 1);
  auto back = json::parse(line);
  ASSERT_TRUE(back);
  auto text = json::find(*back->as_object(), "stanza")->as_string();
  ASSERT_TRUE(text);
  auto reparsed = xml::parse_element(*text);
  ASSERT_TRUE(reparsed);
  EXPECT_EQ(*reparsed, *e);
  EXPECT_TRUE(encode_xml(nullptr).is_null());
}

TEST(ExtprogProtocol, ParsesHandledAndDeclinedReplies) {
  std::string error;
  auto r = parse_reply("{\"id\": 5, \"result\": \"handled\", \"stored\": true}\r", error);
  ASSERT_TRUE(r) << error;
  EXPECT_EQ(r->id, 5u);
  EXPECT_TRUE(r->handled);
  EXPECT_EQ(payload_bool(*r, "stored", error), true);
  EXPECT_FALSE(payload_bool(*r, "accepted", error));
  auto d = parse_reply("{\"result\":\"declined\",\"id\":6}", error);
  ASSERT_TRUE(d);
  EXPECT_FALSE(d->handled);
}

TEST(ExtprogProtocol, RejectsMalformedReplies) {
  for (const char* bad :
       {"hello", "[1]", "{\"result\":\"handled\"}", "{\"id\":-1,\"result\":\"handled\"}",
        "{\"id\":1.5,\"result\":\"handled\"}", "{\"id\":\"1\",\"result\":\"handled\"}",
        "{\"id\":1}", "{\"id\":1,\"result\":\"ok\"}", "{\"id\":1,\"result\":true}"}) {
    std::string error;
    EXPECT_FALSE(parse_reply(bad, error)) << bad;
    EXPECT_FALSE(error.empty()) << bad;
  }
}

TEST(ExtprogProtocol, RosterItemsRoundTrip) {
  roster::roster_item item;
  item.contact = "bob@localhost";
  item.name = "Bob";
  item.groups = {"Friends", "Work"};
  item.to = true;
  item.pending_in = true;
  item.approved = true;
  json::value v = encode_roster_item(item);
  EXPECT_EQ(json::encode(v),
            "{\"jid\":\"bob@localhost\",\"name\":\"Bob\",\"groups\":[\"Friends\",\"Work\"],"
            "\"subscription\":\"to\",\"ask\":false,\"pending_in\":true,\"approved\":true,"
            "\"in_roster\":true}");
  std::string error;
  auto back = decode_roster_item(v, error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(*back, item);
  for (auto [sub, to, from] : {std::tuple{"none", false, false},
                               {"to", true, false},
                               {"from", false, true},
                               {"both", true, true}}) {
    roster::roster_item x;
    x.contact = "c@d";
    x.to = to;
    x.from = from;
    auto y = decode_roster_item(encode_roster_item(x), error);
    ASSERT_TRUE(y) << sub;
    EXPECT_EQ(*y, x) << sub;
  }
}

TEST(ExtprogProtocol, RosterPayloadDefaultsAndErrors) {
  std::string error;
  auto r = parse_reply(
      "{\"id\":1,\"result\":\"handled\",\"items\":[{\"jid\":\"a@b\"},"
      "{\"jid\":\"c@d\",\"name\":null,\"subscription\":\"both\",\"ask\":true}]}",
      error);
  ASSERT_TRUE(r) << error;
  auto items = payload_roster(*r, error);
  ASSERT_TRUE(items) << error;
  ASSERT_EQ(items->size(), 2u);
  EXPECT_EQ((*items)[0].contact, "a@b");
  EXPECT_TRUE((*items)[0].in_roster);
  EXPECT_FALSE((*items)[0].to);
  EXPECT_TRUE((*items)[1].to && (*items)[1].from && (*items)[1].pending_out);
  for (const char* bad :
       {"{\"id\":1,\"result\":\"handled\"}", "{\"id\":1,\"result\":\"handled\",\"items\":{}}",
        "{\"id\":1,\"result\":\"handled\",\"items\":[{\"name\":\"x\"}]}",
        "{\"id\":1,\"result\":\"handled\",\"items\":[{\"jid\":\"a@b\",\"subscription\":\"all\"}]}",
        "{\"id\":1,\"result\":\"handled\",\"items\":[{\"jid\":\"a@b\",\"groups\":[1]}]}",
        "{\"id\":1,\"result\":\"handled\",\"items\":[{\"jid\":\"a@b\",\"ask\":\"yes\"}]}"}) {
    auto b = parse_reply(bad, error);
    ASSERT_TRUE(b) << bad;
    error.clear();
    EXPECT_FALSE(payload_roster(*b, error)) << bad;
    EXPECT_FALSE(error.empty()) << bad;
  }
}

TEST(ExtprogProtocol, XmlPayloads) {
  std::string error;
  auto r = parse_reply(
      "{\"id\":1,\"result\":\"handled\",\"vcard\":\"<vCard xmlns='vcard-temp'>"
      "<FN>A</FN></vCard>\",\"none\":null,\"bad\":\"<a>\",\"num\":3}",
      error);
  ASSERT_TRUE(r);
  auto v = payload_xml(*r, "vcard", true, error);
  ASSERT_TRUE(v && *v) << error;
  EXPECT_TRUE((*v)->is("vCard", "vcard-temp"));
  auto none = payload_xml(*r, "none", true, error);
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);
  EXPECT_FALSE(payload_xml(*r, "none", false, error));
  EXPECT_FALSE(payload_xml(*r, "bad", true, error));
  EXPECT_FALSE(payload_xml(*r, "num", true, error));
}

TEST(ExtprogProtocol, SupportedHooks) {
  EXPECT_TRUE(is_supported(hooks::hook_id::roster_get));
  EXPECT_TRUE(is_supported(hooks::hook_id::c2s_filter));
  EXPECT_FALSE(is_supported(hooks::hook_id::auth_get_secret));
  EXPECT_NE(supported_hook_names().find("vcard.set"), std::string::npos);
}

// --- options --------------------------------------------------------------------------------

config::server_config parse(const std::string& plugin_lines) {
  return config::parse(
      "[[vhosts]]\ndomain = \"localhost\"\n[[vhosts.plugins]]\nname = \"extprog\"\n" + plugin_lines,
      "test.toml");
}

std::string read_error(const std::string& plugin_lines) {
  auto server = parse(plugin_lines);
  try {
    read_extprog_options(server.vhosts[0].plugins[0].settings, "/");
  } catch (const config::config_error& e) {
    return e.what();
  }
  return "";
}

TEST(ExtprogOptions, DefaultsAndValues) {
  auto server = parse("program = \"/bin/cat\"\nhooks = [\"roster.get\", \"c2s.filter\"]\n");
  auto o = read_extprog_options(server.vhosts[0].plugins[0].settings, "/");
  EXPECT_EQ(o.program, "/bin/cat");
  EXPECT_EQ(o.hooks, (std::vector{hooks::hook_id::roster_get, hooks::hook_id::c2s_filter}));
  EXPECT_EQ(o.timeout.count(), 2000);
  EXPECT_EQ(o.instances, 1);
  EXPECT_EQ(o.restart_delay.count(), 1000);
  auto s2 = parse(
      "program = \"cat\"\nargs = [\"-u\"]\nhooks = [\"vcard.get\"]\ntimeout_ms = 300\n"
      "instances = 3\nrestart_delay_ms = 0\n");
  auto o2 = read_extprog_options(s2.vhosts[0].plugins[0].settings, "/bin");
  EXPECT_EQ(o2.program, "/bin/cat");
  EXPECT_EQ(o2.args, std::vector<std::string>{"-u"});
  EXPECT_EQ(o2.timeout.count(), 300);
  EXPECT_EQ(o2.instances, 3);
  EXPECT_EQ(o2.restart_delay.count(), 0);
}

TEST(ExtprogOptions, ErrorsNameFileLineAndKey) {
  auto e = read_error("program = \"/bin/cat\"\nhooks = [\"roster.get\", \"auth.get_secret\"]\n");
  EXPECT_EQ(e.rfind("test.toml:6: vhosts[0].plugins[0].hooks: 'auth.get_secret' is not a hook "
                    "extprog supports",
                    0),
            0u)
      << e;
  e = read_error("program = \"/bin/cat\"\nhooks = [\"roster.gett\"]\n");
  EXPECT_NE(e.find("test.toml:6: vhosts[0].plugins[0].hooks: 'roster.gett'"), std::string::npos)
      << e;
  e = read_error("program = \"/bin/cat\"\nhooks = [\"roster.get\", \"roster.get\"]\n");
  EXPECT_NE(e.find("listed twice"), std::string::npos) << e;
  EXPECT_NE(read_error("program = \"/bin/cat\"\n").find("plugins[0].hooks: required"),
            std::string::npos);
  EXPECT_NE(read_error("hooks = [\"roster.get\"]\n").find("plugins[0].program: required"),
            std::string::npos);
  EXPECT_NE(read_error("program = \"/nonexistent/x\"\nhooks = [\"roster.get\"]\n")
                .find("test.toml:5: vhosts[0].plugins[0].program: '/nonexistent/x' is not an "
                      "executable file"),
            std::string::npos);
  EXPECT_NE(read_error("program = \"/bin/cat\"\nhooks = [\"roster.get\"]\ntimeout_ms = 0\n")
                .find("test.toml:7: vhosts[0].plugins[0].timeout_ms"),
            std::string::npos);
  EXPECT_NE(read_error("program = \"/bin/cat\"\nhooks = [\"roster.get\"]\nhook = 1\n")
                .find("test.toml:7:"),
            std::string::npos);
}

}  // namespace
}  // namespace djabberd::plugins::extprog
