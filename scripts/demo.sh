#!/usr/bin/env bash
# Quick start: installs what is missing (apt-get), builds the main example and runs it,
# writing its results under out/ and printing a short summary.
#   scripts/demo.sh [seed]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck source=install-deps.sh
source scripts/install-deps.sh
ossify_install_deps

generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
build=build/demo
cmake -S . -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
  -DOSSIFY_BUILD_TESTS=OFF -DOSSIFY_BUILD_BENCHMARKS=OFF -DOSSIFY_BUILD_EXAMPLES=ON >/dev/null
cmake --build "$build" --target ossification_center --parallel "$(nproc 2>/dev/null || echo 2)"
mkdir -p out
"$build/examples/ossification_center" out/ossification_center "${1:-42}" 21
echo
echo "Pictures: $(ls out/ossification_center/*.png | tr '\n' ' ')"
echo "Open the .vti files in ParaView; metrics.csv has the time series."
