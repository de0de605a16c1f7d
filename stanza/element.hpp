// Immutable, shareable XML element tree: elements are built once, then passed around as
// element_ptr.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace djabberd::xml {

class element;

/// A finished element, shared between actors without copying. Never modified once shared.
using element_ptr = std::shared_ptr<const element>;
/// Several shared stanzas (e.g. offline messages, oldest first).
using element_list = std::vector<element_ptr>;

/// The XML namespace bound to the `xml` prefix (used for xml:lang).
inline constexpr std::string_view xml_ns = "http://www.w3.org/XML/1998/namespace";

/// One attribute. An empty `ns` means no namespace (the usual case); xml:lang has ns == xml_ns.
struct attribute {
  std::string name;
  std::string ns;
  std::string value;
  friend bool operator==(const attribute&, const attribute&) = default;
};

/// A child node: an element or a run of character data.
using node = std::variant<element_ptr, std::string>;

/// An XML element with a namespace, attributes and children. Build it through a
/// std::shared_ptr<element> (see make_element), then share it as an element_ptr.
class element {
 public:
  /// Creates an empty element `name` in namespace `ns` (empty = no namespace).
  element(std::string name, std::string ns);

  /// The local name.
  const std::string& name() const { return name_; }
  /// The namespace name (empty = no namespace).
  const std::string& ns() const { return ns_; }
  /// True if this element is `name` in namespace `ns`.
  bool is(std::string_view name, std::string_view ns) const { return name_ == name && ns_ == ns; }

  /// All attributes in document order.
  const std::vector<attribute>& attributes() const { return attributes_; }
  /// The value of attribute `name` in namespace `ns`, or nullptr if absent.
  const std::string* attr(std::string_view name, std::string_view ns = {}) const;
  /// The value of the no-namespace attribute `name`, or `fallback` if absent.
  std::string_view attr_or(std::string_view name, std::string_view fallback = {}) const;

  /// All children (elements and text) in document order.
  const std::vector<node>& children() const { return children_; }
  /// The first child element `name` in namespace `ns`, or nullptr.
  element_ptr child(std::string_view name, std::string_view ns) const;
  /// The first child element, or nullptr.
  element_ptr first_child_element() const;
  /// All child elements in document order.
  std::vector<element_ptr> child_elements() const;
  /// The concatenation of the direct text children.
  std::string text() const;

  // --- Construction: only while the element is being built, before it is shared. ---------------

  /// Sets attribute `name` in namespace `ns`, replacing an existing value in place.
  element& set_attr(std::string name, std::string value, std::string ns = {});
  /// Removes attribute `name` in namespace `ns` if present.
  element& remove_attr(std::string_view name, std::string_view ns = {});
  /// Appends an existing (shared, immutable) element as the last child. Null pointers are ignored.
  element& add_child(element_ptr child);
  /// Creates a new empty child element, appends it, and returns it for filling in. The reference
  /// stays valid as long as this element lives; only use it while building.
  element& add_child(std::string name, std::string ns);
  /// Appends text, merged into the last child if that is text. Empty text is ignored.
  element& add_text(std::string_view text);
  /// Removes all children.
  element& clear_children();

  /// Deep structural equality: names, namespaces, attributes (in order) and children.
  friend bool operator==(const element& a, const element& b);

 private:
  std::string name_;
  std::string ns_;
  std::vector<attribute> attributes_;
  std::vector<node> children_;
};

/// Creates a new, still mutable element; the result converts to element_ptr.
std::shared_ptr<element> make_element(std::string name, std::string ns);

/// A mutable shallow copy of `e`: attributes are copied, children are shared (same pointers).
std::shared_ptr<element> shallow_copy(const element& e);

/// A shallow copy of `e` with attribute `name` (in `ns`) set to `value`; `e` is not modified.
element_ptr with_attr(const element_ptr& e, std::string name, std::string value,
                      std::string ns = {});

/// A shallow copy of `e` without attribute `name` (in `ns`); returns `e` itself if it has no such
/// attribute.
element_ptr without_attr(const element_ptr& e, std::string_view name, std::string_view ns = {});

}  // namespace djabberd::xml
