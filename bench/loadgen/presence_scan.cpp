// Scans received text for complete <presence/> stanzas and their senders.
#include "bench/loadgen/presence_scan.hpp"

#include "bench/loadgen/xml_scan.hpp"

namespace djabberd::loadgen {

namespace {

/// Bytes kept when no presence is pending: enough for a stream error split across reads.
constexpr std::size_t keep_tail = 512;

}  // namespace

std::size_t scan_presences(std::string_view buf, ScannedPresences& out) {
  out.available_from.clear();
  out.other_types.clear();
  std::size_t pos = 0;
  while (auto p = find_element(buf.substr(pos), "presence")) {
    const std::string_view text = p->text(buf.substr(pos));
    const auto from = attribute_value(text, "from");
    const auto type = attribute_value(text, "type");
    if (from && !type) {
      out.available_from.push_back(*from);
    } else {
      out.other_types.push_back(type.value_or(""));
    }
    pos += p->end;
  }
  const std::string_view rest = buf.substr(pos);
  if (const std::size_t pending = rest.find("<presence"); pending != std::string_view::npos) {
    return pos + pending;
  }
  return pos + (rest.size() > keep_tail ? rest.size() - keep_tail : 0);
}

}  // namespace djabberd::loadgen
