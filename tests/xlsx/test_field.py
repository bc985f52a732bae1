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
from checks import check, summary  # noqa: E402 (the shared counting check)

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
        agency, ind = row[col["Instansi"]].value, row[col["Indikator"]].value
        if agency == "kab-banjar":
            row[col["Nilai"]].value = 2
            if ind.startswith("TL."):  # the follow-up wants evidence (evidence: required)
                row[col["Bukti"]].value = "surat-tindak-lanjut.pdf"
        elif agency == "kab-tabalong":
            if ind in LEFT_BLANK:
                blank[ind] = row[0].row
            else:
                row[col["Nilai"]].value = 3
                row[col["Bukti"]].value = "foto.jpg"
    wb.save(out)
    return blank, openpyxl.utils.get_column_letter(col["Nilai"] + 1)


# The same answers as YAML, for the unit-prefilled form of tests/cli/data/units.csv on the
# mini rubric: S1.1 (0/1), S1.2 (0/1, weight 2), S2.1 (checklist of 3, need 2), S2.2 (0-100).
UNIT_ANSWERS = {("kab-a", "dinkes/pkm-1"): {"S1.1": 1, "S1.2": 0, "S2.1": "web;surat", "S2.2": 80},
                ("kab-a", "dpmptsp"): {"S1.1": 1, "S1.2": 1, "S2.1": "web", "S2.2": 40},
                ("kota-b", ""): {"S1.1": 0, "S1.2": 1, "S2.1": 1, "S2.2": 100}}
UNITS_YAML = """patuh: 1
rubric: mini
agencies:
  - agency: {id: kab-a, name: Kabupaten A, group: kabupaten}
    units:
      - id: dinkes
        name: Dinas Kesehatan
        units:
          - {id: pkm-1, name: Puskesmas Satu,
             answers: {S1.1: 1, S1.2: 0, S2.1: [web, surat], S2.2: 80}}
      - {id: dpmptsp, name: DPMPTSP, answers: {S1.1: 1, S1.2: 1, S2.1: [web], S2.2: 40}}
  - agency: {id: kota-b, name: Kota B, group: kota}
    answers: {S1.1: 0, S1.2: 1, S2.1: 1, S2.2: 100}
"""


def totals(tmp, *inputs):
    out = os.path.join(tmp, "t.json")
    res = run(tmp, "score", "-r", os.path.join(TOP, "tests/bad/data/mini.yaml"), *inputs,
              "-o", out)
    if res.returncode != 0:
        print(res.stderr)
        return None
    with open(out, encoding="utf-8") as f:
        report = json.load(f)
    # the form has rows for leaf units only: a unit above them (dinkes) has no name there
    return [(a["id"], a["total"], a["rank"], [(u["path"], u["total"]) for u in a["units"]])
            for a in report["agencies"]]


def units_round_trip(tmp):
    """A unit-prefilled form (one block per unit, its name filled in), filled by openpyxl
    with dropdown entries ("1 – Ada") for list answers, and re-saved by LibreOffice, scores
    as the same answers in YAML."""
    res = run(tmp, "template", "-r", os.path.join(TOP, "tests/bad/data/mini.yaml"), "--agencies",
              os.path.join(TOP, "tests/cli/data/units.csv"), "-o", "units.xlsx")
    check(res.returncode == 0, "unit form written")
    wb = openpyxl.load_workbook(os.path.join(tmp, "units.xlsx"))
    ws = wb["Jawaban"]
    head = {c.value: i for i, c in enumerate(ws[1])}
    lists = wb["Daftar"]
    labels = {c.value.split(" \u2013 ")[0]: c.value for row in lists.iter_rows() for c in row
              if c.value and " \u2013 " in c.value}
    names = {}
    for row in ws.iter_rows(min_row=2):
        key = (row[head["Instansi"]].value, row[head["Unit"]].value or "")
        names[key] = row[head["Nama unit"]].value
        value = UNIT_ANSWERS[key][row[head["Indikator"]].value]
        if row[head["Indikator"]].value in ("S1.1", "S1.2"):
            value = labels[str(value)]  # picked from the dropdown
        row[head["Nilai"]].value = value
    check(names == {("kab-a", "dinkes/pkm-1"): "Puskesmas Satu", ("kab-a", "dpmptsp"): "DPMPTSP",
                    ("kota-b", ""): None}, "one block per leaf unit, named: %r" % names)
    wb.save(os.path.join(tmp, "units-filled.xlsx"))
    with open(os.path.join(tmp, "units.yaml"), "w", encoding="utf-8") as f:
        f.write(UNITS_YAML)
    want = totals(tmp, "units.yaml")
    # kota-b by hand: S1 (0 + 2*1)/3, S2 (min(1/2, 1) + 1)/2 = 3/4: (2/3 + 3/4)/2 = 70.83
    check(want and ("kota-b", 70.83) in [(a, t) for a, t, _, _ in want], "kota-b 70.83: %r" % want)
    check(totals(tmp, "units-filled.xlsx") == want, "the openpyxl-filled unit form scores as YAML")
    soffice = shutil.which("soffice")
    if not soffice:
        print("note: soffice not found, LibreOffice re-save skipped")
        return
    res = subprocess.run([soffice, "-env:UserInstallation=file://" + os.path.join(tmp, "lo"),
                          "--headless", "--convert-to", "xlsx", "--outdir",
                          os.path.join(tmp, "resaved"), os.path.join(tmp, "units-filled.xlsx")],
                         capture_output=True, text=True, timeout=180)
    saved = os.path.join(tmp, "resaved", "units-filled.xlsx")
    check(res.returncode == 0 and os.path.exists(saved), "LibreOffice re-save")
    if os.path.exists(saved):
        check(totals(tmp, saved) == want, "the LibreOffice re-saved unit form scores as YAML")


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
        check("tim1.xlsx:Instansi!A9: warning: 'kab-tabalong': 3 of 45 unanswered "
              "(IN.2, OU.7, PG.4)" in lines, "one line for kab-tabalong's missing answers")
        check(not [l for l in lines if "no answer for" in l], "no line per missing answer")
        # ombudsman-2023 samples units (doc/scoring.md §14): a form answered at the agency
        # adds one line per assessed agency saying what the assessment is missing
        sampling = [l for l in lines if "is short of what the method samples" in l]
        check(len(sampling) == 2, "one sampling line per assessed agency (%d)" % len(sampling))
        check(len(lines) - len(sampling) <= 14,
              "at most one line per agency and the summary (%d)" % (len(lines) - len(sampling)))
        with open(os.path.join(tmp, "peringkat.json"), encoding="utf-8") as f:
            report = json.load(f)
        status = [(a["id"], a["status"], a["rank"]) for a in report["agencies"]]
        check(status[:2] == [("kab-tabalong", "ranked", 1), ("kab-banjar", "ranked", 2)],
              "the two filled agencies ranked: %r" % status[:2])
        check(all(s == "not_assessed" and r is None and a["total"] is None
                  for (aid, s, r), a in zip(status[2:], report["agencies"][2:])),
              "the other 11 not assessed, no rank, no total")
        # kab-banjar: every answer 2 of 0..3 -> base 66.67; the follow-up penalty (5 points,
        # TL.1-TL.3 all 2 -> p = 2/3) deducts 5 * 1/3 = 1.67: 200/3 - 5/3 = 65.00; coverage 1
        banjar = report["agencies"][1]
        check(banjar["base"] == 66.67 and banjar["total"] == 65.00 and banjar["coverage"] == 1,
              "kab-banjar base 66.67, total 65.00, coverage 1")
        # kab-tabalong: 42 of 45 answered (42 items and the penalty's 3)
        check(report["agencies"][0]["coverage"] == round(42 / 45, 4), "kab-tabalong 42/45")

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
        units_round_trip(tmp)
    finally:
        shutil.rmtree(tmp)
    return summary("field: ")


if __name__ == "__main__":
    raise SystemExit(main())
