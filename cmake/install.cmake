# Install rules: binaries, example configuration, plugin headers, pkg-config and CMake package.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(DJABBERD_INSTALL_INCLUDEDIR ${CMAKE_INSTALL_INCLUDEDIR}/djabberd)
# The ABI number, read from the header so that it is written down once.
file(STRINGS ${PROJECT_SOURCE_DIR}/actors/plugin_module.hpp _abi_line
     REGEX "^#define DJABBERD_PLUGIN_ABI [0-9]+")
string(REGEX REPLACE ".* ([0-9]+)$" "\\1" DJABBERD_PLUGIN_ABI "${_abi_line}")

install(TARGETS djabberd djabberctl RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PROJECT_SOURCE_DIR}/config/djabberd.toml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/djabberd/examples)
install(TARGETS djabberd_example_module LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/djabberd)

# Headers a plugin may include, with the layout of the source tree ("actors/plugin.hpp").
install(FILES
          ${PROJECT_SOURCE_DIR}/actors/plugin.hpp
          ${PROJECT_SOURCE_DIR}/actors/plugin_module.hpp
          ${PROJECT_SOURCE_DIR}/actors/log.hpp
          ${PROJECT_SOURCE_DIR}/actors/atoms.hpp
          ${PROJECT_SOURCE_DIR}/actors/message_types.hpp
        DESTINATION ${DJABBERD_INSTALL_INCLUDEDIR}/actors)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/actors/hooks/
        DESTINATION ${DJABBERD_INSTALL_INCLUDEDIR}/actors/hooks FILES_MATCHING PATTERN "*.hpp")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/config/
        DESTINATION ${DJABBERD_INSTALL_INCLUDEDIR}/config FILES_MATCHING PATTERN "*.hpp"
        PATTERN detail EXCLUDE)  # detail/ needs toml++; plugins see only plugin_settings
foreach(dir stanza auth)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${dir}/
          DESTINATION ${DJABBERD_INSTALL_INCLUDEDIR}/${dir} FILES_MATCHING PATTERN "*.hpp")
endforeach()

# pkg-config: `pkg-config --cflags --libs djabberd-plugin`.
# Relocatable: the prefix is found from the .pc file's own folder.
file(RELATIVE_PATH DJABBERD_PC_TO_PREFIX /${CMAKE_INSTALL_LIBDIR}/pkgconfig /)
configure_file(${PROJECT_SOURCE_DIR}/cmake/djabberd-plugin.pc.in
               ${PROJECT_BINARY_DIR}/djabberd-plugin.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/djabberd-plugin.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# CMake: find_package(DjabberdPlugin) then djabberd_add_plugin_module(name sources...).
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/DjabberdPluginConfig.cmake.in
  ${PROJECT_BINARY_DIR}/DjabberdPluginConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/DjabberdPlugin
  PATH_VARS DJABBERD_INSTALL_INCLUDEDIR)
install(FILES ${PROJECT_BINARY_DIR}/DjabberdPluginConfig.cmake
              ${PROJECT_SOURCE_DIR}/cmake/DjabberdPluginFunctions.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/DjabberdPlugin)
