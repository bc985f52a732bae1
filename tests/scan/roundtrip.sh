#!/bin/sh
# roundtrip.sh — `patuh scan` over the sample sites gives exactly tests/scan/proposed.yaml
# (answers and evidence), and `patuh score` reads it: totals computed by hand below, an
# assessor's answer replacing a proposal in either order, the unreviewed count as a warning,
# --strict refusing unreviewed proposals. Run from the top of the tree with PATUH=...
set -u
PATUH=${PATUH:-build/patuh}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
check() { # check NAME EXPECTED GOT
  if [ "$2" = "$3" ]; then passed=$((passed + 1)); else
    echo "FAIL $1:"; echo "  expected: $2"; echo "  got:      $3"; failed=$((failed + 1)); fi
}
export SOURCE_DATE_EPOCH=1700000000 PATUH_RUBRICS=rubrics NO_COLOR=1
sites="samples/sites/kab-balangan samples/sites/kota-banjarbaru samples/sites/kab-lebak"

# shellcheck disable=SC2086
"$PATUH" scan -r publikasi-standar --agencies samples/sites/agencies.csv -o "$tmp/p.yaml" $sites \
  2>"$tmp/err"
check "scan exit and stderr" "0:" "$?:$(cat "$tmp/err")"
if diff -u tests/scan/proposed.yaml "$tmp/p.yaml" >"$tmp/diff"; then passed=$((passed + 1)); else
  echo "FAIL scan output differs from tests/scan/proposed.yaml"; head -n 40 "$tmp/diff"
  failed=$((failed + 1)); fi

# Weights: standar 60, kanal 25, maklumat 15 (MK.1 and MK.2 equal).
#   kab-balangan:    SP.1 6/6, KD.1 4 >= need 3, MK.1 1, MK.2 1      -> 100
#   kota-banjarbaru: SP.1 3/6 = 50, KD.1 3/3 = 100, MK 1 and 0 = 50
#                    -> 0.60*50 + 0.25*100 + 0.15*50 = 30 + 25 + 7.5 = 62.5
#   kab-lebak:       nothing found                                    -> 0
totals() { "$PATUH" score -r publikasi-standar -o "$tmp/r.csv" "$@" 2>"$tmp/err" &&
  cut -d, -f3,8 "$tmp/r.csv" | tail -n +2 | tr '\n' ' '; }
check "scored proposals" "kab-balangan,100.00 kota-banjarbaru,62.50 kab-lebak,0.00 " \
  "$(totals "$tmp/p.yaml")"
check "unreviewed count" \
  "$tmp/p.yaml: warning: 12 answers proposed by 'patuh scan' are used unreviewed, expected an assessor's answer for each" \
  "$(grep warning "$tmp/err")"

# The assessor's KD.1 for kab-lebak (3 channels, need 3): kanal 100 -> 0.25*100 = 25.
for order in "tests/scan/assessor.yaml $tmp/p.yaml" "$tmp/p.yaml tests/scan/assessor.yaml"; do
  # shellcheck disable=SC2086
  check "assessor first or last ($order)" \
    "kab-balangan,100.00 kota-banjarbaru,62.50 kab-lebak,25.00 " "$(totals $order)"
  check "one proposal fewer unreviewed" \
    "$tmp/p.yaml: warning: 11 answers proposed by 'patuh scan' are used unreviewed, expected an assessor's answer for each" \
    "$(grep warning "$tmp/err")"
done

# The evidence workbook, read back with openpyxl: the proposals, one row per item with where
# it was found or "tidak", the sites' notes; the same inputs give the same bytes.
# shellcheck disable=SC2086
"$PATUH" scan -r publikasi-standar --agencies samples/sites/agencies.csv -o "$tmp/b.xlsx" \
  -o "$tmp/b.yaml" $sites 2>"$tmp/err"
check "workbook and YAML in one run" "0:" "$?:$(cat "$tmp/err")"
check "the YAML beside the workbook is the same" "" "$(cmp "$tmp/b.yaml" "$tmp/p.yaml" 2>&1)"
# shellcheck disable=SC2086
"$PATUH" scan -r publikasi-standar --agencies samples/sites/agencies.csv -o "$tmp/c.xlsx" $sites
check "the same workbook bytes twice" "" "$(cmp "$tmp/b.xlsx" "$tmp/c.xlsx" 2>&1)"
check "no YAML on stdout with only a workbook" "" \
  "$("$PATUH" scan -r publikasi-standar -o "$tmp/d.xlsx" samples/sites/kab-lebak)"
got=$(${PYTHON:-/usr/bin/python3} - "$tmp/b.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(wb.sheetnames)
ws = wb["Usulan"]
rows = list(ws.iter_rows(values_only=True))
print(rows[0]); print(rows[6])
ws = wb["Bukti"]
rows = list(ws.iter_rows(values_only=True))
print(len(rows) - 1)  # 3 sites x (6 + 5 + 1 + 1) items
print(rows[1][:4], rows[1][5])
print([r[:4] for r in rows if r[0] == "kab-lebak" and r[2] == "lapor"])
ws = wb["Situs"]
print([r[5] for r in ws.iter_rows(values_only=True) if r[0] == "kab-lebak"])
PY
)
check "workbook content" "['Usulan', 'Bukti', 'Situs']
('instansi', 'indikator', 'judul', 'usulan', 'ditemukan', 'dari')
('kota-banjarbaru', 'KD.1', 'Kanal pengaduan daring diumumkan', 'lapor; media-sosial; formulir', 3, 5)
39
('kab-balangan', 'SP.1', 'persyaratan', 'ya') /html/body/table/tbody/tr[1]/th
[('kab-lebak', 'KD.1', 'lapor', 'tidak')]
[\"'samples/sites/kab-lebak/index.html': hanya kerangka JavaScript, perlu peramban, periksa manual\"]" \
  "$got"

# --lang en: the workbook's labels, sheet names and notes in English, the rest the same; the
# messages follow --lang as in every command.
# shellcheck disable=SC2086
"$PATUH" scan -r publikasi-standar --lang en --agencies samples/sites/agencies.csv \
  -o "$tmp/en.xlsx" $sites 2>"$tmp/err"
check "--lang en workbook" "0:" "$?:$(cat "$tmp/err")"
got=$(${PYTHON:-/usr/bin/python3} - "$tmp/en.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(wb.sheetnames)
print(next(wb["Evidence"].iter_rows(values_only=True)))
print([r[3] for r in wb["Evidence"].iter_rows(values_only=True) if r[0] == "kab-lebak"][:1])
print([r[5] for r in wb["Sites"].iter_rows(values_only=True) if r[0] == "kab-balangan"])
PY
)
check "--lang en workbook content" "['Proposals', 'Evidence', 'Sites']
('agency', 'indicator', 'item', 'found', 'page', 'xpath', 'captured', 'sha256', 'snippet')
['no']
[\"'samples/sites/kab-balangan/index.html': the same bytes as 'samples/sites/kab-balangan/beranda.html', skipped\", 'linked PDF, listed, not parsed: ../dokumen/sp-kk-2024.pdf', 'linked PDF, listed, not parsed: dokumen/maklumat-pelayanan.pdf']" \
  "$got"
"$PATUH" scan -r publikasi-standar --lang id -o "$tmp/x.yaml" tests/bad/data/kab-fiktif \
  samples/sites/kab-lebak samples/sites/kab-lebak 2>"$tmp/err"
check "--lang id: the messages in Indonesian" \
  "1:samples/sites/kab-lebak: error: situs instansi 'kab-lebak' diberikan dua kali, pertama sebagai 'samples/sites/kab-lebak', seharusnya satu situs per instansi" \
  "$?:$(cat "$tmp/err")"

"$PATUH" score --strict -r publikasi-standar "$tmp/p.yaml" >/dev/null 2>"$tmp/err"
check "--strict refuses unreviewed proposals" "1" "$?"

# The proposals as the answer form of `patuh template` (--form): scored to the same totals
# as the YAML (hand-computed above), the same 12 unreviewed, yielding to the assessor, and
# refused by --strict; written beside the YAML and the workbook in one run.
# shellcheck disable=SC2086
"$PATUH" scan -r publikasi-standar --agencies samples/sites/agencies.csv --form "$tmp/f.xlsx" \
  -o "$tmp/f.yaml" -o "$tmp/fb.xlsx" $sites 2>"$tmp/err"
check "form, YAML and workbook in one run" "0:" "$?:$(cat "$tmp/err")"
check "the YAML beside the form is the same" "" "$(cmp "$tmp/f.yaml" "$tmp/p.yaml" 2>&1)"
check "the workbook beside the form is the same" "" "$(cmp "$tmp/fb.xlsx" "$tmp/b.xlsx" 2>&1)"
check "scored form" "kab-balangan,100.00 kota-banjarbaru,62.50 kab-lebak,0.00 " \
  "$(totals "$tmp/f.xlsx")"
check "form: unreviewed count" \
  "$tmp/f.xlsx: warning: 12 answers proposed by 'patuh scan' are used unreviewed, expected an assessor's answer for each" \
  "$(grep warning "$tmp/err")"
check "form: the assessor's answer first" \
  "kab-balangan,100.00 kota-banjarbaru,62.50 kab-lebak,25.00 " \
  "$(totals tests/scan/assessor.yaml "$tmp/f.xlsx")"
"$PATUH" score --strict -r publikasi-standar "$tmp/f.xlsx" >/dev/null 2>"$tmp/err"
check "form: --strict refuses unreviewed proposals" "1" "$?"
check "no YAML on stdout with only a form" "" \
  "$("$PATUH" scan -r publikasi-standar --form "$tmp/g.xlsx" samples/sites/kab-lebak)"
got=$(${PYTHON:-/usr/bin/python3} - "$tmp/f.xlsx" "$tmp/h.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(wb.sheetnames)
info = wb["Petunjuk"]
print(info["A2"].value, info["B2"].value, "|", info["A3"].value, info["B3"].value)
rows = list(wb["Jawaban"].iter_rows(values_only=True))
print(len(rows) - 1)  # 3 agencies x 4 indicators
k = [r for r in rows if r[0] == "kota-banjarbaru" and r[3] == "KD.1"][0]
print(k[5], "|", k[7])
print(k[6].split("\n")[0])
print([r[5] for r in rows if r[0] == "kab-lebak"])
info["B3"] = "orang"  # a form whose proposer is not scan: an error at the cell
wb.save(sys.argv[2])
PY
)
check "form content" "['Petunjuk', 'Instansi', 'Daftar', 'Jawaban']
rubrik publikasi-standar | diusulkan oleh scan
12
lapor; media-sosial; formulir | proposed by scan: 3 of 5 found; not found: whatsapp, email
lapor: samples/sites/kota-banjarbaru/pengaduan.html | /html/body/p[2]/a[1] | 2023-11-14T22:13:20Z | sha256:fbd9b5a82b8d1d95add5b8236bd8598bfa11fc9fa8ff4a24b37d4c3805e074cb | http://lapor.go.id
['0', '0', '0', '0']" "$got"
"$PATUH" score -r publikasi-standar "$tmp/h.xlsx" >/dev/null 2>"$tmp/err"
check "a form proposed by another" \
  "1:$tmp/h.xlsx:Petunjuk!B3: error: expected 'scan' for 'proposed by', got 'orang'" \
  "$?:$(cat "$tmp/err")"

echo "scan: $passed passed, $failed failed"
[ "$failed" = 0 ]
