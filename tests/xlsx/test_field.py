#!/usr/bin/python3
# test_field.py — the field scenario of issue 13: an Ombudsman office scores 13 kabupaten/kota
# of Kalimantan Selatan on ombudsman-2023 with `patuh template` forms, two of them filled in a
# spreadsheet (openpyxl here). Checks: agencies not assessed are not ranked (doc/scoring.md
# §12), missing answers are one line per agency, a blank cell is reported at its own cell.
# Run from the top of the tree: PATUH=build/patuh /usr/bin/python3 tests/xlsx/test_field.py
import json
import os
import shutil
import subprocess
import tempfile

import openpyxl

PATUH = os.path.abspath(os.environ.get("PATUH", "build/patuh"))
TOP = os.getcwd()
passed = 0
failed = 0

AGENCIES = [
    ("kab-balangan", "Kabupaten Balangan"), ("kab-banjar", "Kabupaten Banjar"),
    ("kab-barito-kuala", "Kabupaten Barito Kuala"), ("kab-hss", "Kabupaten Hulu Sungai Selatan"),
    ("kab-hst", "Kabupaten Hulu Sungai Tengah"), ("kab-hsu", "Kabupaten Hulu Sungai Utara"),
    ("kab-kotabaru", "Kabupaten Kotabaru"), ("kab-tabalong", "Kabupaten Tabalong"),
    ("kab-tanah-bumbu", "Kabupaten Tanah Bumbu"), ("kab-tanah-laut", "Kabupaten Tanah Laut"),
    ("kab-tapin", "Kabupaten Tapin"), ("kota-banjarbaru", "Kota Banjarbaru"),
    ("kota-banjarmasin", "Kota Banjarmasin"),
]
LEFT_BLANK = ("IN.2", "OU.7", "PG.4")  # kab-tabalong leaves these three empty


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL: " + what)


def run(cwd, *args):
    env = dict(os.environ, NO_COLOR="1", SOURCE_DATE_EPOCH="1700000000",
               PATUH_RUBRICS=os.path.join(TOP, "rubrics"))
    return subprocess.run([PATUH, *args], capture_output=True, text=True, env=env, cwd=cwd)


def write_agencies(path):
    with open(path, "w", encoding="utf-8") as f:
        f.write("id,name,group,region\n")
        for aid, name in AGENCIES:
            group = "kota" if aid.startswith("kota") else "kabupaten"
            f.write("%s,%s,%s,Kalimantan Selatan\n" % (aid, name, group))


def fill(form, out):
    """kab-banjar answers 2 everywhere, kab-tabalong 3 except LEFT_BLANK; returns the row
    (1-based) of each of kab-tabalong's blank answers and the value column letter."""
    wb = openpyxl.load_workbook(form)
    ws = wb["Jawaban"]
    head = [c.value for c in ws[1]]
    col = {name: i for i, name in enumerate(head)}
    blank = {}
    for row in ws.iter_rows(min_row=2):
        agency, ind = row[col["instansi"]].value, row[col["indikator"]].value
        if agency == "kab-banjar":
            row[col["nilai"]].value = 2
        elif agency == "kab-tabalong":
            if ind in LEFT_BLANK:
                blank[ind] = row[0].row
            else:
                row[col["nilai"]].value = 3
                row[col["bukti"]].value = "foto.jpg"
    wb.save(out)
    return blank, openpyxl.utils.get_column_letter(col["nilai"] + 1)


def main():
    tmp = tempfile.mkdtemp(prefix="patuh-field-")
    try:
        write_agencies(os.path.join(tmp, "instansi.csv"))
        res = run(tmp, "template", "-r", "ombudsman-2023", "--agencies", "instansi.csv",
                  "-o", "formulir.xlsx")
        check(res.returncode == 0, "template exits 0 (%s)" % res.stderr)
        blank, letter = fill(os.path.join(tmp, "formulir.xlsx"), os.path.join(tmp, "tim1.xlsx"))
        check(len(blank) == 3, "kab-tabalong has three blank rows")

        # validate: every missing answer, a blank one at its own value cell
        res = run(tmp, "validate", "-r", "ombudsman-2023", "tim1.xlsx")
        lines = res.stderr.splitlines()
        for ind, row in blank.items():
            want = "tim1.xlsx:Jawaban!%s%d: warning: no answer for '%s' of 'kab-tabalong'" % (
                letter, row, ind)
            check(want in lines, "blank cell located at its own cell: %s" % want)
        check("tim1.xlsx:Instansi!A2: warning: 'kab-balangan': not assessed (no answers)" in lines,
              "an agency without answers is one line in validate too")

        # score: 2 ranked, 11 not assessed; a handful of lines on the terminal
        res = run(tmp, "score", "-r", "ombudsman-2023", "tim1.xlsx", "-o", "peringkat.json")
        check(res.returncode == 0, "score exits 0")
        lines = res.stderr.splitlines()
        check(lines[-1] == "patuh: wrote peringkat.json (13 agencies: 2 ranked, 0 incomplete, "
              "11 not assessed)", "summary line counts the states: %r" % lines[-1:])
        check("tim1.xlsx:Instansi!A9: warning: 'kab-tabalong': 3 of 43 unanswered "
              "(IN.2, OU.7, PG.4)" in lines, "one line for kab-tabalong's missing answers")
        check(not [l for l in lines if "no answer for" in l], "no line per missing answer")
        check(len(lines) <= 14, "at most one line per agency and the summary (%d)" % len(lines))
        with open(os.path.join(tmp, "peringkat.json"), encoding="utf-8") as f:
            report = json.load(f)
        status = [(a["id"], a["status"], a["rank"]) for a in report["agencies"]]
        check(status[:2] == [("kab-tabalong", "ranked", 1), ("kab-banjar", "ranked", 2)],
              "the two filled agencies ranked: %r" % status[:2])
        check(all(s == "not_assessed" and r is None and a["total"] is None
                  for (aid, s, r), a in zip(status[2:], report["agencies"][2:])),
              "the other 11 not assessed, no rank, no total")
        # kab-banjar: every answer 2 of 0..3 -> 66.67; coverage 1
        banjar = report["agencies"][1]
        check(banjar["total"] == 66.67 and banjar["coverage"] == 1, "kab-banjar 66.67, coverage 1")
        # kab-tabalong: 40 of 43 answered
        check(report["agencies"][0]["coverage"] == round(40 / 43, 4), "kab-tabalong 40/43")

        # the working folder on the next run: the form, the filled form, last run's workbook
        # report, the lock files both spreadsheets leave and the agency list; --agencies
        res = run(tmp, "score", "-r", "ombudsman-2023", "tim1.xlsx", "-o", "peringkat.xlsx")
        check(res.returncode == 0, "the workbook report is written")
        os.remove(os.path.join(tmp, "peringkat.json"))
        for lock in ("~$tim1.xlsx", ".~lock.tim1.xlsx#"):
            with open(os.path.join(tmp, lock), "w", encoding="utf-8") as f:
                f.write("root,root\n")
        res = run(tmp, "score", "-r", "ombudsman-2023", "--agencies", "instansi.csv", ".",
                  "-o", "peringkat.json")
        check(res.returncode == 0, "the folder scores (%s)" % res.stderr[-300:])
        notes = [l for l in res.stderr.splitlines() if ": note: " in l]
        # by name while the folder is walked, then by content as the files are read
        check(notes == [
            "./.~lock.tim1.xlsx#: note: skipped: the lock file of a spreadsheet open in Excel "
            "or LibreOffice",
            "./~$tim1.xlsx: note: skipped: the lock file of a spreadsheet open in Excel "
            "or LibreOffice",
            "./instansi.csv: note: skipped: the agency list given with --agencies, not answers",
            "./peringkat.xlsx: note: skipped: a report written by patuh, not answers"],
            "one note per file skipped: %r" % notes)
        # the blank form (formulir.xlsx) lists the same 13 agencies without answers, the
        # filled one answers two of them: still 2 ranked, 11 not assessed
        check(res.stderr.splitlines()[-1] == "patuh: wrote peringkat.json (13 agencies: "
              "2 ranked, 0 incomplete, 11 not assessed)", "the folder gives the same ranking")
    finally:
        shutil.rmtree(tmp)
    print("field: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
