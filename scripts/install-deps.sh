#!/usr/bin/env bash
# Installs what ossify's build, tests and examples need on Debian 12 / Ubuntu 22.04+.
# Skips apt when every package is present; uses sudo when not root; otherwise prints the
# one command to run and exits non-zero. Sourced by demo.sh and test.sh, or run alone.
set -euo pipefail

OSSIFY_PACKAGES=(g++ cmake ninja-build libboost-dev librange-v3-dev catch2 libbenchmark-dev)

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
