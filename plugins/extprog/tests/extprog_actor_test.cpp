// extprog's actors against small Python programs: payloads, out-of-order replies, malformed
// lines, timeouts of a hung program, restart after a crash.
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/send.hpp>

#include <sys/stat.h>

#include "actors/message_types.hpp"
#include "plugins/extprog/extprog_core_actor.hpp"
#include "plugins/extprog/extprog_hook_actor.hpp"
#include "plugins/test_support/ask_hook.hpp"
#include "plugins/test_support/temp_dir.hpp"
#include "stanza/jid.hpp"
#include "stanza/parse_element.hpp"

namespace djabberd::plugins::extprog {
namespace {

using plugins::testing::ask_hook;

// Replies by owner: "slow" after 0.5 s (so later requests overtake it), "hang" never (sleeps),
// "crash" exits with status 3, "garbage" prints a non-JSON line first, "bad" a wrong payload,
// "nobody" declines. argv[1] logs "PID start" at each start.
constexpr const char* script = R"(#!/usr/bin/python3
import json, os, sys, threading, time
LOG = sys.argv[1]
with open(LOG, "a") as f:
    f.write("%d start\n" % os.getpid())
lock = threading.Lock()
def send(obj):
    with lock:
        sys.stdout.write(json.dumps(obj) + "\n")
        sys.stdout.flush()
def answer(req):
    owner = req.get("owner", "")
    if req["hook"] == "roster.get":
        if owner.startswith("slow"):
            time.sleep(0.5)
        send({"id": req["id"], "result": "handled", "items": [
            {"jid": "contact-of-" + owner, "name": req["vhost"], "groups": ["G"],
             "subscription": "both", "ask": False}]})
    elif req["hook"] == "roster.set_item":
        send({"id": req["id"], "result": "handled", "stored": req["item"]["jid"] == "ok@x"})
    elif req["hook"] == "c2s.filter":
        send({"id": req["id"], "result": "handled" if "drop" in req["stanza"] else "declined"})
    elif req["hook"] == "vcard.get":
        send({"id": req["id"], "result": "handled", "vcard": None if owner == "none@x" else
              "<vCard xmlns='vcard-temp'><FN>" + owner + "</FN></vCard>"})
for line in sys.stdin:
    req = json.loads(line)
    owner = req.get("owner", "")
    if owner == "hang":
        time.sleep(60)
    elif owner == "crash":
        sys.exit(3)
    elif owner == "garbage":
        print("this is not json", flush=True)
        answer(req)
    elif owner == "bad":
        send({"id": req["id"], "result": "handled", "items": "nope"})
    elif owner == "nobody":
        send({"id": req["id"], "result": "declined"})
    else:
        threading.Thread(target=answer, args=(req,)).start()
)";

class ExtprogActorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    program = dir.path() / "prog.py";
    std::ofstream{program} << script;
    ::chmod(program.c_str(), 0755);
    log_file = dir.path() / "log";
  }

  caf::actor hook(hooks::hook_id id, std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    if (!core) {
      extprog_options o;
      o.program = program;
      o.args = {log_file.string()};
      o.timeout = timeout;
      o.restart_delay = std::chrono::milliseconds(100);
      core = system.spawn(extprog_core_actor, o);
    }
    hook_actors.push_back(system.spawn(extprog_hook_actor, id, core, std::chrono::seconds(20)));
    return hook_actors.back();
  }

  int starts() {
    std::ifstream in{log_file};
    std::string line;
    int n = 0;
    while (std::getline(in, line)) n += line.find(" start") != std::string::npos;
    return n;
  }

  void TearDown() override {
    for (const auto& h : hook_actors) caf::anon_send_exit(h, caf::exit_reason::user_shutdown);
    if (core) caf::anon_send_exit(core, caf::exit_reason::user_shutdown);
  }

  plugins::testing::temp_dir dir;
  std::filesystem::path program;
  std::filesystem::path log_file;
  caf::actor_system_config cfg;
  caf::actor_system system{cfg};
  caf::actor core;
  std::vector<caf::actor> hook_actors;
};

TEST_F(ExtprogActorTest, RosterGetPayload) {
  auto h = hook(hooks::hook_id::roster_get);
  auto a = ask_hook(system, h, atoms::roster_get::value, std::string{"localhost"},
                    std::string{"alice@localhost"});
  ASSERT_TRUE(a.handled()) << a.error;
  ASSERT_TRUE(a.payload.match_elements<roster::roster_items>());
  const auto& items = a.payload.get_as<roster::roster_items>(0);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].contact, "contact-of-alice@localhost");
  EXPECT_EQ(items[0].name, "localhost");
  EXPECT_EQ(items[0].groups, std::vector<std::string>{"G"});
  EXPECT_TRUE(items[0].to && items[0].from);
}

TEST_F(ExtprogActorTest, SetItemFilterAndVcard) {
  auto set = hook(hooks::hook_id::roster_set_item);
  roster::roster_item item;
  item.contact = "ok@x";
  auto a = ask_hook(system, set, atoms::roster_set_item::value, std::string{"h"},
                    std::string{"o@h"}, item);
  ASSERT_TRUE(a.handled());
  EXPECT_TRUE(a.payload.get_as<bool>(0));
  item.contact = "no@x";
  a = ask_hook(system, set, atoms::roster_set_item::value, std::string{"h"}, std::string{"o@h"},
               item);
  ASSERT_TRUE(a.handled());
  EXPECT_FALSE(a.payload.get_as<bool>(0));

  auto filter = hook(hooks::hook_id::c2s_filter);
  auto from = *jid::parse("a@h/r");
  auto drop = xml::parse_element("<message xmlns='jabber:client'><body>drop me</body></message>");
  auto keep = xml::parse_element("<message xmlns='jabber:client'><body>fine</body></message>");
  EXPECT_TRUE(
      ask_hook(system, filter, atoms::c2s_filter::value, std::string{"h"}, from, drop).handled());
  EXPECT_TRUE(
      ask_hook(system, filter, atoms::c2s_filter::value, std::string{"h"}, from, keep).declined());

  auto vcard = hook(hooks::hook_id::vcard_get);
  a = ask_hook(system, vcard, atoms::vcard_get::value, std::string{"h"}, std::string{"v@x"});
  ASSERT_TRUE(a.handled());
  auto e = a.payload.get_as<xml::element_ptr>(0);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->child("FN", "vcard-temp")->text(), "v@x");
  a = ask_hook(system, vcard, atoms::vcard_get::value, std::string{"h"}, std::string{"none@x"});
  ASSERT_TRUE(a.handled());
  EXPECT_FALSE(a.payload.get_as<xml::element_ptr>(0));
}

TEST_F(ExtprogActorTest, RepliesOutOfOrderAreMatchedById) {
  auto h = hook(hooks::hook_id::roster_get);
  plugins::testing::hook_answer slow;
  std::thread t{[&] {
    slow = ask_hook(system, h, atoms::roster_get::value, std::string{"h"}, std::string{"slow@x"});
  }};
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto start = std::chrono::steady_clock::now();
  auto fast =
      ask_hook(system, h, atoms::roster_get::value, std::string{"h"}, std::string{"fast@x"});
  auto fast_time = std::chrono::steady_clock::now() - start;
  t.join();
  ASSERT_TRUE(fast.handled());
  ASSERT_TRUE(slow.handled());
  EXPECT_LT(fast_time, std::chrono::milliseconds(350));  // not queued behind the slow one
  EXPECT_EQ(fast.payload.get_as<roster::roster_items>(0)[0].contact, "contact-of-fast@x");
  EXPECT_EQ(slow.payload.get_as<roster::roster_items>(0)[0].contact, "contact-of-slow@x");
}

TEST_F(ExtprogActorTest, MalformedLinesAndPayloadsAreIgnoredOrDeclined) {
  auto h = hook(hooks::hook_id::roster_get);
  auto a = ask_hook(system, h, atoms::roster_get::value, std::string{"h"}, std::string{"garbage"});
  EXPECT_TRUE(a.handled());  // the non-JSON line was skipped, the real reply used
  EXPECT_TRUE(ask_hook(system, h, atoms::roster_get::value, std::string{"h"}, std::string{"bad"})
                  .declined());
  EXPECT_TRUE(ask_hook(system, h, atoms::roster_get::value, std::string{"h"}, std::string{"nobody"})
                  .declined());
  EXPECT_EQ(starts(), 1);  // none of this restarted the program
}

TEST_F(ExtprogActorTest, CrashIsDeclinedAndTheProgramRestarted) {
  auto h = hook(hooks::hook_id::roster_get);
  ASSERT_TRUE(ask_hook(system, h, atoms::roster_get::value, std::string{"h"}, std::string{"a@x"})
                  .handled());
  EXPECT_TRUE(ask_hook(system, h, atoms::roster_get::value, std::string{"h"}, std::string{"crash"})
                  .declined());
  plugins::testing::hook_answer a;
  for (int i = 0; i < 50 && !a.handled(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    a = ask_hook(system, h, atoms::roster_get::value, std::string{"h"}, std::string{"b@x"});
  }
  EXPECT_TRUE(a.handled());
  EXPECT_EQ(starts(), 2);
}

TEST_F(ExtprogActorTest, HungProgramTimesOutAndIsRestarted) {
  auto h = hook(hooks::hook_id::roster_get, std::chrono::milliseconds(300));
  auto start = std::chrono::steady_clock::now();
  auto a = ask_hook(system, h, atoms::roster_get::value, std::string{"h"}, std::string{"hang"});
  EXPECT_TRUE(a.declined());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  plugins::testing::hook_answer b;
  for (int i = 0; i < 50 && !b.handled(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    b = ask_hook(system, h, atoms::roster_get::value, std::string{"h"}, std::string{"c@x"});
  }
  EXPECT_TRUE(b.handled());
  EXPECT_EQ(starts(), 2);
}

}  // namespace
}  // namespace djabberd::plugins::extprog
