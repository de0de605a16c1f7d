// Reading and writing the pubsub#node_config / publish-options forms.
#include "actors/pep/pep_form.hpp"

#include <charconv>

#include "stanza/namespaces.hpp"

namespace djabberd::pep {

namespace {

std::optional<bool> parse_bool(std::string_view v) {
  if (v == "1" || v == "true") return true;
  if (v == "0" || v == "false") return false;
  return std::nullopt;
}

std::optional<std::size_t> parse_max_items(std::string_view v) {
  if (v == "max") return max_items_limit;
  std::size_t n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc{} || end != v.data() + v.size() || n == 0 || n > max_items_limit)
    return std::nullopt;
  return n;
}

std::string value_of(const xml::element& field) {
  auto value = field.child("value", ns::data_forms);
  return value ? value->text() : std::string();
}

void add_field(xml::element& form, std::string var, std::string type, std::string value) {
  auto& field = form.add_child("field", std::string(ns::data_forms));
  field.set_attr("var", std::move(var));
  if (!type.empty()) field.set_attr("type", std::move(type));
  field.add_child("value", std::string(ns::data_forms)).add_text(value);
}

}  // namespace

std::optional<form_fields> read_form(const xml::element& x, std::string_view form_type,
                                     std::string& error) {
  form_fields result;
  bool typed = false;
  for (const auto& field : x.child_elements()) {
    if (!field->is("field", ns::data_forms)) continue;
    auto var = field->attr_or("var");
    auto value = value_of(*field);
    if (var == "FORM_TYPE") {
      if (value != form_type) {
        error = "FORM_TYPE must be " + std::string(form_type);
        return std::nullopt;
      }
      typed = true;
    } else if (var == "pubsub#persist_items") {
      if (!(result.persist_items = parse_bool(value))) {
        error = "pubsub#persist_items must be a boolean";
        return std::nullopt;
      }
    } else if (var == "pubsub#access_model") {
      if (!(result.access = parse_access_model(value))) {
        error = "pubsub#access_model must be presence, open or whitelist";
        return std::nullopt;
      }
    } else if (var == "pubsub#max_items") {
      if (!(result.max_items = parse_max_items(value))) {
        error = "pubsub#max_items must be 1.." + std::to_string(max_items_limit) + " or max";
        return std::nullopt;
      }
    }
  }
  if (!typed) {
    error = "the form has no FORM_TYPE";
    return std::nullopt;
  }
  return result;
}

node_config apply(node_config base, const form_fields& fields) {
  if (fields.persist_items) base.persist_items = *fields.persist_items;
  if (fields.access) base.access = *fields.access;
  if (fields.max_items) base.max_items = *fields.max_items;
  return base;
}

bool satisfies(const node_config& config, const form_fields& fields) {
  return (!fields.persist_items || *fields.persist_items == config.persist_items) &&
         (!fields.access || *fields.access == config.access) &&
         (!fields.max_items || *fields.max_items == config.max_items);
}

xml::element_ptr config_form(const node_config& config) {
  auto form = xml::make_element("x", std::string(ns::data_forms));
  form->set_attr("type", "form");
  add_field(*form, "FORM_TYPE", "hidden", std::string(ns_node_config));
  add_field(*form, "pubsub#persist_items", "boolean", config.persist_items ? "1" : "0");
  add_field(*form, "pubsub#max_items", "text-single", std::to_string(config.max_items));
  auto& access = form->add_child("field", std::string(ns::data_forms));
  access.set_attr("var", "pubsub#access_model");
  access.set_attr("type", "list-single");
  access.add_child("value", std::string(ns::data_forms)).add_text(access_model_name(config.access));
  for (auto model : {access_model::presence, access_model::open, access_model::whitelist})
    access.add_child("option", std::string(ns::data_forms))
        .add_child("value", std::string(ns::data_forms))
        .add_text(access_model_name(model));
  return form;
}

}  // namespace djabberd::pep
