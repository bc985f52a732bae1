#!/bin/sh
# install.sh — an installed patuh finds its data wherever it is installed: `make install` into
# one prefix and then another (the build knows no prefix), the first removed, the second
# moved; the installed binary runs from / (rubric list, score a sample, the same report as
# build/patuh) and speaks Indonesian under LANG=id_ID.UTF-8; a binary without data says
# every place it looked (exit 3); the completion files are where bash-completion and zsh
# look; a program links the installed library with pkg-config. Run from the top of the tree
# after a build; BUILD and MAKE as make passes them.
set -u
BUILD=${BUILD:-build}
MAKE=${MAKE:-make}
top=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL $*"; failed=$((failed + 1)); }
# check NAME WANT GOT: exact comparison of two strings
check() { if [ "$2" = "$3" ]; then ok; else bad "$1: expected '$2', got '$3'"; fi; }
run() { (cd / && env -u PATUH_RUBRICS NO_COLOR=1 SOURCE_DATE_EPOCH=1700000000 COLUMNS= "$@"); }

$MAKE -s --no-print-directory BUILD="$BUILD" PREFIX="$tmp/first" install >/dev/null || bad "install into first"
$MAKE -s --no-print-directory BUILD="$BUILD" PREFIX="$tmp/second" install >/dev/null || bad "install into second"
# a program links the installed library through pkg-config (before the prefix moves)
cat >"$tmp/use.c" <<'C'
#include <patuh.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    patuh_limits lim;
    patuh_diags diags;
    patuh_rubric *rubric = NULL;
    (void)argc;
    patuh_limits_default(&lim);
    patuh_diags_init(&diags);
    patuh_status st = patuh_rubric_load(argv[1], &lim, &rubric, &diags);
    printf("%s %s %zu\n", PATUH_VERSION, st == PATUH_OK ? rubric->id : "?",
           st == PATUH_OK ? rubric->n_indicators : 0);
    patuh_rubric_free(rubric);
    patuh_diags_release(&diags);
    return st != PATUH_OK;
}
C
flags=$(PKG_CONFIG_PATH="$tmp/second/lib/pkgconfig" pkg-config --cflags --libs libpatuh)
if cc -std=c11 -Wall -Werror -o "$tmp/use" "$tmp/use.c" $flags 2>"$tmp/err"; then
  got=$("$tmp/use" "$tmp/second/share/patuh/rubrics/skm-2017.yaml")
  # skm-2017: the nine elements of PermenPANRB 14/2017, one indicator each
  check "a program linked with pkg-config loads a rubric" "0.1.0 skm-2017 9" "$got"
else
  bad "cc with pkg-config libpatuh: $(head -n 5 "$tmp/err")"
fi
rm -rf "$tmp/first"
mv "$tmp/second" "$tmp/moved"
p=$tmp/moved
ids=$(run "$p/bin/patuh" rubric list --ids | tr '\n' ' ')
check "installed rubric list --ids" \
  "ombudsman-2021 ombudsman-2023 ombudsman-2025 pekppp-2023 pengaduan publikasi-standar skm-2017 " "$ids"
check "installed rubric list names its folder" "$p/share/patuh/rubrics" \
  "$(run "$p/bin/patuh" rubric list | head -n 1)"
run "$p/bin/patuh" score -r pengaduan -o "$tmp/installed.json" "$top/samples/pengaduan" 2>"$tmp/err"
check "installed score exit" 0 $?
run "$top/$BUILD/patuh" score -r pengaduan -o "$tmp/built.json" "$top/samples/pengaduan" 2>>"$tmp/err"
if cmp -s "$tmp/installed.json" "$tmp/built.json"; then ok; else
  bad "installed and built patuh score differently: $(head -n 3 "$tmp/err")"; fi
check "build/patuh from / reads the checkout's rubrics" "$top/rubrics" \
  "$(run "$top/$BUILD/patuh" rubric list | head -n 1)"

# the Indonesian messages are found from the moved binary too (share/locale beside it)
got=$(run env -u LC_ALL -u LANGUAGE -u PATUH_LOCALEDIR LANG=id_ID.UTF-8 "$p/bin/patuh" score 2>&1 |
  head -n 1)
check "installed patuh in Indonesian" "patuh score: -r RUBRIC belum diberikan" "$got"

# a binary with no data beside it: every place looked, exit 3
mkdir -p "$tmp/lone/bin"
cp "$top/$BUILD/patuh" "$tmp/lone/bin/patuh"
run "$tmp/lone/bin/patuh" rubric list >"$tmp/out" 2>"$tmp/err"
check "no rubrics: rubric list exit" 3 $?
check "no rubrics: rubric list stderr" "patuh: no shipped rubrics found
patuh: looked in $tmp/lone/share/patuh/rubrics, ./rubrics (PATUH_RUBRICS is not set)" "$(cat "$tmp/err")"
check "no rubrics: rubric list stdout" "" "$(cat "$tmp/out")"
(cd / && PATUH_RUBRICS=/nonexistent "$tmp/lone/bin/patuh" template -r pengaduan -o "$tmp/f.xlsx") \
  2>"$tmp/err"
check "no rubrics: -r ID exit" 3 $?
check "no rubrics: -r ID stderr" "patuh: cannot find rubric 'pengaduan': no such file and no shipped rubric of that id (see 'patuh rubric list')
patuh: looked in $tmp/lone/share/patuh/rubrics, /nonexistent, ./rubrics" "$(cat "$tmp/err")"

# titles wrap at $COLUMNS between words
got=$(cd / && COLUMNS=60 "$p/bin/patuh" rubric list | grep -A 2 '^  skm-2017')
check "rubric list at COLUMNS=60" "  skm-2017          2017  Survei Kepuasan Masyarakat (Indeks
                          Kepuasan Masyarakat) — PermenPANRB
                          14/2017" "$got"

# completion where the shells look: bash-completion's loader (XDG_DATA_DIRS), zsh's fpath
# (both packages are in tools/deps.sh)
got=$(XDG_DATA_DIRS="$p/share" bash -c '. /usr/share/bash-completion/bash_completion
    __load_completion patuh && complete -p patuh' 2>&1)
check "bash-completion loads the installed completion" "complete -F _patuh patuh" "$got"
got=$(zsh -fc "fpath=($p/share/zsh/site-functions \$fpath); autoload -Uz compinit
    compinit -u -D; print -r -- \$_comps[patuh]" 2>&1)
check "zsh compinit finds the installed completion" "_patuh" "$got"

echo "install: $passed passed, $failed failed"
[ "$failed" = 0 ]
