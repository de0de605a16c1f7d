// Data forms (XEP-0004) of PEP nodes: publish-options (XEP-0060 §7.1.5, XEP-0223) and the node
// configuration form (§8.2) read into node_config fields, and the configuration form written.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "actors/pep/pep_node.hpp"
#include "stanza/element.hpp"

namespace djabberd::pep {

/// The fields a form sets; absent fields keep the node's value.
struct form_fields {
  std::optional<bool> persist_items;
  std::optional<access_model> access;
  std::optional<std::size_t> max_items;  ///< "max" reads as max_items_limit
};

/// Reads a submitted form (<x xmlns='jabber:x:data' type='submit'/>). nullopt, with `error` set,
/// when a value is invalid or the FORM_TYPE is not `form_type`. Fields this server does not
/// model (titles, notification switches) are accepted and ignored.
std::optional<form_fields> read_form(const xml::element& x, std::string_view form_type,
                                     std::string& error);

/// `base` with the form's fields applied.
node_config apply(node_config base, const form_fields& fields);

/// XEP-0060 §7.1.5: whether an existing node's configuration satisfies publish-options.
bool satisfies(const node_config& config, const form_fields& fields);

/// The node configuration form (§8.2.1) for `config`, type='form'.
xml::element_ptr config_form(const node_config& config);

}  // namespace djabberd::pep
