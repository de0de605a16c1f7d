// Saves the SCRAM key cache to a file and loads it back, so that later runs skip the PBKDF2s.
#pragma once

#include <cstddef>
#include <string>

#include "bench/loadgen/scram_keys.hpp"

namespace djabberd::loadgen {

/// Loads the entries saved for the same password; returns how many (0 if the file is missing,
/// unreadable or was made for another password).
std::size_t load_scram_cache(const std::string& path, ScramKeyCache& keys);

/// Writes every entry (text: a header naming the password's SHA-256, then one line per key).
/// False with a message on stderr if it cannot.
bool save_scram_cache(const std::string& path, const ScramKeyCache& keys);

}  // namespace djabberd::loadgen
