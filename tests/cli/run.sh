#!/bin/sh
# run.sh — runs every declarative CLI case in tests/cli/cases/*.case (and the bad-input corpus
# in tests/bad/*.case): argv, optional stdin, the expected exit code and, when given, the
# exact stdout and stderr. Run from the top of the tree with PATUH=path/to/patuh.
#
# Case format:
#   # what the case checks
#   args: score -r rubrics/pengaduan.yaml tests/cli/data/x.yaml   (shell words)
#   stdin: tests/cli/data/x.yaml                                  (optional)
#   env: LANG=id_ID.UTF-8                     (optional; each case starts from LANG=C with
#                                              LC_ALL, LC_MESSAGES and LANGUAGE unset)
#   exit: 1
#   --- stdout                                                    (optional, exact)
#   ...
#   --- stderr                                                    (optional, exact)
#   ...
# In the output, the top of the tree (where patuh finds its rubrics) reads $TOP, and the
# folder cases write to reads $OUT.
set -u
PATUH=${PATUH:-build/patuh}
case $PATUH in /*) ;; *) PATUH=$(pwd)/$PATUH ;; esac
top=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
OUT=$tmp/out # cases may write reports to $OUT/...
mkdir -p "$OUT"
passed=0 failed=0

section() { # section NAME FILE: the lines after "--- NAME" up to the next "--- " line
  awk -v want="--- $1" '/^--- /{on = ($0 == want); next} on' "$2"
}
has_section() { grep -qx -- "--- $1" "$2"; }
field() { sed -n "s/^$1: //p" "$2" | head -n 1; }

run_case() {
  file=$1 name=$(basename "$1" .case)
  args=$(field args "$file") want_exit=$(field exit "$file") stdin=$(field stdin "$file")
  case_env=$(field env "$file")
  [ -n "$stdin" ] || stdin=/dev/null
  eval "set -- $args"
  # shellcheck disable=SC2086 # env holds VAR=VALUE words
  env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=C $case_env \
    NO_COLOR=1 SOURCE_DATE_EPOCH=1700000000 PATUH_RUBRICS=rubrics COLUMNS= \
    "$PATUH" "$@" <"$stdin" >"$tmp/stdout" 2>"$tmp/stderr"
  got_exit=$?
  sed -i "s|$OUT|\$OUT|g; s|$top|\$TOP|g" "$tmp/stdout" "$tmp/stderr"
  ok=1
  if [ "$got_exit" != "$want_exit" ]; then
    echo "FAIL $name: exit $got_exit, expected $want_exit"; ok=0
  fi
  for stream in stdout stderr; do
    has_section $stream "$file" || continue
    section $stream "$file" >"$tmp/want"
    if ! diff -u "$tmp/want" "$tmp/$stream" >"$tmp/diff"; then
      echo "FAIL $name: $stream differs"; sed 's/^/    /' "$tmp/diff" | head -n 40; ok=0
    fi
  done
  if [ $ok = 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}

for f in tests/cli/cases/*.case tests/bad/*.case; do
  [ -f "$f" ] && run_case "$f"
done
# a failed write to standard output is exit 3, never silent
if [ -w /dev/full ]; then
  "$PATUH" --version >/dev/full 2>"$tmp/stderr"; got=$?
  if [ $got = 3 ] && grep -q "cannot write to standard output" "$tmp/stderr"; then
    passed=$((passed + 1))
  else
    echo "FAIL stdout-full: exit $got, expected 3"; failed=$((failed + 1))
  fi
fi
# under a generated id_ID.UTF-8 locale (the cases above run without one): messages are
# Indonesian, and numbers keep their decimal point although the locale's is a comma
loc=$tmp/locale
if mkdir -p "$loc" && localedef -i id_ID -f UTF-8 "$loc/id_ID.UTF-8" >/dev/null 2>&1; then
  cmd="$PATUH score -r rubrics/pengaduan.yaml samples/pengaduan"
  env -u LC_ALL -u LANGUAGE LOCPATH="$loc" LANG=id_ID.UTF-8 NO_COLOR=1 $cmd >"$tmp/id.out" 2>"$tmp/id.err"
  env -u LC_ALL -u LANGUAGE LANG=C NO_COLOR=1 $cmd >"$tmp/c.out" 2>/dev/null
  decimal=$(env -u LC_ALL LOCPATH="$loc" LC_NUMERIC=id_ID.UTF-8 locale decimal_point)
  if [ "$decimal" = "," ] && cmp -s "$tmp/id.out" "$tmp/c.out" &&
    grep -q "warning: 'kab-pandeglang': 3 dari 17 belum dijawab (PR.3, TL.4, PB.3)" "$tmp/id.err"; then
    passed=$((passed + 1))
  else
    echo "FAIL locale-id: expected Indonesian messages and the same report as under LANG=C"
    failed=$((failed + 1))
  fi
else
  echo "FAIL locale-id: localedef cannot build id_ID.UTF-8 (install locales: make deps)"
  failed=$((failed + 1))
fi
# progress only on a terminal (a pseudo-terminal from script(1)), never with NO_COLOR; every
# case above checks that none is written when stderr is not a terminal
if command -v script >/dev/null 2>&1; then
  cmd="$PATUH score -r rubrics/pengaduan.yaml samples/pengaduan -o $OUT/progress.json"
  script -qc "$cmd" /dev/null </dev/null >"$tmp/tty" 2>&1
  script -qc "NO_COLOR=1 $cmd" /dev/null </dev/null >"$tmp/tty-nc" 2>&1
  if grep -q "patuh: reading 1 files" "$tmp/tty" && ! grep -q "reading" "$tmp/tty-nc"; then
    passed=$((passed + 1))
  else
    echo "FAIL progress: expected progress on a terminal and none with NO_COLOR"
    failed=$((failed + 1))
  fi
fi
echo "cli: $passed passed, $failed failed"
[ "$failed" = 0 ]
