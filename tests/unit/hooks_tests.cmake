# The hook chain unit tests (tests/unit/hooks_*_test.cpp), included from tests/unit/CMakeLists.txt.
add_executable(hooks_tests ${CMAKE_CURRENT_LIST_DIR}/hooks_chain_test.cpp)
target_link_libraries(hooks_tests PRIVATE djabberd_hooks caf GTest::gtest_main)
target_include_directories(hooks_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../..)
gtest_discover_tests(hooks_tests DISCOVERY_TIMEOUT 30)
