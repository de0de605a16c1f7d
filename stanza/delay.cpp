// XEP-0203 stamps: UTC, seconds precision (XEP-0082 DateTime).
#include "stanza/delay.hpp"

#include <chrono>
#include <ctime>
#include <string>

#include "stanza/namespaces.hpp"

namespace djabberd::xml {

namespace {

std::string utc_stamp() {
  auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

element_ptr with_delay(const element_ptr& stanza, std::string_view from) {
  for (const auto& delay : stanza->child_elements())
    if (delay->is("delay", ns::delay) && delay->attr_or("from") == from) return stanza;
  auto copy = shallow_copy(*stanza);
  auto& delay = copy->add_child("delay", std::string(ns::delay));
  delay.set_attr("from", std::string(from));
  delay.set_attr("stamp", utc_stamp());
  return copy;
}

}  // namespace djabberd::xml
