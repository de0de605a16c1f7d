// plugin_module_incompatibility: field-by-field comparison of build tags with readable reasons.
#include "actors/server/plugin_module_check.hpp"

namespace djabberd {

namespace {

std::string differs(const char* what, std::uint32_t module, std::uint32_t daemon) {
  return std::string("incompatible module: built with ") + what + " " + std::to_string(module) +
         ", this djabberd has " + std::to_string(daemon) +
         " (rebuild the module against this djabberd's installed headers with the same compiler)";
}

}  // namespace

std::string plugin_module_incompatibility(const plugin_build_tags& module,
                                          const plugin_build_tags& daemon) {
  if (module.abi != daemon.abi)
    return differs("plugin ABI (DJABBERD_PLUGIN_ABI)", module.abi, daemon.abi);
  if (module.caf_version != daemon.caf_version)
    return differs("CAF version (CAF_VERSION)", module.caf_version, daemon.caf_version);
  if (module.compiler_major != daemon.compiler_major)
    return differs("compiler major version (__GNUC__)", module.compiler_major,
                   daemon.compiler_major);
  if (module.stdlib_release != daemon.stdlib_release)
    return differs("C++ standard library release (_GLIBCXX_RELEASE)", module.stdlib_release,
                   daemon.stdlib_release);
  if (module.cxx11_abi != daemon.cxx11_abi)
    return differs("libstdc++ string ABI (_GLIBCXX_USE_CXX11_ABI)", module.cxx11_abi,
                   daemon.cxx11_abi);
  return "";
}

}  // namespace djabberd
