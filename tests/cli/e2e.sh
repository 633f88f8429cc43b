#!/usr/bin/env bash
# e2e.sh CASE TOOL CHECK BASE [SCENARIO [OPTIONS...]]: end-to-end checks of ossify-run (or its test
# bed) in a fresh folder BASE. TOOL is the program, CHECK is ossify-run-check, SCENARIO the scenario
# to run (default test-lattice; the cases that name test-lattice parameters need it), OPTIONS added
# to its runs (e.g. a shorter --until for a real scenario).
#   single      a run with --report: exit 0, the summary line with the seed, a valid summary.json
#               listing existing files, series.csv, report.html
#   threads     an ensemble run on 1 and on 2 threads: every file identical (summaries without their
#               run_info), and a valid ensemble summary with per-replicate summaries
#   population  an ensemble over distributions: every replicate records the values it drew, they
#               differ between replicates, stay in range, and do not depend on the thread count
#   params      a parameter file with values, units and distributions: used, and recorded with
#               their origin
#   overwrite   --overwrite replaces an earlier result as a whole (no old file left)
#   oat         a one-at-a-time screen: more apposition moves the bone volume fraction up
#   morris      a Morris screen: the design, the effects table, the picture; the same on 1 thread
#   list        --list-parameters after --set: values, units, ranges, origins, sources; nothing written
#   help        --help documents the default time step and its convergence; --version
set -u
case_=$1 tool=$2 check=$3 base=$4 scenario=${5:-test-lattice}
extra=("${@:6}")
rm -rf "$base" && mkdir -p "$base" && cd "$base" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
run() { echo "+ ossify-run $*"; "$tool" "$@" >stdout.txt 2>stderr.txt; local rc=$?; cat stdout.txt; [ $rc -eq 0 ] || { cat stderr.txt; fail "exit status $rc"; }; }
get() { "$check" get "$1" "$2" || fail "no $2 in $1"; }
threads=$(nproc 2>/dev/null || echo 1); [ "$threads" -ge 2 ] && threads=2

case "$case_" in
single)
  run "$scenario" --seed 7 --report --no-progress --out r "${extra[@]}"
  grep -Eq "^summary: $scenario, [0-9]+ of [0-9]+ events, day [0-9.]+, wall [0-9.e-]+ s, seed 7, written to .*/r \(report.html\)$" stdout.txt ||
    fail "no summary line with the seed"
  "$check" schema r/summary.json || fail "schema"
  [ "$(get r/summary.json /kind)" = run ] || fail "kind"
  [ "$(get r/summary.json /seed)" = 7 ] || fail "seed"
  [ -s r/report.html ] || fail "no report"
  if [ "$(get r/summary.json /series)" != null ]; then
    [ -s r/series.csv ] || fail "no series.csv"
    [ "$(grep -vc '^#' r/series.csv)" -ge 3 ] || fail "series.csv has no rows"
  fi
  ls r.partial 2>/dev/null && fail "the partial folder is left"
  ;;
threads)
  run "$scenario" --replicates 4 --threads 1 --no-progress --out t1 "${extra[@]}"
  run "$scenario" --replicates 4 --threads "$threads" --no-progress --out t2 "${extra[@]}"
  "$check" schema t1/summary.json || fail "schema"
  [ "$(get t1/summary.json /seeds)" = "[42,43,44,45]" ] || fail "seeds"
  [ "$(get t1/summary.json /aggregate/replicates)" = 4 ] || fail "aggregate"
  [ "$(get t2/summary.json /run_info/threads)" = "$threads" ] || fail "threads not recorded"
  "$check" same t1 t2 || fail "results depend on the thread count"
  grep -q "seeds 42..45" stdout.txt || fail "the seeds are not printed"
  if [ "$(get t1/summary.json /series)" != null ]; then [ -s t1/series_band.csv ] || fail "no series band"; fi
  ;;
population)
  dist=(--set 'apposition_rate=lognormal(3um/d, 0.6um/d)' --set 'commitment_rate=uniform(0.3/d, 0.7/d)')
  run "$scenario" --seeds 10..15 --threads 1 --no-progress --no-pictures --out p1 "${dist[@]}"
  run "$scenario" --seeds 10..15 --threads "$threads" --no-progress --no-pictures --out p2 "${dist[@]}"
  "$check" schema p1/summary.json || fail "schema"
  "$check" same p1 p2 || fail "draws or results depend on the thread count"
  seen=""
  for k in 0 1 2 3 4 5; do
    drawn=$(get p1/summary.json "/replicates/$k/drawn/apposition_rate")
    used=$(get "p1/replicate_$k/summary.json" /parameters/2/value)
    [ "$(get "p1/replicate_$k/summary.json" /parameters/2/name)" = apposition_rate ] || fail "parameter order"
    [ "$drawn" = "$used" ] || fail "replicate $k drew $drawn but ran with $used"
    awk -v x="$drawn" 'BEGIN { exit !(x > 0 && x <= 20) }' || fail "draw $drawn outside [0, 20]"
    c=$(get p1/summary.json "/replicates/$k/drawn/commitment_rate")
    awk -v x="$c" 'BEGIN { exit !(x >= 0.3 && x <= 0.7) }' || fail "uniform draw $c outside [0.3, 0.7]"
    case " $seen " in *" $drawn "*) fail "two replicates drew $drawn" ;; esac
    seen="$seen $drawn"
  done
  [ "$(get p1/summary.json /parameters/2/distribution/kind)" = log-normal ] || fail "distribution not recorded"
  [ "$(get p1/summary.json /aggregate/drawn/0/n)" = 6 ] || fail "drawn aggregate"
  ;;
params)
  cat > p.json <<'JSON'
{
  "scenario": "test-lattice",
  "parameters": {
    "apposition_rate": "2.5 um/d",
    "osteoblast_apoptosis": 0.2,
    "bmp2_source": {"distribution": "normal", "mean": "400 nM/d", "sd": "40 nM/d"},
    "commitment_rate": {"distribution": "log-normal", "median": "12 1/wk", "gsd": 1.2}
  }
}
JSON
  run test-lattice --params p.json --set osteoblast_apoptosis=0.25 --replicates 3 --no-progress --no-pictures --out r
  "$check" schema r/summary.json || fail "schema"
  [ "$(get r/replicate_0/summary.json /parameters/2/value)" = 2.5 ] || fail "apposition_rate from the file"
  [ "$(get r/replicate_0/summary.json /parameters/2/origin)" = "--params p.json" ] || fail "origin of a file value"
  [ "$(get r/replicate_0/summary.json /parameters/3/value)" = 0.25 ] || fail "--set overrides the file"
  [ "$(get r/replicate_0/summary.json /parameters/3/origin)" = "--set" ] || fail "origin of --set"
  [ "$(get r/summary.json /parameters/1/distribution/kind)" = log-normal ] || fail "log-normal from median and gsd"
  median=$(get r/summary.json /parameters/1/distribution/text)
  echo "commitment_rate: $median"
  ;;
overwrite)
  run "$scenario" --seed 1 --no-progress --out r "${extra[@]}"
  touch r/old_only.txt
  "$tool" "$scenario" --seed 2 --no-progress --out r "${extra[@]}" >stdout.txt 2>stderr.txt && fail "an occupied folder was accepted without --overwrite"
  run "$scenario" --seed 2 --no-progress --out r --overwrite "${extra[@]}"
  [ -e r/old_only.txt ] && fail "--overwrite left a file of the earlier run"
  [ "$(get r/summary.json /seed)" = 2 ] || fail "not the new run"
  ls -d r.* 2>/dev/null && fail "a temporary folder is left"
  ;;
oat)
  run "$scenario" --screen oat --factor apposition_rate=1..5 --factor osteoblast_apoptosis --replicates 2 --no-progress --report --out s
  "$check" schema s/summary.json || fail "schema"
  [ "$(get s/summary.json /screen/points)" = 5 ] || fail "points"
  [ "$(get s/summary.json /screen/runs)" = 10 ] || fail "runs"
  line=$(grep '^apposition_rate,1,5,um/d,bone_volume_fraction,' s/sensitivity.csv) || fail "no effect row"
  echo "$line"
  mu=$(echo "$line" | cut -d, -f8)
  awk -v x="$mu" 'BEGIN { exit !(x > 0) }' || fail "more apposition did not add bone (mu $mu)"
  case "$line" in *,yes) ;; *) fail "apposition_rate does not move the bone volume fraction" ;; esac
  "$check" png s/sensitivity.png 2000 || fail "picture"
  grep -q 'id="sensitivity"' s/report.html || fail "report without the screen"
  ;;
morris)
  run "$scenario" --screen morris --factor apposition_rate --factor bmp2_source --factor osteoblast_apoptosis --trajectories 4 --levels 4 \
    --replicates 2 --seed 3 --no-progress --out s
  "$check" schema s/summary.json || fail "schema"
  [ "$(get s/summary.json /screen/points)" = 16 ] || fail "points (4 trajectories x 4)"
  [ "$(get s/summary.json /seeds)" = "[3,4]" ] || fail "seeds"
  [ "$(get s/summary.json /screen/delta)" = "0.6666666666666666" ] || fail "delta"
  [ "$(grep -c ',yes$\|,no$' s/sensitivity.csv)" -ge 9 ] || fail "effects table"
  "$check" png s/sensitivity.png 2000 || fail "picture"
  grep -q "^summary: $scenario, morris screen, 32 runs, seeds 3..4, written to" stdout.txt || fail "summary line"
  run "$scenario" --screen morris --factor apposition_rate --factor bmp2_source --factor osteoblast_apoptosis --trajectories 4 --levels 4 \
    --replicates 2 --seed 3 --no-progress --out s1 --threads 1
  "$check" same s s1 || fail "the screen depends on the thread count"
  ;;
list)
  run test-lattice --list-parameters --set apposition_rate=60um/wk
  grep -Eq '^  apposition_rate = 8.57142857142857[0-9]* um/d  \[0, 20\]  --set$' stdout.txt || fail "apposition_rate line"
  grep -q 'Peyrin et al. 2005' stdout.txt || fail "sources"
  grep -Eq '^  osteoblast_apoptosis = 0.16 1/d  \[0, 10\]  default$' stdout.txt || fail "a default"
  [ -e out ] && fail "--list-parameters wrote files"
  ;;
help)
  run "$scenario" --help
  grep -Eq -- "--dt [0-9.]+ (min|h|d)" stdout.txt || fail "no default dt"
  grep -q "Time step: the default dt" stdout.txt || fail "no time-step statement"
  if [ "$scenario" = test-lattice ]; then
    grep -q -- "--dt 6 h" stdout.txt || fail "not the default dt of test-lattice"
    grep -q "converged: first osteoblast and first osteocyte move by less than one step" stdout.txt || fail "no convergence statement"
  fi
  run --help
  grep -q "$scenario" stdout.txt || fail "scenarios not listed"
  run --version
  grep -Eq "^ossify-run [0-9]+\.[0-9]+\.[0-9]+$" stdout.txt || fail "version"
  ;;
*) fail "unknown case $case_" ;;
esac
echo "ok: $case_"
