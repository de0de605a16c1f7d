// Stringprep for JID parts: an exact ASCII fast path, libidn's stringprep() for everything else.
#include "stanza/prep.hpp"

#include <stringprep.h>

#include <algorithm>

#include "stanza/utf8.hpp"

namespace djabberd {
namespace {

enum class profile { node, name, resource };

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// For pure ASCII input every profile reduces to optional lower-casing plus a prohibited set:
// mapping tables B.1 and NFKC leave ASCII alone and ASCII has no right-to-left characters.
std::optional<std::string> prepare_ascii(std::string_view s, profile p) {
  std::string out(s);
  for (char& c : out) {
    auto u = static_cast<unsigned char>(c);
    bool control = u < 0x20 || u == 0x7F;  // RFC 3454 table C.2.1
    switch (p) {
      case profile::node:
        if (control || u == ' ' || u == '"' || u == '&' || u == '\'' || u == '/' || u == ':' ||
            u == '<' || u == '>' || u == '@') {
          return std::nullopt;
        }
        break;
      case profile::resource:
        if (control) return std::nullopt;
        continue;  // no case mapping
      case profile::name:
        break;  // nameprep prohibits no ASCII code point
    }
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::optional<std::string> prepare_idn(std::string_view s, profile p) {
  if (!xml::is_valid_utf8(s) || s.find('\0') != std::string_view::npos) return std::nullopt;
  const Stringprep_profile* table = p == profile::node   ? stringprep_xmpp_nodeprep
                                    : p == profile::name ? stringprep_nameprep
                                                         : stringprep_xmpp_resourceprep;
  std::string buf;
  // NFKC and case folding expand at most 18-fold (U+FDFA); stop growing well beyond that.
  for (std::size_t size = s.size() * 2 + 16; size <= s.size() * 64 + 64; size *= 2) {
    buf.assign(s);
    buf.resize(size, '\0');
    int rc = stringprep(buf.data(), buf.size(), Stringprep_profile_flags(0), table);
    if (rc == STRINGPREP_TOO_SMALL_BUFFER) continue;
    if (rc != STRINGPREP_OK) return std::nullopt;
    buf.resize(buf.find('\0'));
    return buf;
  }
  return std::nullopt;
}

std::optional<std::string> prepare(std::string_view s, profile p) {
  return is_ascii(s) ? prepare_ascii(s, p) : prepare_idn(s, p);
}

}  // namespace

std::optional<std::string> nodeprep(std::string_view s) {
  return prepare(s, profile::node);
}

std::optional<std::string> nameprep(std::string_view s) {
  return prepare(s, profile::name);
}

std::optional<std::string> resourceprep(std::string_view s) {
  return prepare(s, profile::resource);
}

}  // namespace djabberd
