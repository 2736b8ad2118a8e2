# opsdeck_add_test(NAME SOURCES ... LIBS ...): one Qt Test executable registered with CTest, run offscreen
# with an isolated HOME/XDG so that tests never touch the developer's settings or workspace.
option(OPSDECK_TESTS_NEED_CLI "Build opsdeck-cli before each test" ON)
function(opsdeck_add_test name)
  cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
  target_compile_definitions(${name} PRIVATE
    OPSDECK_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data"
    OPSDECK_CLI_PATH="$<TARGET_FILE:opsdeck-cli>")
  # Tests that run the CLI need it built; a helper building one test alone may switch this off.
  if(OPSDECK_TESTS_NEED_CLI)
    add_dependencies(${name} opsdeck-cli)
  endif()
  add_test(NAME ${name} COMMAND ${name})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  set_tests_properties(${name} PROPERTIES TIMEOUT ${ARG_TIMEOUT}
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LC_ALL=C.UTF-8;ASAN_OPTIONS=detect_leaks=0")
endfunction()

# opsdeck_add_pg_test(NAME): NAME once more as NAME_pg, on PostgreSQL (tests/TestStore.h: OPSDECK_TEST_DATABASE),
# with the test's own PostgreSQL server (tests/PostgresFixture.h); skipped where PostgreSQL is not installed.
set(OPSDECK_PG_SKIP_REGEX "PostgreSQL 15 is not installed|PostgreSQL driver is not installed")
function(opsdeck_add_pg_test name)
  add_test(NAME ${name}_pg COMMAND ${name})
  get_test_property(${name} TIMEOUT timeout)
  set_tests_properties(${name}_pg PROPERTIES TIMEOUT ${timeout} SKIP_REGULAR_EXPRESSION "${OPSDECK_PG_SKIP_REGEX}"
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LC_ALL=C.UTF-8;ASAN_OPTIONS=detect_leaks=0;OPSDECK_TEST_DATABASE=postgresql")
endfunction()
