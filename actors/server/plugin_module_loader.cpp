// load_configured_module: path resolution, dlopen/dlsym, compatibility and name checks.
#include "actors/server/plugin_module_loader.hpp"

#include <dlfcn.h>

#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>

#include "actors/log.hpp"
#include "actors/server/plugin_module_check.hpp"

namespace djabberd {

namespace {

// A value no TOML file can give a path (NUL), to tell an absent key from an empty one.
const std::string absent_key(1, '\0');

std::filesystem::path resolve(const config::server_config& server, const std::string& text) {
  std::filesystem::path path(text);
  if (path.is_relative()) path = std::filesystem::absolute(server.source_file).parent_path() / path;
  return path.lexically_normal();
}

std::string last_dl_error() {
  const char* text = dlerror();
  return text ? text : "unknown dlopen error";
}

[[noreturn]] void refuse(void* handle, const config::plugin_settings& settings,
                         const std::string& quoted, const std::string& why) {
  dlclose(handle);
  settings.fail("module", "refusing " + quoted + ": " + why);
}

// Opens `path` and checks its descriptor; throws through `settings.fail("module", ...)`.
const plugin_module* open_module(const config::plugin_config& plugin,
                                 const std::filesystem::path& path) {
  const auto& settings = plugin.settings;
  const std::string quoted = "'" + path.string() + "'";
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    settings.fail("module", "cannot load " + quoted +
                                ": no such file (a relative path resolves against the "
                                "configuration file's folder)");
  dlerror();
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) settings.fail("module", "cannot load " + quoted + ": " + last_dl_error());
  void* symbol = dlsym(handle, DJABBERD_PLUGIN_ENTRY_SYMBOL);
  if (symbol == nullptr)
    refuse(handle, settings, quoted,
           "no entry symbol '" DJABBERD_PLUGIN_ENTRY_SYMBOL
           "' (not a djabberd plugin? define it with DJABBERD_PLUGIN_MODULE)");
  auto entry = reinterpret_cast<plugin_entry_fn>(symbol);
  const plugin_module* module = entry();
  if (module == nullptr)
    refuse(handle, settings, quoted, DJABBERD_PLUGIN_ENTRY_SYMBOL "() returned no descriptor");
  if (auto why = plugin_module_incompatibility(module->tags, this_build_tags()); !why.empty())
    refuse(handle, settings, quoted, why);
  if (module->name == nullptr || module->start == nullptr)
    refuse(handle, settings, quoted, "the descriptor has no name or no start function");
  log::info("plugins", "loaded module ", module->name, " from ", path.string(), " (",
            module->summary ? module->summary : "", ")");
  return module;
}

}  // namespace

const plugin_module* load_configured_module(const config::server_config& server,
                                            const config::plugin_config& plugin) {
  std::string text = plugin.settings.get_string("module", absent_key);
  if (text == absent_key) return nullptr;
  if (text.empty()) plugin.settings.fail("module", "must not be empty");
  auto path = resolve(server, text);
  static std::mutex mutex;
  static std::map<std::string, const plugin_module*> loaded;  // by path; never unloaded
  std::lock_guard<std::mutex> guard(mutex);
  auto it = loaded.find(path.string());
  if (it == loaded.end()) it = loaded.emplace(path.string(), open_module(plugin, path)).first;
  if (plugin.name != it->second->name)  // also for a path that an earlier table loaded
    plugin.settings.fail("module", "refusing '" + path.string() + "': the module is plugin '" +
                                       it->second->name + "', but this table is named '" +
                                       plugin.name + "'");
  return it->second;
}

}  // namespace djabberd
