#!/usr/bin/env bash
# report_browser.sh TOOL CHECK BASE CHROMIUM [SCENARIO OPTIONS...]: writes the reports of an
# ensemble (pictures, bands, a virtual population), a single run and a screen of the test bed, or
# with SCENARIO the report of an ensemble of two replicates of that scenario of ossify-run (with
# OPTIONS); loads each in headless Chromium from a file URL, and fails on any console message (the
# report's own script reports a picture that did not decode or a plot without a line there), on a
# page without the expected sections, plots and pictures, or on an empty screenshot. Exits 77
# (skipped) only when Chromium is not installed.
set -u
tool=$1 check=$2 base=$3 chromium=$4 scenario=${5:-}
extra=("${@:6}")
if [ "$chromium" = none ] || [ ! -x "$chromium" ]; then
  echo "chromium is not installed (Debian package chromium; scripts/install-deps.sh installs it): skipped"
  exit 77
fi
rm -rf "$base" && mkdir -p "$base" && cd "$base" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
browse() {  # browse NAME FILE ARGS...: chromium with a fresh profile, its log in NAME.log
  local name=$1 file=$2; shift 2
  local profile; profile=$(mktemp -d "$base/profile.XXXXXX")
  timeout 90 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --disable-extensions --user-data-dir="$profile" --enable-logging=stderr --v=0 \
    --virtual-time-budget=5000 "$@" "file://$base/$file" >"$name.out" 2>"$name.log"
  local rc=$?
  rm -rf "$profile"
  [ $rc -eq 0 ] || { tail -20 "$name.log"; fail "chromium exited with $rc on $file"; }
  if grep -q "CONSOLE" "$name.log"; then grep "CONSOLE" "$name.log"; fail "console messages on $file"; fi
}
page() {  # page NAME FILE: load FILE, check the DOM after the page's own check ran
  browse "$1" "$2" --dump-dom
  local dom=$1.out
  grep -q 'data-report-check="ok"' "$dom" || fail "$2: the page's check did not pass (or did not run)"
  for id in run seeds pictures parameters validation; do grep -q "id=\"$id\"" "$dom" || fail "$2: no section $id"; done
}

if [ -n "$scenario" ]; then
  "$tool" "$scenario" --seeds 42..43 --report --no-progress --out ensemble "${extra[@]}" >ensemble.txt 2>&1 ||
    { cat ensemble.txt; fail "the ensemble run failed"; }
  page ensemble ensemble/report.html
  grep -Eq 'data-pictures="[1-9][0-9]*"' ensemble.out || fail "no pictures in the report"
  grep -Eq 'data-plots="[1-9][0-9]*"' ensemble.out || fail "no plots in the report"
  grep -q 'class="band"' ensemble.out || fail "no ensemble bands"
  grep -q '42...43 (2 seeds)' ensemble.out || fail "the seeds are not shown"
  browse shot ensemble/report.html --screenshot="$base/ensemble.png" --window-size=1280,2400 --hide-scrollbars
  "$check" png "$base/ensemble.png" 40000 || fail "the screenshot is empty"
  echo "ok: the report of $scenario loads without console messages; screenshot checked"
  exit 0
fi

"$tool" test-lattice --seeds 42..44 --report --no-progress --out ensemble --set 'apposition_rate=lognormal(3um/d, 0.5um/d)' >ensemble.txt 2>&1 ||
  { cat ensemble.txt; fail "the ensemble run failed"; }
page ensemble ensemble/report.html
grep -Eq 'data-pictures="[1-9][0-9]*"' ensemble.out || fail "no pictures in the ensemble report"
grep -Eq 'data-plots="[1-9][0-9]*"' ensemble.out || fail "no plots in the ensemble report"
grep -q 'class="band"' ensemble.out || fail "no ensemble bands"
grep -q '42...44 (3 seeds)' ensemble.out || fail "the seeds are not shown"
grep -q 'Franz-Odendaal et al. 2006' ensemble.out || fail "no published source in the validation table"
grep -q 'id="replicates"' ensemble.out || fail "no replicate table"
grep -q 'log-normal(mean 3, sd 0.5)' ensemble.out || fail "the distribution is not shown"
browse shot ensemble/report.html --screenshot="$base/ensemble.png" --window-size=1280,2400 --hide-scrollbars
"$check" png "$base/ensemble.png" 40000 || fail "the screenshot is empty"

"$tool" test-lattice --report --no-progress --out single >single.txt 2>&1 || { cat single.txt; fail "the single run failed"; }
page single single/report.html
grep -Eq 'data-pictures="[1-9]' single.out || fail "no pictures in the single-run report"

"$tool" test-lattice --screen oat --factor apposition_rate --report --no-progress --out screen >screen.txt 2>&1 || { cat screen.txt; fail "the screen failed"; }
page screen screen/report.html
grep -q '<svg class="heatmap"' screen.out || fail "no heat map in the screen report"
echo "ok: three reports load without console messages; screenshot checked"
