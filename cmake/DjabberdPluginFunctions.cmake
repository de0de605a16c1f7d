# djabberd_add_plugin_module(): builds a shared-object plugin that djabberd loads with `module = "..."`.
#
# Expects DJABBERD_PLUGIN_INCLUDE_DIRS (djabberd's headers and CAF's) and DJABBERD_PLUGIN_LIBRARIES
# (libcaf_core only): set by djabberd's own CMakeLists.txt in the source tree, and by
# DjabberdPluginConfig.cmake (find_package(DjabberdPlugin)) for an installed djabberd.
#
# The module links nothing of djabberd: the functions it calls (djabberd::log, hooks,
# config::plugin_settings, auth, stanza) resolve at dlopen() time against the djabberd
# executable, which exports them (ENABLE_EXPORTS). Only the entry symbol is exported.

function(djabberd_add_plugin_module target)
  add_library(${target} MODULE ${ARGN})
  set_target_properties(${target} PROPERTIES
    CXX_STANDARD 20
    CXX_STANDARD_REQUIRED ON
    CXX_EXTENSIONS OFF
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  target_include_directories(${target} PRIVATE ${DJABBERD_PLUGIN_INCLUDE_DIRS})
  target_link_libraries(${target} PRIVATE ${DJABBERD_PLUGIN_LIBRARIES})
endfunction()
