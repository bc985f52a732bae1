#!/bin/sh
# run.sh — runs each libFuzzer target for SECONDS with its seed corpus (samples/, rubrics/,
# tests/bad/data/, and tests/fuzz/seeds/ for CSV and XLSX: see make_seeds.py), prints how many
# inputs each executed, and fails on any finding. Corpora grow in build/fuzz/corpus/NAME,
# findings land in build/fuzz/artifacts/, logs in build/fuzz/logs/, and every run is appended
# to build/fuzz/executions.tsv (target, executions, seconds it ran, exit code).
# Usage: sh tests/fuzz/run.sh SECONDS build/fuzz/fuzzers/fuzz_x ...   (from the tree's top)
# With FUZZ_RUNS=N in the environment a target also stops after N executions (for the long
# runs: FUZZ_RUNS=10500000 with a generous SECONDS stops at 10.5 million, whichever comes first).
# FUZZ_SEED=N fixes libFuzzer's random seed, so a run with FUZZ_RUNS is the same on every
# machine (the CI smoke run); `make fuzz` without them explores anew each time.
set -u
seconds=$1
shift
out=build/fuzz
mkdir -p "$out/corpus" "$out/artifacts" "$out/logs"
passed=0 failed=0

seeds_for() { # the read-only seed directories of a target
  case $1 in
    fuzz_rubric) echo "rubrics tests/bad/data" ;;
    fuzz_csv) echo "tests/fuzz/seeds/csv tests/bad/data" ;;
    fuzz_xlsx) echo "tests/fuzz/seeds/xlsx tests/bad/data" ;;
    fuzz_report) echo "tests/cli/data tests/bad/data" ;;
    fuzz_compare) echo "tests/fuzz/seeds/compare" ;;
    fuzz_template) echo "tests/fuzz/seeds/template" ;;
    fuzz_scan_html) echo "samples/sites tests/bad/data/kab-fiktif" ;;
    fuzz_scan_warc) echo "tests/fuzz/seeds/warc" ;;
    *) echo "samples tests/bad/data" ;;
  esac
}

for bin in "$@"; do
  name=$(basename "$bin")
  mkdir -p "$out/corpus/$name"
  dict=tests/fuzz/$name.dict
  [ -f "$dict" ] || dict=tests/fuzz/yaml.dict
  log=$out/logs/$name.log
  max_len=16384
  [ "$name" = fuzz_xlsx ] && max_len=65536 # a template workbook's parts are ~23 KB
  case $name in fuzz_compare | fuzz_template) max_len=65536 ;; esac # two files joined
  runs_opt=
  start=$(date +%s)
  [ -n "${FUZZ_RUNS:-}" ] && runs_opt=-runs=$FUZZ_RUNS
  [ -n "${FUZZ_SEED:-}" ] && runs_opt="$runs_opt -seed=$FUZZ_SEED"
  # shellcheck disable=SC2046,SC2086
  # the leak of libxlsxwriter 1.1.4 that check-san also suppresses (tools/lsan.supp)
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    LSAN_OPTIONS=suppressions=$(pwd)/tools/lsan.supp:print_suppressions=0 \
    "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
    -print_final_stats=1 $runs_opt -dict="$dict" -artifact_prefix="$out/artifacts/$name-" \
    "$out/corpus/$name" $(seeds_for "$name") >"$log" 2>&1
  rc=$?
  elapsed=$(($(date +%s) - start))
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  printf '%s\t%s\t%s\t%s\n' "$name" "${runs:-0}" "$elapsed" "$rc" >>"$out/executions.tsv"
  if [ $rc = 0 ]; then
    echo "$name: ${runs:-0} executions in ${elapsed}s, clean"
    passed=$((passed + 1))
  else
    echo "FAIL $name: exit $rc after ${runs:-?} executions, see $log"
    grep -E '^(==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)' "$log" | head -n 5
    failed=$((failed + 1))
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" = 0 ]
