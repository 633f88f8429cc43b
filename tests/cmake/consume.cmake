# cmake -DMODE=<find_package|add_subdirectory|fetchcontent|plain_include>
#       -DSOURCE=<ossify source> -DWORK=<scratch dir> -DCXX=<compiler> [-DGENERATOR=...] -P consume.cmake
# Builds and runs tests/cmake/consumer against ossify in the chosen way.
cmake_minimum_required(VERSION 3.21)
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(consumer "${SOURCE}/tests/cmake/consumer")

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}")
  endif()
endfunction()

set(gen "")
if(GENERATOR)
  set(gen -G "${GENERATOR}")
endif()

if(MODE STREQUAL "plain_include")
  # Vendoring: copy include/ somewhere else and compile with nothing but -I.
  file(COPY "${SOURCE}/include" DESTINATION "${WORK}/vendored")
  run(${CXX} -std=c++20 -Wall -Wextra -Wpedantic -Werror -I "${WORK}/vendored/include"
      "${consumer}/main.cpp" -o "${WORK}/consumer")
  run("${WORK}/consumer")
  return()
endif()

set(extra "")
if(MODE STREQUAL "find_package")
  # Install ossify (headers only: nothing to build) into a prefix, then find it there.
  run(${CMAKE_COMMAND} -S "${SOURCE}" -B "${WORK}/ossify-build" ${gen}
      -DOSSIFY_BUILD_TESTS=OFF -DOSSIFY_BUILD_EXAMPLES=OFF -DOSSIFY_BUILD_BENCHMARKS=OFF
      -DOSSIFY_INSTALL=ON -DCMAKE_INSTALL_PREFIX=${WORK}/prefix)
  run(${CMAKE_COMMAND} --install "${WORK}/ossify-build")
  set(extra -DCMAKE_PREFIX_PATH=${WORK}/prefix)
endif()
run(${CMAKE_COMMAND} -S "${consumer}" -B "${WORK}/build" ${gen} -DCMAKE_CXX_COMPILER=${CXX}
    -DOSSIFY_CONSUME=${MODE} -DOSSIFY_SOURCE_DIR=${SOURCE} ${extra})
run(${CMAKE_COMMAND} --build "${WORK}/build")
run("${WORK}/build/consumer")
