// vcard: who may read and write which vCard, the size limit, and the storage chain's answers,
// through a real hook runner in front of an in-memory storage actor.
#include <map>

#include <gtest/gtest.h>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/stateful_actor.hpp>

#include "actors/hooks/hook_runner.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/message_types.hpp"
#include "plugins/test_support/ask_hook.hpp"
#include "plugins/vcard/vcard_actor.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::plugins::vcard {
namespace {

using testing::ask_hook;

struct memory_state {
  std::map<std::string, xml::element_ptr> vcards;
};

// vcard.get / vcard.set over a map keyed by owner.
caf::behavior memory_store(caf::stateful_actor<memory_state>* self) {
  return {
      [self](atoms::vcard_get, const std::string&, const std::string& owner) -> hooks::reply {
        auto it = self->state.vcards.find(owner);
        return hooks::handled(it == self->state.vcards.end() ? nullptr : it->second);
      },
      [self](atoms::vcard_set, const std::string&, const std::string& owner,
             const xml::element_ptr& vcard) -> hooks::reply {
        self->state.vcards[owner] = vcard;
        return hooks::handled(true);
      },
  };
}

xml::element_ptr vcard_iq(std::string type, std::string from, std::string to, std::string fn = {}) {
  auto e = xml::make_element("iq", std::string(ns::client));
  e->set_attr("type", std::move(type));
  e->set_attr("id", "v1");
  e->set_attr("from", std::move(from));
  if (!to.empty()) e->set_attr("to", std::move(to));
  auto& v = e->add_child("vCard", std::string(ns::vcard));
  if (!fn.empty()) v.add_child("FN", std::string(ns::vcard)).add_text(fn);
  return e;
}

class Vcard : public ::testing::Test {
 protected:
  ~Vcard() override {
    for (auto& a : {actor_, runner_, store_})
      if (a) caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
  }

  // with_store: whether a storage plugin joins vcard.get / vcard.set.
  void start(bool with_store, std::size_t max_size = 65536) {
    runner_ = hooks::spawn_hook_runner(system_);
    auto table = std::make_shared<hooks::hook_table>();
    if (with_store) {
      store_ = system_.spawn(memory_store);
      for (auto id : {hooks::hook_id::vcard_get, hooks::hook_id::vcard_set}) {
        hooks::registration r;
        r.hook = id;
        r.handler = store_;
        table->add(std::move(r));
      }
    }
    caf::anon_send(runner_, atoms::set_table::value, hooks::hook_table_ptr{table});
    actor_ = system_.spawn(vcard_actor, runner_, max_size);
  }

  // Alice's own request (iq.c2s).
  plugins::testing::hook_answer own(const xml::element_ptr& iq) {
    return ask_hook(system_, actor_, atoms::iq_c2s::value, std::string{"localhost"},
                    *jid::parse("alice@localhost/r"), iq);
  }

  // Bob's request to an account (iq.account).
  plugins::testing::hook_answer other(const xml::element_ptr& iq) {
    return ask_hook(system_, actor_, atoms::iq_account::value, std::string{"localhost"},
                    *jid::parse("bob@localhost/b"), iq);
  }

  static xml::element_ptr reply(const plugins::testing::hook_answer& a) {
    EXPECT_TRUE(a.handled()) << a.error;
    if (!a.handled() || !a.payload.match_elements<xml::element_ptr>()) return nullptr;
    return a.payload.get_as<xml::element_ptr>(0);
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

TEST_F(Vcard, EmptyVcardWhenNoneIsStored) {
  start(true);
  auto r = reply(own(vcard_iq("get", "alice@localhost/r", "")));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->attr_or("type"), "result");
  auto v = r->child("vCard", ns::vcard);
  ASSERT_TRUE(v);
  EXPECT_TRUE(v->children().empty());
}

TEST_F(Vcard, SetThenGetRoundTripsAndOthersCanRead) {
  start(true);
  auto set = reply(own(vcard_iq("set", "alice@localhost/r", "", "Alice")));
  ASSERT_TRUE(set);
  EXPECT_EQ(set->attr_or("type"), "result");
  auto mine = reply(own(vcard_iq("get", "alice@localhost/r", "alice@localhost")));
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->child("vCard", ns::vcard)->child("FN", ns::vcard)->text(), "Alice");
  auto theirs = reply(other(vcard_iq("get", "bob@localhost/b", "alice@localhost")));
  ASSERT_TRUE(theirs);
  EXPECT_EQ(theirs->attr_or("to"), "bob@localhost/b");
  EXPECT_EQ(theirs->child("vCard", ns::vcard)->child("FN", ns::vcard)->text(), "Alice");
}

TEST_F(Vcard, SettingSomeoneElsesVcardIsForbidden) {
  start(true);
  EXPECT_EQ(condition(reply(other(vcard_iq("set", "bob@localhost/b", "alice@localhost", "B")))),
            "forbidden");
}

TEST_F(Vcard, TooLargeIsNotAcceptable) {
  start(true, 100);
  auto r = reply(own(vcard_iq("set", "alice@localhost/r", "", std::string(200, 'x'))));
  EXPECT_EQ(condition(r), "not-acceptable");
  EXPECT_EQ(r->child("error", ns::client)->attr_or("type"), "modify");
}

TEST_F(Vcard, WithoutStorageSetIsServiceUnavailableAndGetIsEmpty) {
  start(false);
  EXPECT_EQ(condition(reply(own(vcard_iq("set", "alice@localhost/r", "", "A")))),
            "service-unavailable");
  auto r = reply(own(vcard_iq("get", "alice@localhost/r", "")));
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->child("vCard", ns::vcard));
}

TEST_F(Vcard, DeclinesTheServerAndOtherPayloads) {
  start(true);
  EXPECT_TRUE(own(vcard_iq("get", "alice@localhost/r", "localhost")).declined());
  auto ping = xml::make_element("iq", std::string(ns::client));
  ping->set_attr("type", "get");
  ping->add_child("ping", std::string(ns::ping));
  EXPECT_TRUE(own(ping).declined());
  EXPECT_TRUE(other(ping).declined());
}

TEST_F(Vcard, AdvertisesVcardTemp) {
  start(false);
  auto a =
      ask_hook(system_, actor_, atoms::disco_info::value, std::string{"localhost"}, std::string{});
  ASSERT_TRUE(a.handled()) << a.error;
  auto feature = a.payload.get_as<xml::element_ptr>(0)->child("feature", ns::disco_info);
  ASSERT_TRUE(feature);
  EXPECT_EQ(feature->attr_or("var"), ns::vcard);
}

}  // namespace
}  // namespace djabberd::plugins::vcard
