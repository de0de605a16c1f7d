// roster_pg against a real PostgreSQL: the roster_sqlite store cases, the actor and the plugin.
#include <gtest/gtest.h>
#include <caf/scoped_actor.hpp>

#include "actors/message_types.hpp"
#include "plugins/postgres/pg_schema.hpp"
#include "plugins/postgres/tests/pg_plugin_fixture.hpp"
#include "plugins/roster_pg/pg_roster_schema.hpp"
#include "plugins/roster_pg/pg_roster_store.hpp"
#include "plugins/roster_pg/roster_pg_actor.hpp"
#include "plugins/roster_pg/roster_pg_plugin.hpp"
#include "plugins/test_support/ask_hook.hpp"

namespace djabberd::plugins::roster_pg {
namespace {

using postgres::testing::kill_other_connections;
using postgres::testing::run_sql;
using postgres::testing::scalar;
using testing::ask_hook;

roster::roster_item item(std::string contact, std::string name = "",
                         std::vector<std::string> groups = {}) {
  roster::roster_item i;
  i.contact = std::move(contact);
  i.name = std::move(name);
  i.groups = std::move(groups);
  return i;
}

class RosterPg : public postgres::testing::pg_plugin_test {
 protected:
  void SetUp() override {
    drop_tables("roster_groups, roster_items");
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_EQ(postgres::create_schema(conninfo_, roster_schema), "");
    store_ = std::make_shared<pg_roster_store>(conninfo_);
  }

  roster::roster_items get(const std::string& domain, const std::string& owner) {
    auto items = store_->get(domain, owner);
    EXPECT_TRUE(items) << store_->last_error();
    return items ? *items : roster::roster_items{};
  }

  std::shared_ptr<pg_roster_store> store_;
};

TEST_F(RosterPg, EmptyRoster) {
  EXPECT_TRUE(get("localhost", "alice@localhost").empty());
}

TEST_F(RosterPg, EveryFieldRoundTrips) {
  // Each flag alone, all together and none, so a swapped column cannot pass.
  roster::roster_items items;
  for (int mask = 0; mask < 64; ++mask) {
    auto i = item("c" + std::to_string(mask) + "@example.org", "Name " + std::to_string(mask),
                  {"G" + std::to_string(mask)});
    i.to = mask & 1;
    i.from = mask & 2;
    i.pending_out = mask & 4;
    i.pending_in = mask & 8;
    i.approved = mask & 16;
    i.in_roster = mask & 32;
    ASSERT_TRUE(store_->set_item("localhost", "alice@localhost", i)) << store_->last_error();
    items.push_back(i);
  }
  EXPECT_EQ(get("localhost", "alice@localhost"), items);
}

TEST_F(RosterPg, GroupsKeepTheirOrderAndUnicode) {
  auto i = item("juliet@example.com", "Джульетта ☺ 'n' \"q\"", {"Zeta", "alpha", "Ω", "", "Alpha"});
  ASSERT_TRUE(store_->set_item("localhost", "romeo@localhost", i)) << store_->last_error();
  auto stored = get("localhost", "romeo@localhost");
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0], i);
}

TEST_F(RosterPg, ItemsComeBackInInsertionOrder) {
  for (const char* c : {"zed@x", "amy@x", "mia@x"})
    ASSERT_TRUE(store_->set_item("localhost", "o@localhost", item(c)));
  auto stored = get("localhost", "o@localhost");
  ASSERT_EQ(stored.size(), 3u);
  EXPECT_EQ(stored[0].contact, "zed@x");
  EXPECT_EQ(stored[1].contact, "amy@x");
  EXPECT_EQ(stored[2].contact, "mia@x");
}

TEST_F(RosterPg, ReplaceKeepsThePlaceAndReplacesEverything) {
  auto first = item("a@x", "A", {"one", "two"});
  first.pending_in = true;
  first.in_roster = false;
  ASSERT_TRUE(store_->set_item("localhost", "o@localhost", first));
  ASSERT_TRUE(store_->set_item("localhost", "o@localhost", item("b@x")));
  auto replaced = item("a@x", "", {"three"});
  replaced.to = replaced.from = true;
  ASSERT_TRUE(store_->set_item("localhost", "o@localhost", replaced));
  EXPECT_EQ(get("localhost", "o@localhost"), (roster::roster_items{replaced, item("b@x")}));
  auto no_groups = item("a@x", "A");
  ASSERT_TRUE(store_->set_item("localhost", "o@localhost", no_groups));
  EXPECT_EQ(get("localhost", "o@localhost")[0], no_groups);
}

TEST_F(RosterPg, RemoveAndWipe) {
  for (const char* c : {"a@x", "b@x", "c@x"})
    ASSERT_TRUE(store_->set_item("localhost", "o@localhost", item(c, "", {"g1", "g2"})));
  ASSERT_TRUE(store_->set_item("localhost", "p@localhost", item("a@x", "", {"g"})));
  ASSERT_TRUE(store_->remove("localhost", "o@localhost", "b@x"));
  EXPECT_TRUE(store_->remove("localhost", "o@localhost", "missing@x"));  // idempotent
  EXPECT_EQ(get("localhost", "o@localhost"),
            (roster::roster_items{item("a@x", "", {"g1", "g2"}), item("c@x", "", {"g1", "g2"})}));
  ASSERT_TRUE(store_->wipe("localhost", "o@localhost"));
  EXPECT_TRUE(get("localhost", "o@localhost").empty());
  EXPECT_EQ(get("localhost", "p@localhost").size(), 1u);
  EXPECT_TRUE(store_->wipe("localhost", "nobody@localhost"));
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM roster_groups"), 1);  // groups went with their items
}

TEST_F(RosterPg, DomainsAndOwnersAreIsolated) {
  ASSERT_TRUE(store_->set_item("localhost", "o@localhost", item("a@x", "local")));
  ASSERT_TRUE(store_->set_item("example.org", "o@localhost", item("a@x", "other vhost")));
  ASSERT_TRUE(store_->set_item("localhost", "p@localhost", item("a@x", "other owner")));
  EXPECT_EQ(get("localhost", "o@localhost")[0].name, "local");
  EXPECT_EQ(get("example.org", "o@localhost")[0].name, "other vhost");
  EXPECT_EQ(get("localhost", "p@localhost")[0].name, "other owner");
  ASSERT_TRUE(store_->wipe("example.org", "o@localhost"));
  EXPECT_EQ(get("localhost", "o@localhost").size(), 1u);
  EXPECT_TRUE(get("example.org", "o@localhost").empty());
}

TEST_F(RosterPg, SecondStoreSeesTheSameData) {
  auto i = item("juliet@example.com", "Juliet", {"Friends", "Capulets"});
  i.to = i.approved = true;
  ASSERT_TRUE(store_->set_item("localhost", "romeo@localhost", i));
  pg_roster_store other(conninfo_);
  auto items = other.get("localhost", "romeo@localhost");
  ASSERT_TRUE(items) << other.last_error();
  EXPECT_EQ(*items, (roster::roster_items{i}));
}

TEST_F(RosterPg, RecoversFromALostConnection) {
  ASSERT_TRUE(store_->set_item("localhost", "o@localhost", item("a@x")));
  ASSERT_EQ(kill_other_connections(), "");
  EXPECT_EQ(get("localhost", "o@localhost").size(), 1u);
  ASSERT_EQ(kill_other_connections(), "");
  EXPECT_TRUE(store_->set_item("localhost", "o@localhost", item("b@x"))) << store_->last_error();
  ASSERT_EQ(kill_other_connections(), "");
  EXPECT_TRUE(store_->remove("localhost", "o@localhost", "a@x")) << store_->last_error();
  EXPECT_EQ(get("localhost", "o@localhost"), (roster::roster_items{item("b@x")}));
}

TEST_F(RosterPg, DatabaseErrorsAreReportedAndRolledBack) {
  ASSERT_EQ(run_sql("DROP TABLE roster_groups"), "");
  EXPECT_FALSE(store_->get("localhost", "o@localhost"));
  EXPECT_NE(store_->last_error().find("roster_groups"), std::string::npos) << store_->last_error();
  EXPECT_FALSE(store_->set_item("localhost", "o@localhost", item("a@x", "", {"g"})));
  EXPECT_FALSE(store_->last_error().empty());
  // The failed transaction was rolled back: the item is not half stored.
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM roster_items"), 0);
}

TEST_F(RosterPg, ActorFailsReadsAndRefusesWritesOnDatabaseErrors) {
  auto actor = system_.spawn<caf::detached>(roster_pg_actor, store_);
  auto set = ask_hook(system_, actor, atoms::roster_set_item::value, std::string{"localhost"},
                      std::string{"o@localhost"}, item("a@x", "A", {"g"}));
  ASSERT_TRUE(set.handled()) << set.error;
  EXPECT_TRUE(set.payload.get_as<bool>(0));
  auto got = ask_hook(system_, actor, atoms::roster_get::value, std::string{"localhost"},
                      std::string{"o@localhost"});
  ASSERT_TRUE(got.handled()) << got.error;
  EXPECT_EQ(got.payload.get_as<roster::roster_items>(0),
            (roster::roster_items{item("a@x", "A", {"g"})}));
  ASSERT_EQ(run_sql("DROP TABLE roster_groups, roster_items"), "");
  auto failed = ask_hook(system_, actor, atoms::roster_get::value, std::string{"localhost"},
                         std::string{"o@localhost"});
  EXPECT_FALSE(failed.answered);
  EXPECT_NE(failed.error, "");
  auto refused = ask_hook(system_, actor, atoms::roster_wipe::value, std::string{"localhost"},
                          std::string{"o@localhost"});
  ASSERT_TRUE(refused.handled()) << refused.error;
  EXPECT_FALSE(refused.payload.get_as<bool>(0));
  caf::scoped_actor self{system_};
  self->send_exit(actor, caf::exit_reason::user_shutdown);
}

TEST_F(RosterPg, PluginSharesOnePoolAndSlowQueriesDoNotStallOthers) {
  ASSERT_EQ(run_sql("DROP TABLE roster_groups, roster_items"), "");
  configure("roster_pg", "connections = 3\n");
  auto first = start(&roster_pg::start, 0);
  auto second = start(&roster_pg::start, 1);
  ASSERT_EQ(first.size(), 4u);
  EXPECT_EQ(first[0].hook, hooks::hook_id::roster_get);
  for (const auto& r : second) EXPECT_EQ(r.handler, first[0].handler);
  EXPECT_EQ(shared_.size(), 1u);
  // Hold a lock on the table so that a write waits on one connection; reads on the other
  // connections still answer meanwhile.
  postgres::pg_connection locker(conninfo_);
  ASSERT_TRUE(locker.begin());
  ASSERT_TRUE(locker.exec("LOCK TABLE roster_groups IN EXCLUSIVE MODE").ok());
  caf::scoped_actor self{system_};
  auto write =
      self->request(first[1].handler, std::chrono::seconds(30), atoms::roster_set_item::value,
                    std::string{"localhost"}, std::string{"o@localhost"}, item("a@x", "", {"g"}));
  for (int i = 0; i < 5; ++i) {
    auto got = ask_hook(system_, first[0].handler, atoms::roster_get::value,
                        std::string{"localhost"}, std::string{"p@localhost"});
    EXPECT_TRUE(got.handled()) << got.error;
  }
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM roster_items"), 0);  // the write is still waiting
  ASSERT_TRUE(locker.exec("COMMIT").ok());
  write.receive(
      [&](caf::atom_value tag, caf::message& payload) {
        EXPECT_EQ(tag, atoms::handled::value);
        EXPECT_TRUE(payload.get_as<bool>(0));
      },
      [&](caf::error& e) { ADD_FAILURE() << system_.render(e); });
  EXPECT_EQ(get("localhost", "o@localhost"), (roster::roster_items{item("a@x", "", {"g"})}));
}

TEST_F(RosterPg, PluginSettingErrorsNameTheKey) {
  std::string key;
  configure("roster_pg", "max_messages = 3\n");
  EXPECT_NE(start_error(&roster_pg::start, &key), "");
  EXPECT_EQ(key, "vhosts[0].plugins[0].max_messages");
  configure("roster_pg", "", "", "host=127.0.0.1 port=1 dbname=none connect_timeout=2");
  EXPECT_NE(start_error(&roster_pg::start, &key), "");
  EXPECT_EQ(key, "vhosts[0].plugins[0].conninfo");
}

}  // namespace
}  // namespace djabberd::plugins::roster_pg
