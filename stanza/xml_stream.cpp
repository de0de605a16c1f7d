// stream_parser: drives a namespace-aware expat parser, enforces RFC 6120 restricted XML and the
// resource limits, and assembles top-level stanzas into immutable element trees.
#include "stanza/xml_stream.hpp"

#include <expat.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <exception>
#include <new>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "stanza/markup_scanner.hpp"
#include "stanza/serializer.hpp"
#include "stanza/utf8.hpp"

namespace djabberd::xml {
namespace {

// Separates namespace and local name in expat's expanded names. U+0001 cannot occur in XML.
constexpr char ns_separator = '\x01';

// Expat reports names as triplets ("ns SEP local SEP prefix", the prefix only if there is one,
// "local" alone without a namespace) so that the root's qualified name can be rebuilt.
struct expanded_name {
  std::string_view ns;
  std::string_view local;
  std::string_view prefix;
};

expanded_name split(const XML_Char* name) {
  std::string_view s(name);
  auto pos = s.find(ns_separator);
  if (pos == std::string_view::npos) return {{}, s, {}};
  std::string_view ns = s.substr(0, pos);
  std::string_view rest = s.substr(pos + 1);
  auto pos2 = rest.find(ns_separator);
  if (pos2 == std::string_view::npos) return {ns, rest, {}};
  return {ns, rest.substr(0, pos2), rest.substr(pos2 + 1)};
}

bool is_xml_space(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

bool iequals_ascii(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
    return lower(x) == lower(y);
  });
}

constexpr std::uint64_t no_offset = UINT64_MAX;

// Expat rescans a partial token from its start on every XML_Parse call. Once the partial token is
// this long, chunks that cannot complete it are withheld until the token has doubled in size.
constexpr std::uint64_t withhold_threshold = 512;

}  // namespace

struct stream_parser::impl {
  enum class state { prolog, open, stopped, closed, failed };

  handler& h;
  stream_limits limits;
  XML_Parser parser = nullptr;

  // Per-stream state, cleared by reset().
  state st = state::prolog;
  bool halted = false;       // XML_StopParser was called during the current XML_Parse
  std::size_t depth = 0;     // open elements, including the stream root
  std::size_t ns_decls = 0;  // namespace declarations seen for the next start tag
  std::string root_default_ns;
  std::string root_qname;  // the root's name as written, e.g. "stream:stream"
  // Namespace declarations on the root (prefix, empty for the default namespace; uri), in order,
  // redeclared by the synthetic tag that primes a recreated parser.
  std::vector<std::pair<std::string, std::string>> root_ns_decls;
  // A recreated parser counts from the start of its synthetic tag: absolute offset = expat's
  // byte index + shift. Line and column numbers of expat errors are adjusted the same way.
  std::int64_t shift = 0;
  std::uint64_t line_base = 0;    // absolute line of the recreated parser's first line, minus 1
  std::uint64_t column_base = 0;  // column on that line where the real bytes start
  std::uint64_t synthetic_columns = 0;
  bool priming = false;             // parsing the synthetic tag: events are suppressed
  bool in_parse = false;            // inside XML_Parse (handler callbacks run)
  std::shared_ptr<element> stanza;  // the top-level element being built
  std::vector<element*> open;       // its open elements, innermost last
  // Byte accounting in absolute stream offsets (expat counts the same way).
  std::uint64_t accepted = 0;        // bytes taken from the caller: given to expat or withheld
  std::uint64_t fed = 0;             // bytes given to expat
  std::uint64_t last_event_end = 0;  // end of the latest expat callback's event
  std::uint64_t mark = 0;            // bytes from here on count against max_stanza_bytes
  std::uint64_t stop_at = 0;
  std::string withheld;  // accepted bytes not yet given to expat (no markup can end in them)
  markup_scanner scanner;
  utf8_validator utf8;
  std::uint64_t first_bad_utf8 = no_offset;
  std::optional<stream_error> error;  // raised inside a callback, reported after XML_Parse
  std::string error_text;
  std::exception_ptr exception;

  impl(handler& handler, stream_limits l) : h(handler), limits(l) { create(); }
  ~impl() { XML_ParserFree(parser); }

  void create() {
    parser = XML_ParserCreateNS("UTF-8", ns_separator);
    if (!parser) throw std::bad_alloc();
    XML_SetReturnNSTriplet(parser, XML_TRUE);
    XML_SetUserData(parser, this);
    XML_SetElementHandler(parser, &impl::on_start, &impl::on_end);
    XML_SetCharacterDataHandler(parser, &impl::on_chars);
    XML_SetStartNamespaceDeclHandler(parser, &impl::on_ns_decl);
    XML_SetXmlDeclHandler(parser, &impl::on_xml_decl);
    XML_SetStartDoctypeDeclHandler(parser, &impl::on_doctype);
    XML_SetEntityDeclHandler(parser, &impl::on_entity_decl);
    XML_SetCommentHandler(parser, &impl::on_comment);
    XML_SetProcessingInstructionHandler(parser, &impl::on_pi);
    XML_SetParamEntityParsing(parser, XML_PARAM_ENTITY_PARSING_NEVER);
#ifdef DJABBERD_HAVE_XML_REPARSE_DEFERRAL
    // Deferral would delay events past the bytes that completed them, breaking exact offsets.
    XML_SetReparseDeferralEnabled(parser, XML_FALSE);
#endif
  }

  void reset() {
    XML_ParserFree(parser);
    parser = nullptr;
    st = state::prolog;
    halted = false;
    depth = 0;
    ns_decls = 0;
    root_default_ns.clear();
    root_qname.clear();
    root_ns_decls.clear();
    shift = 0;
    line_base = column_base = synthetic_columns = 0;
    priming = in_parse = false;
    stanza.reset();
    open.clear();
    accepted = fed = last_event_end = mark = stop_at = 0;
    withheld.clear();
    scanner.reset();
    utf8.reset();
    first_bad_utf8 = no_offset;
    error.reset();
    error_text.clear();
    exception = nullptr;
    create();
  }

  // Raises a stream error from inside a callback; it is reported once XML_Parse returns.
  void fail(stream_error condition, std::string text) {
    if (!error) {
      error = condition;
      error_text = std::move(text);
    }
    halt();
  }

  void halt() {
    if (!halted) XML_StopParser(parser, XML_FALSE);
    halted = true;
  }

  std::uint64_t event_end() const {
    return static_cast<std::uint64_t>(static_cast<std::int64_t>(XML_GetCurrentByteIndex(parser)) +
                                      shift) +
           static_cast<std::uint64_t>(XML_GetCurrentByteCount(parser));
  }

  bool can_release() const {
    return parser && st == state::open && depth == 1 && !in_parse && !halted && !stanza &&
           withheld.empty() && accepted == fed && fed == last_event_end &&
           first_bad_utf8 == no_offset && !error && !exception;
  }

  // Frees expat at a clean top-level boundary; recreate() brings it back on the next feed.
  bool release_idle() {
    if (!parser) return st == state::open;
    if (!can_release()) return false;
    // Expat's position now is the end of all bytes fed: remember it for error messages.
    std::uint64_t line = XML_GetCurrentLineNumber(parser);
    std::uint64_t column = XML_GetCurrentColumnNumber(parser);
    if (line == 1) column += column_base - synthetic_columns;
    line += line_base;
    XML_ParserFree(parser);
    parser = nullptr;
    line_base = line - 1;
    column_base = column;
    return true;
  }

  // Creates a fresh expat parser and feeds it, with events suppressed, a start tag that puts it
  // exactly where the released one was: inside the root with the root's namespaces in scope.
  void recreate() {
    std::string tag = "<" + root_qname;
    for (const auto& [prefix, uri] : root_ns_decls) {
      tag += prefix.empty() ? " xmlns='" : " xmlns:" + prefix + "='";
      escape_attr(uri, tag);  // the serializer's escaping, single-quoted values
      tag += "'";
    }
    tag += ">";
    create();
    priming = true;
    XML_Status status = XML_Parse(parser, tag.data(), static_cast<int>(tag.size()), XML_FALSE);
    priming = false;
    if (status != XML_STATUS_OK) throw std::logic_error("stream_parser: synthetic root rejected");
    synthetic_columns = XML_GetCurrentColumnNumber(parser);
    ns_decls = 0;
    shift = static_cast<std::int64_t>(fed) - static_cast<std::int64_t>(tag.size());
  }

  // Expat's line and column of the current position, as if the parser had never been released.
  std::pair<std::uint64_t, std::uint64_t> position() const {
    std::uint64_t line = XML_GetCurrentLineNumber(parser);
    std::uint64_t column = XML_GetCurrentColumnNumber(parser);
    if (line == 1) column = column + column_base - synthetic_columns;
    return {line + line_base, column};
  }

  void start(const XML_Char* name, const XML_Char** atts) {
    std::size_t count = ns_decls;
    ns_decls = 0;
    for (const XML_Char** a = atts; *a; a += 2) ++count;
    if (count > limits.max_attributes) {
      return fail(stream_error::policy_violation, "too many attributes");
    }
    auto [ns, local, prefix] = split(name);
    if (depth == 0) {
      root_qname =
          prefix.empty() ? std::string(local) : std::string(prefix) + ":" + std::string(local);
      return open_stream(ns, local, atts);
    }
    if (depth > limits.max_depth) return fail(stream_error::policy_violation, "nesting too deep");

    element* e;
    if (depth == 1) {
      stanza = make_element(std::string(local), std::string(ns));
      e = stanza.get();
    } else {
      e = &open.back()->add_child(std::string(local), std::string(ns));
    }
    for (const XML_Char** a = atts; *a; a += 2) {
      auto [ans, alocal, aprefix] = split(a[0]);
      e->set_attr(std::string(alocal), a[1], std::string(ans));
    }
    open.push_back(e);
    ++depth;
  }

  void open_stream(std::string_view ns, std::string_view local, const XML_Char** atts) {
    if (ns != streams_ns) return fail(stream_error::invalid_namespace, "root not in streams ns");
    if (local != "stream") return fail(stream_error::bad_format, "root is not <stream>");
    stream_header header;
    header.stream_ns = ns;
    header.content_ns = root_default_ns;
    for (const XML_Char** a = atts; *a; a += 2) {
      auto [ans, alocal, aprefix] = split(a[0]);
      attribute attr{std::string(alocal), std::string(ans), a[1]};
      if (ans.empty()) {
        if (alocal == "to") header.to = attr.value;
        if (alocal == "from") header.from = attr.value;
        if (alocal == "id") header.id = attr.value;
        if (alocal == "version") header.version = attr.value;
      } else if (ans == xml_ns && alocal == "lang") {
        header.lang = attr.value;
      }
      header.attributes.push_back(std::move(attr));
    }
    depth = 1;
    st = state::open;
    mark = event_end();
    h.on_stream_open(header);
  }

  void end() {
    if (depth == 1) {
      depth = 0;
      st = state::closed;
      halt();
      h.on_stream_close();
      return;
    }
    --depth;
    open.pop_back();
    if (depth > 1) return;
    mark = event_end();
    element_ptr done = std::move(stanza);
    stanza.reset();
    if (!h.on_stanza(std::move(done))) {
      st = state::stopped;
      stop_at = mark;
      halt();
    }
  }

  void chars(std::string_view text) {
    if (depth >= 2) {
      open.back()->add_text(text);
    } else if (depth == 1) {
      if (!is_xml_space(text)) return fail(stream_error::bad_format, "text at stream level");
      mark = event_end();  // whitespace between stanzas (keepalives) is free
    }
  }

  // Runs a callback body unless parsing was halted; exceptions are kept for feed() to rethrow.
  template <typename F>
  static void guarded(void* user, F&& body) {
    auto* self = static_cast<impl*>(user);
    if (self->halted || self->priming) return;
    self->last_event_end = self->event_end();
    try {
      body(*self);
    } catch (...) {
      self->exception = std::current_exception();
      self->halt();
    }
  }

  static void XMLCALL on_start(void* u, const XML_Char* name, const XML_Char** atts) {
    guarded(u, [&](impl& s) { s.start(name, atts); });
  }
  static void XMLCALL on_end(void* u, const XML_Char*) {
    guarded(u, [](impl& s) { s.end(); });
  }
  static void XMLCALL on_chars(void* u, const XML_Char* text, int len) {
    guarded(u, [&](impl& s) { s.chars(std::string_view(text, static_cast<std::size_t>(len))); });
  }
  static void XMLCALL on_ns_decl(void* u, const XML_Char* prefix, const XML_Char* uri) {
    guarded(u, [&](impl& s) {
      ++s.ns_decls;
      if (s.depth == 0 && !prefix) s.root_default_ns = uri ? uri : "";
      if (s.depth == 0) s.root_ns_decls.emplace_back(prefix ? prefix : "", uri ? uri : "");
    });
  }
  static void XMLCALL on_xml_decl(void* u, const XML_Char*, const XML_Char* encoding, int) {
    guarded(u, [&](impl& s) {
      if (encoding && !iequals_ascii(encoding, "UTF-8")) {
        s.fail(stream_error::unsupported_encoding, std::string("encoding ") + encoding);
      }
    });
  }
  static void XMLCALL on_doctype(void* u, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    guarded(u, [](impl& s) { s.fail(stream_error::restricted_xml, "DTD"); });
  }
  static void XMLCALL on_entity_decl(void* u, const XML_Char*, int, const XML_Char*, int,
                                     const XML_Char*, const XML_Char*, const XML_Char*,
                                     const XML_Char*) {
    guarded(u, [](impl& s) { s.fail(stream_error::restricted_xml, "entity declaration"); });
  }
  static void XMLCALL on_comment(void* u, const XML_Char*) {
    guarded(u, [](impl& s) { s.fail(stream_error::restricted_xml, "comment"); });
  }
  static void XMLCALL on_pi(void* u, const XML_Char*, const XML_Char*) {
    guarded(u, [](impl& s) { s.fail(stream_error::restricted_xml, "processing instruction"); });
  }

  // Maps an expat error (not raised by us) to a stream error condition.
  stream_error map_expat_error(XML_Error code) const {
    switch (code) {
      case XML_ERROR_UNDEFINED_ENTITY:
      case XML_ERROR_MISPLACED_XML_PI:
        return stream_error::restricted_xml;
      case XML_ERROR_UNBOUND_PREFIX:
        return stream_error::bad_namespace_prefix;
      case XML_ERROR_INCORRECT_ENCODING:
      case XML_ERROR_UNKNOWN_ENCODING:
        return stream_error::unsupported_encoding;
      case XML_ERROR_NO_MEMORY:
        return stream_error::resource_constraint;
      case XML_ERROR_INVALID_TOKEN:
      case XML_ERROR_PARTIAL_CHAR: {
        // Expat rejects malformed UTF-8 as an invalid token; RFC 6120 section 4.9.3.22 wants
        // unsupported-encoding for it. Expat reports the offending character's position: if our
        // validator found a malformed sequence starting right there, blame the encoding.
        auto at = static_cast<std::uint64_t>(
            static_cast<std::int64_t>(XML_GetCurrentByteIndex(parser)) + shift);
        if (first_bad_utf8 == at) {
          return stream_error::unsupported_encoding;
        }
        return stream_error::not_well_formed;
      }
      default:
        return stream_error::not_well_formed;
    }
  }

  void report(stream_error condition, std::string text) {
    st = state::failed;
    h.on_error(condition, std::move(text));
  }

  // Gives bytes to expat. Returns false once parsing has ended (stop, close, error).
  bool parse(const char* data, std::size_t len) {
    if (!parser) recreate();
    fed += len;
    in_parse = true;
    XML_Status status = XML_Parse(parser, data, static_cast<int>(len), XML_FALSE);
    in_parse = false;
    if (exception) {
      st = state::failed;
      std::rethrow_exception(std::exchange(exception, nullptr));
    }
    if (status == XML_STATUS_OK) return true;
    if (error) {
      report(*error, std::move(error_text));
    } else if (st != state::stopped && st != state::closed) {
      XML_Error code = XML_GetErrorCode(parser);
      std::string text = XML_ErrorString(code);
      auto [line, column] = position();
      text += " at line " + std::to_string(line) + " column " + std::to_string(column);
      report(map_expat_error(code), std::move(text));
    }
    return false;
  }

  std::size_t feed(const char* data, std::size_t len) {
    if (st == state::failed || st == state::closed) return len;
    if (st == state::stopped) return 0;
    const std::uint64_t call_start = accepted;
    std::size_t done = 0;
    while (done < len) {
      // The size limit is enforced before bytes reach expat, so nothing can grow beyond it.
      std::uint64_t pending = accepted - mark;
      if (pending >= limits.max_stanza_bytes) {
        report(stream_error::policy_violation, "stanza too large");
        return len;
      }
      std::size_t piece = std::min<std::uint64_t>(len - done, limits.max_stanza_bytes - pending);
      piece = std::min<std::size_t>(piece, INT_MAX / 2);
      std::string_view chunk(data + done, piece);
      if (first_bad_utf8 == no_offset) {
        std::size_t bad = utf8.feed(chunk);
        if (bad != utf8_validator::npos) {
          first_bad_utf8 = accepted + bad - utf8.bad_sequence_prefix();
        }
      }
      bool may_complete = scanner.scan(chunk);
      accepted += piece;
      done += piece;

      // Withholding bytes that cannot end any markup delays no element event, so stop offsets
      // stay exact: the element that stops parsing always ends in the chunk being fed.
      std::uint64_t partial = fed - last_event_end;
      if (!may_complete && partial >= withhold_threshold && withheld.size() + piece <= partial &&
          withheld.size() + piece <= INT_MAX / 2) {
        withheld.append(chunk);
        continue;
      }
      bool go_on;
      if (withheld.empty()) {
        go_on = parse(chunk.data(), chunk.size());
      } else {
        withheld.append(chunk);
        std::string bytes = std::exchange(withheld, std::string());
        go_on = parse(bytes.data(), bytes.size());
      }
      if (go_on) continue;
      if (st == state::stopped) {
        return static_cast<std::size_t>(std::max(stop_at, call_start) - call_start);
      }
      return len;
    }
    return len;
  }
};

stream_parser::stream_parser(handler& h, stream_limits limits)
    : impl_(std::make_unique<impl>(h, limits)) {}

stream_parser::~stream_parser() = default;

std::size_t stream_parser::feed(const char* data, std::size_t len) {
  return impl_->feed(data, len);
}

void stream_parser::reset() {
  impl_->reset();
}

void stream_parser::set_limits(stream_limits limits) {
  impl_->limits = limits;
}

const stream_limits& stream_parser::limits() const {
  return impl_->limits;
}

bool stream_parser::failed() const {
  return impl_->st == impl::state::failed;
}

bool stream_parser::closed() const {
  return impl_->st == impl::state::closed;
}

bool stream_parser::stopped() const {
  return impl_->st == impl::state::stopped;
}

bool stream_parser::release_idle() {
  return impl_->release_idle();
}

bool stream_parser::released() const {
  return impl_->parser == nullptr;
}

}  // namespace djabberd::xml
