#!/bin/sh
# hostile.sh — a hostile environment or file tree (doc/robustness.md): SOURCE_DATE_EPOCH out of
# range or malformed is a usage error naming the rule, for every command that records a
# time (score, gaps, compare, template), never a crash in libxlsxwriter; folders with symbolic-link loops are read once each,
# every file once. Run from the top of the tree with PATUH=...
set -u
PATUH=${PATUH:-build/patuh}
case $PATUH in /*) ;; *) PATUH=$(pwd)/$PATUH ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export NO_COLOR=1
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL $1"; failed=$((failed + 1)); }
rubric=rubrics/pengaduan.yaml

# ---- SOURCE_DATE_EPOCH ----
SOURCE_DATE_EPOCH=1700000000 "$PATUH" score -r $rubric samples/pengaduan -o "$tmp/old.json" \
  2>/dev/null
cp "$tmp/old.json" "$tmp/new.json"
for epoch in 99999999999999999 253402300800 -1 1e9 12abc 99999999999999999999999; do
  for cmd in "score -r $rubric samples/pengaduan" "gaps -r $rubric samples/pengaduan" \
    "compare $tmp/old.json $tmp/new.json" "template -r $rubric"; do
    name=${cmd%% *}
    SOURCE_DATE_EPOCH=$epoch "$PATUH" $cmd -o "$tmp/r.xlsx" >/dev/null 2>"$tmp/err"
    got=$?
    want="patuh $name: SOURCE_DATE_EPOCH '$epoch' is not a time a report can record, expected whole seconds from 0 to 253402300799 (9999-12-31 23:59:59 UTC)"
    if [ $got = 2 ] && [ "$(head -n 1 "$tmp/err")" = "$want" ] && [ ! -e "$tmp/r.xlsx" ]; then
      ok; else bad "$name with SOURCE_DATE_EPOCH=$epoch: exit $got"; head -n 2 "$tmp/err"; fi
  done
done
# the last second a workbook's date holds is recorded as it is
SOURCE_DATE_EPOCH=253402300799 "$PATUH" score -r $rubric samples/pengaduan -o "$tmp/last.xlsx" \
  2>/dev/null
got=$?
if [ $got = 0 ] && /usr/bin/python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("docProps/core.xml").decode())' "$tmp/last.xlsx" | grep -q '9999-12-31T23:59:59Z'
then ok; else bad "SOURCE_DATE_EPOCH=253402300799: exit $got, or the date is not 9999-12-31"; fi

# ---- folders with symbolic-link loops: each folder walked once, each file read once ----
loops=$tmp/loops
mkdir -p "$loops/sub"
cp samples/pengaduan/kab-pandeglang.yaml "$loops/"
cp samples/pengaduan/prov-banten.yaml "$loops/sub/"
ln -s . "$loops/self1"           # two links to the folder itself: 2^32 paths without the rule
ln -s . "$loops/self2"
ln -s .. "$loops/sub/up"         # a link back to the parent
ln -s kab-pandeglang.yaml "$loops/again.yaml" # the same file by a second name
ln -s sub "$loops/sub-again"     # the same folder by a second name
timeout 20 "$PATUH" validate -r $rubric "$loops" >/dev/null 2>"$tmp/err"
got=$?
# kab-pandeglang.yaml has three missing answers: each warned once, at the first path in
# sorted order (again.yaml; the explicit ~ of PB.3 at its own line), and prov-banten.yaml read once
cat >"$tmp/want" <<END
$loops/again.yaml:6:9: warning: no answer for 'PR.3' of 'kab-pandeglang'
$loops/again.yaml:6:9: warning: no answer for 'TL.4' of 'kab-pandeglang'
$loops/again.yaml:24: warning: no answer for 'PB.3' of 'kab-pandeglang'
2 agencies, 0 units, 32 answers: 0 errors, 3 warnings
END
if [ $got = 0 ] && cmp -s "$tmp/want" "$tmp/err"; then ok; else
  bad "link loops: exit $got"; diff "$tmp/want" "$tmp/err" | head -n 8; fi

# ---- formulas in a CSV form: kept as text, read back as written ----
"$PATUH" template -r $rubric --agencies tests/cli/data/agencies-formulas.csv -o "$tmp/form.csv" \
  2>/dev/null
a="kab-a,,,KN.1,,,,\"'=HYPERLINK(\"\"http://x\"\",\"\"klik\"\")\",kabupaten,'+cmd|'/C calc'!A0,2024,"
b="kab-b,,,KN.1,,,,\"x;=1+1\",kabupaten,'@SUM(1),'-5,pengaduan,"
if grep -qF -- "$a" "$tmp/form.csv" && grep -qF -- "$b" "$tmp/form.csv"; then ok; else
  bad "template --agencies: formulas not kept as text"; grep -m2 '^kab-[ab],,,KN.1' "$tmp/form.csv"; fi
"$PATUH" score -r $rubric "$tmp/form.csv" --format json 2>/dev/null |
  grep -E '"(name|region|period)"' | sed 's/^ *//' >"$tmp/names"
cat >"$tmp/want" <<'END'
"name": "=HYPERLINK(\"http://x\",\"klik\")",
"region": "+cmd|'/C calc'!A0",
"period": "2024",
"name": "x;=1+1",
"region": "@SUM(1)",
"period": "-5",
END
if cmp -s "$tmp/want" "$tmp/names"; then ok; else
  bad "the CSV form read back: names changed"; diff "$tmp/want" "$tmp/names" | head -n 8; fi

# ---- a file name with a line break or an escape cannot forge a diagnostic line ----
nl=$(printf 'a\nkab-palsu.yaml:1:1: error: palsu\033[2J.yaml')
mkdir -p "$tmp/fnames"
printf 'patuh: 1\nrubric: pengaduan\nagency: {id: kab-a, name: A, group: kabupaten}\nanswers: {KN.1: 9}\n' \
  >"$tmp/fnames/$nl"
(cd "$tmp/fnames" && "$PATUH" validate -r "$OLDPWD/$rubric" "$nl") >/dev/null 2>"$tmp/err"
got=$?
first=$(head -n 1 "$tmp/err")
want="a\\nkab-palsu.yaml:1:1: error: palsu\\x1b[2J.yaml:4:17: error: expected a count 0-4 or a list of items for 'KN.1', got '9'"
if [ $got = 1 ] && [ "$first" = "$want" ] && ! grep -q "$(printf '\033')" "$tmp/err"; then ok
else bad "a file name with a line break: exit $got"; head -n 2 "$tmp/err"; fi

# ---- the YAML form: ids that need quoting, line breaks (U+2028, NEL, CR) in texts; read back
# blank, its agency is one warning: not assessed ----
q=tests/bad/data/rubric-quoting.yaml
"$PATUH" template -r $q --agencies tests/bad/data/agencies-quoting.csv -o "$tmp/form.yaml" \
  2>/dev/null
"$PATUH" validate -r $q "$tmp/form.yaml" >/dev/null 2>"$tmp/err"
got=$?
if [ $got = 0 ] && [ "$(tail -n 1 "$tmp/err")" = "1 agency, 0 units, 0 answers: 0 errors, 1 warning" ]
then ok; else bad "the YAML form of rubric-quoting: exit $got"; head -n 3 "$tmp/err"; fi
# the name with U+2028 comes back as it was given
name=$("$PATUH" score -r $q "$tmp/form.yaml" --format json 2>/dev/null | grep '"name"')
[ "$name" = "$(printf '      "name": "Kota\342\200\250A: 1",')" ] && ok || bad "the YAML form: name read back as $name"

echo "hostile: $passed passed, $failed failed"
[ "$failed" = 0 ]
