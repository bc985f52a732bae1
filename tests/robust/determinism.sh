#!/bin/sh
# determinism.sh — the same inputs and SOURCE_DATE_EPOCH give byte-identical XLSX, JSON and
# CSV reports (cmp), whatever the order the input files were created in, whatever the
# directory they sit in and whatever the -o file name. Run from the top with PATUH=...
set -u
PATUH=${PATUH:-build/patuh}
case $PATUH in /*) ;; *) PATUH=$(pwd)/$PATUH ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000 NO_COLOR=1
passed=0 failed=0

for set in pengaduan ombudsman-2023 pekppp-2023; do
  rubric=rubrics/$set.yaml
  [ -f "$rubric" ] || continue
  # the same files, created in opposite orders, in directories of different names
  mkdir -p "$tmp/$set/forward/in" "$tmp/$set/backward/in"
  for f in $(ls samples/$set); do cp "samples/$set/$f" "$tmp/$set/forward/in/"; done
  for f in $(ls -r samples/$set); do cp "samples/$set/$f" "$tmp/$set/backward/in/"; done
  for ext in json csv xlsx; do
    a=$tmp/$set/forward/report.$ext b=$tmp/$set/backward/another-name.$ext
    (cd "$tmp/$set/forward" && "$PATUH" score -r "$OLDPWD/$rubric" in -o "report.$ext") \
      2>/dev/null
    (cd "$tmp/$set/backward" && "$PATUH" score -r "$OLDPWD/$rubric" in \
      -o "another-name.$ext") 2>/dev/null
    "$PATUH" score -r "$rubric" "samples/$set" -o "$tmp/$set/third.$ext" 2>/dev/null
    # the input paths are the same relative names ("in/..."), so the two must agree byte
    # for byte although the -o names differ; a second run on samples/ must repeat the first
    if [ -s "$a" ] && cmp -s "$a" "$b"; then passed=$((passed + 1)); else
      echo "FAIL $set $ext: reports differ between directory orders"; failed=$((failed + 1))
    fi
    "$PATUH" score -r "$rubric" "samples/$set" -o "$tmp/$set/again.$ext" 2>/dev/null
    if [ -s "$tmp/$set/third.$ext" ] && cmp -s "$tmp/$set/third.$ext" "$tmp/$set/again.$ext"
    then passed=$((passed + 1)); else
      echo "FAIL $set $ext: two runs on the same inputs differ"; failed=$((failed + 1))
    fi
  done
done
# the answer form: SOURCE_DATE_EPOCH fixes its bytes too (its creation time), also when the
# two runs are a second or more apart (the same file name in two folders: the workbook's
# instructions name the file)
mkdir -p "$tmp/run1" "$tmp/run2"
for ext in xlsx csv yaml; do
  "$PATUH" template -r rubrics/pengaduan.yaml -o "$tmp/run1/form.$ext" 2>/dev/null
  sleep 1
  "$PATUH" template -r rubrics/pengaduan.yaml -o "$tmp/run2/form.$ext" 2>/dev/null
  if [ -s "$tmp/run1/form.$ext" ] && cmp -s "$tmp/run1/form.$ext" "$tmp/run2/form.$ext"; then
    passed=$((passed + 1))
  else
    echo "FAIL template $ext: two runs a second apart differ"; failed=$((failed + 1))
  fi
done
echo "determinism: $passed passed, $failed failed"
[ "$failed" = 0 ]
