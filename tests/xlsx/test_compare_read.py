#!/usr/bin/python3
# test_compare_read.py — `patuh compare` reads patuh's own ranking workbook as well as JSON
# (doc/scoring.md §11): for the same scoring, the workbook (Indonesian or English) and the
# JSON report give byte-identical comparisons (table, CSV, JSON, three periods with --force);
# the workbook is read by header text, so rows above the header (a title block) and columns
# moved about change nothing (edited with openpyxl, an independent writer); and the layout of
# the rebuilt ranking book (a long Data sheet with section ids and levels, periods, groups and
# zones shown as labels, no section columns on the ranking sheet) gives the same comparison,
# periods included (pengaduan 2022-2024, whose periods are not the rubric's year).
# Run from the top of the tree: PATUH=build/patuh /usr/bin/python3 tests/xlsx/test_compare_read.py
import json
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl

PATUH = os.path.abspath(os.environ.get("PATUH", "build/patuh"))
TOP = os.getcwd()
YEARS = ["ombudsman-2021", "ombudsman-2023", "ombudsman-2025"]

from checks import check, summary  # noqa: E402 (the shared counting check)


def run(tmp, *args):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", NO_COLOR="1")
    return subprocess.run([PATUH, *args], env=env, capture_output=True, text=True, cwd=tmp)


def score(tmp, year, out, *extra):
    res = run(tmp, "score", "-r", os.path.join(TOP, "rubrics", year + ".yaml"),
              os.path.join(TOP, "samples", year), "-o", out, *extra)
    check(res.returncode == 0, "score %s -o %s exits 0 (%s)" % (year, out, res.stderr.strip()))


def compare(tmp, ext, fmt):
    """The comparison of the three years from reports YEAR.EXT, with the file names made
    alike (they are the only thing that differs)."""
    files = [y + ext for y in YEARS]
    res = run(tmp, "compare", "--force", "--format", fmt, *files)
    check(res.returncode == 0, "compare %s --format %s exits 0 (%s)"
          % (ext, fmt, res.stderr.strip()))
    return res.stdout.replace(ext, ".REPORT")


def header_row(ws):
    """The row of the ranking sheet's header (a title block may stand above it)."""
    for row in range(1, 31):
        if ws.cell(row, 3).value in ("Kode", "Id"):
            return row
    raise AssertionError("no header row on sheet %s" % ws.title)


def title_block(path, out):
    """Three more rows above the header of the ranking, sections and Data sheets."""
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        if ws.title not in ("Peringkat", "Ranking", "Bagian", "Sections", "Data"):
            continue
        ws.insert_rows(1, 3)
        ws["A1"] = "Peringkat Kepatuhan"
        ws["A2"] = "Kantor Perwakilan Contoh"
    wb.save(out)


def columns_moved(path, out):
    """The ranking sheet's first column (the rank) moved to the end."""
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    last = ws.max_column + 1
    for row in range(1, ws.max_row + 1):
        ws.cell(row, last).value = ws.cell(row, 1).value
    ws.delete_cols(1)
    wb.save(out)


def label(slug):
    """A slug as the rebuilt book shows it: 'tindak-lanjut' as 'Tindak lanjut'."""
    text = slug.replace("-", " ").replace("_", " ")
    return text[:1].upper() + text[1:]


def book_layout(path, report_json, out):
    """The workbook at `path` in the rebuilt book's layout, from the JSON of the same run:
    a title block, labels for groups and zones, no section columns on the ranking sheet, no
    sections sheet, and a Data sheet with one row per agency and section (a nested section
    at level 2 too, with a score the reader must ignore)."""
    with open(report_json, encoding="utf-8") as f:
        report = json.load(f)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    top = header_row(ws)
    if top > 1:  # the book's own title block: the test puts its own
        ws.delete_rows(1, top - 1)
    head = [c.value for c in ws[1]]
    for col in range(len(head), 0, -1):  # the section columns go to their own sheet
        if head[col - 1] not in ("Peringkat", "Peringkat Kelompok", "Kode", "Nama", "Kelompok",
                                 "Wilayah", "Nilai", "Predikat", "Keterangan", "Zona"):
            ws.delete_cols(col)
    head = [c.value for c in ws[1]]
    for row in range(2, ws.max_row + 1):
        for name in ("Kelompok", "Zona"):
            cell = ws.cell(row, head.index(name) + 1)
            cell.value = label(cell.value) if cell.value else cell.value
    ws.insert_rows(1, 4)
    ws["A1"] = report["rubric"]["title"]
    ws["A2"] = "Periode"
    for name in ("Bagian", "Data"):  # the Data sheet is this one's
        if name in wb.sheetnames:
            del wb[name]
    data = wb.create_sheet("Data")
    data.append(["Kode", "Nama", "Kelompok", "Wilayah", "Periode", "Kode bagian", "Bagian",
                 "Nilai", "Predikat", "Zona", "Tingkat bagian"])
    for a in report["agencies"]:
        period = int(a["period"]) if a["period"].isdigit() else a["period"]
        lead = [a["id"], a["name"], label(a["group"]), a["region"], period]
        for sid, score in a["sections"].items():
            data.append(lead + [sid, sid.title(), score, "A", "Hijau", 1])
            data.append(lead + [sid + ".1", "Sub", 1.5, "E", "Merah", 2])
    wb.save(out)


def stated_decimals(tmp, book):
    """The book states the rubric's decimals on its About sheet (Desimal: 2 for pengaduan) and
    compare uses them; a book without the row (made before it was written) falls back on the
    fewest decimals its numbers show. Changing the stated 2 to 3 prints 98.670, which only the
    row can give; the totals all show two decimals, so without it they stay 98.67."""
    wb = openpyxl.load_workbook(os.path.join(tmp, book))
    about = wb["Tentang"]
    rows = [r for r in about.iter_rows() if r[0].value == "Desimal"]
    check(len(rows) == 1 and rows[0][1].value == 2, "Tentang states the rubric's decimals (2)")
    if len(rows) != 1:
        return
    for value, want in ((3, "98.670"), (None, "98.67")):
        rows[0][1].value = value
        if value is None:
            rows[0][0].value = None
        wb.save(os.path.join(tmp, "decimals.xlsx"))
        res = run(tmp, "compare", "--format", "csv", "decimals.xlsx", "decimals.xlsx")
        line = next((l for l in res.stdout.splitlines() if l.startswith("kementerian-contoh,")), "")
        check(res.returncode == 0 and (",%s," % want) in line,
              "with Desimal %r the comparison prints %s (%s)" % (value, want, line[:80]))


def main():
    tmp = tempfile.mkdtemp(prefix="patuh-compare-read-")
    try:
        for year in YEARS:
            score(tmp, year, year + ".json")
            score(tmp, year, year + ".xlsx")
            score(tmp, year, year + ".en.xlsx", "--lang", "en")
            title_block(os.path.join(tmp, year + ".xlsx"), os.path.join(tmp, year + ".title.xlsx"))
            columns_moved(os.path.join(tmp, year + ".xlsx"),
                          os.path.join(tmp, year + ".moved.xlsx"))
        for fmt in ["table", "csv", "json"]:
            want = compare(tmp, ".json", fmt)
            check(len(want.splitlines()) > 5, "compare of JSON reports as %s has rows" % fmt)
            for ext in [".xlsx", ".en.xlsx", ".title.xlsx", ".moved.xlsx"]:
                got = compare(tmp, ext, fmt)
                check(got == want, "compare over %s reports as %s equals the JSON one" % (ext, fmt))
        for year in ["pengaduan-2022", "pengaduan-2023", "pengaduan"]:
            res = run(tmp, "score", "-r", os.path.join(TOP, "rubrics/pengaduan.yaml"),
                      os.path.join(TOP, "samples", year), "-o", year + ".json")
            check(res.returncode == 0, "score %s to JSON exits 0" % year)
            res = run(tmp, "score", "-r", os.path.join(TOP, "rubrics/pengaduan.yaml"),
                      os.path.join(TOP, "samples", year), "-o", year + ".xlsx")
            check(res.returncode == 0, "score %s to XLSX exits 0" % year)
            book_layout(os.path.join(tmp, year + ".xlsx"), os.path.join(tmp, year + ".json"),
                        os.path.join(tmp, year + ".book.xlsx"))
        for fmt in ["table", "csv", "json"]:
            names = ["pengaduan-2022", "pengaduan-2023", "pengaduan"]
            want = run(tmp, "compare", "--format", fmt, *[n + ".json" for n in names])
            got = run(tmp, "compare", "--format", fmt, *[n + ".book.xlsx" for n in names])
            check(want.returncode == 0 and got.returncode == 0,
                  "compare of the three pengaduan years exits 0 (%s)" % got.stderr.strip())
            check(got.stdout.replace(".book.xlsx", ".json") == want.stdout,
                  "the rebuilt book's layout (Data sheet, labels, title block) compares as "
                  "the JSON reports do, as %s" % fmt)
        stated_decimals(tmp, "pengaduan.xlsx")
        mixed = run(tmp, "compare", "--force", "--format", "csv", YEARS[0] + ".json",
                    YEARS[1] + ".xlsx", YEARS[2] + ".en.xlsx")
        check(mixed.returncode == 0 and mixed.stdout.replace(".en.xlsx", ".REPORT")
              .replace(".xlsx", ".REPORT").replace(".json", ".REPORT")
              == compare(tmp, ".json", "csv"),
              "JSON and workbooks mixed compare as the JSON reports do")
    finally:
        shutil.rmtree(tmp)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
