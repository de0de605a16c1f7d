// Starting a helper program with pipes on its stdin and stdout (auth_extauth, extprog).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace djabberd::plugins::child_program {

/// A started program: its PID and our ends of its stdin and stdout pipes (both close-on-exec
/// and non-blocking).
struct piped_child {
  pid_t pid = -1;
  int to_child = -1;
  int from_child = -1;
};

/// Starts `program` with `args` (argv[0] is the program path) using posix_spawn: stdin and
/// stdout are pipes to us, stderr is inherited (the program's messages reach the server's log),
/// every other descriptor is closed in the child, signal dispositions are the defaults and the
/// signal mask is empty. Returns nullopt and sets `error` on failure.
std::optional<piped_child> spawn_with_pipes(const std::filesystem::path& program,
                                            const std::vector<std::string>& args,
                                            std::string& error);

/// Closes `fd` unless it is already -1, and sets it to -1.
void close_fd(int& fd);

}  // namespace djabberd::plugins::child_program
