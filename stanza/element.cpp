// Accessors, builders and copy-on-write helpers of the immutable element tree.
#include "stanza/element.hpp"

#include <algorithm>

namespace djabberd::xml {

element::element(std::string name, std::string ns) : name_(std::move(name)), ns_(std::move(ns)) {}

const std::string* element::attr(std::string_view name, std::string_view ns) const {
  for (const auto& a : attributes_) {
    if (a.name == name && a.ns == ns) return &a.value;
  }
  return nullptr;
}

std::string_view element::attr_or(std::string_view name, std::string_view fallback) const {
  const std::string* v = attr(name);
  return v ? std::string_view(*v) : fallback;
}

element_ptr element::child(std::string_view name, std::string_view ns) const {
  for (const auto& n : children_) {
    if (const auto* e = std::get_if<element_ptr>(&n); e && (*e)->is(name, ns)) return *e;
  }
  return nullptr;
}

element_ptr element::first_child_element() const {
  for (const auto& n : children_) {
    if (const auto* e = std::get_if<element_ptr>(&n)) return *e;
  }
  return nullptr;
}

std::vector<element_ptr> element::child_elements() const {
  std::vector<element_ptr> out;
  for (const auto& n : children_) {
    if (const auto* e = std::get_if<element_ptr>(&n)) out.push_back(*e);
  }
  return out;
}

std::string element::text() const {
  std::string out;
  for (const auto& n : children_) {
    if (const auto* s = std::get_if<std::string>(&n)) out += *s;
  }
  return out;
}

element& element::set_attr(std::string name, std::string value, std::string ns) {
  for (auto& a : attributes_) {
    if (a.name == name && a.ns == ns) {
      a.value = std::move(value);
      return *this;
    }
  }
  attributes_.push_back({std::move(name), std::move(ns), std::move(value)});
  return *this;
}

element& element::remove_attr(std::string_view name, std::string_view ns) {
  std::erase_if(attributes_, [&](const attribute& a) { return a.name == name && a.ns == ns; });
  return *this;
}

element& element::add_child(element_ptr child) {
  if (child) children_.emplace_back(std::move(child));
  return *this;
}

element& element::add_child(std::string name, std::string ns) {
  auto child = std::make_shared<element>(std::move(name), std::move(ns));
  element& ref = *child;
  children_.emplace_back(element_ptr(std::move(child)));
  return ref;
}

element& element::add_text(std::string_view text) {
  if (text.empty()) return *this;
  if (!children_.empty()) {
    if (auto* s = std::get_if<std::string>(&children_.back())) {
      s->append(text);
      return *this;
    }
  }
  children_.emplace_back(std::string(text));
  return *this;
}

element& element::clear_children() {
  children_.clear();
  return *this;
}

bool operator==(const element& a, const element& b) {
  if (&a == &b) return true;
  if (a.name_ != b.name_ || a.ns_ != b.ns_ || a.attributes_ != b.attributes_ ||
      a.children_.size() != b.children_.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.children_.size(); ++i) {
    const node& x = a.children_[i];
    const node& y = b.children_[i];
    if (x.index() != y.index()) return false;
    if (const auto* s = std::get_if<std::string>(&x)) {
      if (*s != std::get<std::string>(y)) return false;
    } else if (!(*std::get<element_ptr>(x) == *std::get<element_ptr>(y))) {
      return false;
    }
  }
  return true;
}

std::shared_ptr<element> make_element(std::string name, std::string ns) {
  return std::make_shared<element>(std::move(name), std::move(ns));
}

std::shared_ptr<element> shallow_copy(const element& e) {
  return std::make_shared<element>(e);
}

element_ptr with_attr(const element_ptr& e, std::string name, std::string value, std::string ns) {
  auto copy = shallow_copy(*e);
  copy->set_attr(std::move(name), std::move(value), std::move(ns));
  return copy;
}

element_ptr without_attr(const element_ptr& e, std::string_view name, std::string_view ns) {
  if (!e->attr(name, ns)) return e;
  auto copy = shallow_copy(*e);
  copy->remove_attr(name, ns);
  return copy;
}

}  // namespace djabberd::xml
