#!/bin/sh
# golden.sh — every report patuh writes (score, gaps, compare, template, rubric show; table,
# CSV in both dialects, JSON, XLSX) on the shipped samples and on `bench/gen small`, hashed
# and compared with tests/robust/golden.sha256, so a restructuring of lib/ is proven
# byte-identical. A change that means to alter a report regenerates the list in the same commit:
#     GOLDEN_UPDATE=1 PATUH=build/patuh sh tests/robust/golden.sh
# Each line is "SHA256  LABEL exit=N": the report's bytes (stdout, or the -o file) and the
# exit code. Run from the top of the tree with PATUH=...
set -u
PATUH=${PATUH:-build/patuh}
case $PATUH in /*) ;; *) PATUH=$(pwd)/$PATUH ;; esac
golden=tests/robust/golden.sha256
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000 NO_COLOR=1 TZ=UTC # the workbook dates in local time
got=$tmp/got.sha256
: >"$got"
# every run happens in $tmp with relative paths, since reports name their inputs: the hashes
# must not depend on where the checkout or the temporary directory is
top=$(pwd)
ln -s "$top/rubrics" "$tmp/rubrics"
ln -s "$top/samples" "$tmp/samples"
cd "$tmp" || exit 1

# run LABEL ARGS...: patuh's stdout (stderr is not a report) hashed under LABEL
run() {
  label=$1
  shift
  "$PATUH" "$@" >out 2>/dev/null
  code=$?
  echo "$(sha256sum <out | cut -c1-64)  $label exit=$code" >>"$got"
}
# file LABEL EXT ARGS...: the report written with -o FILE.EXT hashed under LABEL
file() {
  label=$1 ext=$2
  shift 2
  rm -f "report.$ext"
  "$PATUH" "$@" -o "report.$ext" >/dev/null 2>&1
  code=$?
  if [ -f "report.$ext" ]; then sum=$(sha256sum <"report.$ext" | cut -c1-64)
  else sum=none; fi
  echo "$sum  $label exit=$code" >>"$got"
}

# the shipped samples, each against its rubric
for set in pengaduan pengaduan-2023 pengaduan-2022 ombudsman-2021 ombudsman-2023 ombudsman-2025 pekppp-2023 \
  skm-2017; do
  rubric=rubrics/$set.yaml
  case $set in pengaduan-20*) rubric=rubrics/pengaduan.yaml ;; esac
  in=samples/$set
  run "score $set table" score -r "$rubric" "$in"
  run "score $set table en" score -r "$rubric" --lang en "$in"
  for ext in xlsx csv json; do file "score $set $ext" "$ext" score -r "$rubric" "$in"; done
  cp report.json "$set.json" # for compare below
  file "score $set xlsx en" xlsx score -r "$rubric" --lang en "$in"
  run "gaps $set table" gaps -r "$rubric" "$in"
  for ext in json xlsx; do file "gaps $set $ext" "$ext" gaps -r "$rubric" "$in"; done
  file "gaps $set csv" csv gaps -r "$rubric" "$in"
  file "score $set csv id" csv score -r "$rubric" --csv id "$in"
  file "gaps $set csv id" csv gaps -r "$rubric" --csv id "$in"
  for ext in yaml csv xlsx; do file "template $set $ext" "$ext" template -r "$rubric"; done
  run "rubric show $set" rubric show "$rubric"
done
# -o gaps.csv writes CSV (it once wrote the text table into the .csv file)
"$PATUH" gaps -r rubrics/pengaduan.yaml samples/pengaduan -o gaps.csv 2>/dev/null
if [ "$(head -n 1 gaps.csv | cut -d, -f1-4)" != "agency,agency_name,total,band" ]
then
  echo "golden: FAIL 'patuh gaps -o gaps.csv' does not write CSV"
  exit 1
fi
run "explain pengaduan kab-serang" score -r rubrics/pengaduan.yaml --explain \
  --agency kab-serang samples/pengaduan
run "gaps pengaduan kab-serang" gaps -r rubrics/pengaduan.yaml --agency kab-serang \
  samples/pengaduan

# compare: the year before and after, and two rubrics with --force
old=pengaduan-2023.json new=pengaduan.json
run "compare pengaduan table" compare "$old" "$new"
run "compare pengaduan table en" compare --lang en "$old" "$new"
for ext in csv json xlsx; do file "compare pengaduan $ext" "$ext" compare "$old" "$new"; done
file "compare pengaduan csv id" csv compare --csv id "$old" "$new"
run "compare ombudsman force" compare --force ombudsman-2021.json ombudsman-2023.json
# three periods: the table, CSV, JSON and the workbook with its trend sheet
three="pengaduan-2022.json $old $new"
run "compare three table" compare $three
for ext in csv json xlsx; do file "compare three $ext" "$ext" compare $three; done
file "compare three csv id" csv compare --csv id $three

# bench/gen small: three levels of units, YAML files, one YAML list and CSV files
small=small
python3 "$top/bench/gen" small --out "$small" >/dev/null 2>&1
r=rubrics/ombudsman-2023.yaml
for input in files all.yaml csv; do
  run "small $input score table" score -r "$r" "$small/$input"
  for ext in csv json xlsx; do
    file "small $input score $ext" "$ext" score -r "$r" "$small/$input"
  done
  file "small $input score csv id" csv score -r "$r" --csv id "$small/$input"
done
run "small gaps table" gaps -r "$r" "$small/files"
for ext in json xlsx; do file "small gaps $ext" "$ext" gaps -r "$r" "$small/files"; done
run "small gaps ag0001" gaps -r "$r" --agency ag0001 "$small/files"
file "small gaps ag0001 xlsx" xlsx gaps -r "$r" --agency ag0001 "$small/files"
file "small json csv" json score -r "$r" "$small/csv"
cp report.json small-csv.json
file "small json files" json score -r "$r" "$small/files"
run "small compare table" compare small-csv.json report.json
file "small compare xlsx" xlsx compare small-csv.json report.json

if [ "${GOLDEN_UPDATE:-}" = 1 ]; then
  cp "$got" "$top/$golden"
  echo "golden: wrote $(wc -l <"$top/$golden") hashes to $golden"
  exit 0
fi
if diff -u "$top/$golden" "$got" >"$tmp/diff"; then
  echo "golden: $(wc -l <"$got") reports byte-identical"
else
  cat "$tmp/diff"
  echo "golden: reports differ from $golden (if meant: GOLDEN_UPDATE=1 sh $0)"
  exit 1
fi
