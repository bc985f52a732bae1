#!/bin/sh
# po.sh — tools/po-check.sh passes po/id.po against the messages of the sources, and fails a
# translation with a message left out, one left untranslated, one fuzzy, or one whose
# format does not match. Run from the top of the tree with POT=build/po/patuh.pot.
set -u
POT=${POT:-build/po/patuh.pot}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
expect() { # expect pass|fail WHAT PO
  if sh tools/po-check.sh "$POT" "$3" >"$tmp/out" 2>&1; then got=pass; else got=fail; fi
  if [ "$got" = "$1" ]; then passed=$((passed + 1)); else
    echo "FAIL po-check on $2: expected $1, got $got"; sed 's/^/    /' "$tmp/out" | head -n 5
    failed=$((failed + 1))
  fi
}
expect pass "po/id.po" po/id.po
# the same translation, broken four ways
msg="the rubric has no zones, expected at least one"
awk -v m="msgid \"$msg\"" '$0 == m {skip = 2} skip {skip--; next} {print}' po/id.po >"$tmp/missing.po"
expect fail "a message left out" "$tmp/missing.po"
awk -v m="msgid \"$msg\"" 'hit {print "msgstr \"\""; hit = 0; next} {print} $0 == m {hit = 1}' \
  po/id.po >"$tmp/untranslated.po"
expect fail "a message left untranslated" "$tmp/untranslated.po"
awk -v m="msgid \"$msg\"" '$0 == m {print "#, fuzzy"} {print}' po/id.po >"$tmp/fuzzy.po"
expect fail "a fuzzy translation" "$tmp/fuzzy.po"
sed 's/^msgstr "berkas melebihi batas %zu bita"$/msgstr "berkas melebihi batas %s bita"/' \
  po/id.po >"$tmp/format.po"
if cmp -s po/id.po "$tmp/format.po"; then
  echo "FAIL po-check: the format case no longer edits po/id.po"; failed=$((failed + 1))
else
  expect fail "a format that does not match" "$tmp/format.po"
fi
echo "po: $passed passed, $failed failed"
[ "$failed" = 0 ]
