#!/bin/zsh -f
# zsh.zsh — drives the zsh completion function _patuh as bash.sh drives bash's: sets words
# and CURRENT for a command line and calls _patuh, with compadd and _files replaced by
# functions that record what they are offered (the real compadd then filters by PREFIX).
# Runs from the top of the tree: zsh -f tests/completion/zsh.zsh path/to/patuh
PATUH=${1:A}
passed=0 failed=0
fpath=(${0:A:h:h:h}/completion $fpath)
autoload -Uz _patuh
offered=()
compadd() {
  while (( $# )); do
    case $1 in
    (-a) shift; offered+=(${(P)1}) ;;
    (--) shift; offered+=("$@"); return ;;
    (-*) ;;
    (*) offered+=($1) ;;
    esac
    shift
  done
}
_files() { offered+=("_files $*") }

# expect LINE WANT: completes the last word of LINE (a trailing space: a new, empty word) and
# compares everything offered, sorted and joined by spaces, with WANT
expect() {
  local line=$1 want=$2 got
  words=(${(z)line})
  [[ $line == *' ' ]] && words+=('')
  words[1]=$PATUH
  CURRENT=$#words PREFIX=$words[-1]
  offered=()
  _patuh
  got=${(j: :)${(o)offered}}
  if [[ $got == $want ]]; then (( passed++ )); else
    print -r -- "FAIL zsh completing '$line': got '$got', expected '$want'"; (( failed++ )); fi
}

expect "patuh " "compare gaps help rubric scan score template validate"
expect "patuh -" "--help --version"
expect "patuh help " "compare gaps rubric scan score template validate"
expect "patuh validate --" "--agencies --help --rubric --strict"
expect "patuh score -r " "_files -g *.yaml(-.) ombudsman-2021 ombudsman-2023 ombudsman-2025 pekppp-2023 pengaduan publikasi-standar skm-2017"
expect "patuh score --format " "csv json table xlsx"
expect "patuh gaps --format " "csv json table xlsx"
expect "patuh compare --lang " "en id"
expect "patuh rubric " "check list show"
expect "patuh rubric check " "_files -g *.yaml(-.)"
expect "patuh validate -r pengaduan " "_files -g *.(yaml|yml|csv|xlsx)(-.)"
expect "patuh compare " "_files -g *.json(-.)"
expect "patuh gaps -r pengaduan -o " "_files -g *.(csv|json|xlsx)(-.)"
expect "patuh score --agency " ""
print -r -- "zsh completion: $passed passed, $failed failed"
(( failed == 0 ))
