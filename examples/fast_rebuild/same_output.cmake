# The split build (fast_rebuild) prints exactly what the one-file README program prints.
#   cmake -DA=<readme_lattice> -DB=<fast_rebuild> -DDIR=<working dir> -P same_output.cmake
file(MAKE_DIRECTORY ${DIR})
execute_process(COMMAND ${A} WORKING_DIRECTORY ${DIR} RESULT_VARIABLE _ra OUTPUT_VARIABLE _a)
execute_process(COMMAND ${B} WORKING_DIRECTORY ${DIR} RESULT_VARIABLE _rb OUTPUT_VARIABLE _b)
if(NOT _ra EQUAL 0 OR NOT _rb EQUAL 0)
  message(FATAL_ERROR "a program failed: readme_lattice ${_ra}, fast_rebuild ${_rb}")
endif()
if(NOT _a STREQUAL _b OR _a STREQUAL "")
  message(FATAL_ERROR "outputs differ:\n readme_lattice: ${_a}\n fast_rebuild:   ${_b}")
endif()
message(STATUS "same output: ${_b}")
