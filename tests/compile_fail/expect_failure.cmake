# One compile-fail check (ctest WILL_FAIL): builds the target that defines OSSIFY_SHOULD_FAIL and
# exits non-zero only when that build fails *and* prints the expected diagnostic, so the
# inverted test passes exactly then. A build that succeeds, or fails for another reason, exits 0
# (the test fails) and says which.
#   cmake -DBUILD_DIR=... -DTARGET=cf_x -DEXPECT=<regex> -P expect_failure.cmake
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} --target ${TARGET}
                RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
if(_rc EQUAL 0)
  message(STATUS "${TARGET} compiled, but it must be refused")
  return()
endif()
if(NOT _out MATCHES "${EXPECT}")
  message(STATUS "${TARGET} failed without the expected diagnostic '${EXPECT}':\n${_out}")
  return()
endif()
message(FATAL_ERROR "${TARGET} refused as expected ('${EXPECT}')")
