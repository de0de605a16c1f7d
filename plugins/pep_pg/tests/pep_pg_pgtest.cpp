// pep_pg against a real PostgreSQL: node and item order, limits, and the plugin's hooks.
#include <gtest/gtest.h>

#include "actors/message_types.hpp"
#include "plugins/pep_pg/pep_pg_plugin.hpp"
#include "plugins/pep_pg/pg_pep_store.hpp"
#include "plugins/postgres/pg_schema.hpp"
#include "plugins/postgres/tests/pg_plugin_fixture.hpp"
#include "plugins/test_support/ask_hook.hpp"
#include "stanza/parse_element.hpp"

namespace djabberd::plugins::pep_pg {
namespace {

using postgres::testing::kill_other_connections;
using postgres::testing::run_sql;
using testing::ask_hook;
using names = std::vector<std::string>;

pep::item make_item(std::string id, std::string_view payload = "<p xmlns='urn:x'/>") {
  return pep::item{std::move(id), xml::parse_element(payload)};
}

names ids(const pep::node& n) {
  names result;
  for (const auto& x : n.items) result.push_back(x.id);
  return result;
}

class PepPg : public postgres::testing::pg_plugin_test {
 protected:
  void SetUp() override {
    drop_tables("pep_nodes, pep_items");
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_EQ(postgres::create_schema(conninfo_, pep_schema), "");
  }
};

TEST_F(PepPg, PublishesInOrderWithinTheLimitAndRecoversFromALostConnection) {
  pg_pep_store store(conninfo_);
  auto none = store.nodes("localhost", "alice@localhost");
  ASSERT_TRUE(none) << store.last_error();
  EXPECT_TRUE(none->empty());
  pep::node_config config{true, pep::access_model::whitelist, 2};
  ASSERT_TRUE(store.publish("localhost", "alice@localhost", "urn:n", config, make_item("a")))
      << store.last_error();
  ASSERT_TRUE(store.publish("localhost", "alice@localhost", "urn:n", config, make_item("b")));
  ASSERT_EQ(kill_other_connections(), "");
  ASSERT_TRUE(store.publish("localhost", "alice@localhost", "urn:n", config, make_item("a")))
      << store.last_error();
  ASSERT_TRUE(store.publish("localhost", "alice@localhost", "urn:n", config,
                            make_item("c", "<q xmlns='urn:y'>&amp; ☺</q>")));
  ASSERT_TRUE(store.publish("localhost", "bob@localhost", "urn:n", config, make_item("z")));
  ASSERT_TRUE(store.set_node("localhost", "alice@localhost", "Urn:empty", pep::node_config{}));
  ASSERT_TRUE(store.publish("example.org", "alice@localhost", "urn:n", config, make_item("o")));

  pg_pep_store other(conninfo_);
  auto nodes = other.nodes("localhost", "alice@localhost");
  ASSERT_TRUE(nodes) << other.last_error();
  ASSERT_EQ(nodes->size(), 2u);
  // Bytewise node order (upper case first), as pep_sqlite; items oldest first.
  EXPECT_EQ((*nodes)[0].name, "Urn:empty");
  EXPECT_EQ((*nodes)[0].config, pep::node_config{});
  EXPECT_TRUE((*nodes)[0].items.empty());
  EXPECT_EQ((*nodes)[1].name, "urn:n");
  EXPECT_EQ((*nodes)[1].config, config);
  EXPECT_EQ(ids((*nodes)[1]), (names{"a", "c"}));
  ASSERT_TRUE((*nodes)[1].items[1].payload);
  EXPECT_EQ(*(*nodes)[1].items[1].payload, *xml::parse_element("<q xmlns='urn:y'>&amp; ☺</q>"));
  auto other_domain = other.nodes("example.org", "alice@localhost");
  ASSERT_TRUE(other_domain);
  ASSERT_EQ(other_domain->size(), 1u);
  EXPECT_EQ(ids((*other_domain)[0]), names{"o"});
}

TEST_F(PepPg, ReconfigureRetractAndDelete) {
  pg_pep_store store(conninfo_);
  pep::node_config config{true, pep::access_model::presence, 10};
  for (auto id : {"1", "2", "3"})
    ASSERT_TRUE(store.publish("localhost", "a@localhost", "urn:n", config, make_item(id)));
  ASSERT_TRUE(store.retract("localhost", "a@localhost", "urn:n", "2"));
  config.max_items = 1;
  ASSERT_TRUE(store.set_node("localhost", "a@localhost", "urn:n", config));
  auto nodes = store.nodes("localhost", "a@localhost");
  ASSERT_TRUE(nodes);
  EXPECT_EQ(ids((*nodes)[0]), names{"3"});
  config.persist_items = false;  // nothing stays stored
  ASSERT_TRUE(store.set_node("localhost", "a@localhost", "urn:n", config));
  nodes = store.nodes("localhost", "a@localhost");
  ASSERT_TRUE(nodes);
  EXPECT_FALSE((*nodes)[0].config.persist_items);
  EXPECT_TRUE((*nodes)[0].items.empty());
  ASSERT_TRUE(store.delete_node("localhost", "a@localhost", "urn:n"));
  nodes = store.nodes("localhost", "a@localhost");
  ASSERT_TRUE(nodes);
  EXPECT_TRUE(nodes->empty());
}

TEST_F(PepPg, PluginAnswersEveryHookAndFailsOnErrors) {
  configure("pep_pg");
  auto regs = start(&pep_pg::start, 0);
  ASSERT_EQ(regs.size(), 6u);
  EXPECT_EQ(regs[0].hook, hooks::hook_id::pep_get_nodes);
  EXPECT_EQ(regs[1].hook, hooks::hook_id::pep_set_node);
  EXPECT_EQ(regs[2].hook, hooks::hook_id::pep_publish);
  EXPECT_EQ(regs[3].hook, hooks::hook_id::pep_retract);
  EXPECT_EQ(regs[4].hook, hooks::hook_id::pep_delete_node);
  EXPECT_EQ(regs[5].hook, hooks::hook_id::account_deleted);
  auto actor = regs[0].handler;
  const std::string vhost = "localhost", owner = "alice@localhost";
  auto get = [&] { return ask_hook(system_, actor, atoms::pep_get_nodes::value, vhost, owner); };
  auto stored = [](const testing::hook_answer& a) {
    return a.handled() && a.payload.get_as<bool>(0);
  };
  pep::node_config config{true, pep::access_model::open, 3};
  EXPECT_TRUE(stored(ask_hook(system_, actor, atoms::pep_set_node::value, vhost, owner,
                              std::string{"urn:a"}, config)));
  for (auto id : {"1", "2"})
    EXPECT_TRUE(stored(ask_hook(system_, actor, atoms::pep_publish::value, vhost, owner,
                                std::string{"urn:b"}, config, make_item(id))));
  EXPECT_TRUE(stored(ask_hook(system_, actor, atoms::pep_retract::value, vhost, owner,
                              std::string{"urn:b"}, std::string{"1"})));
  auto got = get();
  ASSERT_TRUE(got.handled()) << got.error;
  auto nodes = got.payload.get_as<pep::node_list>(0);
  ASSERT_EQ(nodes.size(), 2u);
  EXPECT_EQ(nodes[0].name, "urn:a");
  EXPECT_EQ(nodes[0].config, config);
  EXPECT_EQ(ids(nodes[1]), names{"2"});
  EXPECT_TRUE(stored(
      ask_hook(system_, actor, atoms::pep_delete_node::value, vhost, owner, std::string{"urn:a"})));
  got = get();
  ASSERT_TRUE(got.handled()) << got.error;
  EXPECT_EQ(got.payload.get_as<pep::node_list>(0).size(), 1u);

  auto deleted =
      ask_hook(system_, actor, atoms::account_deleted::value, vhost, std::string{"alice"});
  EXPECT_TRUE(deleted.declined()) << deleted.error;
  got = get();
  ASSERT_TRUE(got.handled()) << got.error;
  EXPECT_TRUE(got.payload.get_as<pep::node_list>(0).empty());

  // A stored item that cannot be read back is an error, not an empty node.
  EXPECT_TRUE(stored(ask_hook(system_, actor, atoms::pep_publish::value, vhost, owner,
                              std::string{"urn:b"}, config, make_item("x"))));
  ASSERT_EQ(run_sql("UPDATE pep_items SET payload = '<p'"), "");
  EXPECT_FALSE(get().answered);
  ASSERT_EQ(run_sql("DROP TABLE pep_items"), "");
  auto failed = get();
  EXPECT_FALSE(failed.answered);
  EXPECT_NE(failed.error, "");
  auto refused = ask_hook(system_, actor, atoms::pep_publish::value, vhost, owner,
                          std::string{"urn:b"}, config, make_item("y"));
  ASSERT_TRUE(refused.handled()) << refused.error;
  EXPECT_FALSE(refused.payload.get_as<bool>(0));
  EXPECT_FALSE(stored(
      ask_hook(system_, actor, atoms::pep_delete_node::value, vhost, owner, std::string{"urn:b"})));
}

}  // namespace
}  // namespace djabberd::plugins::pep_pg
