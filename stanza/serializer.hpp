// Writes elements as XML text, declaring namespaces only where they change.
#pragma once

#include <string>
#include <string_view>

#include "stanza/element.hpp"

namespace djabberd::xml {

/// Appends `e` as XML to `out`. `parent_ns` is the default namespace in scope where `e` is
/// written; xmlns='...' is emitted only on elements whose namespace differs from their parent's.
/// A top element in jabber:client or jabber:server written where the default namespace is one of
/// those two gets no xmlns (a stanza written into a stream), and its descendants in the element's
/// own namespace inherit silently. xml:lang is written with the xml prefix; attributes in other
/// namespaces get prefixes ns1, ns2, ... declared on their element. Attributes named xmlns or in
/// the xmlns namespace are skipped. Single quotes delimit attribute values.
void serialize(const element& e, std::string& out, std::string_view parent_ns = {});

/// Returns `e` serialised as by serialize().
std::string to_string(const element& e, std::string_view parent_ns = {});

/// Appends `text` with &, < and > escaped (and carriage returns as &#13; so they survive parsing).
void escape_text(std::string_view text, std::string& out);

/// Appends `value` escaped for a single- or double-quoted attribute value.
void escape_attr(std::string_view value, std::string& out);

}  // namespace djabberd::xml
