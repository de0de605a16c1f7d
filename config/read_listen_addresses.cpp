// Reads an array of "HOST:PORT" listen addresses (the c2s and s2s listeners).
#include <string>

#include "config/detail/readers.hpp"

namespace djabberd::config::detail {

std::vector<listen_address> read_listen_addresses(const table_reader& reader, std::string_view key,
                                                  std::vector<listen_address> fallback) {
  const toml::array* array = reader.get_array(key, "an array of \"HOST:PORT\" strings");
  if (array == nullptr) return fallback;
  std::vector<listen_address> result;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    std::string element_key = reader.key_path(key) + "[" + std::to_string(i) + "]";
    if (!element.is_string()) reader.fail_type(element, element_key, "a \"HOST:PORT\" string");
    std::string error;
    auto address = parse_listen_address(element.as_string()->get(), &error);
    if (!address) reader.fail_at(element, element_key, error);
    result.push_back(std::move(*address));
  }
  return result;
}

}  // namespace djabberd::config::detail
