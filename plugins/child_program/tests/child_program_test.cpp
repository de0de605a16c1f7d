// child_program against real programs: pipes both ways, start failures, exit descriptions, and
// the `program` setting.
#include <chrono>
#include <csignal>
#include <string>
#include <thread>

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <unistd.h>

#include "plugins/child_program/exit_status.hpp"
#include "plugins/child_program/spawn_with_pipes.hpp"
#include "plugins/test_support/temp_dir.hpp"

namespace djabberd::plugins::child_program {
namespace {

using namespace std::chrono_literals;

// Reaps `pid`, polling for up to 10 s; returns its status (or -2 when it never ended).
int reap_within_10s(pid_t pid) {
  int status = 0;
  for (int i = 0; i < 1000; ++i) {
    if (try_reap(pid, status)) return status;
    std::this_thread::sleep_for(10ms);
  }
  return -2;
}

// Reads from `fd` until `n` bytes arrived, EOF, or 10 s passed.
std::string read_bytes(int fd, std::size_t n) {
  std::string got;
  char buf[256];
  for (int i = 0; i < 1000 && got.size() < n; ++i) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 10) <= 0) continue;
    ssize_t r = ::read(fd, buf, sizeof buf);
    if (r <= 0) break;
    got.append(buf, static_cast<std::size_t>(r));
  }
  return got;
}

TEST(SpawnWithPipes, EchoesThroughNonBlockingCloseOnExecPipes) {
  std::string error;
  auto child = spawn_with_pipes("/bin/cat", {}, error);
  ASSERT_TRUE(child) << error;
  for (int fd : {child->to_child, child->from_child}) {
    EXPECT_GT(fd, STDERR_FILENO);
    EXPECT_TRUE(::fcntl(fd, F_GETFL) & O_NONBLOCK);
    EXPECT_TRUE(::fcntl(fd, F_GETFD) & FD_CLOEXEC);
  }
  ASSERT_EQ(::write(child->to_child, "hello\n", 6), 6);
  EXPECT_EQ(read_bytes(child->from_child, 6), "hello\n");
  close_fd(child->to_child);  // EOF: cat exits with status 0
  EXPECT_EQ(child->to_child, -1);
  int status = reap_within_10s(child->pid);
  EXPECT_EQ(describe_exit(true, status), "exited with status 0");
  close_fd(child->from_child);
}

TEST(SpawnWithPipes, PassesArgumentsAfterTheProgramPath) {
  std::string error;
  auto child = spawn_with_pipes("/bin/sh", {"-c", "echo \"$0 $1\"; exit 3", "one"}, error);
  ASSERT_TRUE(child) << error;
  EXPECT_EQ(read_bytes(child->from_child, 12), "one \n");
  EXPECT_EQ(describe_exit(true, reap_within_10s(child->pid)), "exited with status 3");
  close_fd(child->to_child);
  close_fd(child->from_child);
}

TEST(SpawnWithPipes, MissingProgramIsAnError) {
  djabberd::plugins::testing::temp_dir dir;
  std::string error;
  auto child = spawn_with_pipes(dir.path() / "missing", {}, error);
  EXPECT_FALSE(child);
  EXPECT_NE(error.find("cannot start " + (dir.path() / "missing").string()), std::string::npos)
      << error;
}

TEST(ExitStatus, NamesSignalsAndUnknowns) {
  std::string error;
  auto child = spawn_with_pipes("/bin/sleep", {"30"}, error);
  ASSERT_TRUE(child) << error;
  int status = 0;
  EXPECT_FALSE(try_reap(child->pid, status));  // still running
  ::kill(child->pid, SIGKILL);
  EXPECT_EQ(describe_exit(true, reap_within_10s(child->pid)), "killed by signal 9");
  // Reaped already: waitpid fails with ECHILD, the status is unknown.
  EXPECT_TRUE(try_reap(child->pid, status));
  EXPECT_EQ(status, -1);
  EXPECT_EQ(describe_exit(true, -1), "ended (status unknown)");
  EXPECT_EQ(describe_exit(false, 0), "could not be reaped");
  close_fd(child->to_child);
  close_fd(child->from_child);
}

}  // namespace
}  // namespace djabberd::plugins::child_program
