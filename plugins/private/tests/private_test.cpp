// private: XEP-0049 query checks, owner checks, and get/set through a real hook runner in front
// of an in-memory storage actor.
#include <map>

#include <gtest/gtest.h>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/stateful_actor.hpp>

#include "actors/hooks/hook_runner.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/message_types.hpp"
#include "plugins/private/private_actor.hpp"
#include "plugins/private/private_rules.hpp"
#include "plugins/test_support/ask_hook.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::plugins::private_xml {
namespace {

using testing::ask_hook;

xml::element_ptr query(std::initializer_list<std::pair<std::string, std::string>> children) {
  auto q = xml::make_element("query", std::string(ns::private_storage));
  for (const auto& [name, child_ns] : children) q->add_child(name, child_ns);
  return q;
}

TEST(PrivateRules, ReservedNamespaces) {
  EXPECT_TRUE(reserved_namespace("jabber:iq:roster"));
  EXPECT_TRUE(reserved_namespace("http://jabber.org/protocol/muc"));
  EXPECT_TRUE(reserved_namespace("vcard-temp"));
  EXPECT_FALSE(reserved_namespace("storage:bookmarks"));
  EXPECT_FALSE(reserved_namespace("exodus:prefs"));
}

TEST(PrivateRules, ChecksTheQuery) {
  EXPECT_EQ(check_query(*query({}), true, true), xml::stanza_error::bad_request);
  EXPECT_EQ(check_query(*query({}), false, true), xml::stanza_error::bad_request);
  EXPECT_EQ(check_query(*query({{"storage", "storage:bookmarks"}}), true, true), std::nullopt);
  EXPECT_EQ(check_query(*query({{"vCard", "vcard-temp"}}), false, true),
            xml::stanza_error::not_acceptable);
  EXPECT_EQ(check_query(*query({{"vCard", "vcard-temp"}}), false, false), std::nullopt);
  // Not in a namespace of its own: never stored.
  EXPECT_EQ(check_query(*query({{"x", std::string(ns::private_storage)}}), false, false),
            xml::stanza_error::not_acceptable);
  EXPECT_EQ(check_query(*query({{"x", ""}}), false, false), xml::stanza_error::not_acceptable);
  // A get names one namespace; a set may hold several elements.
  EXPECT_EQ(check_query(*query({{"a", "urn:a"}, {"b", "urn:b"}}), true, true),
            xml::stanza_error::bad_request);
  EXPECT_EQ(check_query(*query({{"a", "urn:a"}, {"b", "urn:b"}}), false, true), std::nullopt);
}

struct memory_state {
  std::map<std::string, xml::element_ptr> items;  // owner + key
};

caf::behavior memory_store(caf::stateful_actor<memory_state>* self) {
  return {
      [self](atoms::private_get, const std::string&, const std::string& owner,
             const std::string& key) -> hooks::reply {
        auto it = self->state.items.find(owner + key);
        return hooks::handled(it == self->state.items.end() ? nullptr : it->second);
      },
      [self](atoms::private_set, const std::string&, const std::string& owner,
             const xml::element_ptr& e) -> hooks::reply {
        self->state.items[owner + "{" + e->ns() + "}" + e->name()] = e;
        return hooks::handled(true);
      },
  };
}

xml::element_ptr iq(std::string type, std::string to, xml::element_ptr payload) {
  auto e = xml::make_element("iq", std::string(ns::client));
  e->set_attr("type", std::move(type));
  e->set_attr("id", "p1");
  e->set_attr("from", "alice@localhost/r");
  if (!to.empty()) e->set_attr("to", std::move(to));
  e->add_child(std::move(payload));
  return e;
}

class Private : public ::testing::Test {
 protected:
  Private() {
    runner_ = hooks::spawn_hook_runner(system_);
    store_ = system_.spawn(memory_store);
    auto table = std::make_shared<hooks::hook_table>();
    for (auto id : {hooks::hook_id::private_get, hooks::hook_id::private_set}) {
      hooks::registration r;
      r.hook = id;
      r.handler = store_;
      table->add(std::move(r));
    }
    caf::anon_send(runner_, atoms::set_table::value, hooks::hook_table_ptr{table});
    actor_ = system_.spawn(private_actor, runner_, true);
  }
  ~Private() override {
    for (auto& a : {actor_, runner_, store_})
      caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
  }

  xml::element_ptr own(const xml::element_ptr& stanza) {
    auto a = ask_hook(system_, actor_, atoms::iq_c2s::value, std::string{"localhost"},
                      *jid::parse("alice@localhost/r"), stanza);
    EXPECT_TRUE(a.handled()) << a.error;
    return a.handled() ? a.payload.get_as<xml::element_ptr>(0) : nullptr;
  }

  static std::string condition(const xml::element_ptr& r) {
    auto error = r ? r->child("error", ns::client) : nullptr;
    auto first = error ? error->first_child_element() : nullptr;
    return first ? first->name() : "";
  }

  caf::actor_system_config cfg_;
  caf::actor_system system_{cfg_};
  caf::actor runner_, store_, actor_;
};

TEST_F(Private, GetOfNothingStoredIsTheEmptyElement) {
  auto r = own(iq("get", "", query({{"prefs", "exodus:prefs"}})));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->attr_or("type"), "result");
  auto prefs = r->child("query", ns::private_storage)->child("prefs", "exodus:prefs");
  ASSERT_TRUE(prefs);
  EXPECT_TRUE(prefs->children().empty());
}

TEST_F(Private, SetThenGetRoundTrips) {
  auto q = xml::make_element("query", std::string(ns::private_storage));
  auto& storage = q->add_child("storage", "storage:bookmarks");
  storage.add_child("conference", "storage:bookmarks").set_attr("jid", "room@muc.localhost");
  q->add_child("prefs", "exodus:prefs").add_text("x");
  auto set = own(iq("set", "alice@localhost", q));
  ASSERT_TRUE(set);
  EXPECT_EQ(set->attr_or("type"), "result");
  auto r = own(iq("get", "", query({{"storage", "storage:bookmarks"}})));
  ASSERT_TRUE(r);
  auto got = r->child("query", ns::private_storage)->child("storage", "storage:bookmarks");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->child("conference", "storage:bookmarks")->attr_or("jid"), "room@muc.localhost");
}

TEST_F(Private, OthersAndTheServerAreForbidden) {
  EXPECT_EQ(condition(own(iq("get", "bob@localhost", query({{"p", "exodus:prefs"}})))),
            "forbidden");
  EXPECT_EQ(condition(own(iq("set", "localhost", query({{"p", "exodus:prefs"}})))), "forbidden");
  auto a = ask_hook(system_, actor_, atoms::iq_account::value, std::string{"localhost"},
                    *jid::parse("bob@localhost/b"),
                    iq("get", "alice@localhost", query({{"p", "exodus:prefs"}})));
  ASSERT_TRUE(a.handled()) << a.error;
  EXPECT_EQ(condition(a.payload.get_as<xml::element_ptr>(0)), "forbidden");
}

TEST_F(Private, BadQueriesGetTheXepErrors) {
  EXPECT_EQ(condition(own(iq("get", "", query({})))), "bad-request");
  EXPECT_EQ(condition(own(iq("set", "", query({{"vCard", "vcard-temp"}})))), "not-acceptable");
}

}  // namespace
}  // namespace djabberd::plugins::private_xml
