// Process life cycle: daemonizing, the pid file, the data-directory lock, signals.
#pragma once

#include <filesystem>
#include <string>

namespace djabberd::daemon {

/// Detaches from the terminal (fork, setsid, fork; stdin/stdout/stderr to /dev/null).
/// Must run before any thread exists. Returns false with `error` set on failure.
bool daemonize(std::string& error);

/// Takes an exclusive lock on <data_dir>/djabberd.lock so that two servers never share a
/// data directory. Returns false with `error` set if another process holds it. The lock lives
/// as long as the process.
bool lock_data_dir(const std::filesystem::path& data_dir, std::string& error);

/// Writes the current pid to `path` (removed by remove_pid_file()).
bool write_pid_file(const std::filesystem::path& path, std::string& error);
void remove_pid_file(const std::filesystem::path& path);

/// Blocks SIGTERM, SIGINT, SIGHUP and SIGUSR1 in the calling thread and every thread it starts
/// afterwards, so that only wait_for_signal() sees them.
void block_signals();

/// Waits for one of the blocked signals; returns its number.
int wait_for_signal();

}  // namespace djabberd::daemon
