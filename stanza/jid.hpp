// XMPP addresses (RFC 7622): parsing, preparation, comparison and hashing.
#pragma once

#include <compare>
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "stanza/prep.hpp"

namespace djabberd {

/// A prepared JID: local@domain/resource, each part already in canonical (prepared) form, so
/// equality and ordering compare addresses the way XMPP does.
class jid {
 public:
  /// Maximum length in bytes of each part after preparation.
  static constexpr std::size_t max_part_bytes = 1023;

  /// The empty JID (no domain).
  jid() = default;

  /// Parses and prepares "local@domain/resource": the resource is everything after the first
  /// '/', the local part is what precedes the first '@' before that. Local parts go through
  /// nodeprep, domains through nameprep (lower-cased, one trailing dot removed, labels of letters,
  /// digits, '-' and '_' or non-ASCII; IPv4 and [IPv6] literals accepted, IPv6 canonicalised),
  /// resources through resourceprep. Each part must be 1..1023 bytes after preparation; an empty
  /// local part or resource whose separator is present is invalid. Returns nullopt if invalid.
  static std::optional<jid> parse(std::string_view s);

  /// Prepares and combines parts; an empty local part or resource means none.
  static std::optional<jid> make(std::string_view local, std::string_view domain,
                                 std::string_view resource = {});

  /// The prepared local part (empty if none).
  const std::string& local() const { return local_; }
  /// The prepared domain (empty only for the empty JID).
  const std::string& domain() const { return domain_; }
  /// The prepared resource (empty if none).
  const std::string& resource() const { return resource_; }

  /// True for the default-constructed JID.
  bool empty() const { return domain_.empty(); }
  /// True if there is no resource.
  bool is_bare() const { return resource_.empty(); }
  /// This JID without its resource.
  jid bare() const;
  /// The full textual form local@domain/resource.
  std::string str() const;
  /// The textual form without resource, local@domain.
  std::string bare_str() const;
  /// This JID with another resource (prepared); an empty resource yields the bare JID. Returns
  /// nullopt if the resource is invalid.
  std::optional<jid> with_resource(std::string_view resource) const;

  friend bool operator==(const jid&, const jid&) = default;
  friend auto operator<=>(const jid&, const jid&) = default;

 private:
  std::string local_;
  std::string domain_;
  std::string resource_;
};

/// Writes str() (for logs and test output).
std::ostream& operator<<(std::ostream& os, const jid& j);

}  // namespace djabberd

/// Hashes all three parts.
template <>
struct std::hash<djabberd::jid> {
  std::size_t operator()(const djabberd::jid& j) const noexcept;
};
