# Unit tests of the server's actors (router, TLS streams), included from tests/unit/CMakeLists.txt.
add_executable(actors_tests
  ${CMAKE_CURRENT_LIST_DIR}/actors_router_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/actors_tls_stream_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/carbons_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cluster_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/roster_subscription_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/roster_xml_test.cpp
)
target_link_libraries(actors_tests PRIVATE djabberd_actors GTest::gtest_main)
gtest_discover_tests(actors_tests DISCOVERY_TIMEOUT 30)
