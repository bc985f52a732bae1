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

"$PATUH" score --strict -r publikasi-standar "$tmp/p.yaml" >/dev/null 2>"$tmp/err"
check "--strict refuses unreviewed proposals" "1" "$?"

echo "scan: $passed passed, $failed failed"
[ "$failed" = 0 ]
