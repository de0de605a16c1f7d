// The shared-object plugin ABI: the descriptor a module's entry symbol returns and its build tags.
#pragma once

#include <cstdint>

#include <caf/config.hpp>

#include "actors/plugin.hpp"

/// The version of the plugin contract. Bump it whenever anything a module sees changes layout
/// or meaning: plugin_module, plugin_context, plugin_start, hooks::registration, a hook's request
/// or reply shape, an atom, or a class whose methods modules call (log, config::plugin_settings).
#define DJABBERD_PLUGIN_ABI 4

/// The name of the `extern "C"` function every module exports (see DJABBERD_PLUGIN_MODULE).
#define DJABBERD_PLUGIN_ENTRY_SYMBOL "djabberd_plugin_entry"

namespace djabberd {

/// How a piece of code was compiled. A module is loaded only if every field equals the daemon's.
struct plugin_build_tags {
  std::uint32_t abi;             ///< DJABBERD_PLUGIN_ABI
  std::uint32_t caf_version;     ///< CAF_VERSION of caf/config.hpp, e.g. 1706
  std::uint32_t compiler_major;  ///< __GNUC__ (clang defines 4, so it never matches g++ >= 5)
  std::uint32_t stdlib_release;  ///< _GLIBCXX_RELEASE (libstdc++ major), 0 for another library
  std::uint32_t cxx11_abi;       ///< _GLIBCXX_USE_CXX11_ABI (std::string/std::list layout)
};

/// The tags of the code that includes this header (the daemon's or the module's).
constexpr plugin_build_tags this_build_tags() {
  plugin_build_tags tags{DJABBERD_PLUGIN_ABI, CAF_VERSION, 0, 0, 0};
#ifdef __GNUC__
  tags.compiler_major = __GNUC__;
#endif
#ifdef _GLIBCXX_RELEASE
  tags.stdlib_release = _GLIBCXX_RELEASE;
#endif
#ifdef _GLIBCXX_USE_CXX11_ABI
  tags.cxx11_abi = _GLIBCXX_USE_CXX11_ABI;
#endif
  return tags;
}

/// What a module's entry function returns. `tags` comes first and keeps this layout in every ABI
/// version, so that the loader can check it before it trusts any other field.
struct plugin_module {
  plugin_build_tags tags;
  const char* name;     ///< must equal the `name` of the plugin table that loads the module
  const char* summary;  ///< one line for logs
  plugin_start start;   ///< called like a compiled-in plugin's start function
};

/// The type of the entry symbol.
using plugin_entry_fn = const plugin_module* (*)();

}  // namespace djabberd

/// Defines the entry symbol of a module: `DJABBERD_PLUGIN_MODULE("hello", "says hello", &start)`.
/// Use it once per shared object, at namespace scope.
#define DJABBERD_PLUGIN_MODULE(NAME, SUMMARY, START)                                            \
  extern "C" __attribute__((visibility("default"))) const ::djabberd::plugin_module*            \
  djabberd_plugin_entry() {                                                                     \
    static const ::djabberd::plugin_module module{::djabberd::this_build_tags(), NAME, SUMMARY, \
                                                  START};                                       \
    return &module;                                                                             \
  }
