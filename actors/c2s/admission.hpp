// Caps on connections that have not authenticated yet, per client address and in total.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>

namespace djabberd::c2s {

/// Counts unauthenticated connections. The listener admits a connection (counted from accept)
/// and releases it when the client authenticates or the connection ends, whichever is first.
/// Owned by the listener broker; not thread-safe.
class admission {
 public:
  admission(std::size_t per_address, std::size_t total)
      : per_address_(per_address), total_(total) {}

  enum class verdict { admitted, address_full, server_full };

  /// Counts the connection if both caps allow it.
  verdict admit(const std::string& address);
  /// Uncounts one admitted connection of `address`.
  void release(const std::string& address);

  std::size_t count(const std::string& address) const;
  std::size_t total() const { return count_; }

 private:
  std::size_t per_address_;
  std::size_t total_;
  std::size_t count_ = 0;
  std::unordered_map<std::string, std::size_t> by_address_;
};

}  // namespace djabberd::c2s
