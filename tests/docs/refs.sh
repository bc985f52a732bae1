#!/bin/sh
# refs.sh — tools/check-doc-refs.py catches what it promises: a citation of the old contract
# or of a path outside the repository, a missing doc file, a missing section (also split over
# two comment lines, and a bare § inside a doc file), and passes a tree that cites only what
# exists. Run from the top of the tree.
set -u
# Run from a hook or `git rebase --exec`, git exports GIT_DIR: 'git init' below would then
# re-initialise the caller's repository (as a bare one) instead of making the scratch tree.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_COMMON_DIR GIT_PREFIX
top=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
PYTHON=${PYTHON:-python3}
failed=0
bad() { echo "FAIL $*"; failed=$((failed + 1)); }

mkdir -p "$tmp/tree/doc" "$tmp/tree/lib"
cd "$tmp/tree" && git init -q . || exit 1
printf '# Rules\n\n## §1 One\n\n### §1.2 Two\n\nSee §1.2 and §3.\n\n### §1.2 Again\n' >doc/rules.md
printf 'See [the rules](rules.md) and [old](old.md#x).\n' >doc/other.md
word=SP; word=${word}EC
cat >lib/a.c <<EOT
/* good: doc/rules.md §1.2 and \`doc/rules.md §1\` */
/* bad: doc/rules.md §9, doc/gone.md, $word 3.1, ../shared/x.md */
/* split: doc/rules.md
 * §7 */
EOT
"$PYTHON" "$top/tools/check-doc-refs.py" >/dev/null 2>"$tmp/err"
rc=$?
cat >"$tmp/want" <<EOT
doc/other.md:1: links old.md, which does not exist
doc/rules.md:7: cites §3 of this file, which has no such section
doc/rules.md:9: section §1.2 is defined twice, expected a new number
lib/a.c:2: cites doc/rules.md §9, which has no such section
lib/a.c:2: cites doc/gone.md, which does not exist
lib/a.c:2: cites the old contract outside the repository: '$word'
lib/a.c:2: cites a path outside the repository: '../shared'
lib/a.c:3: cites doc/rules.md §7, which has no such section
check-doc-refs: 8 problems: cite doc/ sections that exist (see doc/README.md)
EOT
[ $rc = 1 ] || bad "bad tree: exit $rc, expected 1"
sort "$tmp/err" >"$tmp/got.sorted"
sort "$tmp/want" >"$tmp/want.sorted"
cmp -s "$tmp/got.sorted" "$tmp/want.sorted" || bad "bad tree: $(diff "$tmp/want.sorted" "$tmp/got.sorted")"

sed -i -e 's/§3\./§1./' -e 's/§1.2 Again/§1.3 Again/' doc/rules.md
printf 'See [the rules](rules.md).\n' >doc/other.md
printf '/* doc/rules.md §1.2; /usr/share/doc/gone.md is not a doc file of ours */\n' >lib/a.c
"$PYTHON" "$top/tools/check-doc-refs.py" 2>"$tmp/err"
rc=$?
[ $rc = 0 ] || bad "good tree: exit $rc, expected 0: $(cat "$tmp/err")"

echo "doc refs: $([ $failed = 0 ] && echo ok || echo "$failed failed")"
[ $failed = 0 ]
