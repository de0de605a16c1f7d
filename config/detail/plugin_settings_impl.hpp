// The hidden state behind plugin_settings: the parsed document and the plugin's table in it.
#pragma once

#include <memory>
#include <string>

#include <toml++/toml.h>

#include "config/detail/table_reader.hpp"

namespace djabberd::config {

/// Keeps the whole parsed document alive so `table` stays valid for every copy of the settings.
struct plugin_settings_impl {
  std::shared_ptr<const toml::table> document;
  const toml::table* table = nullptr;
  std::string file;  ///< source name for errors
  std::string path;  ///< e.g. "vhosts[0].plugins[1]"
  std::string name;  ///< the plugin's `name`

  /// A reader over `table`.
  detail::table_reader reader() const { return detail::table_reader(file, *table, path); }
};

}  // namespace djabberd::config
