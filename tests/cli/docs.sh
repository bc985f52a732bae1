#!/bin/sh
# docs.sh — the docs cannot drift from the code: each command's first --help usage line must
# be its man page's SYNOPSIS, and every EXAMPLES line of every man page that starts with
# `patuh ` must run (exit 0) against the shipped rubrics and samples. Run from the top of
# the tree with PATUH=path/to/patuh.
set -u
PATUH=${PATUH:-build/patuh}
case $PATUH in /*) ;; *) PATUH=$(pwd)/$PATUH ;; esac
top=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL $*"; failed=$((failed + 1)); }

# roff to text: drop escapes for '-' and font changes
unroff() { sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\(em/--/g' -e 's/\\&//g'; }

for page in man/patuh-*.1; do
  cmd=$(basename "$page" .1 | sed 's/^patuh-//')
  synopsis=$(sed -n '/^\.SH SYNOPSIS/,/^\.SH /p' "$page" | grep '^patuh ' | unroff | head -n 1)
  usage=$("$PATUH" "$cmd" --help 2>/dev/null | sed -n 's/^usage: //p' | head -n 1)
  if [ -n "$synopsis" ] && [ "$synopsis" = "$usage" ]; then ok; else
    bad "$page: SYNOPSIS '$synopsis' differs from 'patuh $cmd --help' usage '$usage'"; fi
done

# examples run in a scratch folder that sees rubrics/ and samples/ as the top of the tree does
ln -s "$top/rubrics" "$tmp/rubrics"
ln -s "$top/samples" "$tmp/samples"
for page in man/*.1 man/*.5; do
  sed -n '/^\.SH EXAMPLES/,/^\.SH /p' "$page" | unroff | grep '^patuh ' >"$tmp/examples" || continue
  while IFS= read -r line; do
    (cd "$tmp" && eval "SOURCE_DATE_EPOCH=1700000000 NO_COLOR=1 \"$PATUH\" ${line#patuh }" \
      >/dev/null 2>"$tmp/err" </dev/null)
    rc=$?
    if [ $rc = 0 ]; then ok; else bad "$page: example '$line' exited $rc: $(head -n 3 "$tmp/err")"; fi
  done <"$tmp/examples"
done
echo "docs: $passed passed, $failed failed"
[ "$failed" = 0 ]
