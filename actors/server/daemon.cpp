// POSIX process plumbing for the daemon.
#include "actors/server/daemon.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace djabberd::daemon {

namespace {

sigset_t handled_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  sigaddset(&set, SIGUSR1);
  return set;
}

}  // namespace

bool daemonize(std::string& error) {
  auto fork_once = [&]() -> bool {
    pid_t pid = fork();
    if (pid < 0) {
      error = std::string("fork: ") + std::strerror(errno);
      return false;
    }
    if (pid > 0) _exit(0);
    return true;
  };
  if (!fork_once()) return false;
  if (setsid() < 0) {
    error = std::string("setsid: ") + std::strerror(errno);
    return false;
  }
  if (!fork_once()) return false;
  int null = open("/dev/null", O_RDWR);
  if (null >= 0) {
    dup2(null, STDIN_FILENO);
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    if (null > STDERR_FILENO) close(null);
  }
  return true;
}

bool lock_data_dir(const std::filesystem::path& data_dir, std::string& error) {
  auto path = data_dir / "djabberd.lock";
  int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    error = path.string() + ": " + std::strerror(errno);
    return false;
  }
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    error = "another djabberd is already running on data directory " + data_dir.string();
    close(fd);
    return false;
  }
  return true;  // fd intentionally kept open: the lock lasts as long as the process
}

bool write_pid_file(const std::filesystem::path& path, std::string& error) {
  std::ofstream out(path, std::ios::trunc);
  if (!out) {
    error = path.string() + ": cannot write pid file";
    return false;
  }
  out << getpid() << '\n';
  return true;
}

void remove_pid_file(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::remove(path, ec);
}

void block_signals() {
  sigset_t set = handled_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
}

int wait_for_signal() {
  sigset_t set = handled_signals();
  int sig = 0;
  while (sigwait(&set, &sig) != 0) {
  }
  return sig;
}

}  // namespace djabberd::daemon
