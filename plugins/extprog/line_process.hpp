// One running extprog program: pipes on stdin/stdout, driven by its own I/O thread.
#pragma once

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <sys/types.h>

namespace djabberd::plugins::extprog {

/// A child process exchanging lines on its stdin/stdout. A dedicated thread (not a CAF worker)
/// does all pipe I/O with poll(): it writes queued lines, splits what the program prints into
/// lines and reports them, and reaps the program when its stdout closes. So no caller ever
/// blocks on the program: send() only queues. stderr is inherited (it reaches the server's
/// log); every other descriptor is closed in the child.
class line_process {
 public:
  /// Called on the I/O thread for every complete line the program prints ('\n' removed).
  using line_handler = std::function<void(std::string line)>;
  /// Called on the I/O thread once when the program ended on its own (stdout closed, or
  /// kill() was called), with how it ended, e.g. "exited with status 3". Not called when the
  /// line_process is destroyed first.
  using exit_handler = std::function<void(std::string description)>;

  /// Lines longer than this are discarded (logged) up to the next '\n'.
  static constexpr std::size_t max_line = 16 * 1024 * 1024;

  /// Starts `program` with `args` (posix_spawn, default signal dispositions, empty signal
  /// mask) and its I/O thread. Returns nullptr and sets `error` on failure.
  static std::unique_ptr<line_process> start(const std::filesystem::path& program,
                                             const std::vector<std::string>& args,
                                             line_handler on_line, exit_handler on_exit,
                                             std::string& error);

  /// Stops the program: closes its stdin, SIGTERM, SIGKILL after 0.5 s; reaps it and joins
  /// the I/O thread (so it may block its caller for up to ~0.5 s).
  ~line_process();
  line_process(const line_process&) = delete;
  line_process& operator=(const line_process&) = delete;

  /// Queues `data` (one or more complete lines) for the program's stdin. Never blocks on the
  /// program; lines queued after its stdin broke are dropped.
  void send(std::string data);

  /// SIGKILLs the program (e.g. a hung one); the exit handler follows. Idempotent.
  void kill();

  /// The program's PID.
  pid_t pid() const { return pid_; }

 private:
  line_process(pid_t pid, int to_child, int from_child, int wake_read, int wake_write,
               line_handler on_line, exit_handler on_exit);
  void run();
  void wake();
  bool reap(int wait_ms);
  std::string exit_description() const;

  pid_t pid_;
  int to_child_;
  int from_child_;
  int wake_read_;
  int wake_write_;
  line_handler on_line_;
  exit_handler on_exit_;

  std::mutex mutex_;  // guards queue_, stopping_, reaped_ (kill vs reap)
  std::string queue_;
  bool stopping_ = false;
  bool reaped_ = false;
  int status_ = 0;
  std::thread thread_;
};

}  // namespace djabberd::plugins::extprog
