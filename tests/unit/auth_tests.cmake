# auth_tests: unit tests of djabberd_auth; included from tests/unit/CMakeLists.txt.
add_executable(auth_tests
  ${CMAKE_CURRENT_LIST_DIR}/auth_base64_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/auth_crypto_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/auth_login_throttle_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/auth_sasl_plain_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/auth_scram_rfc_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/auth_scram_server_test.cpp
)
target_link_libraries(auth_tests PRIVATE djabberd_auth GTest::gtest_main)
gtest_discover_tests(auth_tests)
