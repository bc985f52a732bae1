#!/bin/sh
# outputs.sh — where patuh writes (doc/robustness.md, "Outputs"). Every command with -o equal
# to each kind of input it reads (answers YAML, CSV, XLSX, a file in an input folder, standard
# input, the rubric, --agencies, compare's reports; by name, hard link or symbolic link) is a
# usage error, exit 2, with the input unchanged. Devices, FIFOs and links to them are written
# in place and stay what they were; /dev/full is exit 3. A replaced report keeps its
# permissions; a 255-byte name works; ulimit -f is exit 3 with no temporary file left; SIGHUP
# ignored at start (nohup) stays ignored; a previous report in an input folder is skipped and
# may be replaced by the new one. Run from the top of the tree with PATUH=...
set -u
PATUH=${PATUH:-build/patuh}
case $PATUH in /*) ;; *) PATUH=$(pwd)/$PATUH ;; esac
top=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000 NO_COLOR=1 PATUH_RUBRICS="$top/rubrics"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL $1"; failed=$((failed + 1)); }

# run NAME WANT_EXIT WANT_LINE ARGS...: the exit code, and WANT_LINE as a whole stderr line
# ("" = no check); stdout and stderr are kept in $tmp/out and $tmp/err
run() {
  name=$1 want=$2 line=$3
  shift 3
  "$PATUH" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
  got=$?
  if [ "$got" != "$want" ]; then
    bad "$name: exit $got, expected $want"; sed 's/^/    /' "$tmp/err" | tail -n 3; return
  fi
  if [ -n "$line" ] && ! grep -qxF -- "$line" "$tmp/err"; then
    bad "$name: expected the line: $line"; sed 's/^/    /' "$tmp/err" | tail -n 3; return
  fi
  ok
}

# unchanged NAME FILE: FILE still equals its copy made by setup
unchanged() {
  if cmp -s "$2" "$tmp/orig/$(basename "$2")"; then ok; else bad "$1: '$2' was changed"; fi
}

w=$tmp/w
mkdir -p "$w/dir" "$tmp/orig"
cd "$w" || exit 1
cp "$top/samples/pengaduan/kab-serang.yaml" in.yaml
cp "$top/samples/pengaduan/prov-banten.yaml" dir/a.yaml
cp "$top/rubrics/pengaduan.yaml" r.yaml
printf 'id,name,group,region,period\nkab-a,Kabupaten A,kabupaten,Banten,2024\n' >ag.csv
printf -- '- id: kab-b\n  name: Kabupaten B\n  group: kabupaten\n' >ag.yaml
"$PATUH" template -r r.yaml --agencies ag.csv -o form.csv 2>/dev/null
"$PATUH" template -r r.yaml --agencies ag.csv -o form.xlsx 2>/dev/null
"$PATUH" score -r r.yaml in.yaml -o old.json 2>/dev/null
"$PATUH" score -r r.yaml in.yaml dir -o new.json 2>/dev/null
ln in.yaml hard.json
ln -s in.yaml link.csv
ln -s ../w/dir/a.yaml link.yaml
ln -s old.json link.json
cp in.yaml dir/a.yaml r.yaml ag.csv ag.yaml form.csv form.xlsx old.json new.json "$tmp/orig/"

refuse() { # refuse NAME OUT INPUT ARGS...: exit 2, the exact message, the input unchanged
  name=$1 out=$2 input=$3
  shift 3
  if [ "$out" = "$input" ]; then
    msg="$out: error: refusing to write '$out': it is an input of this run, expected another output file"
  else
    msg="$out: error: refusing to write '$out': it is the input '$input' of this run, expected another output file"
  fi
  run "$name" 2 "$msg" "$@"
  unchanged "$name" "$input"
}

# ---- an output that is an input: every command, every kind of input ----
for cmd in score gaps; do
  refuse "$cmd -o answers" in.yaml in.yaml $cmd -r r.yaml in.yaml -o in.yaml
  refuse "$cmd -o answers in a folder" dir/a.yaml dir/a.yaml $cmd -r r.yaml dir -o dir/a.yaml
  refuse "$cmd -o csv answers" form.csv form.csv $cmd -r r.yaml form.csv -o form.csv
  refuse "$cmd -o xlsx answers" form.xlsx form.xlsx $cmd -r r.yaml form.xlsx -o form.xlsx
  refuse "$cmd -o rubric" r.yaml r.yaml $cmd -r r.yaml in.yaml -o r.yaml --format json
  refuse "$cmd -o hard link" hard.json in.yaml $cmd -r r.yaml in.yaml -o hard.json
  refuse "$cmd -o symbolic link" link.csv in.yaml $cmd -r r.yaml in.yaml -o link.csv
  refuse "$cmd -o link into a folder" link.yaml dir/a.yaml $cmd -r r.yaml dir -o link.yaml
  "$PATUH" $cmd -r r.yaml - -o in.yaml <in.yaml >/dev/null 2>"$tmp/err"
  got=$?
  msg="in.yaml: error: refusing to write 'in.yaml': it is the input '-' of this run, expected another output file"
  if [ $got = 2 ] && grep -qxF "$msg" "$tmp/err"; then ok; else bad "$cmd -o stdin's file: exit $got"; fi
  unchanged "$cmd -o stdin's file" in.yaml
done
refuse "compare -o NEW" new.json new.json compare old.json new.json -o new.json
refuse "compare -o OLD" old.json old.json compare old.json new.json -o old.json
refuse "compare -o a link to OLD" link.json old.json compare old.json new.json -o link.json
refuse "template -o rubric" r.yaml r.yaml template -r r.yaml -o r.yaml
refuse "template -o agencies csv" ag.csv ag.csv template -r r.yaml --agencies ag.csv -o ag.csv
refuse "template -o agencies yaml" ag.yaml ag.yaml template -r r.yaml --agencies ag.yaml -o ag.yaml
# the same names are written when they are not inputs
run "score -o an answers file not read" 0 "" score -r r.yaml dir -o in.yaml --format json
cp "$tmp/orig/in.yaml" in.yaml

# ---- outputs that are not regular files: written in place, never replaced ----
each_command() { # each_command FORMAT OUT: every command writing OUT in that format
  "$PATUH" score -r r.yaml in.yaml dir --format "$1" -o "$2"
  echo "score $?"
  [ "$1" = csv ] || { "$PATUH" gaps -r r.yaml in.yaml --format "$1" -o "$2"; echo "gaps $?"; }
  "$PATUH" compare old.json new.json --format "$1" -o "$2"
  echo "compare $?"
}
# Through links to the devices, so that a regression replaces a link in $tmp, never the
# machine's /dev/null (which a run as root would); directly only when not root.
ln -s /dev/null null
ln -s /dev/full full
null=null
[ "$(id -u)" != 0 ] && null=/dev/null
for fmt in json csv xlsx; do
  each_command $fmt $null 2>/dev/null >"$tmp/codes"
  if [ "$(grep -cv ' 0$' "$tmp/codes")" = 0 ] && [ -L null ] && [ -c /dev/null ]; then ok; else
    bad "$fmt -o /dev/null: $(tr '\n' ' ' <"$tmp/codes")"; fi
  if [ -w /dev/full ]; then
    each_command $fmt full 2>"$tmp/err" >"$tmp/codes"
    n=$(grep -cxF "full: error: cannot write 'full': No space left on device" "$tmp/err")
    if [ "$(grep -cv ' 3$' "$tmp/codes")" = 0 ] && [ "$n" = "$(wc -l <"$tmp/codes")" ] &&
      [ -L full ]; then ok
    else bad "$fmt -o /dev/full: $(tr '\n' ' ' <"$tmp/codes"), $n messages"; fi
  fi
done
for ext in xlsx yaml csv; do # template takes its format from the name: a link names it
  ln -s /dev/null null.$ext
  run "template -o a link to /dev/null ($ext)" 0 "" template -r r.yaml -o null.$ext
  [ -L null.$ext ] && [ -c /dev/null ] && ok || bad "template: null.$ext was replaced"
  if [ -w /dev/full ]; then
    ln -s /dev/full full.$ext
    run "template -o a link to /dev/full ($ext)" 3 \
      "full.$ext: error: cannot write 'full.$ext': No space left on device" \
      template -r r.yaml -o full.$ext
  fi
done

# a FIFO gets the same bytes as a regular file, and stays a FIFO
"$PATUH" score -r r.yaml in.yaml dir -o regular.json 2>/dev/null
mkfifo fifo
timeout 20 cat fifo >from-fifo & # a regression replaces the FIFO and nobody writes it
reader=$!
run "score -o FIFO" 0 "" score -r r.yaml in.yaml dir --format json -o fifo
wait $reader 2>/dev/null
if [ -p fifo ] && cmp -s regular.json from-fifo; then ok; else bad "FIFO: not the same bytes"; fi
# a link to /dev/stdout: the bytes reach standard output, the link stays
ln -s /dev/stdout stdout.json
"$PATUH" score -r r.yaml in.yaml dir -o stdout.json 2>/dev/null | cat >from-pipe
if [ -L stdout.json ] && cmp -s regular.json from-pipe; then ok; else bad "link to /dev/stdout"; fi
# a link to a regular report: the report is replaced, the link stays
cp regular.json target.json
printf 'old\n' >target.json
ln -s target.json link-out.json
run "score -o a link to a report" 0 "" score -r r.yaml in.yaml dir -o link-out.json
if [ -L link-out.json ] && cmp -s regular.json target.json; then ok; else
  bad "link to a report: the link was replaced or the target not written"; fi
# a directory is not an output
mkdir taken.json
run "score -o a directory" 3 "taken.json: error: cannot write 'taken.json': Is a directory" \
  score -r r.yaml in.yaml -o taken.json

# ---- a replaced report keeps its permissions; a new one follows the umask ----
for mode in 600 640 444; do
  for ext in json xlsx; do
    printf 'old\n' >perm.$ext
    chmod $mode perm.$ext
    run "score over a $mode $ext" 0 "" score -r r.yaml in.yaml -o perm.$ext
    got=$(stat -c %a perm.$ext)
    [ "$got" = $mode ] && ok || bad "$mode $ext: the report became $got"
  done
done
(umask 027 && "$PATUH" score -r r.yaml in.yaml -o fresh.json 2>/dev/null)
got=$(stat -c %a fresh.json)
[ "$got" = 640 ] && ok || bad "a new report under umask 027 is $got, expected 640"

# ---- names: 255 bytes work, 256 are blamed on the name ----
long=$(printf '%0251d' 0)
run "a 255-byte output name" 0 "" score -r r.yaml in.yaml -o "$long.csv"
[ -f "$long.csv" ] && ok || bad "the 255-byte report is missing"
run "a 256-byte output name" 3 \
  "${long}0.csv: error: cannot write '${long}0.csv': File name too long" \
  score -r r.yaml in.yaml -o "${long}0.csv"
[ -z "$(find . -name '.patuh.tmp-*')" ] && ok || bad "a temporary file was left"

# ---- ulimit -f: SIGXFSZ is a failed write, exit 3, no temporary file ----
for ext in json xlsx; do
  printf 'old\n' >limited.$ext
  (ulimit -f 2 && exec "$PATUH" score -r r.yaml in.yaml dir -o limited.$ext) 2>"$tmp/err"
  got=$?
  if [ $got = 3 ] && grep -q "^limited.$ext: error: cannot write 'limited.$ext'" "$tmp/err" &&
    [ "$(cat limited.$ext)" = old ] && [ -z "$(find . -name '.patuh.tmp-*')" ]; then ok; else
    bad "ulimit -f ($ext): exit $got"; cat "$tmp/err"; fi
done

# ---- nohup: SIGHUP ignored at start stays ignored ----
# patuh waits for its input on a pipe; SIGHUP arrives while it waits, then the input comes
{ sleep 0.6; cat in.yaml; } | (trap '' HUP && exec "$PATUH" score -r r.yaml - -o hup.json \
  2>/dev/null) &
pid=$!
sleep 0.3
kill -HUP $pid 2>/dev/null
wait $pid 2>/dev/null
got=$?
[ $got = 0 ] && [ -s hup.json ] && ok || bad "SIGHUP under nohup: exit $got, expected 0"
# without nohup, SIGHUP still ends the run, with nothing written
{ sleep 0.6; cat in.yaml; } | "$PATUH" score -r r.yaml - -o hup2.json 2>/dev/null &
pid=$!
sleep 0.3
kill -HUP $pid 2>/dev/null
wait $pid 2>/dev/null
got=$?
[ $got = 129 ] && [ ! -e hup2.json ] && ok || bad "SIGHUP: exit $got, expected 129"

# ---- a previous report in an input folder is skipped, not read: a re-run may replace it ----
mkdir -p "$w/again"
cp in.yaml "$w/again/a.yaml"
for ext in xlsx csv; do
  "$PATUH" score -r r.yaml again -o again/report.$ext 2>/dev/null
  run "re-run over again/report.$ext" 0 \
    "again/report.$ext: note: skipped: a report written by patuh, not answers" \
    score -r r.yaml again -o again/report.$ext
done
# a folder's .json files are not answers: never read, so nothing to skip
"$PATUH" score -r r.yaml again -o again/report.json 2>/dev/null
run "re-run over again/report.json" 0 "" score -r r.yaml again -o again/report.json
# the agency list found in the folder stays an input of the run (--agencies read it)
cp ag.csv "$w/again/ag.csv"
run "the folder's agency list as output" 2 \
  "again/ag.csv: error: refusing to write 'again/ag.csv': it is an input of this run, expected another output file" \
  score -r r.yaml --agencies again/ag.csv again -o again/ag.csv

echo "outputs: $passed passed, $failed failed"
[ "$failed" = 0 ]
