// spawn_with_pipes: posix_spawn with our pipe ends kept out of the child.
#include "plugins/child_program/spawn_with_pipes.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>

#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

extern char** environ;

namespace djabberd::plugins::child_program {

namespace {

std::string errno_text(const std::string& what, int err) {
  return what + ": " + std::strerror(err);
}

// Moves `fd` above the standard descriptors (keeping close-on-exec), so that the child's dup2
// onto 0/1 never is a no-op that would leave close-on-exec set.
bool lift_above_stdio(int& fd) {
  if (fd > STDERR_FILENO) return true;
  int lifted = ::fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
  if (lifted < 0) return false;
  ::close(fd);
  fd = lifted;
  return true;
}

void set_nonblocking(int fd) {
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
}

}  // namespace

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

std::optional<piped_child> spawn_with_pipes(const std::filesystem::path& program,
                                            const std::vector<std::string>& args,
                                            std::string& error) {
  int to_child[2] = {-1, -1};
  int from_child[2] = {-1, -1};
  auto close_all = [&] {
    for (int* fd : {&to_child[0], &to_child[1], &from_child[0], &from_child[1]}) close_fd(*fd);
  };
  if (::pipe2(to_child, O_CLOEXEC) != 0 || ::pipe2(from_child, O_CLOEXEC) != 0) {
    error = errno_text("pipe2", errno);
    close_all();
    return std::nullopt;
  }
  for (int* fd : {&to_child[0], &to_child[1], &from_child[0], &from_child[1]}) {
    if (!lift_above_stdio(*fd)) {
      error = errno_text("fcntl", errno);
      close_all();
      return std::nullopt;
    }
  }

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, to_child[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, from_child[1], STDOUT_FILENO);
  // The server's sockets are not all close-on-exec; the program must not keep them open.
  posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1);

  // The server blocks its shutdown signals in every thread and ignores SIGPIPE; neither may be
  // inherited, or the program could not be stopped with SIGTERM.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (int sig : {SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGCHLD, SIGALRM})
    sigaddset(&defaults, sig);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  std::vector<std::string> argv_strings;
  argv_strings.push_back(program.string());
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);

  pid_t pid = -1;
  int rc = ::posix_spawn(&pid, argv_strings[0].c_str(), &actions, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  close_fd(to_child[0]);
  close_fd(from_child[1]);
  if (rc != 0) {
    error = errno_text("cannot start " + program.string(), rc);
    close_all();
    return std::nullopt;
  }
  set_nonblocking(to_child[1]);
  set_nonblocking(from_child[0]);
  return piped_child{pid, to_child[1], from_child[0]};
}

}  // namespace djabberd::plugins::child_program
