// End to end: runs the djabberctl binary against a temporary configuration and data_dir.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "plugins/auth_sqlite/account_store.hpp"
#include "plugins/test_support/temp_dir.hpp"

extern char** environ;

namespace djabberd::ctl {
namespace {

using plugins::auth_sqlite::account_store;

struct outcome {
  int status = -1;
  std::string out;
  std::string err;
};

std::string slurp(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class Djabberctl : public ::testing::Test {
 protected:
  Djabberctl() {
    std::filesystem::create_directories(dir_.path() / "config");
    std::ofstream(conf_) << "data_dir = \"" << data_dir().string() << "\"\n"
                         << "[[vhosts]]\n"
                         << "domain = \"localhost\"\n"
                         << "  [[vhosts.plugins]]\n"
                         << "  name = \"auth_sqlite\"\n"
                         << "[[vhosts]]\n"
                         << "domain = \"Example.ORG\"\n";
  }

  std::filesystem::path data_dir() const { return dir_.path() / "data"; }

  /// Runs djabberctl with `args` in the temp dir, feeding `input` on standard input.
  outcome run(std::vector<std::string> args, const std::string& input = "") {
    std::ofstream(dir_.path() / "stdin") << input;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addchdir_np(&actions, dir_.path().c_str());
    posix_spawn_file_actions_addopen(&actions, 0, "stdin", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "stdout", O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 2, "stderr", O_WRONLY | O_CREAT | O_TRUNC, 0600);
    std::string program = DJABBERCTL_PATH;
    std::vector<char*> argv{program.data()};
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    outcome result;
    int rc = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    EXPECT_EQ(rc, 0) << "cannot start " << program;
    if (rc != 0) return result;
    int status = 0;
    waitpid(pid, &status, 0);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = slurp(dir_.path() / "stdout");
    result.err = slurp(dir_.path() / "stderr");
    return result;
  }

  outcome ctl(std::vector<std::string> args, const std::string& input = "") {
    args.insert(args.begin(), "--conf=" + conf_.string());
    return run(std::move(args), input);
  }

  /// Checks `password` against what the store holds for username@domain.
  bool password_is(const std::string& domain, const std::string& username,
                   const std::string& password) {
    std::string error;
    auto store = account_store::open(data_dir(), error);
    EXPECT_TRUE(store) << error;
    if (!store) return false;
    auto creds = store->credentials(domain, username, auth::hash_algo::sha256);
    return creds && auth::verify_password(*creds, password);
  }

  plugins::testing::temp_dir dir_;
  std::filesystem::path conf_ = dir_.path() / "config" / "djabberd.toml";
};

TEST_F(Djabberctl, Help) {
  auto r = run({"--help"});
  EXPECT_EQ(r.status, 0);
  for (const char* word : {"adduser USER@DOMAIN PASSWORD", "passwd USER@DOMAIN PASSWORD",
                           "deluser USER@DOMAIN", "--conf=PATH", "config/djabberd.toml"})
    EXPECT_NE(r.out.find(word), std::string::npos) << word << " missing in:\n" << r.out;
  EXPECT_EQ(r.err, "");
  r = run({"passwd", "--help"});
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("Usage: djabberctl [--conf=PATH] passwd USER@DOMAIN PASSWORD"),
            std::string::npos)
      << r.out;
}

TEST_F(Djabberctl, UsageErrorsExitTwo) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {},
           {"frobnicate"},
           {"adduser", "alice@localhost"},
           {"deluser", "alice@localhost", "extra"},
           {"--verbose", "deluser", "alice@localhost"},
           {"deluser", "alice@localhost", "--conf"},
       }) {
    auto r = run(args);
    EXPECT_EQ(r.status, 2) << ::testing::PrintToString(args);
    EXPECT_NE(r.err.find("Try 'djabberctl --help'."), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
  }
  EXPECT_EQ(run({"adduser", "alice@localhost"}).err,
            "djabberctl: adduser expects USER@DOMAIN PASSWORD\nTry 'djabberctl --help'.\n");
  EXPECT_FALSE(std::filesystem::exists(data_dir()));
}

TEST_F(Djabberctl, AddDuplicatePasswdDelete) {
  auto r = ctl({"adduser", "alice@localhost", "first"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "added user alice@localhost\n");
  EXPECT_EQ(r.err, "");
  EXPECT_TRUE(password_is("localhost", "alice", "first"));

  r = ctl({"adduser", "alice@localhost", "second"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "djabberctl: user alice@localhost already exists\n");
  r = ctl({"adduser", "ALICE@LocalHost", "second"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "djabberctl: user alice@localhost already exists\n");
  EXPECT_TRUE(password_is("localhost", "alice", "first"));

  r = ctl({"passwd", "alice@localhost", "second"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "changed the password of alice@localhost\n");
  EXPECT_TRUE(password_is("localhost", "alice", "second"));

  r = ctl({"passwd", "bob@localhost", "x"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "djabberctl: no user bob@localhost\n");

  r = ctl({"deluser", "alice@localhost"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "deleted user alice@localhost\n");
  r = ctl({"deluser", "alice@localhost"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "djabberctl: no user alice@localhost\n");
}

TEST_F(Djabberctl, PasswordFromStandardInput) {
  auto r = ctl({"adduser", "bob@localhost", "-"}, "from stdin\r\nignored\n");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(password_is("localhost", "bob", "from stdin"));
  r = ctl({"passwd", "bob@localhost", "-"}, "changed");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(password_is("localhost", "bob", "changed"));
  r = ctl({"passwd", "bob@localhost", "-"}, "");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "djabberctl: no password on standard input\n");
  r = ctl({"adduser", "--", "carol@localhost", "-dash-first"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(password_is("localhost", "carol", "-dash-first"));
}

TEST_F(Djabberctl, UnknownDomainNamesTheVhosts) {
  auto r = ctl({"adduser", "alice@example.com", "pw"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err,
            "djabberctl: 'example.com' is not a vhost of this server (configured: localhost, "
            "example.org)\n");
  EXPECT_EQ(r.out, "");
}

TEST_F(Djabberctl, BadAddressesAndPasswords) {
  auto r = ctl({"adduser", "alice", "pw"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "djabberctl: 'alice' is not an account address (expected USER@DOMAIN)\n");
  r = ctl({"adduser", "a b@localhost", "pw"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "djabberctl: 'a b' is not a valid username\n");
  r = ctl({"adduser", "alice@localhost", ""});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("the password is empty"), std::string::npos) << r.err;
}

TEST_F(Djabberctl, VhostWithoutAuthSqliteWarnsButWrites) {
  auto r = ctl({"adduser", "dave@EXAMPLE.org", "pw"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "added user dave@example.org\n");
  EXPECT_NE(r.err.find("warning: vhost example.org has no auth_sqlite plugin"), std::string::npos)
      << r.err;
  EXPECT_TRUE(password_is("example.org", "dave", "pw"));
}

TEST_F(Djabberctl, ConfigErrorsExitOne) {
  auto r = run({"--conf=missing.toml", "deluser", "alice@localhost"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("djabberctl: missing.toml: cannot read file"), std::string::npos) << r.err;
  std::ofstream(dir_.path() / "bad.toml") << "data_dir = \"x\"\nbogus = 1\n";
  r = run({"--conf", "bad.toml", "deluser", "alice@localhost"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("djabberctl: bad.toml:2: bogus: "), std::string::npos) << r.err;
}

TEST_F(Djabberctl, DefaultConfigPath) {
  auto r = run({"adduser", "erin@localhost", "pw"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(password_is("localhost", "erin", "pw"));
}

TEST_F(Djabberctl, WritesWhileAnotherConnectionHoldsTheStore) {
  std::string error;
  auto daemon = account_store::open(data_dir(), error);
  ASSERT_TRUE(daemon) << error;
  auto r = ctl({"adduser", "frank@localhost", "pw"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(daemon->exists("localhost", "frank"));
  EXPECT_EQ(daemon->add_user("localhost", "grace", "pw"), account_store::add_result::ok);
  r = ctl({"deluser", "grace@localhost"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_FALSE(daemon->exists("localhost", "grace"));
}

TEST_F(Djabberctl, OnlineCommandsWithoutServer) {
  for (const char* cmd : {"status", "sessions", "hooks"}) {
    auto r = ctl({cmd});
    EXPECT_EQ(r.status, 1) << cmd;
    EXPECT_EQ(r.err, "djabberctl: djabberd is not running (no admin socket at " +
                         (data_dir() / "admin.sock").string() + ")\n");
    EXPECT_EQ(r.out, "");
  }
  EXPECT_EQ(ctl({"--json", "kick", "alice@localhost", "bye"}).status, 1);
}

TEST_F(Djabberctl, OnlineCommandUsage) {
  for (const auto& args :
       std::vector<std::vector<std::string>>{{"status", "x"},
                                             {"hooks", "x"},
                                             {"kick"},
                                             {"sessions", "a@b", "c"},
                                             {"deluser", "--json", "alice@localhost"}}) {
    auto r = run(args);
    EXPECT_EQ(r.status, 2) << ::testing::PrintToString(args);
  }
  EXPECT_EQ(run({"status", "x"}).err,
            "djabberctl: status expects no operands\nTry 'djabberctl --help'.\n");
  auto r = run({"kick", "--help"});
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("Usage: djabberctl [--conf=PATH] [--json] kick JID [REASON]"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("policy-violation"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace djabberd::ctl
