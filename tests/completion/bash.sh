#!/bin/bash
# bash.sh — drives the bash completion of patuh as bash does: sources completion/patuh.bash,
# sets COMP_WORDS and COMP_CWORD for a command line, calls the function `complete` names and
# checks COMPREPLY. Runs from the top of the tree with PATUH=path/to/patuh (zsh.zsh does the
# same for zsh).
set -u
PATUH=${PATUH:-build/patuh}
case $PATUH in /*) ;; *) PATUH=$(pwd)/$PATUH ;; esac
passed=0 failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

source completion/patuh.bash
func=$(complete -p patuh | sed -n 's/.*-F \([^ ]*\) .*/\1/p')

# expect "WORDS" "EXPECTED": completes the last word of WORDS (a trailing space in WORDS
# completes a new, empty word) and compares the sorted COMPREPLY, one line, with EXPECTED.
expect() {
  local line=$1 want=$2
  read -ra COMP_WORDS <<<"${line//=/ = }" # bash breaks words at '=' (COMP_WORDBREAKS)
  [[ $line == *" " ]] && COMP_WORDS+=("")
  COMP_WORDS[0]=$PATUH
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMP_LINE=$line COMP_POINT=${#line}
  COMPREPLY=()
  "$func" patuh "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
  local got
  got=$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//')
  if [[ $got == "$want" ]]; then
    passed=$((passed + 1))
  else
    echo "FAIL completing '$line': got '$got', expected '$want'"
    failed=$((failed + 1))
  fi
}

# commands (from `patuh --help`), and `help`
expect "patuh " "compare gaps help rubric scan score template validate"
expect "patuh s" "scan score"
expect "patuh -" "--help --version"
expect "patuh help g" "gaps"
# options of each command, from its --help (the hidden --ids is not offered)
expect "patuh validate --" "--agencies --help --rubric --strict"
expect "patuh score --ex" "--explain"
expect "patuh rubric --" "--help"
expect "patuh compare --f" "--force --format"
# rubric ids (from `patuh rubric list --ids`) and rubric files
expect "patuh score -r ombudsman-202" "ombudsman-2021 ombudsman-2023 ombudsman-2025"
expect "patuh gaps --rubric pe" "pekppp-2023 pengaduan"
expect "patuh score -r rubrics/pe" "rubrics/pekppp-2023.yaml rubrics/pengaduan.yaml"
expect "patuh rubric show sk" "skm-2017"
expect "patuh rubric " "check list show"
expect "patuh rubric check rubrics/sk" "rubrics/skm-2017.yaml"
# the values of --format and --lang, as each command's usage line gives them
expect "patuh score --format " "csv json table xlsx"
expect "patuh gaps --format " "csv json table xlsx"
expect "patuh score --format=j" "json"
expect "patuh compare --lang " "en id"
# file arguments by extension; folders always
mkdir -p "$tmp/in/sub"
touch "$tmp/in/a.yaml" "$tmp/in/b.csv" "$tmp/in/c.xlsx" "$tmp/in/d.json" "$tmp/in/e.txt"
expect "patuh validate -r pengaduan $tmp/in/" "$tmp/in/a.yaml $tmp/in/b.csv $tmp/in/c.xlsx $tmp/in/sub"
expect "patuh compare $tmp/in/" "$tmp/in/d.json $tmp/in/sub"
expect "patuh score -r pengaduan -o $tmp/in/" "$tmp/in/b.csv $tmp/in/c.xlsx $tmp/in/d.json $tmp/in/sub"
expect "patuh template -r pengaduan --agencies $tmp/in/" "$tmp/in/a.yaml $tmp/in/b.csv $tmp/in/sub"
# nothing for an agency id, nor after a word that is no command
expect "patuh score --agency " ""
expect "patuh scroe " ""

echo "completion: $passed passed, $failed failed"
[ "$failed" = 0 ]
