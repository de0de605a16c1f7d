# The hook chain unit tests (tests/unit/hooks_*_test.cpp) and the logger's (log_levels_test.cpp),
# included from tests/unit/CMakeLists.txt,
# and the catalog check (every hook documented in docs/hooks.md and run somewhere).
add_executable(hooks_tests
  ${CMAKE_CURRENT_LIST_DIR}/hooks_chain_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/hooks_collect_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/hooks_notify_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/hooks_plugin_lookup_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/hooks_transform_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/log_levels_test.cpp
)
target_link_libraries(hooks_tests PRIVATE djabberd_hooks caf GTest::gtest_main)
target_include_directories(hooks_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../..)
gtest_discover_tests(hooks_tests DISCOVERY_TIMEOUT 30)

add_test(NAME hooks.catalog_documented_and_run
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/hooks_catalog_check.py
                 ${PROJECT_SOURCE_DIR})
