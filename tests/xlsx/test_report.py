#!/usr/bin/python3
# test_report.py — reads the XLSX report back with an independent reader (openpyxl) and checks
# it against the JSON report of the same run: sheets in order, the title block, header,
# ranking order, totals, zone colours and labels, frozen header, table with filters, the
# summary (zones, bands, mean, median, only groups with agencies) with its two charts, the
# sections with titles, the indicators in long form with titles, the gaps sheet against
# `patuh gaps --format json`, the Data sheet (agencies x sections), the About sheet, filters
# and print setup on every sheet, no number stored as text, --lang en, reproducibility; the
# gaps and compare workbooks; and, when LibreOffice is installed, the workbook converted to
# PDF (doc/formats.md §4.5).
# Run from the top of the tree: PATUH=build/patuh /usr/bin/python3 tests/xlsx/test_report.py
import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

import openpyxl
import yaml

PATUH = os.environ.get("PATUH", "build/patuh")
RUBRIC = "rubrics/pengaduan.yaml"
SAMPLES = "samples/pengaduan/"
EPOCH = "1700000000"
HEAD_ID = ["Peringkat", "Peringkat Kelompok", "Kode", "Nama", "Kelompok", "Wilayah", "Nilai",
           "Predikat", "Keterangan", "Zona", "Status", "Belum Dijawab", "Indikator Kritis Gagal",
           "Cakupan"]
HEAD_EN = ["Rank", "Group rank", "Id", "Name", "Group", "Region", "Total", "Band", "Label",
           "Zone", "Status", "Unanswered", "Failed critical indicators", "Coverage"]
COL_ID, COL_TOTAL, COL_ZONE, COL_STATUS = 2, 6, 9, 10  # 0-based columns of the ranking sheet
SHEETS_ID = ["Peringkat", "Ringkasan", "Bagian", "Indikator", "Unit", "Kekurangan", "Data",
             "Tentang"]
SHEETS_EN = ["Ranking", "Summary", "Sections", "Indicators", "Units", "Gaps", "Data", "About"]
DATA_ID = ["Kode", "Nama", "Kelompok", "Wilayah", "Periode", "Kode bagian", "Bagian", "Nilai",
           "Predikat", "Zona", "Tingkat bagian"]
DATA_EN = ["Id", "Name", "Group", "Region", "Period", "Section id", "Section", "Total", "Band",
           "Zone", "Section level"]
TITLE = "Penilaian Pengelolaan Pengaduan 2024"
OFFICE = "Ombudsman RI Perwakilan Banten & Kalsel"
NUMBER_TEXT = re.compile(r"\s*[+-]?\d+([.,]\d+)?\s*%?\s*")

from checks import check, summary  # noqa: E402 (the shared counting check)


def run(*args, epoch=EPOCH, tz="UTC"):
    env = dict(os.environ, SOURCE_DATE_EPOCH=epoch, NO_COLOR="1", TZ=tz)
    return subprocess.run([PATUH, *args], env=env, capture_output=True, text=True)


def score(out, *extra, tz="UTC"):
    res = run("score", "-r", RUBRIC, SAMPLES, "-o", out, *extra, tz=tz)
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


def label(slug):
    """A rubric name as the workbook shows it: "kab-x" -> "Kab x" (doc/formats.md §4.5)."""
    text = slug.replace("-", " ").replace("_", " ")
    return text[:1].upper() + text[1:]


def rubric_yaml():
    with open(RUBRIC, encoding="utf-8") as f:
        return yaml.safe_load(f)


def rubric_sections():
    """Every section of the rubric in pre-order: (id, title, depth, parent's child count)."""
    out = []

    def walk(items, depth, siblings):
        for sec in items:
            out.append((sec["id"], sec.get("title"), depth, siblings))
            kids = sec.get("sections") or []
            walk(kids, depth + 1, len(kids) + len(sec.get("indicators") or []))
    walk(rubric_yaml()["sections"], 1, 0)
    return out


def head_row(table, first):
    """The index of the table's header row: the first row whose first cell is `first`."""
    return next(i for i, r in enumerate(table) if r and r[0] == first)


STATUS_WORDS = {
    "id": {"ranked": "diperingkat", "incomplete": "tidak lengkap", "not_assessed": "belum dinilai"},
    "en": {"ranked": "ranked", "incomplete": "incomplete", "not_assessed": "not assessed"},
}


CAP_NOTE = {"id": "* %s: predikat dibatasi %s, indikator kritis gagal: %s",
            "en": "* %s: band capped at %s, failed critical indicators: %s"}


def check_cap_notes(notes, report, lang):
    """Below the ranking, a blank row apart, one line per agency whose band the critical cap
    lowered (doc/scoring.md §7.2): a failed critical indicator and a band below the one its
    total reaches. kab-balangan (pengaduan): 90.26 reaches A, KN.3 failed, capped at C;
    kab-tanah-laut also failed KN.3 but its 12.73 is E anyway: no line."""
    bands = rubric_yaml()["bands"]
    def by_total(t):
        return next(b["id"] for b in bands if t >= b["min"])
    want = [CAP_NOTE[lang] % (a["id"], a["band"], ", ".join(a["critical_failed"]))
            for a in report["agencies"] if a.get("critical_failed") and a["total"] is not None
            and by_total(a["total"]) != a["band"]]
    check(notes == want, "the cap notes under the ranking are %r, got %r" % (want, notes))
    return want


def check_ranking(ws, report, head, lang="id"):
    h = head_row(rows(ws), head[0])
    everything = rows(ws)[h:]
    end = next((i for i, r in enumerate(everything) if all(c is None for c in r)), len(everything))
    table = everything[:end]
    notes = [r[0] for r in everything[end + 1:] if r[0] is not None]
    check(len(check_cap_notes(notes, report, lang)) == 1, "samples/pengaduan has one capped agency")
    check(table[0] == head, "ranking header is %r, without section columns, got %r"
          % (head, table[0]))
    # coverage (the last column, a fraction in a percent cell) and status (doc/formats.md §4.5)
    coverage = [r[-1] for r in table[1:]]
    check([round(c, 4) for c in coverage] == [a["coverage"] for a in report["agencies"]],
          "coverage equals the JSON coverage")
    check(ws.cell(h + 2, len(table[0])).number_format == "0.0%", "coverage is a percent cell")
    words = STATUS_WORDS[lang]
    check([r[COL_STATUS] for r in table[1:]] == [words[a["status"]] for a in report["agencies"]],
          "status equals the JSON status, in the report's language")
    ids = [r[COL_ID] for r in table[1:]]
    check(ids == [a["id"] for a in report["agencies"]], "ranking order equals the JSON order")
    totals = [r[COL_TOTAL] for r in table[1:]]
    check(all(t is None or isinstance(t, (int, float)) for t in totals), "totals are numbers")
    check(totals == [a["total"] for a in report["agencies"]], "totals equal the JSON totals")
    decimals = report["rubric"]["decimals"]
    fmt = "0." + "0" * decimals if decimals else "0"
    check(ws.cell(h + 2, COL_TOTAL + 1).number_format == fmt,
          "total shown with %d decimals (%s)" % (decimals, ws.cell(h + 2, COL_TOTAL + 1).number_format))
    groups = [r[4] for r in table[1:]]
    check(groups == [label(a["group"]) for a in report["agencies"]],
          "groups shown as labels, not slugs (%r)" % groups[:3])
    aligned = [ws.cell(h + 1, c + 1).alignment.horizontal for c in (0, 1, COL_TOTAL)]
    check(aligned == ["right"] * 3, "number headers right-aligned over their numbers (%r)" % aligned)


def check_title(ws, report, lang="id", office=None, when="(UTC+00:00)"):
    """The title block above the ranking: title, rubric, period, office, local date."""
    table = rows(ws)
    h = head_row(table, HEAD_ID[0] if lang == "id" else HEAD_EN[0])
    block = [r[0] for r in table[:h] if r[0]]
    rubric = rubric_yaml()
    words = ("Rubrik", "Periode", "Penilai", "Tanggal") if lang == "id" else \
        ("Rubric", "Period", "Assessed by", "Date")
    check(h >= 4 and table[h - 1][0] is None, "the header row is a table row under the block "
          "and a blank row (row %d)" % (h + 1))
    check(block[0] == (TITLE if office else rubric["title"]) and ws["A1"].font.sz == 14,
          "the block starts with the title in 14 pt (%r)" % block[:1])
    check("%s: %s (%s, %s)" % (words[0], rubric["title"], rubric["id"], rubric["year"]) in block,
          "the block names the rubric, its id and year (%r)" % block)
    periods = []
    for a in report["agencies"]:
        if a["period"] and a["period"] not in periods:
            periods.append(a["period"])
    check("%s: %s" % (words[1], ", ".join(periods)) in block, "the block gives the period")
    check((office is None) == (not any(b.startswith(words[2] + ":") for b in block)) and
          (office is None or "%s: %s" % (words[2], office) in block),
          "the block names the office when --office is given (%r)" % block)
    date = [b for b in block if b.startswith(words[3] + ": ")]
    check(len(date) == 1 and date[0].endswith(when), "the date in local time with its offset "
          "%r (%r)" % (when, date))


def check_zones(ws, report):
    colours = zone_colours()
    h = head_row(rows(ws), HEAD_ID[0])
    bad = []
    for i, agency in enumerate(report["agencies"]):
        cell = ws.cell(h + i + 2, COL_ZONE + 1)
        want = colours.get(agency["zone"])
        got = (cell.fill.fgColor.rgb or "")[-6:].upper() if cell.fill.fill_type else None
        if cell.value != label(agency["zone"]) or got != want:
            bad.append((agency["id"], cell.value, got, want))
    check(colours and not bad, "zone cells filled with the rubric's colours: %r" % bad[:3])


def check_table(ws, report):
    h = head_row(rows(ws), HEAD_ID[0]) + 1  # 1-based
    check(ws.freeze_panes == "A%d" % (h + 1), "header row frozen (got %r)" % ws.freeze_panes)
    tables = list(ws.tables.values())
    check(len(tables) == 1, "the ranking is one Excel table (got %d)" % len(tables))
    if tables:
        last = max(len(report["agencies"]), 1) + h
        check(tables[0].ref.startswith("A%d:" % h) and tables[0].ref.endswith(str(last)),
              "table covers the header and every agency (%s)" % tables[0].ref)
        check(tables[0].autoFilter is not None, "the table has filters")


def check_about(ws, report):
    with open(RUBRIC, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    table = rows(ws)
    values = [v for r in table for v in r if v is not None]
    check(digest in values, "About lists the rubric's SHA-256")
    check(report["rubric"]["sha256"] == digest, "the JSON gives the same SHA-256")
    check("2023-11-14 22:13:20 (UTC+00:00)" in values,
          "About shows SOURCE_DATE_EPOCH in local time (TZ=UTC) with its offset")
    check(len(report["agencies"]) in values, "About counts the agencies")
    check(table[0] == ["Butir", "Isi", "Catatan"], "every About column headed (%r)" % table[0])
    got = {r[0]: r[1] for r in table[1:]}
    check(got.get("Berkas rubrik") == RUBRIC, "the rubric file as given, relative (%r)"
          % got.get("Berkas rubrik"))
    check(str(got.get("Opsi", "")).startswith("rubrik=") and "ketat=tidak" in got["Opsi"],
          "options in the report's language (%r)" % got.get("Opsi"))
    inputs = [r for r in table if r[0] == "Berkas masukan"]
    check(inputs and all(not r[1].startswith("/") and r[2].startswith("SHA-256 ")
                         for r in inputs), "inputs relative, each with its SHA-256 (%r)"
          % inputs[:1])
    warns = [r for r in table if r[0] == "Peringatan"]
    check(warns and all(r[1] and ": warning:" not in r[1] and r[2] and ":" in r[2]
                        for r in warns), "warnings: the text, then where (%r)" % warns[:1])


def check_shipped_rubric_path(tmp):
    """A shipped rubric below the working directory is named relative to it."""
    out = os.path.join(tmp, "id.xlsx")
    res = run("score", "-r", "pengaduan", SAMPLES, "-o", out)
    check(res.returncode == 0, "score -r pengaduan exits 0")
    got = {r[0]: r[1] for r in rows(openpyxl.load_workbook(out)["Tentang"])}
    check(not got.get("Berkas rubrik", "/").startswith("/"),
          "a shipped rubric is not an absolute path (%r)" % got.get("Berkas rubrik"))


def check_sections(ws, report):
    table = rows(ws)
    ids = [r[1] for r in table[2:]]
    check(ids == [a["id"] for a in report["agencies"]], "sections sheet in ranking order")
    numbers = [v for r in table[2:] for v in r[3:]]
    check(numbers and all(v is None or isinstance(v, (int, float)) for v in numbers),
          "section scores are number cells")
    # titles above, ids below; a section that is its parent's only child is left out
    shown = [(i, t) for i, t, depth, siblings in rubric_sections() if depth == 1 or siblings > 1]
    check(table[1][3:] == [i for i, _ in shown] and table[0][3:] == [t or i for i, t in shown],
          "section headers: titles, ids in the second row, no single-child repeats (%r)"
          % table[0][3:])
    top = list(report["agencies"][0]["sections"])
    got = [{table[1][c]: r[c] for c in range(3, len(r)) if table[1][c] in top} for r in table[2:]]
    check(got == [a["sections"] for a in report["agencies"]],
          "top-level section scores equal the JSON")
    check(ws.auto_filter.ref and ws.auto_filter.ref.startswith("A2:"),
          "filters on the ids row (%r)" % ws.auto_filter.ref)
    check(ws.freeze_panes == "D3", "frozen under both header rows (%r)" % ws.freeze_panes)


def check_data(ws, report, head):
    """One row per agency and section, numbers as numbers, ready for a pivot table."""
    table = rows(ws)
    sections = rubric_sections()
    check(table[0] == head, "Data header %r (got %r)" % (head, table[0]))
    body = table[1:]
    check(len(body) == len(report["agencies"]) * len(sections),
          "Data: one row per agency x section (%d rows, want %d x %d)"
          % (len(body), len(report["agencies"]), len(sections)))
    period = lambda p: int(p) if p and p.isdigit() else p  # a year is a number
    want = [(a["id"], a["name"], label(a["group"]), a["region"], period(a["period"]), s, t or s, d)
            for a in report["agencies"] for s, t, d, _ in sections]
    got = [(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[10]) for r in body]
    check(got == want, "Data: agencies in ranking order, sections in rubric order (first "
          "difference %r)" % next(((a, b) for a, b in zip(got, want) if a != b), None))
    check(all(r[7] is None or isinstance(r[7], (int, float)) for r in body) and
          any(isinstance(r[7], (int, float)) for r in body), "Data: scores are numbers")
    tops = {(r[0], r[5]): r[7] for r in body if r[10] == 1}
    check(all(tops[(a["id"], s)] == v for a in report["agencies"]
              for s, v in a["sections"].items()), "Data: top-level scores equal the JSON")
    zones = {label(z) for z in zone_colours()}
    check(all(r[9] in zones for r in body if r[7] is not None),
          "Data: each scored section has a zone label")
    tables = list(ws.tables.values())
    check(len(tables) == 1 and tables[0].ref.startswith("A1:") and
          tables[0].ref.endswith(str(len(table))), "Data is one Excel table over every row")


def check_no_number_text(wb, what):
    """No cell anywhere holds a number as text (ids, paths, hashes and times are not numbers)."""
    bad = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and NUMBER_TEXT.fullmatch(cell.value):
                    bad.append("%s!%s=%r" % (ws.title, cell.coordinate, cell.value))
    check(not bad, "%s: no number stored as text: %r" % (what, bad[:5]))


def check_print(wb, what):
    bad = []
    for ws in wb.worksheets:
        ps = ws.page_setup
        fit = ws.sheet_properties.pageSetUpPr
        one_wide = (fit is not None and fit.fitToPage and ps.fitToWidth in (1, None)
                    and str(ps.fitToHeight) == "0")
        # a wide table prints across pages at 85 % (11 pt -> 9.35 pt) with its first
        # columns repeated, never shrunk to one page wide
        across = ((fit is None or not fit.fitToPage) and str(ps.scale) == "85"
                  and bool(ws.print_title_cols))
        ok = (ps.orientation == "landscape" and str(ps.paperSize) == "9"
              and (one_wide or across)
              and ws.print_title_rows in ("1:1", "$1:$1") and ws["A1"].font.b)
        if not ok:
            bad.append((ws.title, ps.orientation, ps.paperSize, ps.fitToWidth, ps.fitToHeight,
                        ws.print_title_rows, ws["A1"].font.b))
    check(not bad, "%s: every sheet A4 landscape, 1 page wide or across at 85 %%, header "
          "repeated and bold: %r"
          % (what, bad[:3]))


def printed_pixels(ws):
    """Width in pixels (Calibri 11: 7 px a character and 5 px padding) of the printed columns."""
    area = ws.print_area
    last = None
    if area:
        area = area[0] if isinstance(area, (list, tuple)) else area
        last = openpyxl.utils.column_index_from_string(
            re.sub(r"[$\d]", "", area.split(":")[-1].split("!")[-1]))
    total = 0
    for key, dim in ws.column_dimensions.items():
        col = openpyxl.utils.column_index_from_string(key)
        if last is None or col <= last:
            total += int(dim.width * 7 + 5)
    return total


def check_print_area(tmp):
    """The ranking prints Peringkat to Zona, and Status too when an agency is not ranked."""
    for extra, last, what in (([], "J", "all ranked"),
                              (["--min-coverage", "0.99"], "K", "some incomplete")):
        out = os.path.join(tmp, "area.xlsx")
        score(out, *extra)
        ws = openpyxl.load_workbook(out)["Peringkat"]
        area = ws.print_area
        area = area[0] if isinstance(area, (list, tuple)) else area
        h = head_row(rows(ws), HEAD_ID[0])
        statuses = {r[COL_STATUS] for r in rows(ws)[h + 1:] if r[COL_ID] is not None}
        check(area and area.replace("$", "").endswith("A:" + last) and
              (last == "J") == (statuses == {"diperingkat"}),
              "%s: the ranking prints columns A to %s (%r, %r)" % (what, last, area, statuses))


def check_print_book(wb, what, title):
    """A4; portrait, landscape one page wide at 8 pt or more, or across at 85 %; header rows
    repeated; title in the page header, page numbers in the footer; filters on every table."""
    bad = []
    for ws in wb.worksheets:
        ps = ws.page_setup
        fit = ws.sheet_properties.pageSetUpPr
        table = rows(ws)
        head = 2 if ws.title in ("Bagian", "Sections") else 1
        if ws.title in ("Peringkat", "Ranking"):
            head = head_row(table, ws.title) + 1
        titles = "%d:%d" % (head - (ws.title in ("Bagian", "Sections")), head)
        page = 1045.44 if ps.orientation == "landscape" else 717.12
        one_wide = (fit is not None and fit.fitToPage and ps.fitToWidth in (1, None)
                    and str(ps.fitToHeight) == "0" and printed_pixels(ws) * 0.75 <= page)
        across = ((fit is None or not fit.fitToPage) and str(ps.scale) == "85"
                  and bool(ws.print_title_cols))
        filters = ws.auto_filter.ref is not None or any(
            t.autoFilter is not None for t in ws.tables.values())
        ok = (str(ps.paperSize) == "9" and (one_wide or across)
              and ws.print_title_rows in (titles, "$%s:$%s" % tuple(titles.split(":")))
              and ws.cell(head, 1).font.b and title in (ws.oddHeader.left.text or "")
              and "&P" in (ws.oddFooter.right.text or "") and filters)
        if not ok:
            bad.append((ws.title, ps.orientation, ps.fitToWidth, ps.scale, printed_pixels(ws),
                        ws.print_title_rows, titles, ws.oddHeader.left.text, filters))
    check(not bad, "%s: every sheet A4, one page wide at >= 8 pt or across at 85 %%, header "
          "rows repeated and bold, title and page numbers, filters: %r" % (what, bad[:3]))


def check_properties(wb):
    p = wb.properties
    check(p.creator == "patuh" and p.title and p.subject and p.keywords and p.description,
          "document properties: author, title, subject, keywords, comments (%r)" % p)


def check_chart(path):
    """xl/charts/chart1.xml exists and its drawing hangs on the summary (second) sheet."""
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        check("xl/charts/chart1.xml" in names, "the workbook holds a chart")
        rels = z.read("xl/worksheets/_rels/sheet2.xml.rels").decode() \
            if "xl/worksheets/_rels/sheet2.xml.rels" in names else ""
        check("drawings/drawing1.xml" in rels and "<drawing " in
              z.read("xl/worksheets/sheet2.xml").decode(),
              "the drawing is attached to the summary sheet")
        drels = z.read("xl/drawings/_rels/drawing1.xml.rels").decode()
        check("charts/chart1.xml" in drels and "charts/chart2.xml" in drels,
              "the drawing shows chart1 and chart2")
        chart = z.read("xl/charts/chart1.xml").decode() if "xl/charts/chart1.xml" in names \
            else ""
        colours = set(zone_colours().values())
        check('grouping val="stacked"' in chart and
              all(c in chart.upper() for c in colours),
              "stacked columns with the zone colours %r" % sorted(colours))


def check_summary(ws, report):
    """Per group with agencies and for all: zones, bands A-E, mean and median."""
    table = rows(ws)
    zones = list(zone_colours())
    bands = [b["id"] for b in rubric_yaml()["bands"]]
    bands = [b for _, b in sorted(((-x["min"], x["id"]) for x in rubric_yaml()["bands"]))]
    head = table[0]
    nz, nb = len(zones), len(bands)
    check(head[2:2 + nz] == [label(z) for z in zones] and head[2 + nz:2 + nz + nb] == bands,
          "summary columns: the zones as labels, then the bands %r (got %r)" % (bands, head))
    ranked = [a for a in report["agencies"] if a["status"] == "ranked"]
    order = [label(g) for g in rubric_yaml().get("groups", [])]
    want = {}
    for key in [g for g in order if any(label(a["group"]) == g for a in ranked)] + [None]:
        mine = [a for a in ranked if key is None or label(a["group"]) == key]
        totals = sorted(a["total"] for a in mine)
        m = len(totals) // 2
        median = totals[m] if len(totals) % 2 else (totals[m - 1] + totals[m]) / 2
        want[key] = ([len(mine)] + [sum(a["zone"] == z for a in mine) for z in zones]
                     + [sum(a["band"] == b for a in mine) for b in bands]
                     + [round(sum(totals) / len(totals), 2), round(median, 2)])
    last = head_row(table, "Semua" if "Semua" in [r[0] for r in table] else "All")
    got = {}
    for r in table[1:last + 1]:
        key = None if r[0] in ("Semua", "All") else r[0]
        got[key] = r[1:4 + nz + nb]
        check(all(isinstance(v, (int, float)) for v in r[1:]),
              "summary row %r: counts, averages and shares are numbers" % r[0])
        shares = r[4 + nz + nb:4 + 2 * nz + nb]
        check(all(abs(sh - c / r[1]) < 1e-9 for sh, c in zip(shares, r[2:2 + nz])),
              "summary row %r: shares agree with the counts" % r[0])
    check(list(got) == list(want) and
          all(got[k][:-2] == want[k][:-2] and
              all(abs(x - y) < 0.006 for x, y in zip(got[k][-2:], want[k][-2:])) for k in want),
          "summary: only groups with agencies; counts, mean and median equal the JSON's "
          "(got %r, want %r)" % (got, want))
    check(ws.cell(2, 4 + nz + nb + 1).number_format.endswith("%"), "shares shown as percent")
    check(ws.auto_filter.ref is not None, "the summary has filters")
    hist = head_row(table, "Rentang nilai" if "Semua" in [r[0] for r in table] else "Total range")
    bins = table[hist + 1:hist + 11]
    check(len(bins) == 10 and sum(r[1] for r in bins) == len(ranked),
          "the histogram's ten ranges hold every ranked agency (%r)" % bins)
    check(len(ws._charts) == 2, "two charts: zones per group and the histogram")


def gaps_by_agency(gaps_json):
    out = {}
    for a in gaps_json["agencies"]:
        out[a["id"]] = {g["indicator"] for g in a["gaps"]}
    return out


def check_indicators(ws, report, gaps_json):
    """One row per indicator x agency, with the indicator's title beside its id."""
    table = rows(ws)
    head, body = table[0], table[1:]
    check(head == ["Kode indikator", "Indikator", "Bagian", "Peringkat", "Kode", "Nama",
                   "Nilai (%)", "Porsi nilai penuh"], "indicator columns (%r)" % head)
    titles = {}

    def walk(items):
        for sec in items:
            for ind in sec.get("indicators") or []:
                titles[ind["id"]] = ind["title"]
            walk(sec.get("sections") or [])
    walk(rubric_yaml()["sections"])
    ids = [a["id"] for a in report["agencies"]]
    want = [(i, t, aid) for i, t in titles.items() for aid in ids]
    check([(r[0], r[1], r[4]) for r in body] == want,
          "indicators in rubric order, agencies in ranking order, each with its title")
    values = [r[6] for r in body if r[6] is not None]
    check(values and all(isinstance(v, (int, float)) and 0 <= v <= 100 for v in values),
          "indicator scores are numbers in 0..100")
    rules = [r for cf in ws.conditional_formatting for r in cf.rules]
    check(any(r.type == "colorScale" and len(r.colorScale.color) == 3 for r in rules),
          "the indicator sheet has a 3-colour scale")
    gaps = gaps_by_agency(gaps_json)
    bad = []
    for ind in titles:
        cells = [(r[4], r[6], r[7]) for r in body if r[0] == ind and r[6] is not None]
        full = [aid for aid, v, _ in cells if ind not in gaps.get(aid, set())]
        if any((v == 100) != (aid in full) for aid, v, _ in cells):
            bad.append((ind, "100 differs from no gap"))
        want_share = len(full) / len(cells) if cells else None
        if any(abs(sh - want_share) > 1e-9 for _, _, sh in cells):
            bad.append((ind, cells[0][2], want_share))
    check(not bad, "full-marks share equals the share without a gap: %r" % bad[:3])
    check(ws.cell(2, 8).number_format.endswith("%"), "full-marks shares in percent")
    check(ws.auto_filter.ref is not None, "the indicator sheet has filters")


def gap_rows(gaps_json, lang):
    missing = "belum dijawab" if lang == "id" else "missing"
    crit = ("ya", "tidak") if lang == "id" else ("yes", "no")
    agency = "(instansi)" if lang == "id" else "(agency)"
    out = []
    for a in gaps_json["agencies"]:
        for g in a["gaps"]:
            out.append([a["id"], g["unit"] or agency, g["indicator"],
                        missing if g["value"] is None else g["value"], g["gain"],
                        crit[0] if g["critical"] else crit[1], g["fix"]])
    return out


def check_gaps(ws, gaps_json, lang, what):
    table = rows(ws)
    # No, id, name, total, band, unit, indicator, title, answer, gain, critical, per level, fix
    got = [[r[1], r[5], r[6], r[8], r[9], r[10], r[12]] for r in table[1:]]
    want = gap_rows(gaps_json, lang)
    check(len(got) > 0 and got == want, "%s: gaps rows equal patuh gaps --format json "
          "(%d rows, want %d; first difference %r)" % (what, len(got), len(want),
          next(((a, b) for a, b in zip(got, want) if a != b), None)))
    check([r[0] for r in table[1:]] == list(range(1, len(table))), "%s: gaps numbered" % what)
    check(all(isinstance(r[9], (int, float)) for r in table[1:]), "%s: gains are numbers" % what)
    check(all(r[7] for r in table[1:]), "%s: every indicator with its title" % what)
    fmts = {ws.cell(i + 2, 9).number_format for i, r in enumerate(table[1:])
            if isinstance(r[8], (int, float))}
    check(fmts == {"0.00"}, "%s: answers in one number format (%r)" % (what, fmts))
    check(table[0][9] in ("Kenaikan (poin)", "Gain (points)"), "%s: the gain's unit in its "
          "header (%r)" % (what, table[0][9]))
    agencies = {a["id"]: a for a in gaps_json["agencies"]}
    bad = [r[1] for r in table[1:] if [r[3], r[4]] != [agencies[r[1]]["total"],
                                                       agencies[r[1]]["band"]]]
    check(not bad, "%s: each row carries its agency's total and band: %r" % (what, bad[:3]))
    # the gain of each level: one "value (label) +gain poin" per level of the JSON
    unit = " poin" if lang == "id" else " points"
    bad = []
    for r, g in zip(table[1:], (g for a in gaps_json["agencies"] for g in a["gaps"])):
        if len((r[11] or "").split(" · ")) != len(g["levels"]) or not r[11].endswith(unit):
            bad.append((r[1], r[6], r[11]))
    check(not bad, "%s: a gain for each level, with its unit: %r" % (what, bad[:3]))


def path_rows(gaps_json):
    """The Jalur sheet as the JSON says it: per agency, per path, one row per raise."""
    out = []
    for a in gaps_json["agencies"]:
        for key in ("next_band", "next_zone"):
            p = a[key]
            for r in p["raises"] or [None]:
                out.append([a["id"], a["total"], a["band"], p["target"],
                            r and r["indicator"], r and (r["unit"] or "(instansi)"), r and r["to"],
                            r and r["label"], r and r["steps"], r and r["gain"],
                            p["total"] if p["target"] else None,
                            p["band"] if p["target"] else None])
    return out


def check_gaps_csv(text, gaps_json):
    """The gaps CSV says what the JSON says: the gaps, then each path's raises."""
    table = list(csv.DictReader(io.StringIO(text)))
    want, got = [], []
    for a in gaps_json["agencies"]:
        for g in a["gaps"]:
            want.append(("gap", a["id"], a["total"], a["band"], g["indicator"], g["gain"]))
        for key in ("next_band", "next_zone"):
            for r in a[key]["raises"] or [None]:
                want.append((key, a["id"], a["total"], a["band"], r and r["indicator"],
                             r and r["gain"], r and r["to"], a[key]["target"],
                             a[key]["target"] and a[key]["total"]))
    for r in table:
        num = lambda v: float(v) if v else None
        row = (r["row"], r["agency"], num(r["total"]), r["band"], r["indicator"] or None,
               num(r["gain"]))
        if r["row"] != "gap":
            row += (num(r["to"]), r["target"] or None, num(r["result_total"]))
        got.append(row)
    check(len(got) > 0 and got == want, "gaps CSV: rows equal patuh gaps --format json (%d "
          "rows, want %d; first difference %r)" % (len(got), len(want),
          next(((a, b) for a, b in zip(got, want) if a != b), None)))
    notes = {r["note"] for r in table if r["row"] != "gap"}
    check({"top", "capped"} <= notes, "gaps CSV: path notes top and capped (%r)" % notes)


def check_paths(ws, gaps_json, what):
    table = rows(ws)
    # id, name, total, band, path, target, indicator, unit, answer, to, label, steps, gain,
    # result total, result band, note
    got = [[r[0], r[2], r[3], r[5], r[6], r[7], r[9], r[10], r[11], r[12], r[13], r[14]]
           for r in table[1:]]
    want = path_rows(gaps_json)
    check(len(got) > 0 and got == want, "%s: path rows equal patuh gaps --format json "
          "(%d rows, want %d; first difference %r)" % (what, len(got), len(want),
          next(((a, b) for a, b in zip(got, want) if a != b), None)))
    capped = [r for r in table[1:] if r[15] and "indikator kritis" in r[15]]
    check(capped and all(r[6] for r in capped), "%s: a capped path names its raise and says "
          "why" % what)
    check(ws.auto_filter.ref is not None, "%s: the paths table has an autofilter" % what)


def check_csv_id(report, gaps_json):
    """--csv id: BOM, ';', decimal comma, Indonesian headers; the default stays RFC 4180."""
    res = run("score", "-r", RUBRIC, SAMPLES, "--format", "csv", "--csv", "id")
    check(res.returncode == 0, "score --csv id exits 0 (%s)" % res.stderr.strip())
    text = res.stdout
    check(text.startswith("\ufeff"), "--csv id starts with a byte order mark")
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    check(table[0][:3] == ["Peringkat", "Peringkat Kelompok", "Kode"] and "Nilai" in table[0],
          "--csv id: Indonesian headers (%r)" % table[0][:8])
    check(len({len(r) for r in table}) == 1, "--csv id: every row has the header's fields")
    col = table[0].index("Nilai")
    got = {r[2]: r[col] for r in table[1:]}
    want = {a["id"]: "%.2f" % a["total"] for a in report["agencies"]}
    check(got == {k: v.replace(".", ",") for k, v in want.items()},
          "--csv id: totals with a decimal comma equal the JSON (%r)" % list(got.items())[:2])
    raw = subprocess.run([PATUH, "score", "-r", RUBRIC, SAMPLES, "--format", "csv", "--csv", "id"],
                         capture_output=True).stdout
    check(raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == len(table),
          "--csv id: UTF-8 with a BOM, CRLF line ends")
    plain = run("score", "-r", RUBRIC, SAMPLES, "--format", "csv").stdout
    check(plain.startswith("rank,group_rank,id,") and "\r" not in plain,
          "the default CSV stays RFC 4180 with '.'")
    res = run("gaps", "-r", RUBRIC, SAMPLES, "--format", "csv", "--csv", "id")
    rows_g = list(csv.reader(io.StringIO(res.stdout.lstrip("\ufeff")), delimiter=";"))
    check(rows_g[0][:4] == ["Kode Instansi", "Nama Instansi", "Nilai", "Predikat"] and
          {r[4] for r in rows_g[1:]} <= {"kekurangan", "predikat berikutnya", "zona berikutnya"}
          and len(rows_g) - 1 == len(list(csv.reader(io.StringIO(
              run("gaps", "-r", RUBRIC, SAMPLES, "--format", "csv").stdout)))) - 1,
          "gaps --csv id: the same rows in Indonesian (%r)" % rows_g[0][:5])


def check_compare(tmp, report_new):
    old = os.path.join(tmp, "old.json")
    res = run("score", "-r", RUBRIC, "samples/pengaduan-2023/", "-o", old)
    check(res.returncode == 0, "the 2023 sample scores")
    out, out2 = os.path.join(tmp, "c.xlsx"), os.path.join(tmp, "c2.xlsx")
    cj, en = os.path.join(tmp, "c.json"), os.path.join(tmp, "c-en.xlsx")
    new = os.path.join(tmp, "r.json")
    for o, extra in ((out, []), (out2, []), (cj, []), (en, ["--lang", "en"])):
        res = run("compare", old, new, "-o", o, *extra)
        check(res.returncode == 0, "compare -o %s exits 0 (%s)" % (os.path.basename(o),
                                                                   res.stderr.strip()))
    with open(cj, encoding="utf-8") as f:
        cmp = json.load(f)
    wb = openpyxl.load_workbook(out)
    check(wb.sheetnames == ["Perbandingan", "Perpindahan Zona", "Tentang"],
          "compare workbook sheets, no trend for two periods (got %r)" % wb.sheetnames)
    check(openpyxl.load_workbook(en).sheetnames == ["Comparison", "Zone transitions", "About"],
          "compare --lang en sheets")
    table = rows(wb["Perbandingan"])
    head = table[0]
    check(head[:5] == ["Nama", "Kode", "Kelompok", "Wilayah", "Status"],
          "comparison: name first, then id, group, region (got %r)" % head[:5])
    check("Nilai 2023" in head and "Nilai 2024" in head and "Perubahan 2023→2024" in head,
          "comparison: period labels from the reports in the headers (%r)" % head)
    check([r[1] for r in table[1:]] == [a["id"] for a in cmp["agencies"]],
          "comparison rows in the JSON's order")
    check([r[0] for r in table[1:]] == [a["name"] for a in cmp["agencies"]],
          "comparison: agencies by name")
    check([r[2] for r in table[1:]] == [label(a["group"]) if a.get("group") else None
                                        for a in cmp["agencies"]],
          "comparison: groups as labels, as in the ranking book (%r)" % [r[2] for r in table[1:4]])
    zones_shown = {r[head.index("Zona 2024")] for r in table[1:]} - {None}
    check(zones_shown and all(z[:1].isupper() for z in zones_shown),
          "comparison: zones as labels (%r)" % zones_shown)
    ch, moved = head.index("Perubahan 2023→2024"), head.index("Naik peringkat 2023→2024")
    got = [(r[head.index("Nilai 2023")], r[head.index("Nilai 2024")], r[ch], r[moved])
           for r in table[1:]]
    want = [((a["periods"][0] or {}).get("total"), (a["periods"][1] or {}).get("total"),
             a["changes"][0]["change"], a["changes"][0]["rank_change"]) for a in cmp["agencies"]]
    check(got == want, "comparison totals, changes and places moved equal the JSON")
    ws = wb["Perbandingan"]
    first = next(i for i, r in enumerate(table) if i and r[ch] is not None)
    fmt = ws.cell(first + 1, ch + 1).number_format
    check(fmt.startswith("+"), "changes are shown with their sign (%r)" % fmt)
    colours = zone_colours()
    zc = head.index("Zona 2024") + 1
    bad = [(i, ws.cell(i + 2, zc).value) for i, a in enumerate(cmp["agencies"])
           if a["periods"][1] and (ws.cell(i + 2, zc).fill.fgColor.rgb or "")[-6:].upper()
           != colours[a["periods"][1]["zone"]]]
    check(not bad, "zone cells filled in their colours: %r" % bad[:3])
    check(ws.auto_filter.ref is not None, "the comparison table has an autofilter")
    check(ws.print_title_cols and ws.print_title_cols.startswith("$A:$A") or
          ws.print_title_cols == "A:A", "the comparison prints across pages with the names "
          "repeated (%r)" % ws.print_title_cols)
    matrix = rows(wb["Perpindahan Zona"])
    check(matrix[0][0] == "Zona 2023 \\ 2024", "the matrix names its periods (%r)" % matrix[0][0])
    zones = [z for z in matrix[0][1:] if z is not None]
    got = {(matrix[1 + f][0], zones[t]): matrix[1 + f][1 + t]
           for f in range(len(zones)) for t in range(len(zones))}
    want = {(label(m["from"]), label(m["to"])): m["count"] for m in cmp["transitions"]}
    check(got == want, "the zone transition matrix equals the JSON's, zones as labels (%r)" % got)
    movers = [r for r in matrix[len(zones) + 3:] if r and r[0] and r[0] != "Nama"]
    names = {a["id"]: a["name"] for a in cmp["agencies"]}
    check([r[0] for r in movers if r[1] is not None] == [names[i] for i in cmp["risers"]][:5],
          "risers by name, largest first (%r)" % movers)
    check([r[0] for r in movers if r[2] is not None] == [names[i] for i in cmp["fallers"]][:5],
          "fallers by name, largest fall first")
    check(len(wb["Perpindahan Zona"]._charts) == 1, "a chart of the risers and fallers")
    check_no_number_text(wb, "compare workbook")
    check_print(wb, "compare workbook")
    with open(out, "rb") as a, open(out2, "rb") as b:
        check(a.read() == b.read(), "compare: the same SOURCE_DATE_EPOCH gives the same file")
    check_compare_three(tmp, old, new)


def check_compare_three(tmp, y2023, y2024):
    """Three periods: a trend sheet with a line per agency present in every period."""
    y2022, out = os.path.join(tmp, "2022.json"), os.path.join(tmp, "c3.xlsx")
    res = run("score", "-r", RUBRIC, "samples/pengaduan-2022/", "-o", y2022)
    check(res.returncode == 0, "the 2022 sample scores")
    res = run("compare", y2022, y2023, y2024, "-o", out)
    check(res.returncode == 0, "compare of three periods exits 0 (%s)" % res.stderr.strip())
    wb = openpyxl.load_workbook(out)
    check(wb.sheetnames == ["Perbandingan", "Perpindahan Zona", "Tren", "Tentang"],
          "three periods: a trend sheet (got %r)" % wb.sheetnames)
    trend = rows(wb["Tren"])
    check(trend[0] == ["Nama", "2022", "2023", "2024"], "trend: a column per period")
    # in all three years: balangan, serang, banten, lebak (samples/pengaduan-2022 says so)
    got = {r[0]: r[1:] for r in trend[1:] if r[0]}
    check(got.get("Pemerintah Kabupaten Serang") == [61.4, 70.09, 81.4] and
          got.get("Pemerintah Kabupaten Lebak") == [51.31, 39.78, 33.5] and len(got) == 4,
          "trend: the agencies in every period with their totals (%r)" % got)
    check(len(wb["Tren"]._charts) == 1, "trend: a line chart")
    head = rows(wb["Perbandingan"])[0]
    check("Naik peringkat 2022→2023" in head, "three periods: a rank change per step")
    check_print(wb, "three-period compare workbook")


def check_pdf(tmp, xlsx):
    """LibreOffice converts the workbook to PDF without errors (when installed)."""
    soffice = shutil.which("soffice")
    if not soffice:
        print("skip: soffice not installed, no PDF check")
        return
    res = subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, xlsx],
                         capture_output=True, text=True, timeout=180,
                         env=dict(os.environ, HOME=tmp))
    pdf = os.path.splitext(xlsx)[0] + ".pdf"
    ok = res.returncode == 0 and os.path.exists(pdf) and os.path.getsize(pdf) > 1000
    check(ok, "LibreOffice converts the workbook to PDF (%s)" % res.stderr.strip()[:200])


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
        titled = os.path.join(tmp, "titled.xlsx")
        score(titled, "--title", TITLE, "--office", OFFICE, tz="Asia/Makassar")
        with open(out_json, encoding="utf-8") as f:
            report = json.load(f)
        check(len(report["agencies"]) > 0, "the samples give agencies")
        res = run("gaps", "-r", RUBRIC, SAMPLES, "--format", "json")
        check(res.returncode == 0, "patuh gaps --format json exits 0")
        gaps_json = json.loads(res.stdout)
        res = run("gaps", "-r", RUBRIC, SAMPLES, "--format", "json", "--lang", "en")
        gaps_en = json.loads(res.stdout)
        wb = openpyxl.load_workbook(xlsx)
        check(wb.sheetnames == SHEETS_ID, "Indonesian sheets in order (got %r)" % wb.sheetnames)
        check_properties(wb)
        check_title(wb["Peringkat"], report)
        wb_t = openpyxl.load_workbook(titled)
        check_title(wb_t["Peringkat"], report, office=OFFICE, when="WITA (UTC+08:00)")
        check_print_book(wb_t, "titled score workbook", TITLE.replace("&", "&&"))
        west = os.path.join(tmp, "west.xlsx")
        score(west, tz="XYZ+5")  # POSIX TZ: 5 hours west of UTC
        check_title(openpyxl.load_workbook(west)["Peringkat"], report,
                    when="14 November 2023, 17.13 (UTC-05:00)")
        check_ranking(wb["Peringkat"], report, HEAD_ID)
        check_zones(wb["Peringkat"], report)
        check_table(wb["Peringkat"], report)
        check_summary(wb["Ringkasan"], report)
        check_chart(xlsx)
        check_sections(wb["Bagian"], report)
        check_indicators(wb["Indikator"], report, gaps_json)
        check_gaps(wb["Kekurangan"], gaps_json, "id", "score workbook")
        check_data(wb["Data"], report, DATA_ID)
        check_about(wb["Tentang"], report)
        check_shipped_rubric_path(tmp)
        check_print_area(tmp)
        check_no_number_text(wb, "score workbook")
        check_print_book(wb, "score workbook", rubric_yaml()["title"])
        wb_en = openpyxl.load_workbook(en)
        check(wb_en.sheetnames == SHEETS_EN,
              "--lang en gives English sheets in order (got %r)" % wb_en.sheetnames)
        check_ranking(wb_en["Ranking"], report, HEAD_EN, "en")
        check_title(wb_en["Ranking"], report, "en")
        check_summary(wb_en["Summary"], report)
        check_gaps(wb_en["Gaps"], gaps_en, "en", "English score workbook")
        check_data(wb_en["Data"], report, DATA_EN)
        check_no_number_text(wb_en, "English score workbook")
        gx = os.path.join(tmp, "g.xlsx")
        res = run("gaps", "-r", RUBRIC, SAMPLES, "--format", "xlsx", "-o", gx)
        check(res.returncode == 0, "patuh gaps --format xlsx exits 0 (%s)" % res.stderr.strip())
        wb_g = openpyxl.load_workbook(gx)
        check(wb_g.sheetnames == ["Kekurangan", "Jalur", "Tentang"], "gaps workbook: gaps and "
              "paths sheets and About (got %r)" % wb_g.sheetnames)
        check_gaps(wb_g["Kekurangan"], gaps_json, "id", "gaps workbook")
        check_paths(wb_g["Jalur"], gaps_json, "gaps workbook")
        res = run("gaps", "-r", RUBRIC, SAMPLES, "--format", "csv")
        check(res.returncode == 0, "patuh gaps --format csv exits 0")
        check_gaps_csv(res.stdout, gaps_json)
        check_print_book(wb_g, "gaps workbook", rubric_yaml()["title"])
        check_compare(tmp, report)
        check_csv_id(report, gaps_json)
        check_pdf(tmp, xlsx)
        with open(xlsx, "rb") as a, open(xlsx2, "rb") as b:
            check(a.read() == b.read(), "the same SOURCE_DATE_EPOCH gives a byte-identical file")
        check_failure(tmp)
    finally:
        shutil.rmtree(tmp)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
