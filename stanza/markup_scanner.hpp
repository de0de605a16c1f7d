// Finds the bytes of an XML stream that may complete a markup token (a '>' outside quoted values).
#pragma once

#include <cstdint>
#include <string_view>

namespace djabberd::xml {

/// A lexer far simpler than expat that follows XML markup across chunks just well enough to tell
/// whether a chunk contains a '>' that may end a tag, comment, processing instruction, CDATA
/// section or declaration. It is exact for well-formed content (so it never misses the end of an
/// element); after malformed or refused input it may be confused, but expat then fails first. The
/// stream parser uses it to withhold chunks that cannot complete anything from expat, which would
/// otherwise rescan a long partial token on every small chunk (quadratic time).
class markup_scanner {
 public:
  /// Scans the next chunk; true if it contains a byte that may complete a markup token.
  bool scan(std::string_view chunk);
  /// Forgets all state (new stream).
  void reset() { *this = markup_scanner{}; }

 private:
  enum class state : std::uint8_t {
    text,        // character data
    lt,          // after '<'
    bang,        // after "<!"
    bang_dash,   // after "<!-"
    cdata_open,  // inside "<![CDATA["; `matched` counts the characters of "[CDATA[" seen
    cdata,       // CDATA section content; `run` counts trailing ']'
    comment,     // comment content; `run` counts trailing '-'
    pi,          // processing instruction or XML declaration; `run` is 1 after '?'
    tag,         // start or end tag, or a declaration such as DOCTYPE
    tag_squote,  // single-quoted value inside a tag
    tag_dquote,  // double-quoted value inside a tag
  };
  state state_ = state::text;
  std::uint8_t matched_ = 0;
  std::uint8_t run_ = 0;
};

}  // namespace djabberd::xml
