// Parsing and preparation of JIDs (RFC 7622 splitting, stringprep preparation, domain checks).
#include "stanza/jid.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <ostream>

namespace djabberd {
namespace {

// Raw parts longer than this cannot shrink to a valid length under any sane preparation; refuse
// them before doing any Unicode work.
constexpr std::size_t max_raw_part_bytes = 4 * jid::max_part_bytes;

bool valid_length(const std::string& s) {
  return !s.empty() && s.size() <= jid::max_part_bytes;
}

std::optional<std::string> prepare_ipv6_literal(std::string_view d) {
  if (d.size() < 3 || d.back() != ']') return std::nullopt;
  std::string inner(d.substr(1, d.size() - 2));
  in6_addr addr{};
  if (inet_pton(AF_INET6, inner.c_str(), &addr) != 1) return std::nullopt;
  char text[INET6_ADDRSTRLEN];
  if (!inet_ntop(AF_INET6, &addr, text, sizeof text)) return std::nullopt;
  return "[" + std::string(text) + "]";
}

// Host labels: letters, digits, '-' and '_' in ASCII (which also admits IPv4 literals), anything
// nameprep accepted beyond ASCII. No empty labels.
bool valid_host(std::string_view d) {
  std::size_t label = 0;
  for (char c : d) {
    auto u = static_cast<unsigned char>(c);
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
      continue;
    }
    bool ok = u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
    ++label;
  }
  return label > 0;
}

std::optional<std::string> prepare_domain(std::string_view d) {
  if (d.empty() || d.size() > max_raw_part_bytes) return std::nullopt;
  if (d.front() == '[') return prepare_ipv6_literal(d);
  auto prepared = nameprep(d);
  if (!prepared) return std::nullopt;
  std::string& s = *prepared;
  // U+3002 IDEOGRAPHIC FULL STOP separates labels too (RFC 7622 section 3.2); nameprep has already
  // folded the fullwidth and halfwidth full stops into '.' and U+3002.
  for (auto pos = s.find("\xE3\x80\x82"); pos != std::string::npos; pos = s.find("\xE3\x80\x82")) {
    s.replace(pos, 3, ".");
  }
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (!valid_length(s) || !valid_host(s)) return std::nullopt;
  return prepared;
}

std::optional<std::string> prepare_part(std::string_view raw,
                                        std::optional<std::string> (*prep)(std::string_view)) {
  if (raw.size() > max_raw_part_bytes) return std::nullopt;
  auto prepared = prep(raw);
  if (!prepared || !valid_length(*prepared)) return std::nullopt;
  return prepared;
}

}  // namespace

std::optional<jid> jid::parse(std::string_view s) {
  std::string_view head = s;
  std::string_view resource;
  if (auto slash = s.find('/'); slash != std::string_view::npos) {
    head = s.substr(0, slash);
    resource = s.substr(slash + 1);
    if (resource.empty()) return std::nullopt;
  }
  std::string_view local;
  std::string_view domain = head;
  if (auto at = head.find('@'); at != std::string_view::npos) {
    local = head.substr(0, at);
    domain = head.substr(at + 1);
    if (local.empty()) return std::nullopt;
  }
  return make(local, domain, resource);
}

std::optional<jid> jid::make(std::string_view local, std::string_view domain,
                             std::string_view resource) {
  jid j;
  auto d = prepare_domain(domain);
  if (!d) return std::nullopt;
  j.domain_ = std::move(*d);
  if (!local.empty()) {
    auto l = prepare_part(local, &nodeprep);
    if (!l) return std::nullopt;
    j.local_ = std::move(*l);
  }
  if (!resource.empty()) {
    auto r = prepare_part(resource, &resourceprep);
    if (!r) return std::nullopt;
    j.resource_ = std::move(*r);
  }
  return j;
}

jid jid::bare() const {
  jid j;
  j.local_ = local_;
  j.domain_ = domain_;
  return j;
}

std::string jid::bare_str() const {
  if (local_.empty()) return domain_;
  std::string out;
  out.reserve(local_.size() + 1 + domain_.size());
  out += local_;
  out += '@';
  out += domain_;
  return out;
}

std::string jid::str() const {
  std::string out = bare_str();
  if (!resource_.empty()) {
    out += '/';
    out += resource_;
  }
  return out;
}

std::optional<jid> jid::with_resource(std::string_view resource) const {
  jid j = bare();
  if (resource.empty()) return j;
  auto r = prepare_part(resource, &resourceprep);
  if (!r) return std::nullopt;
  j.resource_ = std::move(*r);
  return j;
}

std::ostream& operator<<(std::ostream& os, const jid& j) {
  return os << j.str();
}

}  // namespace djabberd

std::size_t std::hash<djabberd::jid>::operator()(const djabberd::jid& j) const noexcept {
  std::hash<std::string_view> h;
  std::size_t seed = h(j.local());
  seed ^= h(j.domain()) + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
  seed ^= h(j.resource()) + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
  return seed;
}
