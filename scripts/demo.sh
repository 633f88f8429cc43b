#!/usr/bin/env bash
# Quick start: installs what is missing (apt-get), builds ossify-run and runs the Figure 6.4.1
# scenario (the four stages of intramembranous ossification), writing its results and its report
# under out/figure-6.4.1 and printing where the stage pictures and the report are.
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
  -DOSSIFY_BUILD_TESTS=OFF -DOSSIFY_BUILD_BENCHMARKS=OFF -DOSSIFY_BUILD_EXAMPLES=OFF -DOSSIFY_BUILD_TOOLS=ON >/dev/null
cmake --build "$build" --target ossify-run --parallel "$(nproc 2>/dev/null || echo 2)"
out=out/figure-6.4.1
# --overwrite replaces an earlier demo's results (only a folder holding an ossify-run result).
"$build/tools/ossify-run" figure-6.4.1 --seed "${1:-42}" --out "$out" --overwrite --report
echo
echo "Stage pictures (Figure 6.4.1 a-d):"
for s in a b c d; do
  if [[ -f "$out/stage_$s.png" ]]; then echo "  ($s) $out/stage_$s.png"; else echo "  ($s) not reached"; fi
done
echo "Report (pictures, metrics over time, parameters with sources, model vs published): $out/report.html"
echo "Summary: $out/summary.json; time series: $out/series.csv. Open the .vti files in ParaView."
