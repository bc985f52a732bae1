#!/bin/sh
# run.sh — the shipped rubrics' numbers are all sourced or labelled choices (numbers.py), and
# numbers.py itself fails, with one located line per number, on a file with uncommented
# numbers (data/uncommented.yaml, whose comments say which numbers are covered and why).
# Run from the top of the tree.
set -u
PYTHON=${PYTHON:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

if ! $PYTHON tests/rubrics/numbers.py rubrics/*.yaml >"$tmp/out" 2>"$tmp/err"; then
  echo "FAIL numbers: a shipped rubric has a number without a 'Sumber:' or 'Pilihan:' comment"
  cat "$tmp/err"; fail=1
fi

$PYTHON tests/rubrics/numbers.py tests/rubrics/data/uncommented.yaml >"$tmp/out" 2>"$tmp/err"
got=$?
if [ "$got" != 1 ]; then
  echo "FAIL numbers-uncommented: exit $got, expected 1"; fail=1
fi
if ! diff -u tests/rubrics/data/uncommented.stderr "$tmp/err" >"$tmp/diff"; then
  echo "FAIL numbers-uncommented: stderr differs"; sed 's/^/    /' "$tmp/diff"; fail=1
fi
if [ -s "$tmp/out" ]; then
  echo "FAIL numbers-uncommented: a failing file printed a success line"; fail=1
fi

[ $fail = 0 ] && echo "rubrics: every number sourced or a choice; the check fails on uncommented numbers"
exit $fail
