// line_process: a poll() loop on its own thread over the pipes of a program started by
// plugins/child_program.
#include "plugins/extprog/line_process.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <unistd.h>

#include "actors/log.hpp"
#include "plugins/child_program/exit_status.hpp"
#include "plugins/child_program/spawn_with_pipes.hpp"

namespace djabberd::plugins::extprog {

namespace {

constexpr std::string_view component = "extprog";

using child_program::close_fd;

}  // namespace

std::unique_ptr<line_process> line_process::start(const std::filesystem::path& program,
                                                  const std::vector<std::string>& args,
                                                  line_handler on_line, exit_handler on_exit,
                                                  std::string& error) {
  // The I/O thread's wake-up pipe: send() and the destructor write to it.
  int wake[2] = {-1, -1};
  if (::pipe2(wake, O_CLOEXEC | O_NONBLOCK) != 0) {
    error = std::string{"pipe2: "} + std::strerror(errno);
    return nullptr;
  }
  auto child = child_program::spawn_with_pipes(program, args, error);
  if (!child) {
    for (int& fd : wake) close_fd(fd);
    return nullptr;
  }
  std::unique_ptr<line_process> p{new line_process(child->pid, child->to_child, child->from_child,
                                                   wake[0], wake[1], std::move(on_line),
                                                   std::move(on_exit))};
  p->thread_ = std::thread([raw = p.get()] { raw->run(); });
  return p;
}

line_process::line_process(pid_t pid, int to_child, int from_child, int wake_read, int wake_write,
                           line_handler on_line, exit_handler on_exit)
    : pid_(pid),
      to_child_(to_child),
      from_child_(from_child),
      wake_read_(wake_read),
      wake_write_(wake_write),
      on_line_(std::move(on_line)),
      on_exit_(std::move(on_exit)) {}

line_process::~line_process() {
  {
    std::lock_guard<std::mutex> guard{mutex_};
    stopping_ = true;
  }
  wake();
  if (thread_.joinable()) thread_.join();
  close_fd(to_child_);
  close_fd(from_child_);
  close_fd(wake_read_);
  close_fd(wake_write_);
}

void line_process::wake() {
  char byte = 1;
  // The pipe is non-blocking: when full, a wake-up is pending anyway.
  [[maybe_unused]] ssize_t n = ::write(wake_write_, &byte, 1);
}

void line_process::send(std::string data) {
  {
    std::lock_guard<std::mutex> guard{mutex_};
    queue_ += data;
  }
  wake();
}

void line_process::kill() {
  std::lock_guard<std::mutex> guard{mutex_};
  if (!reaped_) ::kill(pid_, SIGKILL);
}

bool line_process::reap(int wait_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
  for (;;) {
    {
      std::lock_guard<std::mutex> guard{mutex_};
      if (reaped_) return true;
      if (child_program::try_reap(pid_, status_)) {
        reaped_ = true;
        return true;
      }
    }
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

std::string line_process::exit_description() const {
  return child_program::describe_exit(reaped_, status_);
}

void line_process::run() {
  // This is our own thread: keep SIGPIPE blocked on it, so a write to a program that is gone
  // fails with EPIPE instead of killing the server (a pending SIGPIPE dies with the thread).
  sigset_t pipe_set;
  sigemptyset(&pipe_set);
  sigaddset(&pipe_set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_set, nullptr);

  std::string out;          // bytes still to write to stdin
  std::string in;           // bytes read from stdout, not yet a complete line
  bool discarding = false;  // skipping the rest of an over-long line
  bool stdout_open = true;
  bool stopping = false;
  char buf[65536];
  while (stdout_open && !stopping) {
    pollfd fds[3];
    nfds_t n = 0;
    fds[n++] = {wake_read_, POLLIN, 0};
    fds[n++] = {from_child_, POLLIN, 0};
    bool want_write = !out.empty() && to_child_ >= 0;
    if (want_write) fds[n++] = {to_child_, POLLOUT, 0};
    int ready = ::poll(fds, n, -1);
    if (ready < 0) {
      if (errno == EINTR) continue;
      log::warn(component, "pid ", pid_, ": poll: ", std::strerror(errno));
      break;
    }
    if (fds[0].revents != 0) {
      while (::read(wake_read_, buf, sizeof buf) > 0) {
      }
      std::lock_guard<std::mutex> guard{mutex_};
      stopping = stopping_;
      if (to_child_ >= 0) out += queue_;
      queue_.clear();
    }
    if (stopping) break;
    if (want_write && fds[2].revents != 0) {
      ssize_t w = ::write(to_child_, out.data(), out.size());
      if (w > 0) {
        out.erase(0, static_cast<std::size_t>(w));
      } else if (w < 0 && errno != EAGAIN && errno != EINTR) {
        // EPIPE: the program closed its stdin or is exiting; its stdout EOF follows.
        log::warn(component, "pid ", pid_, ": writing to the program: ", std::strerror(errno));
        close_fd(to_child_);
        out.clear();
      }
    }
    if (fds[1].revents != 0) {
      ssize_t r = ::read(from_child_, buf, sizeof buf);
      if (r == 0) {
        stdout_open = false;
      } else if (r < 0) {
        if (errno != EAGAIN && errno != EINTR) stdout_open = false;
      } else {
        in.append(buf, static_cast<std::size_t>(r));
        std::size_t start = 0;
        for (;;) {
          std::size_t nl = in.find('\n', start);
          if (nl == std::string::npos) break;
          if (!discarding) on_line_(in.substr(start, nl - start));
          discarding = false;
          start = nl + 1;
        }
        in.erase(0, start);
        if (in.size() > max_line) {
          if (!discarding)
            log::warn(component, "pid ", pid_, ": a line longer than ", max_line,
                      " bytes; discarded");
          discarding = true;
          in.clear();
        }
      }
    }
  }
  close_fd(to_child_);  // EOF on stdin: well-behaved programs exit by themselves
  if (stopping) {
    if (!reap(0)) {
      ::kill(pid_, SIGTERM);
      if (!reap(500)) {
        kill();
        reap(5000);
      }
    }
    return;
  }
  // The program closed its stdout: it is exiting or crashed. Give it a moment, then make sure.
  if (!reap(100)) {
    kill();
    reap(5000);
  }
  on_exit_(exit_description());
}

}  // namespace djabberd::plugins::extprog
