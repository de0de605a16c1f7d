// The SCRAM key cache file: "djabberd-loadgen-scram-cache 1 <sha256(password)>", then lines of
// hex(salt + iterations) hex(client key) hex(stored key) hex(server key).
#include "bench/loadgen/scram_cache_file.hpp"

#include <openssl/sha.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

namespace djabberd::loadgen {

namespace {

constexpr const char* magic = "djabberd-loadgen-scram-cache";

std::string to_hex(const unsigned char* data, std::size_t n) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * n);
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[data[i] >> 4];
    out += digits[data[i] & 15];
  }
  return out;
}

int nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

bool from_hex(const std::string& hex, std::string& out) {
  if (hex.size() % 2 != 0) return false;
  out.clear();
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = nibble(hex[i]);
    const int lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out += static_cast<char>(hi * 16 + lo);
  }
  return true;
}

bool digest_from_hex(const std::string& hex, Digest& out) {
  std::string bytes;
  if (!from_hex(hex, bytes) || bytes.size() != out.size()) return false;
  std::memcpy(out.data(), bytes.data(), out.size());
  return true;
}

std::string password_tag(const std::string& password) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(password.data()), password.size(), md);
  return to_hex(md, sizeof(md));
}

}  // namespace

std::size_t load_scram_cache(const std::string& path, ScramKeyCache& keys) {
  std::ifstream file{path};
  std::string header;
  if (!file || !std::getline(file, header)) return 0;
  if (header != std::string{magic} + " 1 " + password_tag(keys.password())) return 0;
  std::size_t loaded = 0;
  for (std::string line; std::getline(file, line);) {
    std::istringstream fields{line};
    std::string id_hex, client, stored, server, id;
    ScramKeys k{};
    if (!(fields >> id_hex >> client >> stored >> server) || !from_hex(id_hex, id) ||
        !digest_from_hex(client, k.client_key) || !digest_from_hex(stored, k.stored_key) ||
        !digest_from_hex(server, k.server_key)) {
      continue;
    }
    keys.insert(std::move(id), k);
    ++loaded;
  }
  return loaded;
}

bool save_scram_cache(const std::string& path, const ScramKeyCache& keys) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream file{tmp, std::ios::trunc};
    file << magic << " 1 " << password_tag(keys.password()) << '\n';
    for (const auto& [id, k] : keys.entries()) {
      file << to_hex(reinterpret_cast<const unsigned char*>(id.data()), id.size()) << ' '
           << to_hex(k.client_key.data(), k.client_key.size()) << ' '
           << to_hex(k.stored_key.data(), k.stored_key.size()) << ' '
           << to_hex(k.server_key.data(), k.server_key.size()) << '\n';
    }
    file.close();
    if (!file) {
      std::fprintf(stderr, "djabberd-loadgen: cannot write %s: %s\n", tmp.c_str(),
                   std::strerror(errno));
      return false;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::fprintf(stderr, "djabberd-loadgen: cannot rename %s: %s\n", tmp.c_str(),
                 std::strerror(errno));
    return false;
  }
  return true;
}

}  // namespace djabberd::loadgen
