// Router delivery rules (RFC 6121 §8.5) against fake session actors in a real actor system.
#include <gtest/gtest.h>

#include <algorithm>

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/message_types.hpp"
#include "actors/router/router.hpp"
#include "stanza/namespaces.hpp"
#include "stanza/serializer.hpp"
#include "stanza/stream_error.hpp"

using namespace djabberd;
using namespace std::chrono_literals;

namespace {

// A stand-in for a c2s session: forwards what the router delivers (or kicks) to the test.
caf::behavior fake_session(caf::event_based_actor*, caf::actor test, std::string name) {
  return {
      [=](atoms::deliver, const xml::element_ptr& stanza) {
        caf::anon_send(test, name, xml::to_string(*stanza, ns::client));
      },
      [=](atoms::kick, int condition) {
        caf::anon_send(test, name, "kick:" + std::to_string(condition));
      },
  };
}

xml::element_ptr stanza(const std::string& kind, const std::string& from, const std::string& to,
                        const std::string& type = "", const std::string& body = "") {
  auto e = xml::make_element(kind, std::string(ns::client));
  e->set_attr("from", from);
  e->set_attr("to", to);
  if (!type.empty()) e->set_attr("type", type);
  if (kind == "iq") e->set_attr("id", "q1");
  if (!body.empty()) e->add_child("body", std::string(ns::client)).add_text(body);
  if (kind == "iq") e->add_child("query", "urn:example");
  return e;
}

class router_test : public ::testing::Test {
 protected:
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  std::unique_ptr<caf::scoped_actor> self;
  caf::actor router;

  void SetUp() override {
    sys = std::make_unique<caf::actor_system>(cfg);
    self = std::make_unique<caf::scoped_actor>(*sys);
    router = router::spawn_router(*sys, {{"example.org", std::make_shared<hooks::hook_table>()}});
  }
  void TearDown() override {
    caf::anon_send_exit(router, caf::exit_reason::user_shutdown);
    self.reset();
  }

  caf::actor session(const std::string& name) {
    return sys->spawn(fake_session, caf::actor{*self}, name);
  }

  void bind(const std::string& full, const caf::actor& s) {
    (*self)
        ->request(router, 5s, atoms::bind::value, *jid::parse(full), s)
        .receive([](bool ok) { EXPECT_TRUE(ok); },
                 [](caf::error& e) { FAIL() << caf::to_string(e); });
  }

  void available(const std::string& full, int priority) {
    auto p = stanza("presence", full, "");
    (*self)->send(router, atoms::presence::value, *jid::parse(full), priority, true,
                  xml::element_ptr{p});
  }

  void route(const xml::element_ptr& s) { (*self)->send(router, atoms::route::value, s); }

  /// Collects what the sessions received within `wait`.
  std::vector<std::pair<std::string, std::string>> received(
      std::chrono::milliseconds wait = 300ms) {
    std::vector<std::pair<std::string, std::string>> out;
    bool more = true;
    while (more) {
      (*self)->receive(
          [&](const std::string& who, const std::string& what) { out.emplace_back(who, what); },
          caf::after(wait) >> [&] { more = false; });
    }
    return out;
  }
};

TEST_F(router_test, full_jid_reaches_that_resource_only) {
  auto a = session("a"), b = session("b");
  bind("juliet@example.org/balcony", a);
  bind("juliet@example.org/chamber", b);
  route(stanza("message", "romeo@example.org/x", "juliet@example.org/chamber", "chat", "hi"));
  auto got = received();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].first, "b");
  EXPECT_NE(got[0].second.find("<body>hi</body>"), std::string::npos);
}

TEST_F(router_test, bare_jid_message_goes_to_highest_non_negative_priority) {
  auto a = session("a"), b = session("b"), c = session("c");
  bind("juliet@example.org/a", a);
  bind("juliet@example.org/b", b);
  bind("juliet@example.org/c", c);
  available("juliet@example.org/a", 1);
  available("juliet@example.org/b", 5);
  available("juliet@example.org/c", -1);
  received();  // presence copies to the other resources
  route(stanza("message", "romeo@example.org/x", "juliet@example.org", "chat", "hi"));
  auto got = received();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].first, "b");
}

TEST_F(router_test, equal_top_priorities_all_receive) {
  auto a = session("a"), b = session("b");
  bind("juliet@example.org/a", a);
  bind("juliet@example.org/b", b);
  available("juliet@example.org/a", 3);
  available("juliet@example.org/b", 3);
  received();
  route(stanza("message", "romeo@example.org/x", "juliet@example.org", "normal", "hi"));
  auto got = received();
  ASSERT_EQ(got.size(), 2u);
}

TEST_F(router_test, no_available_resource_bounces_service_unavailable_to_sender) {
  auto romeo = session("romeo"), juliet = session("juliet");
  bind("romeo@example.org/x", romeo);
  bind("juliet@example.org/a", juliet);  // bound but never available
  route(stanza("message", "romeo@example.org/x", "juliet@example.org", "chat", "hi"));
  auto got = received();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].first, "romeo");
  EXPECT_NE(got[0].second.find("type='error'"), std::string::npos);
  EXPECT_NE(got[0].second.find("<service-unavailable"), std::string::npos);
  EXPECT_NE(got[0].second.find("from='juliet@example.org'"), std::string::npos);
}

TEST_F(router_test, unknown_user_and_unbound_full_jid_look_the_same) {
  auto romeo = session("romeo");
  bind("romeo@example.org/x", romeo);
  route(stanza("message", "romeo@example.org/x", "nobody@example.org/r", "chat", "hi"));
  route(stanza("iq", "romeo@example.org/x", "nobody@example.org/r", "get"));
  auto got = received();
  ASSERT_EQ(got.size(), 2u);
  for (auto& [who, xml] : got) {
    EXPECT_EQ(who, "romeo");
    EXPECT_NE(xml.find("<service-unavailable"), std::string::npos) << xml;
  }
}

TEST_F(router_test, headline_without_resource_is_dropped_and_errors_are_never_bounced) {
  auto romeo = session("romeo");
  bind("romeo@example.org/x", romeo);
  route(stanza("message", "romeo@example.org/x", "juliet@example.org", "headline", "news"));
  route(stanza("message", "romeo@example.org/x", "juliet@example.org", "error", "err"));
  EXPECT_TRUE(received().empty());
}

TEST_F(router_test, remote_domain_is_remote_server_not_found) {
  auto romeo = session("romeo");
  bind("romeo@example.org/x", romeo);
  route(stanza("message", "romeo@example.org/x", "someone@elsewhere.net", "chat", "hi"));
  auto got = received();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_NE(got[0].second.find("<remote-server-not-found"), std::string::npos);
}

TEST_F(router_test, rebinding_a_resource_kicks_the_old_session_with_conflict) {
  auto first = session("first"), second = session("second");
  bind("juliet@example.org/balcony", first);
  bind("juliet@example.org/balcony", second);
  route(stanza("message", "romeo@example.org/x", "juliet@example.org/balcony", "chat", "hi"));
  auto got = received();
  ASSERT_EQ(got.size(), 2u);
  std::sort(got.begin(), got.end());  // two different senders: no order between them
  EXPECT_EQ(got[0].first, "first");
  EXPECT_EQ(got[0].second, "kick:" + std::to_string(static_cast<int>(xml::stream_error::conflict)));
  EXPECT_EQ(got[1].first, "second");
}

TEST_F(router_test, a_dead_session_is_forgotten) {
  auto romeo = session("romeo"), juliet = session("juliet");
  bind("romeo@example.org/x", romeo);
  bind("juliet@example.org/a", juliet);
  available("juliet@example.org/a", 0);
  caf::anon_send_exit(juliet, caf::exit_reason::user_shutdown);
  received(100ms);
  (*self)
      ->request(router, 5s, atoms::count::value)
      .receive([](std::size_t n) { EXPECT_EQ(n, 1u); },
               [](caf::error& e) { FAIL() << caf::to_string(e); });
  route(stanza("message", "romeo@example.org/x", "juliet@example.org/a", "chat", "hi"));
  auto got = received();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].first, "romeo");  // bounced
}

TEST_F(router_test, presence_of_one_resource_reaches_every_available_resource_of_the_account) {
  auto a = session("a"), b = session("b");
  bind("juliet@example.org/a", a);
  bind("juliet@example.org/b", b);
  available("juliet@example.org/a", 0);
  auto first = received();
  // RFC 6121 §4.2.2: the sender itself gets its broadcast too.
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].first, "a");
  available("juliet@example.org/b", 0);
  auto got = received();
  std::sort(got.begin(), got.end());
  // a sees b; b sees itself and, being new, a's current presence.
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].first, "a");
  EXPECT_NE(got[0].second.find("from='juliet@example.org/b'"), std::string::npos);
  EXPECT_EQ(got[1].first, "b");
  EXPECT_EQ(got[2].first, "b");
}

}  // namespace
