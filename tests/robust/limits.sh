#!/bin/sh
# limits.sh — resources (doc/robustness.md, "Limits" and "Memory"): generated inputs near the
# size where a quadratic step or an unbounded table showed, and near each limit, run under a
# virtual-memory cap (ulimit -v) and a time limit, so a regression fails instead of swapping.
# The caps follow the bounds of doc/robustness.md, "Memory", for the input's size. With
# LIMITS_FULL=1 (make check) it also runs the inputs that sit at a limit and take tens of
# seconds: a million units, a million shortfalls, a form of 100,000 rows, 4,194,304 shared
# strings. Run from the top of the tree with PATUH=...
set -u
PATUH=${PATUH:-build/patuh}
case $PATUH in /*) ;; *) PATUH=$(pwd)/$PATUH ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export NO_COLOR=1 SOURCE_DATE_EPOCH=1700000000
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL $1"; failed=$((failed + 1)); }
PY=${PYTHON:-/usr/bin/python3}

# capped SECONDS MEGABYTES CMD...: runs CMD with at most that time and virtual memory
capped() {
  secs=$1 mb=$2
  shift 2
  (ulimit -v $((mb * 1024)) && exec timeout "$secs" "$@")
}

# rubric show of 100,000 indicators: the shares were quadratic (minutes), now linear
$PY - "$tmp/big.yaml" <<'END'
import sys
with open(sys.argv[1], "w") as f:
    f.write("patuh: 1\nid: big\ntitle: Big\nzones: {hijau: \"#63BE7B\"}\nscales:\n"
            "  ada:\n    - {value: 0, label: T}\n    - {value: 1, label: A}\n"
            "bands:\n  - {id: A, label: Baik, zone: hijau, min: 0}\nsections:\n"
            "  - id: S1\n    title: Satu\n    indicators:\n")
    for i in range(100000):
        f.write("      - {id: I%d, text: t, scale: ada}\n" % i)
END
capped 30 1024 "$PATUH" rubric show "$tmp/big.yaml" >"$tmp/show" 2>"$tmp/err"
got=$?
if [ $got = 0 ] && [ "$(tail -n 1 "$tmp/show" | tr -s ' ')" = "total 100.00% (100000 indicators)" ]
then ok; else bad "rubric show of 100000 indicators: exit $got (124: over 30 s)"; fi

# compare of two reports of 100,000 agencies: matching by an index, not a scan per agency
$PY - "$tmp" <<'END'
import json, sys
for name, shift in (("old", 0), ("new", 1)):
    ags = [{"id": "a%d" % i, "name": "A %d" % i, "group": "kota", "total": (i * 7 + shift) % 100,
            "band": "A", "zone": "hijau", "rank": i + 1} for i in range(100000)]
    with open("%s/%s.json" % (sys.argv[1], name), "w") as f:
        json.dump({"patuh": "0.1.0", "rubric": {"id": "big", "decimals": 2}, "agencies": ags}, f)
END
capped 60 1024 "$PATUH" compare "$tmp/old.json" "$tmp/new.json" -o "$tmp/cmp.json" 2>"$tmp/err"
got=$?
if [ $got = 0 ] && grep -q "wrote $tmp/cmp.json (100000 agencies, 2 periods)" "$tmp/err"; then ok; else
  bad "compare of 100000 agencies: exit $got (124: over 60 s)"; fi

# answers for rubrics/pengaduan.yaml: one agency with N units (four answers each), or N agencies
gen() { # gen units|agencies N FILE
  $PY - "$@" <<'END'
import sys
kind, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
ans = "{PR.1: 2, PR.2: 3, TL.2: 80, PG.1: 1}"
with open(out, "w") as f:
    f.write("patuh: 1\nrubric: pengaduan\n")
    if kind == "units":
        f.write("agency: {id: kab-x, name: Kab X, group: kabupaten}\nanswers: {KN.3: 2}\nunits:\n")
        for i in range(n):
            f.write("  - {id: u%d, answers: %s}\n" % (i, ans))
    else:
        f.write("agencies:\n")
        for i in range(n):
            f.write("  - {agency: {id: a%d, name: A %d, group: kabupaten}, answers: %s}\n"
                    % (i, i, ans))
END
}
export PATUH_RUBRICS=rubrics

# score: memory grows with the units (doc/robustness.md, "Memory": 48 MB of address space
# to start, then about 0.6 KB a unit); 100,000 units (107 MB by that rule) in 160 MB
gen units 100000 "$tmp/u100k.yaml"
capped 60 160 "$PATUH" score -r pengaduan "$tmp/u100k.yaml" -o "$tmp/u.json" 2>"$tmp/err"
got=$?
if [ $got = 0 ] && grep -q "wrote $tmp/u.json (1 agency" "$tmp/err"; then ok; else
  bad "score of one agency with 100000 units: exit $got"; sed 's/^/    /' "$tmp/err" | tail -n 3; fi

# gaps: memory grows with the shortfalls (about 0.2 KB each); 10,000 units of 14 shortfalls
# (KN.1, KN.2, KN.4, PR.3, PG.2, TL.1, TL.3-TL.5, PB.1-PB.3 missing; PR.1, PG.1 and TL.2
# below full marks) list 140,000 shortfalls (48 + 6 + 28 = 82 MB by the rule) in 160 MB
gen units 10000 "$tmp/u10k.yaml"
capped 60 160 "$PATUH" gaps -r pengaduan "$tmp/u10k.yaml" -o "$tmp/g.csv" 2>"$tmp/err"
got=$?
if [ $got = 0 ] && [ "$(grep -c ',u[0-9]*,' "$tmp/g.csv")" -ge 140000 ]; then ok; else
  bad "gaps of one agency with 10000 units: exit $got"; sed 's/^/    /' "$tmp/err" | tail -n 3; fi

# template: an XLSX form of more answer rows than the limit (100,000) is refused before
# anything is held: 5,883 agencies x 17 indicators = 100,011 rows
$PY -c 'import sys
with open(sys.argv[1], "w") as f:
    f.write("id,name,group\n" + "".join("a%d,A %d,kabupaten\n" % (i, i) for i in range(int(sys.argv[2]))))' \
  "$tmp/a5883.csv" 5883
capped 10 64 "$PATUH" template -r pengaduan --agencies "$tmp/a5883.csv" -o "$tmp/f.xlsx" 2>"$tmp/err"
got=$?
want="$tmp/f.xlsx: error: the form has 100011 answer rows, more than the limit of 100000 of an XLSX form, expected fewer agencies or units, or a CSV or YAML form"
if [ $got = 1 ] && [ "$(cat "$tmp/err")" = "$want" ] && [ ! -e "$tmp/f.xlsx" ]; then ok; else
  bad "template of 100011 answer rows: exit $got"; sed 's/^/    /' "$tmp/err" | tail -n 3; fi

if [ "${LIMITS_FULL:-}" = 1 ]; then
  # the largest form: 5,882 agencies x 17 = 99,994 rows, 1.6 KB a row in libxlsxwriter
  head -n 5883 "$tmp/a5883.csv" >"$tmp/a5882.csv"
  capped 300 384 "$PATUH" template -r pengaduan --agencies "$tmp/a5882.csv" -o "$tmp/f.xlsx" \
    2>"$tmp/err"
  got=$?
  if [ $got = 0 ] && grep -q "(5882 agencies, 99994 answer rows)" "$tmp/err"; then ok; else
    bad "template of 99994 answer rows: exit $got"; sed 's/^/    /' "$tmp/err" | tail -n 3; fi

  # the most units: 1,000,000 in one agency (it took 3.3 GB)
  gen units 1000000 "$tmp/u1m.yaml"
  capped 600 1024 "$PATUH" score -r pengaduan "$tmp/u1m.yaml" -o "$tmp/u.json" 2>"$tmp/err"
  got=$?
  if [ $got = 0 ] && grep -q "wrote $tmp/u.json (1 agency" "$tmp/err"; then ok; else
    bad "score of one agency with 1000000 units: exit $got"; sed 's/^/    /' "$tmp/err" | tail -n 3; fi
  rm -f "$tmp/u1m.yaml" "$tmp/u.json"

  # the most shortfalls: 71,000 units x 14 = 994,000, then 72,000 x 14 = 1,008,000 refused
  gen units 71000 "$tmp/u71k.yaml"
  capped 600 640 "$PATUH" gaps -r pengaduan "$tmp/u71k.yaml" -o "$tmp/g.json" 2>"$tmp/err"
  got=$?
  if [ $got = 0 ] && grep -q "^patuh: wrote $tmp/g.json" "$tmp/err"; then ok; else
    bad "gaps of 994000 shortfalls: exit $got"; sed 's/^/    /' "$tmp/err" | tail -n 3; fi
  rm -f "$tmp/g.json"
  gen units 72000 "$tmp/u72k.yaml"
  capped 600 640 "$PATUH" gaps -r pengaduan "$tmp/u72k.yaml" -o "$tmp/g.json" 2>"$tmp/err"
  got=$?
  if [ $got = 1 ] && [ ! -e "$tmp/g.json" ] && grep -qx "patuh: error: agency 'kab-x' has more shortfalls than the limit of 1000000 a list of gaps holds, expected fewer units in one run" "$tmp/err"
  then ok; else bad "gaps of 1008000 shortfalls: exit $got"; sed 's/^/    /' "$tmp/err" | tail -n 3; fi
  rm -f "$tmp/u71k.yaml" "$tmp/u72k.yaml"

  # many agencies: 100,000 of 15 shortfalls (1,500,000 in all, past max_gaps) are written to
  # CSV one agency at a time, so the run holds one agency's gaps (154 MB measured); a
  # workbook holds them all and is refused
  gen agencies 100000 "$tmp/a100k.yaml"
  capped 600 256 "$PATUH" gaps -r pengaduan "$tmp/a100k.yaml" -o "$tmp/g.csv" 2>"$tmp/err"
  got=$?
  if [ $got = 0 ] && [ "$(grep -c '^a[0-9]*,' "$tmp/g.csv")" -ge 1500000 ]; then ok; else
    bad "gaps of 100000 agencies to CSV: exit $got"; sed 's/^/    /' "$tmp/err" | tail -n 3; fi
  rm -f "$tmp/g.csv"
  capped 600 640 "$PATUH" gaps -r pengaduan "$tmp/a100k.yaml" -o "$tmp/g.xlsx" 2>"$tmp/err"
  got=$?
  if [ $got = 1 ] && [ ! -e "$tmp/g.xlsx" ] && grep -q "a gaps workbook holds" "$tmp/err"; then ok
  else bad "gaps of 100000 agencies to XLSX: exit $got"; sed 's/^/    /' "$tmp/err" | tail -n 3; fi
  rm -f "$tmp/a100k.yaml"

  # shared strings: 4,194,304 are read (99 MB of XML, 280 MB), one more is refused
  for n in 4194304 4194305; do
    $PY - "$tmp/sst.xlsx" "$n" <<'END'
import sys, zipfile
out, n = sys.argv[1], int(sys.argv[2])
NS = "http://schemas.openxmlformats.org/"
REL = NS + "officeDocument/2006/relationships"
def sheet(rows):
    cells = lambda r, row: "".join('<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>'
                                   % (chr(65 + c), r + 1, v) for c, v in enumerate(row) if v)
    return ('<worksheet xmlns="%sspreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>'
            % (NS, "".join('<row r="%d">%s</row>' % (r + 1, cells(r, row))
                           for r, row in enumerate(rows))))
def rel(i, kind, target):
    return '<Relationship Id="r%d" Type="%s/%s" Target="%s"/>' % (i, REL, kind, target)
parts = {
    "[Content_Types].xml": '<Types xmlns="%spackage/2006/content-types"><Override '
        'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/></Types>' % NS,
    "_rels/.rels": '<Relationships xmlns="%spackage/2006/relationships">%s</Relationships>'
        % (NS, rel(1, "officeDocument", "xl/workbook.xml")),
    "xl/workbook.xml": '<workbook xmlns="%sspreadsheetml/2006/main" xmlns:r="%s"><sheets>'
        '<sheet name="Instansi" sheetId="1" r:id="r1"/><sheet name="Jawaban" sheetId="2" '
        'r:id="r2"/></sheets></workbook>' % (NS, REL),
    "xl/_rels/workbook.xml.rels": '<Relationships xmlns="%spackage/2006/relationships">%s%s%s'
        '</Relationships>' % (NS, rel(1, "worksheet", "worksheets/sheet1.xml"),
                              rel(2, "worksheet", "worksheets/sheet2.xml"),
                              rel(3, "sharedStrings", "sharedStrings.xml")),
    "xl/worksheets/sheet1.xml": sheet([["id", "nama", "kelompok"], ["kab-a", "A", "kabupaten"]]),
    "xl/worksheets/sheet2.xml": sheet([["instansi", "unit", "indikator", "nilai"],
                                       ["kab-a", "", "PR.1", "1"]]),
    "xl/sharedStrings.xml": '<sst xmlns="%sspreadsheetml/2006/main">%s</sst>'
        % (NS, "".join("<si><t>p%d</t></si>" % i for i in range(n))),
}
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
    for name, text in parts.items():
        z.writestr(name, text)
END
    capped 300 512 "$PATUH" validate -r pengaduan "$tmp/sst.xlsx" >/dev/null 2>"$tmp/err"
    got=$?
    if [ $n = 4194304 ]; then
      if ! grep -q "shared strings" "$tmp/err" && grep -q "^1 agency, 0 units, 1 answer: 0 errors" "$tmp/err"
      then ok; else bad "4194304 shared strings: exit $got"; sed 's/^/    /' "$tmp/err" | tail -n 3; fi
    elif [ $got = 1 ] && grep -qx "$tmp/sst.xlsx: error: the workbook has more shared strings than the limit of 4194304, expected a patuh form" "$tmp/err"
    then ok; else bad "4194305 shared strings: exit $got"; sed 's/^/    /' "$tmp/err" | tail -n 3; fi
  done
fi

echo "limits: $passed passed, $failed failed"
[ "$failed" = 0 ]
