# The stanza library unit tests (tests/unit/stanza_*_test.cpp), included from tests/unit/CMakeLists.txt.
add_executable(stanza_tests
  ${CMAKE_CURRENT_LIST_DIR}/stanza_element_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/stanza_errors_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/stanza_jid_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/stanza_markup_scanner_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/stanza_parse_element_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/stanza_parser_attack_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/stanza_parser_release_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/stanza_parser_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/stanza_serializer_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/stanza_utf8_test.cpp
)
target_link_libraries(stanza_tests PRIVATE djabberd_stanza idn GTest::gtest_main)
gtest_discover_tests(stanza_tests DISCOVERY_TIMEOUT 30)
