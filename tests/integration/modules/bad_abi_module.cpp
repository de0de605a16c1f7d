// A module whose descriptor claims another plugin ABI version: djabberd must refuse it.
#include "actors/plugin_module.hpp"

namespace {

std::vector<djabberd::hooks::registration> start(djabberd::plugin_context&) {
  return {};
}

}  // namespace

extern "C" __attribute__((visibility("default"))) const djabberd::plugin_module*
djabberd_plugin_entry() {
  static const djabberd::plugin_module module = [] {
    djabberd::plugin_module m{djabberd::this_build_tags(), "bad_abi", "wrong ABI", &start};
    m.tags.abi = DJABBERD_PLUGIN_ABI + 1000;
    return m;
  }();
  return &module;
}
