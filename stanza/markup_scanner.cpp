// The small state machine behind markup_scanner.
#include "stanza/markup_scanner.hpp"

#include <cstring>

namespace djabberd::xml {
namespace {

constexpr std::string_view cdata_open = "[CDATA[";

// Index of the first occurrence of `c` at or after `i`, or the chunk size.
std::size_t find(std::string_view s, std::size_t i, char c) {
  const void* p = std::memchr(s.data() + i, c, s.size() - i);
  return p ? static_cast<std::size_t>(static_cast<const char*>(p) - s.data()) : s.size();
}

}  // namespace

bool markup_scanner::scan(std::string_view s) {
  bool completes = false;
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    switch (state_) {
      case state::text:
        i = find(s, i, '<');
        if (i < s.size()) {
          state_ = state::lt;
          ++i;
        }
        continue;
      case state::lt:
        if (c == '!') {
          state_ = state::bang;
        } else if (c == '?') {
          state_ = state::pi;
          run_ = 0;
        } else {
          state_ = state::tag;
          continue;  // look at c again as part of the tag (it may be '>' or a quote)
        }
        break;
      case state::bang:
        if (c == '-') {
          state_ = state::bang_dash;
        } else if (c == '[') {
          state_ = state::cdata_open;
          matched_ = 1;
        } else {
          state_ = state::tag;  // DOCTYPE and other declarations: quotes and '>' as in tags
          continue;
        }
        break;
      case state::bang_dash:
        if (c == '-') {
          state_ = state::comment;
          run_ = 0;
          break;
        }
        state_ = state::tag;
        continue;
      case state::cdata_open:
        if (c != cdata_open[matched_]) {
          state_ = state::tag;
          continue;
        }
        if (++matched_ == cdata_open.size()) {
          state_ = state::cdata;
          run_ = 0;
        }
        break;
      case state::cdata:
        if (c == '>' && run_ >= 2) {
          completes = true;
          state_ = state::text;
        }
        run_ = c == ']' ? static_cast<std::uint8_t>(run_ < 2 ? run_ + 1 : 2) : 0;
        break;
      case state::comment:
        if (c == '>' && run_ >= 2) {
          completes = true;
          state_ = state::text;
        }
        run_ = c == '-' ? static_cast<std::uint8_t>(run_ < 2 ? run_ + 1 : 2) : 0;
        break;
      case state::pi:
        if (c == '>' && run_ == 1) {
          completes = true;
          state_ = state::text;
        }
        run_ = c == '?' ? 1 : 0;
        break;
      case state::tag:
        if (c == '>') {
          completes = true;
          state_ = state::text;
        } else if (c == '\'') {
          state_ = state::tag_squote;
        } else if (c == '"') {
          state_ = state::tag_dquote;
        }
        break;
      case state::tag_squote:
        i = find(s, i, '\'');
        if (i < s.size()) state_ = state::tag;
        break;
      case state::tag_dquote:
        i = find(s, i, '"');
        if (i < s.size()) state_ = state::tag;
        break;
    }
    ++i;
  }
  return completes;
}

}  // namespace djabberd::xml
