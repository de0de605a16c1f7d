// The verification string: sorted identities, features and extended forms, each part ending '<'.
#include "actors/caps/caps_hash.hpp"

#include <algorithm>
#include <set>
#include <tuple>
#include <vector>

#include "auth/base64.hpp"
#include "auth/crypto.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::caps {

namespace {

struct form_part {
  std::string form_type;
  std::vector<std::pair<std::string, std::vector<std::string>>> fields;  // var, values
};

std::vector<std::string> values_of(const xml::element& field) {
  std::vector<std::string> values;
  for (const auto& v : field.child_elements())
    if (v->is("value", ns::data_forms)) values.push_back(v->text());
  return values;
}

// A form as §5.1 step 7 reads it; nullopt when it has no hidden FORM_TYPE (ignored, §5.4).
std::optional<form_part> read_form(const xml::element& x) {
  form_part part;
  bool typed = false;
  for (const auto& field : x.child_elements()) {
    if (!field->is("field", ns::data_forms)) continue;
    auto var = std::string(field->attr_or("var"));
    auto values = values_of(*field);
    if (var == "FORM_TYPE") {
      if (field->attr_or("type") != "hidden" || values.empty()) return std::nullopt;
      part.form_type = values.front();
      typed = true;
      continue;
    }
    std::sort(values.begin(), values.end());
    part.fields.emplace_back(std::move(var), std::move(values));
  }
  if (!typed) return std::nullopt;
  std::sort(part.fields.begin(), part.fields.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return part;
}

}  // namespace

std::optional<std::string> verification_string(const xml::element& query) {
  std::vector<std::tuple<std::string, std::string, std::string, std::string>> identities;
  std::vector<std::string> features;
  std::vector<form_part> forms;
  for (const auto& child : query.child_elements()) {
    if (child->is("identity", ns::disco_info)) {
      auto lang = child->attr("lang", ns::xml);
      identities.emplace_back(child->attr_or("category"), child->attr_or("type"),
                              lang ? *lang : std::string(), child->attr_or("name"));
    } else if (child->is("feature", ns::disco_info)) {
      features.emplace_back(child->attr_or("var"));
    } else if (child->is("x", ns::data_forms)) {
      if (auto form = read_form(*child)) forms.push_back(std::move(*form));
    }
  }
  std::sort(identities.begin(), identities.end());
  std::sort(features.begin(), features.end());
  std::sort(forms.begin(), forms.end(),
            [](const form_part& a, const form_part& b) { return a.form_type < b.form_type; });
  // §5.4 3.3-3.5: duplicates make the answer untrustworthy.
  if (std::adjacent_find(identities.begin(), identities.end()) != identities.end() ||
      std::adjacent_find(features.begin(), features.end()) != features.end() ||
      std::adjacent_find(forms.begin(), forms.end(), [](const auto& a, const auto& b) {
        return a.form_type == b.form_type;
      }) != forms.end())
    return std::nullopt;
  std::string s;
  for (const auto& [category, type, lang, name] : identities)
    s += category + "/" + type + "/" + lang + "/" + name + "<";
  for (const auto& var : features) s += var + "<";
  for (const auto& form : forms) {
    s += form.form_type + "<";
    for (const auto& [var, values] : form.fields) {
      s += var + "<";
      for (const auto& v : values) s += v + "<";
    }
  }
  return s;
}

std::optional<std::string> sha1_ver(const xml::element& query) {
  auto s = verification_string(query);
  if (!s) return std::nullopt;
  return auth::base64_encode(auth::hash(auth::hash_algo::sha1, *s));
}

}  // namespace djabberd::caps
