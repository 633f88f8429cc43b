#!/usr/bin/env bash
# Builds everything (headers, tests, examples, benchmarks) with warnings as errors on
# ossify's own code and runs ctest. Non-zero exit on any failure.
#   scripts/test.sh              Release build in build/test
#   scripts/test.sh --sanitize   AddressSanitizer + UndefinedBehaviorSanitizer in build/sanitize
# The Release build also builds and runs the MPI adapter's tests (ossify/mpi, under mpirun on 1,
# 2 and 4 ranks; Open MPI is installed for them) unless OSSIFY_ENABLE_MPI=OFF; the sanitizer
# build leaves them out unless OSSIFY_ENABLE_MPI=ON (docs/mpi.md: MPI under ASan).
# The sanitizer build runs the library's unit tests (every layer but the scenarios); the
# scenario tests, examples, ossify-run and its tests, and the benchmarks are built and run under
# the sanitizers too with OSSIFY_SANITIZE_ALL=1 (CI leaves them to the Release half to stay within 30 minutes
# on 2 cores: they add ~10 minutes there).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ "${1:-}" = --sanitize ]; then
  export OSSIFY_ENABLE_MPI="${OSSIFY_ENABLE_MPI:-OFF}"
else
  export OSSIFY_ENABLE_MPI="${OSSIFY_ENABLE_MPI:-ON}"
fi
# shellcheck source=install-deps.sh
source scripts/install-deps.sh
ossify_install_deps

mode=test
args=(-DCMAKE_BUILD_TYPE=Release -DOSSIFY_BUILD_EXAMPLES=ON -DOSSIFY_BUILD_BENCHMARKS=ON -DOSSIFY_BUILD_TOOLS=ON)
case "${1:-}" in
  "") ;;
  --sanitize)
    mode=sanitize
    # Consumer-project, header and compile-fail tests prove build properties, which the
    # sanitizers do not change: the Release run covers them. Line tables only (-g1): the
    # sanitizers' reports name file and line, and the build is much cheaper than with -g.
    all=OFF
    [ "${OSSIFY_SANITIZE_ALL:-0}" = 1 ] && all=ON
    args=(-DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" -DOSSIFY_SANITIZE=ON
          -DOSSIFY_HEADER_TESTS=OFF -DOSSIFY_CONSUMER_TESTS=OFF -DOSSIFY_COMPILE_FAIL_TESTS=OFF
          -DOSSIFY_BUILD_EXAMPLES=$all -DOSSIFY_BUILD_BENCHMARKS=$all -DOSSIFY_BUILD_TOOLS=$all)
    [ "$all" = OFF ] && args+=(-DOSSIFY_SKIP_SCENARIO_TESTS=ON)
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    # Open MPI keeps allocations until exit that LeakSanitizer reports (in its own libraries).
    export LSAN_OPTIONS="suppressions=$root/tests/mpi/lsan.supp:print_suppressions=0"
    ;;
  *) echo "usage: scripts/test.sh [--sanitize]" >&2; exit 2 ;;
esac

generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
jobs=$(nproc 2>/dev/null || echo 2)

build="build/$mode"
cmake -S . -B "$build" "${generator[@]}" "${launcher[@]}" "${args[@]}" \
  -DOSSIFY_BUILD_TESTS=ON \
  -DOSSIFY_ENABLE_MPI="$OSSIFY_ENABLE_MPI"
cmake --build "$build" --parallel "$jobs"
ctest --test-dir "$build" --output-on-failure --parallel "$jobs" --timeout 900
