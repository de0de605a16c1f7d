// One running extauth program: spawned with pipes on stdin/stdout, asked one request at a time.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <sys/types.h>

namespace djabberd::plugins::auth_extauth {

/// What one request/reply exchange with the program produced.
enum class exchange_outcome {
  accepted,   ///< replied 1
  refused,    ///< replied 0
  exited,     ///< closed its stdout (exited or crashed) before replying
  timed_out,  ///< no complete reply within the timeout
  malformed,  ///< replied something other than a valid 4-byte reply, or unsolicited output
  io_error,   ///< a pipe error other than the above
};

/// Names an outcome for logs.
std::string_view describe(exchange_outcome outcome);

/// A child process owning the write end of its stdin and the read end of its stdout (our ends
/// are close-on-exec and non-blocking; stderr is inherited, so the program's messages reach the
/// server's log; every other descriptor is closed in the child). All calls block the calling
/// thread. The destructor stops and reaps the child.
class child_process {
 public:
  /// Starts `program` with `args` (argv[0] is the program path) using posix_spawn, with default
  /// signal dispositions and an empty signal mask. Returns nullptr and sets `error` on failure.
  static std::unique_ptr<child_process> spawn(const std::filesystem::path& program,
                                              const std::vector<std::string>& args,
                                              std::string& error);

  ~child_process();
  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;

  /// Writes `frame` and waits up to `timeout` (for the whole exchange) for the 4-byte reply.
  /// Never raises SIGPIPE. After any outcome but accepted/refused the child must be killed.
  exchange_outcome exchange(std::string_view frame, std::chrono::milliseconds timeout);

  /// Kills the child (SIGKILL to its PID only, unless it already exited) and reaps it. Returns
  /// how it ended, e.g. "exited with status 3", "killed by signal 11". Idempotent.
  std::string kill_and_reap();

  /// Closes its stdin, sends SIGTERM, waits up to `grace`, then SIGKILL; reaps it. Idempotent.
  void terminate(std::chrono::milliseconds grace);

  /// The child's PID.
  pid_t pid() const { return pid_; }

 private:
  child_process(pid_t pid, int to_child, int from_child);

  bool write_all(std::string_view data, std::chrono::steady_clock::time_point deadline,
                 exchange_outcome& failure);
  bool reap(std::chrono::milliseconds wait);
  void close_pipes();
  std::string exit_description() const;

  pid_t pid_;
  int to_child_;
  int from_child_;
  bool reaped_ = false;
  int status_ = 0;
};

}  // namespace djabberd::plugins::auth_extauth
