# config_tests: unit tests of djabberd_config; included from tests/unit/CMakeLists.txt.
add_executable(config_tests
  ${CMAKE_CURRENT_LIST_DIR}/config_cluster_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_errors_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_limits_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_listen_address_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_load_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_ops_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_parse_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_plugin_settings_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_s2s_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_suggest_test.cpp
)
target_link_libraries(config_tests PRIVATE djabberd_config GTest::gtest_main)
target_compile_definitions(config_tests PRIVATE
  DJABBERD_DEFAULT_CONFIG="${CMAKE_CURRENT_LIST_DIR}/../../config/djabberd.toml")
gtest_discover_tests(config_tests)
