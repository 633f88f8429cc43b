#!/usr/bin/env bash
# refuse.sh LIST NAME BASE TESTBED RUN: runs the bad invocation NAME of the list file LIST
# ("name | program | setup | regex | arguments", bad_invocations.txt) with TESTBED
# (ossify-run-testbed) or RUN (ossify-run) in a fresh folder BASE/w prepared by SETUP, and checks
# that it is refused: exit status 2, stderr matching the regex (the option it names), nothing on
# stdout, and nothing in BASE/w created, changed or removed.
#   SETUP: none | results (out/r holds an earlier ossify-run result) | foreign (out/r holds other
#   files) | file (out/r is a file) | partial (out/r.partial exists) | default-results (the
#   default folder out/test-lattice holds a result) | params:JSON (p.json holds JSON)
set -u
list=$1 name=$2 base=$3 testbed=$4 run=$5
line=$(grep -m1 -- "^$name | " "$list") || { echo "refuse.sh: no invocation $name in $list"; exit 1; }
rest=${line#* | }; program=${rest%% | *}
rest=${rest#* | }; setup=${rest%% | *}
rest=${rest#* | }; regex=${rest%% | *}
argstring=${rest#* | }
[ "$argstring" = "$rest" ] && argstring=""
case "$program" in
  testbed) tool=$testbed ;;
  run) tool=$run ;;
  *) echo "refuse.sh: unknown program $program"; exit 1 ;;
esac
work=$base/w
rm -rf "$base" && mkdir -p "$work" && cd "$work" || exit 1
case "$setup" in
  none) ;;
  results) mkdir -p out/r && printf '{"schema": "ossify-run/summary/1", "kind": "run"}\n' > out/r/summary.json && echo old > out/r/stage_a.png ;;
  default-results) mkdir -p out/test-lattice && printf '{"schema": "ossify-run/summary/1"}\n' > out/test-lattice/summary.json ;;
  foreign) mkdir -p out/r && echo mine > out/r/notes.txt ;;
  file) mkdir -p out && echo x > out/r ;;
  partial) mkdir -p out/r.partial ;;
  params:*) printf '%s\n' "${setup#params:}" > p.json ;;
  *) echo "refuse.sh: unknown setup $setup" >&2; exit 1 ;;
esac
# Every path, every file's size, time and checksum (a folder's own time is left out: a run the
# scenario itself refuses creates its partial folder and removes it again).
snapshot() { find . -type d | sort; find . ! -type d -printf '%y %p %s %T@\n' | sort; find . -type f -print0 | sort -z | xargs -0 -r md5sum; }
before=$(snapshot)
eval "args=($argstring)"
"$tool" "${args[@]}" >"$base/stdout" 2>"$base/stderr"
rc=$?
after=$(snapshot)
status=0
if [ "$rc" -ne 2 ]; then echo "FAIL: exit status $rc, expected 2 (refused)"; status=1; fi
if ! grep -Eq -- "$regex" "$base/stderr"; then echo "FAIL: the message does not match /$regex/"; status=1; fi
if [ -s "$base/stdout" ]; then echo "FAIL: a refused invocation printed on stdout"; status=1; fi
if [ "$before" != "$after" ]; then echo "FAIL: the refused invocation changed the folder:"; diff <(echo "$before") <(echo "$after"); status=1; fi
echo "--- ossify-run ${argstring} (exit $rc):"
cat "$base/stderr"
exit $status
