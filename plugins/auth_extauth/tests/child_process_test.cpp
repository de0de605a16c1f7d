// child_process against real programs: replies, crashes, hangs, garbage, stop and reap.
#include <chrono>
#include <csignal>
#include <thread>

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include "plugins/auth_extauth/child_process.hpp"
#include "plugins/auth_extauth/extauth_protocol.hpp"
#include "plugins/auth_extauth/tests/extauth_scripts.hpp"
#include "plugins/test_support/temp_dir.hpp"

namespace djabberd::plugins::auth_extauth {
namespace {

using namespace std::chrono_literals;

std::string frame(const std::string& text) {
  return *encode_frame(text);
}

bool gone(pid_t pid) {
  return ::kill(pid, 0) != 0 && errno == ESRCH;
}

class ChildProcess : public ::testing::Test {
 protected:
  std::unique_ptr<child_process> start(const std::string& preamble = "") {
    auto script =
        testing::write_script(dir_.path(), "extauth.py", testing::extauth_script(preamble));
    std::string error;
    auto child = child_process::spawn(script, {log_file().string()}, error);
    EXPECT_TRUE(child) << error;
    return child;
  }

  // The file where the script logs its start and its requests.
  std::filesystem::path log_file() const { return dir_.path() / "requests.log"; }

  // Waits (up to 10 s) until the script has logged its start.
  bool wait_started() const {
    for (int i = 0; i < 500; ++i) {
      if (std::filesystem::exists(log_file()) && std::filesystem::file_size(log_file()) > 0)
        return true;
      std::this_thread::sleep_for(20ms);
    }
    return false;
  }

  djabberd::plugins::testing::temp_dir dir_;
};

TEST_F(ChildProcess, AcceptsAndRefuses) {
  auto child = start();
  ASSERT_TRUE(child);
  EXPECT_EQ(child->exchange(frame("auth:alice:localhost:secret"), 5s), exchange_outcome::accepted);
  EXPECT_EQ(child->exchange(frame("auth:alice:localhost:wrong"), 5s), exchange_outcome::refused);
  EXPECT_EQ(child->exchange(frame("auth:colon:localhost:a:b:c"), 5s), exchange_outcome::accepted);
  EXPECT_EQ(child->exchange(frame("isuser:alice:localhost"), 5s), exchange_outcome::accepted);
  EXPECT_EQ(child->exchange(frame("isuser:nobody:localhost"), 5s), exchange_outcome::refused);
}

TEST_F(ChildProcess, CrashIsReportedWithItsStatus) {
  auto child = start();
  ASSERT_TRUE(child);
  EXPECT_EQ(child->exchange(frame("auth:crash:localhost:x"), 5s), exchange_outcome::exited);
  EXPECT_EQ(child->kill_and_reap(), "exited with status 3");
  EXPECT_EQ(child->exchange(frame("auth:alice:localhost:secret"), 1s), exchange_outcome::exited);
}

TEST_F(ChildProcess, WriteToClosedStdinRaisesNoSigpipe) {
  // The program closes its stdin but keeps stdout open: our write fails with EPIPE. With
  // SIGPIPE at its default disposition here, a raised SIGPIPE would end the test binary.
  std::string error;
  auto child = child_process::spawn("/bin/sh", {"-c", "exec 0<&-; exec sleep 5"}, error);
  ASSERT_TRUE(child) << error;
  std::this_thread::sleep_for(200ms);
  auto outcome = child->exchange(frame("auth:alice:localhost:secret"), 1s);
  EXPECT_EQ(outcome, exchange_outcome::exited) << describe(outcome);
  EXPECT_EQ(child->kill_and_reap(), "killed by signal 9");
}

TEST_F(ChildProcess, HangTimesOutAndIsKilled) {
  auto child = start();
  ASSERT_TRUE(child);
  auto begin = std::chrono::steady_clock::now();
  EXPECT_EQ(child->exchange(frame("auth:hang:localhost:x"), 300ms), exchange_outcome::timed_out);
  EXPECT_GE(std::chrono::steady_clock::now() - begin, 300ms);
  pid_t pid = child->pid();
  EXPECT_EQ(child->kill_and_reap(), "killed by signal 9");
  EXPECT_TRUE(gone(pid));
}

TEST_F(ChildProcess, GarbageIsMalformed) {
  auto child = start();
  ASSERT_TRUE(child);
  EXPECT_EQ(child->exchange(frame("auth:garbage:localhost:x"), 5s), exchange_outcome::malformed);
}

TEST_F(ChildProcess, StrayBytesAfterAReplyAreMalformed) {
  auto child = start();
  ASSERT_TRUE(child);
  EXPECT_EQ(child->exchange(frame("auth:extra:localhost:x"), 5s), exchange_outcome::accepted);
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(child->exchange(frame("auth:alice:localhost:secret"), 5s), exchange_outcome::malformed);
}

TEST_F(ChildProcess, InheritsNoOtherDescriptors) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);  // not close-on-exec, like some of the server's sockets
  auto script = testing::write_script(
      dir_.path(), "fds.py",
      "#!/usr/bin/python3\n"
      "import os, struct, sys\n"
      "sys.stdin.buffer.read(2 + 6)\n"
      "leaked = any(os.path.exists('/proc/self/fd/%d' % fd) for fd in (" +
          std::to_string(fds[0]) + ", " + std::to_string(fds[1]) +
          "))\n"
          "sys.stdout.buffer.write(struct.pack('>HH', 2, 0 if leaked else 1))\n"
          "sys.stdout.buffer.flush()\n");
  std::string error;
  auto child = child_process::spawn(script, {}, error);
  ASSERT_TRUE(child) << error;
  EXPECT_EQ(child->exchange(frame("isuser"), 5s), exchange_outcome::accepted);
  ::close(fds[0]);
  ::close(fds[1]);
}

TEST_F(ChildProcess, MissingProgramFailsToStart) {
  std::string error;
  auto child = child_process::spawn(dir_.path() / "missing", {}, error);
  EXPECT_FALSE(child);
  EXPECT_NE(error.find("cannot start"), std::string::npos) << error;
}

TEST_F(ChildProcess, TerminateEscalatesToSigkill) {
  auto child = start(testing::stubborn_preamble());
  ASSERT_TRUE(child);
  ASSERT_TRUE(wait_started());  // logged after it ignores SIGTERM
  pid_t pid = child->pid();
  auto begin = std::chrono::steady_clock::now();
  child->terminate(200ms);
  EXPECT_GE(std::chrono::steady_clock::now() - begin, 200ms);
  EXPECT_TRUE(gone(pid));
}

TEST_F(ChildProcess, DestructorStopsAndReaps) {
  pid_t pid;
  {
    auto child = start();
    ASSERT_TRUE(child);
    pid = child->pid();
    EXPECT_EQ(child->exchange(frame("isuser:alice:localhost"), 5s), exchange_outcome::accepted);
  }
  EXPECT_TRUE(gone(pid));
}

}  // namespace
}  // namespace djabberd::plugins::auth_extauth
