#!/bin/sh
# valgrind.sh — the unit tests and a few CLI runs (every report format, invalid answers,
# an invalid rubric, scans of sites and a WARC) under valgrind memcheck: any error or leak fails. Run from the top with
# PATUH=... and UNIT_BIN="build/tests/test_x ..." (the Makefile's check-valgrind does).
set -u
PATUH=${PATUH:-build/patuh}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000 NO_COLOR=1 PATUH_RUBRICS=rubrics
passed=0 failed=0
if ! command -v valgrind >/dev/null; then
  echo "valgrind: not installed (apt-get install valgrind)"; exit 1
fi
VG="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible"

# run NAME CMD...: passes unless valgrind reports (exit 99)
run() {
  name=$1; shift
  $VG "$@" >"$tmp/out" 2>"$tmp/err"
  if [ $? = 99 ] || grep -q '^==[0-9]*==' "$tmp/err"; then
    echo "FAIL $name"; grep '^==' "$tmp/err" | head -n 30; failed=$((failed + 1))
  else passed=$((passed + 1)); fi
}

for t in ${UNIT_BIN:-}; do
  case $t in /*) ;; *) t=./$t ;; esac
  [ -x "$t" ] || { echo "FAIL $t: not built"; failed=$((failed + 1)); continue; }
  run "$t" "$t"
done
for ext in json csv xlsx; do
  run "score -o report.$ext" "$PATUH" score -r pengaduan samples/pengaduan -o "$tmp/r.$ext"
done
run "score table" "$PATUH" score -r pengaduan samples/pengaduan
run "score invalid answers" "$PATUH" score -r pengaduan samples/pengaduan \
  tests/bad/data/answers-out-of-range.yaml
run "validate bad answers" "$PATUH" validate -r tests/bad/data/mini.yaml tests/bad/data/mixed
run "rubric check bad" "$PATUH" rubric check tests/bad/data/rubric-invalid-utf8.yaml
run "rubric show" "$PATUH" rubric show ombudsman-2023
run "scan sites to YAML and XLSX" "$PATUH" scan -r publikasi-standar \
  --agencies samples/sites/agencies.csv -o "$tmp/s.yaml" -o "$tmp/s.xlsx" \
  samples/sites/kab-balangan samples/sites/kota-banjarbaru samples/sites/kab-lebak
run "scan a WARC" "$PATUH" scan -r publikasi-standar tests/fuzz/seeds/warc/members.warc.gz
run "scan refused" "$PATUH" scan -r publikasi-standar tests/bad/data/scan-symlink
echo "valgrind: $passed passed, $failed failed"
[ "$failed" = 0 ]
