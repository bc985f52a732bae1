#!/bin/sh
# atomic.sh — a failed or interrupted `patuh score -o REPORT` leaves an existing REPORT
# byte-for-byte unchanged and no temporary file (.REPORT.tmp-*) behind: invalid input, a
# directory in the way, a file-size limit hit mid-write (the same EFBIG/ENOSPC path as a
# full disk), and runs killed at many moments. Run from the top of the tree with PATUH=...
set -u
PATUH=${PATUH:-build/patuh}
case $PATUH in /*) ;; *) PATUH=$(pwd)/$PATUH ;; esac
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000 NO_COLOR=1
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL $1"; failed=$((failed + 1)); }
rubric=rubrics/pengaduan.yaml
good=samples/pengaduan
invalid=tests/bad/data/answers-out-of-range.yaml

# no_temps DIR: no .NAME.tmp-* file is left in DIR
no_temps() { [ -z "$(find "$1" -name '.*.tmp-*' 2>/dev/null)" ]; }

# check NAME FILE COPY: FILE still equals COPY and DIR has no temporary file
check() {
  if cmp -s "$2" "$3" && no_temps "$(dirname "$2")"; then ok; else
    bad "$1: report changed or temporary file left"; ls -la "$(dirname "$2")"; fi
}

for ext in json csv xlsx; do
  d=$tmp/$ext
  mkdir -p "$d"
  report=$d/report.$ext
  "$PATUH" score -r $rubric $good -o "$report" 2>/dev/null || bad "$ext: first run failed"
  cp "$report" "$tmp/copy.$ext"

  # invalid input: exit 1, nothing touched
  "$PATUH" score -r $rubric $good $invalid -o "$report" 2>/dev/null
  [ $? = 1 ] && ok || bad "$ext invalid input: expected exit 1"
  check "$ext invalid input" "$report" "$tmp/copy.$ext"

  # an invalid rubric: exit 1, nothing touched
  "$PATUH" score -r tests/bad/data/rubric-empty.yaml $good -o "$report" 2>/dev/null
  [ $? = 1 ] && ok || bad "$ext invalid rubric: expected exit 1"
  check "$ext invalid rubric" "$report" "$tmp/copy.$ext"

  # writing stops part way (file-size limit: the write fails like on a full disk)
  (ulimit -f 2; trap '' XFSZ; exec "$PATUH" score -r $rubric $good \
    -o "$report") 2>"$tmp/err"
  rc=$?
  [ $rc = 3 ] && ok || bad "$ext write limit: exit $rc, expected 3"
  check "$ext write limit" "$report" "$tmp/copy.$ext"

  # a directory where the report should go: rename fails, the temp file is removed
  mkdir -p "$d/taken.$ext"
  "$PATUH" score -r $rubric $good -o "$d/taken.$ext" 2>/dev/null
  rc=$?
  if [ $rc = 3 ] && [ -d "$d/taken.$ext" ] && no_temps "$d"; then ok; else
    bad "$ext directory in the way: exit $rc"; fi

  # a directory that does not exist: exit 3, nothing created
  "$PATUH" score -r $rubric $good -o "$d/missing/report.$ext" 2>/dev/null
  rc=$?
  [ $rc = 3 ] && [ ! -e "$d/missing" ] && ok || bad "$ext missing directory: exit $rc"
done

# killed at many moments of a larger run (520 agencies): the old report is whole, whatever
# the moment; a run that finished in time has replaced it with a whole new one
big=$tmp/big
mkdir -p "$big"
for i in $(seq 1 40); do
  for f in $good/*.yaml; do
    sed "s/\(agency: {id: \)\([a-z0-9-]*\)/\1\2-$i/" "$f" >"$big/$i-$(basename "$f")"
  done
done
interrupted=0
for ext in json xlsx; do
  report=$tmp/$ext/report.$ext
  "$PATUH" score -r $rubric "$big" -o "$tmp/whole.$ext" 2>/dev/null || bad "$ext: big run failed"
  for delay in 0.002 0.005 0.01 0.015 0.02 0.025 0.03 0.04 0.05 0.07; do
    for sig in KILL TERM INT; do
      timeout -s $sig $delay "$PATUH" score -r $rubric "$big" -o "$report" 2>/dev/null
      [ $? -ge 124 ] && interrupted=$((interrupted + 1))
      if cmp -s "$report" "$tmp/copy.$ext"; then ok
      elif cmp -s "$report" "$tmp/whole.$ext"; then ok; cp "$tmp/copy.$ext" "$report"
      else bad "$ext killed ($sig after ${delay}s): the report is neither the old nor a whole new one"
      fi
      # only SIGKILL may leave a temporary file behind; clean it for the next round
      if [ $sig != KILL ] && ! no_temps "$tmp/$ext"; then
        bad "$ext killed ($sig after ${delay}s): temporary file left"
      fi
      find "$tmp/$ext" -name '.*.tmp-*' -exec rm -f {} +
    done
  done
done
echo "atomic: $interrupted of 60 runs were interrupted before they finished"

echo "atomic: $passed passed, $failed failed"
[ "$failed" = 0 ]
