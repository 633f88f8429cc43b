#!/usr/bin/env bash
# ossify_run_mpi.sh BASE TOOL CHECK MPIEXEC NPFLAG [MPIEXEC FLAGS...]: an ensemble of ossify-run's
# test scenario run by `mpirun -np 2` (the replicates shared among the ranks, one thread each),
# against the same ensemble on one process and two threads: every file identical (summaries
# without their run_info), the aggregate and every replicate's summary; a virtual population too
# (its draws recorded for the replicates the other rank ran); --overwrite, and a folder holding
# results refused; a single run (rank 0 alone); an ensemble refused on every rank leaves nothing.
set -u
base=$1 tool=$2 check=$3 mpiexec=$4 np=$5
flags=("${@:6}")
rm -rf "$base" && mkdir -p "$base" && cd "$base" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
mpirun2() { "$mpiexec" "$np" 2 "${flags[@]}" "$tool" "$@"; }
mpirun2 test-lattice --replicates 5 --threads 1 --no-progress --out m >m.txt 2>&1 || { cat m.txt; fail "mpirun exit status"; }
cat m.txt
"$tool" test-lattice --replicates 5 --threads 2 --no-progress --out t >t.txt 2>&1 || { cat t.txt; fail "threaded exit status"; }
"$check" schema m/summary.json || fail "schema"
"$check" same m t || fail "mpirun's ensemble differs from the threaded one"
[ "$(grep -c '^summary: ' m.txt)" = 1 ] || fail "not one summary line (only rank 0 prints)"
grep -q '5 replicate(s) on 2 ranks x 1 thread(s)' m.txt || fail "the replicates were not shared among 2 ranks"
[ "$("$check" get m/summary.json /run_info/ranks)" = 2 ] || fail "run_info does not record 2 ranks"
[ "$("$check" get t/summary.json /run_info/ranks)" = 1 ] || fail "run_info does not record 1 rank"
ls m.partial 2>/dev/null && fail "the partial folder is left"
mpirun2 test-lattice --replicates 5 --threads 1 --no-progress --out m --overwrite >o.txt 2>&1 || { cat o.txt; fail "--overwrite"; }
"$check" same m t || fail "an ensemble over ranks with --overwrite differs from the threaded one"
mpirun2 test-lattice --replicates 5 --threads 1 --no-progress --out m >h.txt 2>&1 && fail "a folder holding results was not refused"
grep -q 'add --overwrite' h.txt || { cat h.txt; fail "no message naming --overwrite"; }
mpirun2 test-lattice --seed 3 --no-progress --out s1 >s1.txt 2>&1 || { cat s1.txt; fail "a single run under mpirun"; }
"$tool" test-lattice --seed 3 --no-progress --out s2 >s2.txt 2>&1 || fail "a single run"
"$check" same s1 s2 || fail "a single run under mpirun (rank 0 alone) differs"
dist=(--set 'apposition_rate=lognormal(3um/d, 0.6um/d)')
mpirun2 test-lattice --seeds 10..14 --threads 1 --no-progress --no-pictures --out pm "${dist[@]}" >pm.txt 2>&1 || { cat pm.txt; fail "population"; }
"$tool" test-lattice --seeds 10..14 --threads 2 --no-progress --no-pictures --out pt "${dist[@]}" >pt.txt 2>&1 || fail "population, threaded"
"$check" same pm pt || fail "a virtual population over ranks differs from the threaded one"
mpirun2 test-lattice --replicates 0 --out bad >bad.txt 2>&1 && fail "a refused ensemble succeeded"
ls bad bad.partial 2>/dev/null && fail "a refused ensemble left files"
# Refused by the scenario when its replicates start (on both ranks): the threaded run's refusal.
refused=(test-sheet --grid 48x16 --set source_radius=100um --replicates 3 --no-progress)
mpirun2 "${refused[@]}" --out bad2 >bad2.txt 2>&1; rc=$?
[ $rc -ne 0 ] || fail "an ensemble the scenario refused succeeded"
grep -q -- '--grid: the scenario refused it: test-sheet: grid\[1\] = 16 sites is invalid' bad2.txt || { cat bad2.txt; fail "not the threaded run's refusal"; }
[ "$(grep -c 'scenario refused it' bad2.txt)" = 1 ] || { cat bad2.txt; fail "not one message (only rank 0 prints)"; }
ls bad2 bad2.partial 2>/dev/null && fail "a refused ensemble left files"
echo "ossify-run over 2 ranks: the threaded run's results"
