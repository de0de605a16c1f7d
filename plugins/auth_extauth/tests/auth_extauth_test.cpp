// The auth_extauth plugin in a real actor system against Python extauth programs.
#include <chrono>
#include <csignal>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>

#include "config/config.hpp"
#include "plugins/auth_extauth/auth_extauth_plugin.hpp"
#include "plugins/auth_extauth/tests/extauth_scripts.hpp"
#include "plugins/test_support/ask_hook.hpp"
#include "plugins/test_support/temp_dir.hpp"

namespace djabberd::plugins::auth_extauth {
namespace {

using namespace std::chrono_literals;
using djabberd::plugins::testing::ask_hook;
using djabberd::plugins::testing::hook_answer;

// The lines of the request log written by the scripts: "PID text".
std::vector<std::pair<int, std::string>> read_log(const std::filesystem::path& file) {
  std::vector<std::pair<int, std::string>> lines;
  std::ifstream in(file);
  int pid;
  std::string text;
  while (in >> pid >> text) lines.emplace_back(pid, text);
  return lines;
}

std::set<int> started_pids(const std::filesystem::path& file) {
  std::set<int> pids;
  for (const auto& [pid, text] : read_log(file))
    if (text == "start") pids.insert(pid);
  return pids;
}

bool gone(pid_t pid) {
  return ::kill(pid, 0) != 0 && errno == ESRCH;
}

template <class Pred>
bool eventually(Pred pred, std::chrono::milliseconds limit = 10s) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return pred();
}

class AuthExtauth : public ::testing::Test {
 protected:
  AuthExtauth() : system_{config_} {}

  ~AuthExtauth() override { stop(); }

  // Starts the plugin with the test script (plus `preamble`) and extra settings `lines`.
  void start(const std::string& lines, const std::string& preamble = "") {
    auto script =
        testing::write_script(dir_.path(), "extauth.py", testing::extauth_script(preamble));
    server_ = config::parse(
        "[[vhosts]]\ndomain = \"localhost\"\n[[vhosts.plugins]]\n"
        "name = \"auth_extauth\"\nprogram = \"" +
            script.string() + "\"\nargs = [\"" + log_file().string() + "\"]\n" + lines,
        "test.toml");
    plugin_context ctx{
        system_, server_, server_.vhosts[0], server_.vhosts[0].plugins[0],
        [](const std::string&, const std::function<caf::actor()>& make) { return make(); }};
    registrations_ = auth_extauth::start(ctx);
    ASSERT_EQ(registrations_.size(), 2u);
    front_ = registrations_[0].handler;
  }

  void stop() {
    if (!front_) return;
    caf::scoped_actor self{system_};
    self->send_exit(front_, caf::exit_reason::user_shutdown);
    front_ = nullptr;
  }

  std::filesystem::path log_file() const { return dir_.path() / "requests.log"; }

  hook_answer check(const std::string& user, const std::string& password,
                    const std::string& vhost = "localhost") {
    return ask_hook(system_, front_, atoms::auth_check_password::value, vhost, user, password);
  }

  hook_answer exists(const std::string& user) {
    return ask_hook(system_, front_, atoms::auth_user_exists::value, std::string{"localhost"},
                    user);
  }

  static bool accepted(const hook_answer& a) {
    return a.handled() && a.payload.match_elements<bool>() && a.payload.get_as<bool>(0);
  }

  djabberd::plugins::testing::temp_dir dir_;
  caf::actor_system_config config_;
  caf::actor_system system_;
  config::server_config server_;
  std::vector<hooks::registration> registrations_;
  caf::actor front_;
};

TEST(AuthExtauthPlugin, IsBuiltIn) {
  const plugin_descriptor* descriptor = find_plugin("auth_extauth");
  ASSERT_NE(descriptor, nullptr);
  EXPECT_EQ(descriptor->start, &auth_extauth::start);
}

TEST_F(AuthExtauth, JoinsCheckPasswordAndUserExistsOnly) {
  start("");
  EXPECT_EQ(registrations_[0].hook, hooks::hook_id::auth_check_password);
  EXPECT_EQ(registrations_[1].hook, hooks::hook_id::auth_user_exists);
  EXPECT_EQ(registrations_[1].handler, front_);
}

TEST_F(AuthExtauth, AcceptsRightPasswordAndDeclinesWrongOne) {
  start("");
  auto right = check("alice", "secret");
  EXPECT_TRUE(accepted(right)) << right.error;
  auto wrong = check("alice", "Secret");
  EXPECT_TRUE(wrong.declined()) << wrong.error;
  EXPECT_TRUE(check("alice", "secret", "example.org").declined());
  EXPECT_TRUE(check("nobody", "secret").declined());
}

TEST_F(AuthExtauth, PasswordMayContainColons) {
  start("");
  EXPECT_TRUE(accepted(check("colon", "a:b:c")));
  EXPECT_TRUE(check("colon", "a:b").declined());
  EXPECT_TRUE(check("colon", "a:b:c:").declined());
}

TEST_F(AuthExtauth, UserExists) {
  start("");
  EXPECT_TRUE(accepted(exists("alice")));
  EXPECT_TRUE(accepted(exists("colon")));
  EXPECT_TRUE(exists("nobody").declined());
  auto lines = read_log(log_file());
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.back().second, "isuser:nobody:localhost");
}

TEST_F(AuthExtauth, CrashIsDeclinedThenRestarted) {
  start("restart_delay_ms = 100\n");
  ASSERT_TRUE(accepted(check("alice", "secret")));
  auto crashed = check("crash", "x");
  EXPECT_TRUE(crashed.declined()) << crashed.error;
  EXPECT_TRUE(eventually([&] { return accepted(check("alice", "secret")); }));
  EXPECT_EQ(started_pids(log_file()).size(), 2u);
}

TEST_F(AuthExtauth, HangIsDeclinedAfterTimeoutThenRestarted) {
  start("timeout_ms = 300\nrestart_delay_ms = 50\n");
  ASSERT_TRUE(accepted(check("alice", "secret")));
  auto first_pid = *started_pids(log_file()).begin();
  auto begin = std::chrono::steady_clock::now();
  auto hung = check("hang", "x");
  EXPECT_TRUE(hung.declined()) << hung.error;
  EXPECT_GE(std::chrono::steady_clock::now() - begin, 300ms);
  EXPECT_TRUE(eventually([&] { return gone(first_pid); }));
  EXPECT_TRUE(eventually([&] { return accepted(check("alice", "secret")); }));
}

TEST_F(AuthExtauth, GarbageIsDeclinedThenRestarted) {
  start("restart_delay_ms = 50\n");
  auto garbage = check("garbage", "x");
  EXPECT_TRUE(garbage.declined()) << garbage.error;
  EXPECT_TRUE(eventually([&] { return accepted(check("alice", "secret")); }));
  EXPECT_EQ(started_pids(log_file()).size(), 2u);
}

TEST_F(AuthExtauth, RequestsWhileRestartingAreDeclinedAtOnce) {
  start("restart_delay_ms = 60000\n");
  EXPECT_TRUE(check("crash", "x").declined());
  auto begin = std::chrono::steady_clock::now();
  EXPECT_TRUE(check("alice", "secret").declined());
  EXPECT_LT(std::chrono::steady_clock::now() - begin, 2s);
}

TEST_F(AuthExtauth, InstancesAreUsedRoundRobin) {
  start("instances = 2\n");
  for (int i = 0; i < 6; ++i) ASSERT_TRUE(accepted(check("alice", "secret")));
  std::map<int, int> per_pid;
  for (const auto& [pid, text] : read_log(log_file()))
    if (text != "start") per_pid[pid]++;
  ASSERT_EQ(per_pid.size(), 2u);
  for (const auto& [pid, n] : per_pid) EXPECT_EQ(n, 3) << "pid " << pid;
}

TEST_F(AuthExtauth, ExitStopsAndReapsPrograms) {
  start("instances = 2\n");
  ASSERT_TRUE(eventually([&] { return started_pids(log_file()).size() == 2; }));
  auto pids = started_pids(log_file());
  stop();
  for (int pid : pids) EXPECT_TRUE(eventually([&] { return gone(pid); })) << pid;
}

TEST_F(AuthExtauth, ProgramIgnoringSigtermIsKilledAtExit) {
  start("", testing::stubborn_preamble());
  ASSERT_TRUE(eventually([&] { return started_pids(log_file()).size() == 1; }));
  std::this_thread::sleep_for(100ms);
  int pid = *started_pids(log_file()).begin();
  stop();
  EXPECT_TRUE(eventually([&] { return gone(pid); }));
}

}  // namespace
}  // namespace djabberd::plugins::auth_extauth
