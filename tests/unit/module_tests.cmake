# Shared-object plugin compatibility checks, included from tests/unit/CMakeLists.txt.
add_executable(module_tests
  ${CMAKE_CURRENT_LIST_DIR}/module_abi_test.cpp
  ${PROJECT_SOURCE_DIR}/actors/server/plugin_module_check.cpp
)
target_include_directories(module_tests PRIVATE ${PROJECT_SOURCE_DIR})
target_link_libraries(module_tests PRIVATE caf GTest::gtest_main)
gtest_discover_tests(module_tests DISCOVERY_TIMEOUT 30)
