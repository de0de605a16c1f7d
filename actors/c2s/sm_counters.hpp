// XEP-0198 counters of one session, without any actor: what the server sent and the client has
// not acknowledged yet, and which of the client's stanzas the server has handled.
#pragma once

#include <cstdint>
#include <deque>

#include "stanza/element.hpp"

namespace djabberd::c2s {

/// Stanzas written to the client since <enable/>. `sent()` is the server's count (h wraps modulo
/// 2^32, XEP-0198 §5); a stanza stays queued until an <a h=/> covers it, so a resumed or ended
/// session knows exactly what the client may not have seen.
class sm_outbound {
 public:
  enum class ack_result { ok, too_high };

  /// `start`: the count to continue from (0 after <enable/>; tests start near 2^32).
  explicit sm_outbound(std::uint32_t start = 0) : sent_(start) {}

  /// Counts and keeps a stanza written (or, while the connection is gone, meant) for the client.
  void sent(xml::element_ptr stanza);
  /// The client says it handled `h` stanzas in total: drops what that covers. An h that is more
  /// than was sent (modulo 2^32) changes nothing and answers too_high.
  ack_result ack(std::uint32_t h);

  std::uint32_t sent_count() const { return sent_; }
  std::uint32_t acked_count() const { return sent_ - static_cast<std::uint32_t>(unacked_.size()); }
  const std::deque<xml::element_ptr>& unacked() const { return unacked_; }
  /// Empties the queue (the session ends; the caller disposes of the stanzas).
  std::deque<xml::element_ptr> take_unacked();

 private:
  std::uint32_t sent_ = 0;
  std::deque<xml::element_ptr> unacked_;
};

/// The client's stanzas since <enable/>. Each gets a ticket when it arrives and is completed when
/// the server has taken responsibility for it (a routed message: delivered or stored; anything
/// else: processed). `handled()` counts the contiguous prefix of completed tickets, so an <a h=/>
/// never covers a stanza that an earlier crash could still lose (issue 9).
class sm_inbound {
 public:
  /// `start`: the count to continue from (0 after <enable/>; tests start near 2^32).
  explicit sm_inbound(std::uint32_t start = 0) : handled_(start) {}

  std::uint32_t begin();
  /// Unknown or repeated tickets are ignored.
  void complete(std::uint32_t ticket);
  std::uint32_t handled() const { return handled_; }
  /// Tickets begun but not in the handled prefix yet.
  std::size_t pending() const { return done_.size(); }

 private:
  std::uint32_t handled_ = 0;  ///< ticket of done_.front()
  std::deque<bool> done_;      ///< completion of tickets handled_, handled_+1, ...
};

}  // namespace djabberd::c2s
