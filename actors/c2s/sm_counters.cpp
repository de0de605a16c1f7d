// XEP-0198 counters (see the header); all arithmetic is modulo 2^32 as the XEP requires.
#include "actors/c2s/sm_counters.hpp"

namespace djabberd::c2s {

void sm_outbound::sent(xml::element_ptr stanza) {
  ++sent_;
  unacked_.push_back(std::move(stanza));
}

sm_outbound::ack_result sm_outbound::ack(std::uint32_t h) {
  // How many stanzas this ack newly covers; unsigned subtraction wraps like the counter does.
  std::uint32_t newly = h - acked_count();
  if (newly > unacked_.size()) return ack_result::too_high;
  unacked_.erase(unacked_.begin(), unacked_.begin() + newly);
  return ack_result::ok;
}

std::deque<xml::element_ptr> sm_outbound::take_unacked() {
  std::deque<xml::element_ptr> out;
  out.swap(unacked_);
  return out;
}

std::uint32_t sm_inbound::begin() {
  done_.push_back(false);
  return handled_ + static_cast<std::uint32_t>(done_.size() - 1);
}

void sm_inbound::complete(std::uint32_t ticket) {
  std::uint32_t index = ticket - handled_;
  if (index >= done_.size()) return;
  done_[index] = true;
  while (!done_.empty() && done_.front()) {
    done_.pop_front();
    ++handled_;
  }
}

}  // namespace djabberd::c2s
