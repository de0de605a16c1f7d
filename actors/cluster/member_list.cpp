// Encoding and merging of gossiped member lists.
#include "actors/cluster/member_list.hpp"

#include <charconv>

namespace djabberd::cluster {

std::string encode_member(const member_address& m) {
  return m.name + "|" + m.host + "|" + std::to_string(m.port);
}

std::optional<member_address> decode_member(std::string_view text) {
  auto first = text.find('|');
  auto last = text.rfind('|');
  if (first == std::string_view::npos || first == last || first == 0) return std::nullopt;
  member_address m;
  m.name = std::string(text.substr(0, first));
  m.host = std::string(text.substr(first + 1, last - first - 1));
  auto port_text = text.substr(last + 1);
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (m.host.empty() || ec != std::errc{} || end != port_text.data() + port_text.size() ||
      port == 0 || port > 65535)
    return std::nullopt;
  m.port = static_cast<std::uint16_t>(port);
  return m;
}

std::vector<member_address> members_to_contact(const std::vector<std::string>& gossip,
                                               const std::string& self,
                                               const std::set<std::string>& known) {
  std::vector<member_address> out;
  std::set<std::string> seen;
  for (const auto& text : gossip) {
    auto m = decode_member(text);
    if (!m || m->name == self || known.count(m->name) || !seen.insert(m->name).second) continue;
    out.push_back(std::move(*m));
  }
  return out;
}

}  // namespace djabberd::cluster
