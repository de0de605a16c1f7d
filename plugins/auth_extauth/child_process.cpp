// child_process: posix_spawn with pipes, poll()-bounded exchanges, SIGPIPE-free writes, reaping.
#include "plugins/auth_extauth/child_process.hpp"

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "plugins/auth_extauth/extauth_protocol.hpp"

extern char** environ;

namespace djabberd::plugins::auth_extauth {

namespace {

using clock = std::chrono::steady_clock;

std::string errno_text(const char* what, int err) {
  return std::string{what} + ": " + std::strerror(err);
}

// Milliseconds left until `deadline`, for poll() (0 when it has passed).
int remaining_ms(clock::time_point deadline) {
  auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - clock::now()).count();
  return left > 0 ? static_cast<int>(left) : 0;
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

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// Blocks SIGPIPE for this thread while writing to a pipe whose reader may be gone, and
// discards the SIGPIPE such a write raises (the write then fails with EPIPE instead).
class sigpipe_blocker {
 public:
  sigpipe_blocker() {
    sigemptyset(&pipe_set_);
    sigaddset(&pipe_set_, SIGPIPE);
    sigset_t pending;
    sigpending(&pending);
    was_pending_ = sigismember(&pending, SIGPIPE) == 1;
    pthread_sigmask(SIG_BLOCK, &pipe_set_, &old_mask_);
  }
  ~sigpipe_blocker() {
    if (raised_ && !was_pending_) {
      timespec zero{};
      while (sigtimedwait(&pipe_set_, nullptr, &zero) < 0 && errno == EINTR) {
      }
    }
    pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
  }
  sigpipe_blocker(const sigpipe_blocker&) = delete;
  sigpipe_blocker& operator=(const sigpipe_blocker&) = delete;

  void note_epipe() { raised_ = true; }

 private:
  sigset_t pipe_set_;
  sigset_t old_mask_;
  bool was_pending_ = false;
  bool raised_ = false;
};

}  // namespace

std::string_view describe(exchange_outcome outcome) {
  switch (outcome) {
    case exchange_outcome::accepted:
      return "accepted";
    case exchange_outcome::refused:
      return "refused";
    case exchange_outcome::exited:
      return "the program closed its output (exited or crashed) before replying";
    case exchange_outcome::timed_out:
      return "no reply within timeout_ms";
    case exchange_outcome::malformed:
      return "malformed reply (expected 2-byte length 2 and a 2-byte result 0 or 1)";
    case exchange_outcome::io_error:
      return "pipe error";
  }
  return "?";
}

std::unique_ptr<child_process> child_process::spawn(const std::filesystem::path& program,
                                                    const std::vector<std::string>& args,
                                                    std::string& error) {
  int to_child[2];
  int from_child[2];
  if (::pipe2(to_child, O_CLOEXEC) != 0) {
    error = errno_text("pipe2", errno);
    return nullptr;
  }
  if (::pipe2(from_child, O_CLOEXEC) != 0) {
    error = errno_text("pipe2", errno);
    ::close(to_child[0]);
    ::close(to_child[1]);
    return nullptr;
  }
  auto close_all = [&] {
    for (int* fd : {&to_child[0], &to_child[1], &from_child[0], &from_child[1]}) close_fd(*fd);
  };
  for (int* fd : {&to_child[0], &to_child[1], &from_child[0], &from_child[1]}) {
    if (!lift_above_stdio(*fd)) {
      error = errno_text("fcntl", errno);
      close_all();
      return nullptr;
    }
  }

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, to_child[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, from_child[1], STDOUT_FILENO);
  // The server's sockets are not all close-on-exec; the program must not keep them open.
  posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1);

  // The server blocks its shutdown signals in every thread and ignores SIGPIPE; neither may
  // be inherited, or the program could not be stopped with SIGTERM.
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
    error = errno_text(("cannot start " + program.string()).c_str(), rc);
    close_all();
    return nullptr;
  }
  for (int fd : {to_child[1], from_child[0]})
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  return std::unique_ptr<child_process>{new child_process(pid, to_child[1], from_child[0])};
}

child_process::child_process(pid_t pid, int to_child, int from_child)
    : pid_(pid), to_child_(to_child), from_child_(from_child) {}

child_process::~child_process() {
  terminate(std::chrono::milliseconds(500));
}

exchange_outcome child_process::exchange(std::string_view frame,
                                         std::chrono::milliseconds timeout) {
  if (reaped_ || to_child_ < 0 || from_child_ < 0) return exchange_outcome::exited;
  const auto deadline = clock::now() + timeout;
  // Bytes waiting before we asked anything: the program is out of step with the protocol.
  pollfd idle{from_child_, POLLIN, 0};
  if (::poll(&idle, 1, 0) > 0) {
    char byte;
    ssize_t n = ::read(from_child_, &byte, 1);
    if (n == 0) return exchange_outcome::exited;
    if (n > 0) return exchange_outcome::malformed;
  }
  exchange_outcome failure = exchange_outcome::io_error;
  if (!write_all(frame, deadline, failure)) return failure;

  std::array<unsigned char, reply_size> reply{};
  std::size_t got = 0;
  while (got < reply.size()) {
    pollfd p{from_child_, POLLIN, 0};
    int ready = ::poll(&p, 1, remaining_ms(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) return exchange_outcome::io_error;
    if (ready == 0) return exchange_outcome::timed_out;
    ssize_t n = ::read(from_child_, reply.data() + got, reply.size() - got);
    if (n == 0) return exchange_outcome::exited;
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      return exchange_outcome::io_error;
    }
    got += static_cast<std::size_t>(n);
  }
  auto verdict = decode_reply(reply);
  if (!verdict) return exchange_outcome::malformed;
  return *verdict ? exchange_outcome::accepted : exchange_outcome::refused;
}

bool child_process::write_all(std::string_view data, clock::time_point deadline,
                              exchange_outcome& failure) {
  sigpipe_blocker blocker;
  while (!data.empty()) {
    pollfd p{to_child_, POLLOUT, 0};
    int ready = ::poll(&p, 1, remaining_ms(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) {
      failure = exchange_outcome::io_error;
      return false;
    }
    if (ready == 0) {
      failure = exchange_outcome::timed_out;
      return false;
    }
    ssize_t n = ::write(to_child_, data.data(), data.size());
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      if (errno == EPIPE) {
        blocker.note_epipe();
        failure = exchange_outcome::exited;
      } else {
        failure = exchange_outcome::io_error;
      }
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool child_process::reap(std::chrono::milliseconds wait) {
  const auto deadline = clock::now() + wait;
  while (!reaped_) {
    int status = 0;
    pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      reaped_ = true;
      status_ = status;
    } else if (r < 0 && errno != EINTR) {
      reaped_ = true;  // ECHILD: reaped elsewhere (SIGCHLD ignored); the status is unknown
      status_ = -1;
    } else if (clock::now() >= deadline) {
      break;
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  return reaped_;
}

std::string child_process::kill_and_reap() {
  close_pipes();
  // A crashing program may still be on its way out; give it a moment so its status is known.
  if (!reap(std::chrono::milliseconds(100))) {
    ::kill(pid_, SIGKILL);
    reap(std::chrono::seconds(5));
  }
  return exit_description();
}

void child_process::terminate(std::chrono::milliseconds grace) {
  close_fd(to_child_);  // EOF on stdin: extauth programs exit by themselves
  if (!reaped_) {
    ::kill(pid_, SIGTERM);
    if (!reap(grace)) {
      ::kill(pid_, SIGKILL);
      reap(std::chrono::seconds(5));
    }
  }
  close_pipes();
}

void child_process::close_pipes() {
  close_fd(to_child_);
  close_fd(from_child_);
}

std::string child_process::exit_description() const {
  if (!reaped_) return "could not be reaped";
  if (status_ < 0) return "ended (status unknown)";
  if (WIFEXITED(status_)) return "exited with status " + std::to_string(WEXITSTATUS(status_));
  if (WIFSIGNALED(status_)) return "killed by signal " + std::to_string(WTERMSIG(status_));
  return "ended";
}

}  // namespace djabberd::plugins::auth_extauth
