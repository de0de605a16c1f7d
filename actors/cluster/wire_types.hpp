// How the values that cross node boundaries are serialised (CAF 0.17 inspect()): an element as
// its XML text, a JID as its string. Local sends never serialise, so they stay zero-copy; only
// the middleman calls these when a message leaves the process.
#pragma once

#include <string>

#include <caf/error.hpp>
#include <caf/meta/load_callback.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/sec.hpp>

#include "stanza/element.hpp"
#include "stanza/jid.hpp"
#include "stanza/parse_element.hpp"
#include "stanza/serializer.hpp"

namespace djabberd::xml {

/// An element travels as the text xml::to_string writes and parse_element reads back (both
/// keep namespaces, attribute namespaces and text exactly); nullptr travels as "".
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, element_ptr& x) {
  if constexpr (Inspector::reads_state) {
    std::string text = x ? to_string(*x) : std::string{};
    return f(caf::meta::type_name("element"), text);
  } else {
    std::string text;
    auto load = [&]() -> caf::error {
      if (text.empty()) {
        x = nullptr;
        return caf::none;
      }
      x = parse_element(text);
      return x ? caf::none : caf::make_error(caf::sec::invalid_argument);
    };
    return f(caf::meta::type_name("element"), text, caf::meta::load_callback(load));
  }
}

}  // namespace djabberd::xml

namespace djabberd {

/// A JID travels as its string and is prepared again on arrival (parts are canonical already,
/// so this is the identity).
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, jid& x) {
  if constexpr (Inspector::reads_state) {
    std::string text = x.str();
    return f(caf::meta::type_name("jid"), text);
  } else {
    std::string text;
    auto load = [&]() -> caf::error {
      if (text.empty()) {
        x = jid{};
        return caf::none;
      }
      auto parsed = jid::parse(text);
      if (!parsed) return caf::make_error(caf::sec::invalid_argument);
      x = std::move(*parsed);
      return caf::none;
    };
    return f(caf::meta::type_name("jid"), text, caf::meta::load_callback(load));
  }
}

}  // namespace djabberd
