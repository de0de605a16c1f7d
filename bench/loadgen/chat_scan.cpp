// Scans received text for complete <message/> stanzas and reads the timestamps in their bodies.
#include "bench/loadgen/chat_scan.hpp"

#include "bench/loadgen/xml_scan.hpp"

namespace djabberd::loadgen {

namespace {

/// Bytes kept when no message is pending: enough for a stream error split across reads.
constexpr std::size_t keep_tail = 512;

}  // namespace

std::optional<std::uint64_t> body_stamp(std::string_view message) {
  auto body = find_element(message, "body");
  if (!body) return std::nullopt;
  const std::string_view digits = body->content(message);
  if (digits.empty() || digits.size() > 19) return std::nullopt;
  std::uint64_t value = 0;
  for (char ch : digits) {
    if (ch < '0' || ch > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(ch - '0');
  }
  return value;
}

std::size_t scan_messages(std::string_view buf, std::vector<ReceivedMessage>& out) {
  out.clear();
  std::size_t pos = 0;
  while (auto m = find_element(buf.substr(pos), "message")) {
    const std::string_view text = m->text(buf.substr(pos));
    ReceivedMessage r;
    if (has_attribute(text, "type", "error")) {
      r.error = true;
      r.condition = stanza_error_condition(text);
    } else {
      r.stamp_ns = body_stamp(text);
    }
    out.push_back(r);
    pos += m->end;
  }
  const std::string_view rest = buf.substr(pos);
  if (const std::size_t pending = rest.find("<message"); pending != std::string_view::npos) {
    return pos + pending;
  }
  return pos + (rest.size() > keep_tail ? rest.size() - keep_tail : 0);
}

}  // namespace djabberd::loadgen
