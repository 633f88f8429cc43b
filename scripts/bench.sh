#!/usr/bin/env bash
# Runs every benchmark (Release build in build/bench) with JSON output into out/bench/<name>.json
# and prints a compact table (name, real time, items/s, counters).
#   scripts/bench.sh                 all benchmarks, median of 5 repetitions
#   scripts/bench.sh lattice         only bench_lattice (any name of benchmarks/<name>.cpp)
#   OSSIFY_BENCH_OPENMP=ON scripts/bench.sh   build with OpenMP (adds the 2-thread cases)
#   OSSIFY_BENCH_ARGS="--benchmark_filter=n:1024" scripts/bench.sh lattice
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck source=install-deps.sh
source scripts/install-deps.sh
ossify_install_deps

generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
build=build/bench
cmake -S . -B "$build" "${generator[@]}" "${launcher[@]}" -DCMAKE_BUILD_TYPE=Release \
  -DOSSIFY_BUILD_TESTS=OFF -DOSSIFY_BUILD_EXAMPLES=OFF -DOSSIFY_BUILD_BENCHMARKS=ON \
  -DOSSIFY_ENABLE_OPENMP="${OSSIFY_BENCH_OPENMP:-OFF}" >/dev/null

names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for f in benchmarks/*.cpp; do names+=("$(basename "$f" .cpp)"); done
fi
targets=()
for n in "${names[@]}"; do targets+=("bench_$n"); done
cmake --build "$build" --target "${targets[@]}" --parallel "${OSSIFY_BENCH_JOBS:-1}"

mkdir -p out/bench
read -r -a extra <<<"${OSSIFY_BENCH_ARGS:-}"
for n in "${names[@]}"; do
  echo "== bench_$n" >&2
  "$build/benchmarks/bench_$n" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
    --benchmark_format=json --benchmark_out="out/bench/$n.json" --benchmark_out_format=json \
    "${extra[@]}" >/dev/null
done

# Compact table of the medians.
python3 - "${names[@]}" <<'PY'
import json, sys
skip = {"name", "run_name", "run_type", "repetitions", "repetition_index", "threads", "iterations",
        "real_time", "cpu_time", "time_unit", "aggregate_name", "aggregate_unit", "family_index",
        "per_family_instance_index", "items_per_second", "bytes_per_second", "label"}
for name in sys.argv[1:]:
    data = json.load(open(f"out/bench/{name}.json"))
    print(f"\n{name} ({data['context'].get('num_cpus')} cpus, {data['context'].get('mhz_per_cpu')} MHz)")
    for b in data["benchmarks"]:
        if b.get("aggregate_name", "median") != "median":
            continue
        extra = []
        if "items_per_second" in b:
            extra.append(f"{b['items_per_second'] / 1e6:9.2f} M items/s")
        if "bytes_per_second" in b:
            extra.append(f"{b['bytes_per_second'] / 1e9:7.2f} GB/s")
        extra += [f"{k}={v:.4g}" for k, v in b.items() if k not in skip and isinstance(v, (int, float))]
        print(f"  {b['run_name']:<52} {b['real_time']:10.3f} {b['time_unit']}  " + "  ".join(extra))
PY
echo "JSON in out/bench/" >&2
