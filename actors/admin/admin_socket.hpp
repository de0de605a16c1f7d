// The admin socket's file: a Unix stream socket at <data_dir>/admin.sock that only its owner may
// use.
#pragma once

#include <filesystem>
#include <string>

namespace djabberd::admin {

/// The admin socket of a data directory.
std::filesystem::path socket_path(const std::filesystem::path& data_dir);

/// Creates, binds (mode 0600) and listens on the socket at `path`; returns the fd or -1 with
/// `error` set. The caller must hold the data-dir lock: a file left at `path` then belongs to no
/// running server and is removed first.
int open_socket(const std::filesystem::path& path, std::string& error);

}  // namespace djabberd::admin
