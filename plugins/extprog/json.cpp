// The JSON encoder and recursive-descent parser of extprog.
#include "plugins/extprog/json.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace djabberd::plugins::extprog::json {

namespace {

constexpr int max_depth = 64;

void encode_string(std::string_view s, std::string& out) {
  static constexpr char hex[] = "0123456789abcdef";
  out.push_back('"');
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (u < 0x20 || u == 0x7f) {
          out += "\\u00";
          out.push_back(hex[u >> 4]);
          out.push_back(hex[u & 0xf]);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

void encode_number(double d, std::string& out) {
  if (!std::isfinite(d)) {
    out += "null";
    return;
  }
  if (d == std::floor(d) && std::fabs(d) <= 9007199254740992.0) {
    out += std::to_string(static_cast<std::int64_t>(d));
    return;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", d);
  out += buf;
}

void append_utf8(std::uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else {
    out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  }
}

class parser {
 public:
  explicit parser(std::string_view text) : text_(text) {}

  std::optional<value> parse_document(std::string& error) {
    auto v = parse_value(0);
    if (v) {
      skip_ws();
      if (pos_ != text_.size()) fail("unexpected text after the value");
    }
    if (!error_.empty()) {
      error = error_ + " at offset " + std::to_string(pos_);
      return std::nullopt;
    }
    return v;
  }

 private:
  void fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
  }

  void skip_ws() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r'))
      ++pos_;
  }

  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  std::optional<value> parse_value(int depth) {
    if (depth > max_depth) {
      fail("nested too deeply");
      return std::nullopt;
    }
    skip_ws();
    if (pos_ >= text_.size()) {
      fail("unexpected end of text");
      return std::nullopt;
    }
    char c = text_[pos_];
    if (c == '{') return parse_object(depth);
    if (c == '[') return parse_array(depth);
    if (c == '"') {
      auto s = parse_string();
      if (!s) return std::nullopt;
      return value{std::move(*s)};
    }
    if (literal("true")) return value{true};
    if (literal("false")) return value{false};
    if (literal("null")) return value{nullptr};
    if (c == '-' || (c >= '0' && c <= '9')) return parse_number();
    fail("unexpected character");
    return std::nullopt;
  }

  std::optional<value> parse_number() {
    std::size_t start = pos_;
    auto digits = [&] {
      std::size_t from = pos_;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
      return pos_ > from;
    };
    if (text_[pos_] == '-') ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '0') {
      ++pos_;
    } else if (!digits()) {
      fail("invalid number");
      return std::nullopt;
    }
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      if (!digits()) {
        fail("invalid number");
        return std::nullopt;
      }
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (!digits()) {
        fail("invalid number");
        return std::nullopt;
      }
    }
    std::string copy{text_.substr(start, pos_ - start)};
    return value{std::strtod(copy.c_str(), nullptr)};
  }

  std::optional<std::uint32_t> hex4() {
    if (pos_ + 4 > text_.size()) return std::nullopt;
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      char h = text_[pos_++];
      v <<= 4;
      if (h >= '0' && h <= '9')
        v |= static_cast<std::uint32_t>(h - '0');
      else if (h >= 'a' && h <= 'f')
        v |= static_cast<std::uint32_t>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F')
        v |= static_cast<std::uint32_t>(h - 'A' + 10);
      else
        return std::nullopt;
    }
    return v;
  }

  std::optional<std::string> parse_string() {
    ++pos_;  // opening quote
    std::string out;
    while (pos_ < text_.size()) {
      char c = text_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) {
        fail("control character in string");
        return std::nullopt;
      }
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (pos_ >= text_.size()) break;
      char e = text_[pos_++];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out.push_back(e);
          break;
        case 'b':
          out.push_back('\b');
          break;
        case 'f':
          out.push_back('\f');
          break;
        case 'n':
          out.push_back('\n');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'u': {
          auto cp = hex4();
          if (!cp) {
            fail("invalid \\u escape");
            return std::nullopt;
          }
          if (*cp >= 0xdc00 && *cp <= 0xdfff) {
            fail("unpaired UTF-16 surrogate");
            return std::nullopt;
          }
          if (*cp >= 0xd800 && *cp <= 0xdbff) {
            if (!literal("\\u")) {
              fail("unpaired UTF-16 surrogate");
              return std::nullopt;
            }
            auto low = hex4();
            if (!low || *low < 0xdc00 || *low > 0xdfff) {
              fail("unpaired UTF-16 surrogate");
              return std::nullopt;
            }
            *cp = 0x10000 + ((*cp - 0xd800) << 10) + (*low - 0xdc00);
          }
          append_utf8(*cp, out);
          break;
        }
        default:
          fail("invalid escape");
          return std::nullopt;
      }
    }
    fail("unterminated string");
    return std::nullopt;
  }

  std::optional<value> parse_array(int depth) {
    ++pos_;
    array out;
    skip_ws();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      return value{std::move(out)};
    }
    for (;;) {
      auto v = parse_value(depth + 1);
      if (!v) return std::nullopt;
      out.push_back(std::move(*v));
      skip_ws();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == ']') {
        ++pos_;
        return value{std::move(out)};
      }
      fail("expected ',' or ']'");
      return std::nullopt;
    }
  }

  std::optional<value> parse_object(int depth) {
    ++pos_;
    object out;
    skip_ws();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      return value{std::move(out)};
    }
    for (;;) {
      skip_ws();
      if (pos_ >= text_.size() || text_[pos_] != '"') {
        fail("expected a member name");
        return std::nullopt;
      }
      auto key = parse_string();
      if (!key) return std::nullopt;
      skip_ws();
      if (pos_ >= text_.size() || text_[pos_] != ':') {
        fail("expected ':'");
        return std::nullopt;
      }
      ++pos_;
      auto v = parse_value(depth + 1);
      if (!v) return std::nullopt;
      out.emplace_back(std::move(*key), std::move(*v));
      skip_ws();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == '}') {
        ++pos_;
        return value{std::move(out)};
      }
      fail("expected ',' or '}'");
      return std::nullopt;
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::string error_;
};

}  // namespace

std::optional<std::int64_t> value::as_int() const {
  const double* d = as_number();
  if (!d || *d != std::floor(*d) || std::fabs(*d) > 9007199254740992.0) return std::nullopt;
  return static_cast<std::int64_t>(*d);
}

const value* find(const object& obj, std::string_view key) {
  for (const auto& [k, v] : obj)
    if (k == key) return &v;
  return nullptr;
}

void encode(const value& v, std::string& out) {
  std::visit(
      [&out](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::nullptr_t>) {
          out += "null";
        } else if constexpr (std::is_same_v<T, bool>) {
          out += x ? "true" : "false";
        } else if constexpr (std::is_same_v<T, double>) {
          encode_number(x, out);
        } else if constexpr (std::is_same_v<T, std::string>) {
          encode_string(x, out);
        } else if constexpr (std::is_same_v<T, array>) {
          out.push_back('[');
          for (std::size_t i = 0; i < x.size(); ++i) {
            if (i > 0) out.push_back(',');
            encode(x[i], out);
          }
          out.push_back(']');
        } else {
          out.push_back('{');
          for (std::size_t i = 0; i < x.size(); ++i) {
            if (i > 0) out.push_back(',');
            encode_string(x[i].first, out);
            out.push_back(':');
            encode(x[i].second, out);
          }
          out.push_back('}');
        }
      },
      v.data);
}

std::string encode(const value& v) {
  std::string out;
  encode(v, out);
  return out;
}

std::optional<value> parse(std::string_view text, std::string* error) {
  std::string message;
  auto v = parser{text}.parse_document(message);
  if (!v && error) *error = message;
  return v;
}

}  // namespace djabberd::plugins::extprog::json
