#!/usr/bin/python3
# test_report.py — reads the XLSX report back with an independent reader (openpyxl) and checks
# it against the JSON report of the same run: sheets, header, ranking order, totals, zone
# colours, frozen header, table with filters, the About sheet, --lang en, reproducibility.
# Run from the top of the tree: PATUH=build/patuh /usr/bin/python3 tests/xlsx/test_report.py
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import openpyxl

PATUH = os.environ.get("PATUH", "build/patuh")
RUBRIC = "rubrics/pengaduan.yaml"
SAMPLES = "samples/pengaduan/"
EPOCH = "1700000000"
HEAD_ID = ["Peringkat", "Peringkat Kelompok", "Kode", "Nama", "Kelompok", "Wilayah", "Nilai",
           "Predikat", "Keterangan", "Zona"]
HEAD_EN = ["Rank", "Group rank", "Id", "Name", "Group", "Region", "Total", "Band", "Label",
           "Zone"]
COL_ID, COL_TOTAL, COL_ZONE = 2, 6, 9  # 0-based columns of the ranking sheet

passed = 0
failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL: " + what)


def run(*args, epoch=EPOCH):
    env = dict(os.environ, SOURCE_DATE_EPOCH=epoch, NO_COLOR="1")
    return subprocess.run([PATUH, *args], env=env, capture_output=True, text=True)


def score(out, *extra):
    res = run("score", "-r", RUBRIC, SAMPLES, "-o", out, *extra)
    check(res.returncode == 0, "patuh score -o %s exits 0 (got %d: %s)"
          % (os.path.basename(out), res.returncode, res.stderr.strip()))
    return res


def zone_colours():
    """name -> RRGGBB from the rubric's zones (the only #RRGGBB values in a rubric)."""
    with open(RUBRIC, encoding="utf-8") as f:
        text = f.read()
    pairs = re.findall(r"([\w-]+)\s*:\s*[\"']?#([0-9A-Fa-f]{6})", text)
    return {name: hexa.upper() for name, hexa in pairs}


def rows(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def check_ranking(ws, report, head):
    sections = list(report["agencies"][0]["sections"]) if report["agencies"] else []
    table = rows(ws)
    check(table[0][:len(head)] == head, "ranking header starts %r, got %r" % (head, table[0]))
    check(len(table[0]) == len(head) + len(sections) + 2,
          "ranking header has one column per top-level section plus 2 (%d)" % len(table[0]))
    ids = [r[COL_ID] for r in table[1:]]
    check(ids == [a["id"] for a in report["agencies"]], "ranking order equals the JSON order")
    totals = [r[COL_TOTAL] for r in table[1:]]
    check(all(t is None or isinstance(t, (int, float)) for t in totals), "totals are numbers")
    check(totals == [a["total"] for a in report["agencies"]], "totals equal the JSON totals")
    decimals = report["rubric"]["decimals"]
    fmt = "0." + "0" * decimals if decimals else "0"
    check(ws.cell(2, COL_TOTAL + 1).number_format == fmt,
          "total shown with %d decimals (%s)" % (decimals, ws.cell(2, COL_TOTAL + 1).number_format))
    first_section = ws.cell(2, len(head) + 1).value
    check(first_section is None or isinstance(first_section, (int, float)),
          "section scores are numbers")


def check_zones(ws, report):
    colours = zone_colours()
    bad = []
    for i, agency in enumerate(report["agencies"]):
        cell = ws.cell(i + 2, COL_ZONE + 1)
        want = colours.get(agency["zone"])
        got = (cell.fill.fgColor.rgb or "")[-6:].upper() if cell.fill.fill_type else None
        if cell.value != agency["zone"] or got != want:
            bad.append((agency["id"], cell.value, got, want))
    check(colours and not bad, "zone cells filled with the rubric's colours: %r" % bad[:3])


def check_table(ws, report):
    check(ws.freeze_panes == "A2", "header row frozen (got %r)" % ws.freeze_panes)
    tables = list(ws.tables.values())
    check(len(tables) == 1, "the ranking is one Excel table (got %d)" % len(tables))
    if tables:
        last = max(len(report["agencies"]), 1) + 1
        check(tables[0].ref.startswith("A1:") and tables[0].ref.endswith(str(last)),
              "table covers the header and every agency (%s)" % tables[0].ref)
        check(tables[0].autoFilter is not None, "the table has filters")


def check_about(ws, report):
    with open(RUBRIC, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    values = [v for r in rows(ws) for v in r if v is not None]
    check(digest in values, "About lists the rubric's SHA-256")
    check(report["rubric"]["sha256"] == digest, "the JSON gives the same SHA-256")
    check("2023-11-14T22:13:20Z" in values, "About shows SOURCE_DATE_EPOCH as UTC time")
    check(len(report["agencies"]) in values, "About counts the agencies")


def check_sections(ws, report):
    table = rows(ws)
    ids = [r[1] for r in table[1:]]
    check(ids == [a["id"] for a in report["agencies"]], "sections sheet in ranking order")
    numbers = [v for r in table[1:] for v in r[3:]]
    check(numbers and all(v is None or isinstance(v, (int, float)) for v in numbers),
          "section scores are number cells")


def check_failure(tmp):
    keep = os.path.join(tmp, "keep.xlsx")
    with open(keep, "w") as f:
        f.write("old report")
    res = run("score", "-r", RUBRIC, os.path.join(tmp, "no-such-input.yaml"), "-o", keep)
    check(res.returncode != 0, "a failed run exits non-zero")
    with open(keep) as f:
        check(f.read() == "old report", "a failed run leaves the existing report untouched")
    res = run("score", "-r", RUBRIC, SAMPLES, "-o", os.path.join(tmp, "no", "dir", "r.xlsx"))
    check(res.returncode == 3, "an unwritable path exits 3 (got %d)" % res.returncode)
    left = [n for n in os.listdir(tmp) if ".tmp" in n]
    check(not left, "no temporary files left behind: %r" % left)


def main():
    tmp = tempfile.mkdtemp(prefix="patuh-xlsx-")
    try:
        xlsx, xlsx2 = os.path.join(tmp, "r.xlsx"), os.path.join(tmp, "r2.xlsx")
        out_json, en = os.path.join(tmp, "r.json"), os.path.join(tmp, "en.xlsx")
        score(xlsx)
        score(out_json)
        score(xlsx2)
        score(en, "--lang", "en")
        with open(out_json, encoding="utf-8") as f:
            report = json.load(f)
        check(len(report["agencies"]) > 0, "the samples give agencies")
        wb = openpyxl.load_workbook(xlsx)
        check(wb.sheetnames[:3] == ["Peringkat", "Bagian", "Tentang"],
              "Indonesian sheet names (got %r)" % wb.sheetnames)
        check(wb.properties.creator == "patuh", "workbook author is patuh")
        check_ranking(wb["Peringkat"], report, HEAD_ID)
        check_zones(wb["Peringkat"], report)
        check_table(wb["Peringkat"], report)
        check_sections(wb["Bagian"], report)
        check_about(wb["Tentang"], report)
        wb_en = openpyxl.load_workbook(en)
        check(wb_en.sheetnames[:3] == ["Ranking", "Sections", "About"],
              "--lang en gives English sheet names (got %r)" % wb_en.sheetnames)
        check_ranking(wb_en["Ranking"], report, HEAD_EN)
        with open(xlsx, "rb") as a, open(xlsx2, "rb") as b:
            check(a.read() == b.read(), "the same SOURCE_DATE_EPOCH gives a byte-identical file")
        check_failure(tmp)
    finally:
        shutil.rmtree(tmp)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
