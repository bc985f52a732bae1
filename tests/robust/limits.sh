#!/bin/sh
# limits.sh — resources (doc/robustness.md, "Limits"): generated inputs near the size where
# a quadratic step or an unbounded table showed, run under a virtual-memory cap (ulimit -v)
# and a time limit, so a regression fails instead of swapping. Run from the top of the tree
# with PATUH=...
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

echo "limits: $passed passed, $failed failed"
[ "$failed" = 0 ]
