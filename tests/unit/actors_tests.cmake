# Unit tests of the server's actors (router, TLS streams), included from tests/unit/CMakeLists.txt.
add_executable(actors_tests
  ${CMAKE_CURRENT_LIST_DIR}/actors_router_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/actors_tls_stream_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/caps_hash_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/c2s_limits_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/blocking_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/carbons_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pep_node_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cluster_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/roster_subscription_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/registration_xml_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/roster_xml_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sm_counters_test.cpp
)
target_link_libraries(actors_tests PRIVATE djabberd_actors GTest::gtest_main)
gtest_discover_tests(actors_tests DISCOVERY_TIMEOUT 30)
# The s2s resolver's actor tests start tests/integration/fake_dns.py as their DNS server.
target_sources(actors_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR}/s2s_resolver_test.cpp)
set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/s2s_resolver_test.cpp PROPERTIES
  COMPILE_DEFINITIONS
  "DJABBERD_PYTHON=\"/usr/bin/python3\";DJABBERD_FAKE_DNS=\"${PROJECT_SOURCE_DIR}/tests/integration/fake_dns.py\"")
# Federation: dialback keys (XEP-0185) and certificate identities (RFC 6125).
target_sources(actors_tests PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/s2s_dialback_key_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tls_cert_names_test.cpp)
