# ossify-run under mpirun (OSSIFY_ENABLE_MPI): the driver shares an ensemble's replicates among
# the ranks (tools/ossify-run/mpi_ensemble.hpp); tests/mpi/ossify_run_mpi.sh checks that
# `mpirun -np 2 ... --replicates 5` writes the threaded run's results. Included from
# tools/CMakeLists.txt.
find_package(MPI REQUIRED COMPONENTS CXX)
target_compile_definitions(ossify_run_driver INTERFACE OSSIFY_RUN_MPI=1 OMPI_SKIP_MPICXX=1 MPICH_SKIP_MPICXX=1)
target_link_libraries(ossify_run_driver INTERFACE MPI::MPI_CXX)
if(OSSIFY_BUILD_TESTS AND TARGET ossify-run-testbed)
  execute_process(COMMAND ${MPIEXEC_EXECUTABLE} --version OUTPUT_VARIABLE _ossify_run_mpiexec ERROR_QUIET)
  set(_flags "")
  set(_env "")
  if(_ossify_run_mpiexec MATCHES "Open MPI|OpenRTE")
    set(_flags --oversubscribe --bind-to none)
    set(_env "OMPI_ALLOW_RUN_AS_ROOT=1;OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1;OMPI_MCA_btl_vader_single_copy_mechanism=none")
  endif()
  find_program(OSSIFY_BASH bash REQUIRED)
  add_test(NAME mpi.ossify-run.ensemble
    COMMAND ${OSSIFY_BASH} ${PROJECT_SOURCE_DIR}/tests/mpi/ossify_run_mpi.sh ${CMAKE_CURRENT_BINARY_DIR}/mpi-ensemble
            $<TARGET_FILE:ossify-run-testbed> $<TARGET_FILE:ossify-run-check> ${MPIEXEC_EXECUTABLE} ${MPIEXEC_NUMPROC_FLAG} ${_flags})
  set_tests_properties(mpi.ossify-run.ensemble PROPERTIES ENVIRONMENT "${_env}" TIMEOUT 600 RESOURCE_LOCK ossify_mpi)
endif()
