// child_process: poll()-bounded exchanges, SIGPIPE-free writes, reaping (spawning and the exit
// status come from plugins/child_program).
#include "plugins/auth_extauth/child_process.hpp"

#include <array>
#include <cerrno>
#include <csignal>
#include <thread>

#include <poll.h>
#include <pthread.h>
#include <unistd.h>

#include "plugins/auth_extauth/extauth_protocol.hpp"
#include "plugins/child_program/exit_status.hpp"
#include "plugins/child_program/spawn_with_pipes.hpp"

namespace djabberd::plugins::auth_extauth {

namespace {

using child_program::close_fd;

using clock = std::chrono::steady_clock;

// Milliseconds left until `deadline`, for poll() (0 when it has passed).
int remaining_ms(clock::time_point deadline) {
  auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - clock::now()).count();
  return left > 0 ? static_cast<int>(left) : 0;
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
  auto child = child_program::spawn_with_pipes(program, args, error);
  if (!child) return nullptr;
  return std::unique_ptr<child_process>{
      new child_process(child->pid, child->to_child, child->from_child)};
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
    if (child_program::try_reap(pid_, status_)) {
      reaped_ = true;
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
  return child_program::describe_exit(reaped_, status_);
}

}  // namespace djabberd::plugins::auth_extauth
