#!/usr/bin/env bash
# Installs what ossify's build, tests, examples and the ossify-run tool need on Debian 12 /
# Ubuntu 22.04+. Skips apt when every package is present; uses sudo when not root; otherwise
# prints the one command to run and exits non-zero. Sourced by demo.sh and test.sh, or run alone.
#
# Chromium (for the test that loads ossify-run's report.html in a headless browser; the test is
# skipped without it) is installed in CI (CI set), when OSSIFY_BROWSER=1, or when this script is
# run on its own; demo.sh does not need it.
set -euo pipefail

# The library needs Boost and range-v3 only; libcli11-dev and nlohmann-json3-dev are for the
# ossify-run command-line tool (tools/ossify-run).
OSSIFY_PACKAGES=(g++ cmake ninja-build libboost-dev librange-v3-dev catch2 libbenchmark-dev libcli11-dev nlohmann-json3-dev python3)
if [ -n "${CI:-}" ] || [ "${OSSIFY_BROWSER:-0}" = 1 ] || [ "${BASH_SOURCE[0]}" = "$0" ]; then
  OSSIFY_PACKAGES+=(chromium)
fi
# Open MPI for the MPI adapter's tests, example and benchmark (ossify/mpi; CMake option
# OSSIFY_ENABLE_MPI, which scripts/test.sh turns on unless OSSIFY_ENABLE_MPI=OFF).
if [ "${OSSIFY_ENABLE_MPI:-OFF}" = ON ]; then
  OSSIFY_PACKAGES+=(libopenmpi-dev openmpi-bin)
fi

ossify_missing_packages() {
  local missing=() p
  for p in "${OSSIFY_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  echo "${missing[@]:-}"
}

ossify_install_deps() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "ossify: not a Debian/Ubuntu system; install by hand: ${OSSIFY_PACKAGES[*]}" >&2
    command -v cmake >/dev/null && command -v c++ >/dev/null && return 0 || return 1
  fi
  local missing
  missing=$(ossify_missing_packages)
  [ -z "$missing" ] && return 0
  echo "ossify: installing missing packages: $missing" >&2
  local apt=(apt-get)
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      apt=(sudo apt-get)
    else
      echo "ossify: these packages are missing and I cannot install them without root. Run:" >&2
      echo "  sudo apt-get update && sudo apt-get install -y $missing" >&2
      return 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${apt[@]}" update -qq
  # shellcheck disable=SC2086
  "${apt[@]}" install -y -qq --no-install-recommends $missing >/dev/null
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  ossify_install_deps
fi
