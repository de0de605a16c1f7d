// Incremental, hardened parser of an XMPP XML stream (RFC 6120 sections 4 and 11) on top of expat.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "stanza/element.hpp"
#include "stanza/stream_error.hpp"

namespace djabberd::xml {

/// The namespace of the stream root element.
inline constexpr std::string_view streams_ns = "http://etherx.jabber.org/streams";

/// Resource limits enforced while parsing; exceeding any of them is a policy-violation.
struct stream_limits {
  /// Maximum bytes fed between two top-level boundaries (stream open, end of a stanza); whitespace
  /// between stanzas does not count. Checked before bytes reach expat.
  std::size_t max_stanza_bytes = 262144;
  /// Maximum element nesting depth; a top-level stanza has depth 1 (the stream element is 0).
  std::size_t max_depth = 32;
  /// Maximum attributes plus namespace declarations on one element.
  std::size_t max_attributes = 64;
};

/// The opening <stream:stream> tag.
struct stream_header {
  std::string stream_ns;   ///< namespace of the root (always streams_ns once accepted)
  std::string content_ns;  ///< default namespace declared on the root (e.g. jabber:client)
  std::string to, from, id, version, lang;  ///< the usual attributes; lang is xml:lang
  std::vector<attribute> attributes;        ///< all attributes of the root
};

/// Streaming parser: feed bytes as they arrive, receive stream events through a handler.
/// Not thread-safe. Handler callbacks run inside feed(); they must not call feed() or reset() on
/// the same parser (set_limits() is fine).
class stream_parser {
 public:
  /// Receives the events of one stream.
  struct handler {
    virtual ~handler() = default;
    /// The stream root was opened.
    virtual void on_stream_open(const stream_header& header) = 0;
    /// A complete top-level child of the stream. Return false to stop parsing right after this
    /// element (e.g. after <starttls/> the remaining bytes are TLS, or after SASL success a new
    /// stream starts); feed() then returns the number of bytes up to the end of this element.
    virtual bool on_stanza(element_ptr stanza) = 0;
    /// </stream:stream> was received; further input is ignored.
    virtual void on_stream_close() = 0;
    /// The stream is in error and parsing stops for good.
    virtual void on_error(stream_error condition, std::string text) = 0;
  };

  /// Creates a parser reporting to `h` (which must outlive it).
  stream_parser(handler& h, stream_limits limits = {});
  ~stream_parser();
  stream_parser(const stream_parser&) = delete;
  stream_parser& operator=(const stream_parser&) = delete;

  /// Feeds a chunk (split points are arbitrary, even inside a UTF-8 sequence or a tag). Returns
  /// the number of bytes consumed: `len` normally; if on_stanza returned false, the offset just
  /// past that element's end tag (which is `len` when the element ends the chunk; stopped() tells
  /// the cases apart). The caller then reset()s and feeds the rest into the new stream. While
  /// stopped and not yet reset, returns 0. After an error or the end of the stream, returns `len`
  /// and ignores the input. Exceptions thrown by the handler propagate; the parser is then failed.
  std::size_t feed(const char* data, std::size_t len);
  /// Starts a new stream (stream restart after TLS or SASL); keeps the limits.
  void reset();
  /// Changes the limits, e.g. to raise the stanza size limit after authentication.
  void set_limits(stream_limits limits);
  /// The limits in force.
  const stream_limits& limits() const;
  /// True once on_error has been called.
  bool failed() const;
  /// True once on_stream_close has been called.
  bool closed() const;
  /// True if on_stanza returned false and reset() has not been called since.
  bool stopped() const;
  /// Frees the expat parser (and its buffers) of an idle stream to save memory. Only done at a
  /// clean top-level boundary: header received, no stanza open, every byte fed so far consumed
  /// by an event (nothing withheld or buffered), not stopped, closed or failed, and not called
  /// from a handler callback. The next feed() transparently recreates the parser, primed with a
  /// synthetic root tag that redeclares the root's namespaces; events, offsets, limits and errors
  /// are unaffected. Returns true if the parser was released (or already was).
  bool release_idle();
  /// True while the expat parser is released (see release_idle()).
  bool released() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace djabberd::xml
