// The presence fan-out scenario: contact layout, JID parsing, presence scanning and counting.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bench/loadgen/options.hpp"
#include "bench/loadgen/presence_contacts.hpp"
#include "bench/loadgen/presence_scan.hpp"
#include "bench/loadgen/presence_tracker.hpp"

namespace djabberd::loadgen {
namespace {

TEST(LoadgenPresence, ContactsAreTheOtherMembersOfTheGroup) {
  const ContactGroups groups{100};  // groups [0, 100], [101, 201], ...
  EXPECT_EQ(groups.group_first(0), 0u);
  EXPECT_EQ(groups.group_first(100), 0u);
  EXPECT_EQ(groups.group_first(101), 101u);
  EXPECT_EQ(groups.group_first(1009), 909u);
  EXPECT_TRUE(groups.is_contact(0, 100));
  EXPECT_TRUE(groups.is_contact(100, 0));
  EXPECT_FALSE(groups.is_contact(0, 0));  // not one's own contact
  EXPECT_FALSE(groups.is_contact(100, 101));
  EXPECT_TRUE(groups.is_contact(202, 302));
  std::uint32_t count = 0;
  for (std::uint64_t other = 0; other < 1010; ++other) count += groups.is_contact(505, other);
  EXPECT_EQ(count, 100u);
  EXPECT_EQ(groups.slot(101), 0u);
  EXPECT_EQ(groups.slot(201), 100u);
}

TEST(LoadgenPresence, ReadsUserNumbersOfGeneratorJids) {
  EXPECT_EQ(user_number("fan17@localhost/bench", "fan", "localhost"), 17u);
  EXPECT_EQ(user_number("fan0@localhost", "fan", "localhost"), 0u);
  EXPECT_FALSE(user_number("fan17@example.org/bench", "fan", "localhost"));
  EXPECT_FALSE(user_number("bench17@localhost/x", "fan", "localhost"));
  EXPECT_FALSE(user_number("fan@localhost", "fan", "localhost"));
  EXPECT_FALSE(user_number("fan1x@localhost", "fan", "localhost"));
  EXPECT_FALSE(user_number("fan007@localhost", "fan", "localhost"));  // not how users are named
  EXPECT_FALSE(user_number("localhost", "fan", "localhost"));
}

TEST(LoadgenPresence, ScansAvailablePresencesOnly) {
  const std::string buf =
      "<presence from='fan1@localhost/bench' to='fan0@localhost/bench'/>"
      "<presence from=\"fan2@localhost/bench\" to='fan0@localhost/bench'><priority>0</priority>"
      "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='n' ver='v'/></presence>"
      "<presence from='fan3@localhost/bench' type='unavailable'/>"
      "<iq type='result' id='x'/>"
      "<presence type='error' from='fan4@localhost'><error type='cancel'/></presence>"
      "<presence to='fan0@localhost/bench'/>";
  ScannedPresences got;
  EXPECT_EQ(scan_presences(buf, got), buf.size());
  ASSERT_EQ(got.available_from.size(), 2u);
  EXPECT_EQ(got.available_from[0], "fan1@localhost/bench");
  EXPECT_EQ(got.available_from[1], "fan2@localhost/bench");
  EXPECT_EQ(got.other_types, (std::vector<std::string_view>{"unavailable", "error", ""}));
}

TEST(LoadgenPresence, KeepsAnIncompletePresenceForTheNextRead) {
  const std::string first = "<presence from='fan1@localhost/a'/><presence from='fan2@loc";
  ScannedPresences got;
  const std::size_t drop = scan_presences(first, got);
  ASSERT_EQ(got.available_from.size(), 1u);
  EXPECT_EQ(first.substr(drop), "<presence from='fan2@loc");
  const std::string second = first.substr(drop) + "alhost/a'><show>away</show></presence>";
  EXPECT_EQ(scan_presences(second, got), second.size());
  ASSERT_EQ(got.available_from.size(), 1u);
  EXPECT_EQ(got.available_from[0], "fan2@localhost/a");
}

TEST(LoadgenPresence, TrackerCountsDistinctContactsUntilComplete) {
  // Clients are users 3..8 (two groups of 3 with --contacts 2: {3,4,5}, {6,7,8}).
  PresenceTracker tracker{3, 6, 2};
  EXPECT_EQ(tracker.expected(), 12u);
  EXPECT_FALSE(tracker.complete());
  EXPECT_TRUE(tracker.seen(0, 4, 10));    // user 3 sees 4
  EXPECT_FALSE(tracker.seen(0, 4, 11));   // again: a repeat
  EXPECT_FALSE(tracker.seen(0, 3, 12));   // its own presence
  EXPECT_FALSE(tracker.seen(0, 6, 13));   // another group
  EXPECT_FALSE(tracker.seen(0, 99, 14));  // not a client at all
  EXPECT_EQ(tracker.distinct(), 1u);
  EXPECT_EQ(tracker.missing(), 11u);
  EXPECT_EQ(tracker.clients_incomplete(), 6u);
  const std::uint64_t users[][2] = {{0, 5}, {1, 3}, {1, 5}, {2, 3}, {2, 4},
                                    {3, 7}, {3, 8}, {4, 6}, {4, 8}, {5, 6}};
  std::uint64_t t = 100;
  for (const auto& u : users)
    EXPECT_TRUE(tracker.seen(static_cast<std::uint32_t>(u[0]), u[1], t++));
  EXPECT_EQ(tracker.clients_incomplete(), 1u);  // user 8 has not seen 7
  EXPECT_FALSE(tracker.completed_us());
  EXPECT_TRUE(tracker.seen(5, 7, 500));
  EXPECT_TRUE(tracker.complete());
  EXPECT_EQ(tracker.completed_us(), 500u);
  EXPECT_FALSE(tracker.seen(5, 7, 600));  // a late repeat does not move the end
  EXPECT_EQ(tracker.completed_us(), 500u);

  tracker.ignored("unavailable");
  std::string json;
  tracker.report_json(json, 100);
  EXPECT_NE(json.find("\"other_presences\": {\"unavailable\": 1}"), std::string::npos) << json;
  EXPECT_NE(json.find("\"complete\": true"), std::string::npos) << json;
  EXPECT_NE(json.find("\"missing\": 0"), std::string::npos) << json;
  EXPECT_NE(json.find("\"repeats\": 2"), std::string::npos) << json;
}

TEST(LoadgenPresence, OptionsRequireWholeGroups) {
  auto parse = [](std::vector<const char*> args, int& code) {
    args.insert(args.begin(), "djabberd-loadgen");
    return parse_options(static_cast<int>(args.size()), const_cast<char**>(args.data()), code);
  };
  int code = -1;
  auto o = parse({"--port", "5222", "--password", "pw", "--scenario", "presence", "--count", "1010",
                  "--first-index", "101"},
                 code);
  ASSERT_TRUE(o);
  EXPECT_EQ(o->contacts, 100u);
  EXPECT_FALSE(parse(
      {"--port", "5222", "--password", "pw", "--scenario", "presence", "--count", "1000"}, code));
  EXPECT_EQ(code, 2);
  EXPECT_TRUE(parse({"--port", "5222", "--password", "pw", "--scenario", "presence", "--count",
                     "30", "--contacts", "9"},
                    code));
  EXPECT_FALSE(parse({"--port", "5222", "--password", "pw", "--contacts", "0"}, code));
}

}  // namespace
}  // namespace djabberd::loadgen
