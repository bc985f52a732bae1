#!/usr/bin/python3
# test_units.py — the Unit sheet of the ranking workbook (doc/scoring.md §13, doc/formats.md
# §4.5), read back with openpyxl: one row per agency x unit and product in ranking order and
# the unit tree's pre-order, the same totals, bands and zones as the JSON report, numbers as
# number cells, zones in their colours, filters, frozen header, print setup; the hand-worked
# rows of samples/ombudsman-2021/kab-lembah-hijau.yaml; English labels; no sheet without units.
# Run from the top of the tree: PATUH=build/patuh /usr/bin/python3 tests/xlsx/test_units.py
import json
import os
import subprocess
import sys
import tempfile

import openpyxl

PATUH = os.environ.get("PATUH", "build/patuh")
HEAD_ID = ["Kode", "Nama", "Unit", "Nama unit", "Jenis", "Nilai", "Predikat", "Zona", "Produk kurang"]
HEAD_EN = ["Id", "Name", "Unit", "Unit name", "Kind", "Total", "Band", "Zone", "Products missing"]

from checks import check, summary  # noqa: E402 (the shared counting check)


def score(rubric, samples, out, *extra):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", NO_COLOR="1")
    res = subprocess.run([PATUH, "score", "-r", rubric, samples, "-o", out, *extra], env=env,
                         capture_output=True, text=True)
    check(res.returncode == 0, "patuh score -o %s exits 0 (got %d: %s)"
          % (os.path.basename(out), res.returncode, res.stderr.strip()))


def json_rows(report):
    """(agency id, path, total, band, zone, product) in ranking and pre-order, from the JSON."""
    out = []

    def walk(agency, units):
        for u in units:
            out.append((agency["id"], u["path"], u["total"], u["band"], u["zone"], u["product"]))
            walk(agency, u["units"])
    for a in report["agencies"]:
        walk(a, a["units"])
    return out


def check_against_json(ws, report, what):
    table = [list(r) for r in ws.iter_rows(values_only=True)]
    got = [(r[0], r[2], r[5], r[6], r[7] and r[7].lower(), r[4] == "produk") for r in table[1:]]
    check(got == json_rows(report), "%s: the rows are the JSON's units in order" % what)
    check(all(isinstance(r[5], (int, float)) or r[5] is None for r in table[1:]),
          "%s: Nilai cells are numbers" % what)
    names = {a["id"]: a["name"] for a in report["agencies"]}
    check(all(r[1] == names[r[0]] for r in table[1:]), "%s: Nama is the agency's name" % what)


def check_layout(ws, rubric_path, what):
    check(ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A1:I"),
          "%s: autofilter over the table (got %r)" % (what, ws.auto_filter.ref))
    check(ws.freeze_panes == "A2", "%s: header row frozen (got %r)" % (what, ws.freeze_panes))
    ps = ws.page_setup
    check(ps.orientation == "landscape" and str(ps.paperSize) == "9"
          and ws.print_title_rows in ("1:1", "$1:$1") and ws["A1"].font.b,
          "%s: A4 landscape, bold header repeated on every page" % what)
    colours = {}
    with open(rubric_path) as f:
        for line in f:
            if line.startswith("zones:"):
                for part in line.split("{", 1)[1].split("}", 1)[0].split(","):
                    name, colour = part.split(":")
                    colours[name.strip()] = colour.strip().strip('"').lstrip("#").upper()
    bad = [(c.coordinate, c.value) for c in ws["H"][1:] if c.value and
           c.fill.fgColor.rgb[-6:].upper() != colours.get(c.value.lower())]
    check(colours and not bad, "%s: zones filled in their rubric colours (bad %r)" % (what, bad))


def main():
    with tempfile.TemporaryDirectory(prefix="patuh-units-") as tmp:
        rubric = "rubrics/ombudsman-2021.yaml"
        xlsx, js = os.path.join(tmp, "o.xlsx"), os.path.join(tmp, "o.json")
        score(rubric, "samples/ombudsman-2021", xlsx)
        score(rubric, "samples/ombudsman-2021", js)
        with open(js) as f:
            report = json.load(f)
        wb = openpyxl.load_workbook(xlsx)
        check("Unit" in wb.sheetnames and wb.sheetnames.index("Unit") ==
              wb.sheetnames.index("Indikator") + 1, "the Unit sheet follows Indikator (%r)"
              % wb.sheetnames)
        ws = wb["Unit"]
        check([c.value for c in ws[1]] == HEAD_ID, "Indonesian header (got %r)"
              % [c.value for c in ws[1]])
        check_against_json(ws, report, "ombudsman-2021")
        zones = {r[7] for r in ws.iter_rows(min_row=2, values_only=True)}
        check(zones == {"Hijau", "Kuning", "Merah"}, "zones as labels, not slugs (got %r)" % zones)
        check_layout(ws, rubric, "ombudsman-2021")
        # samples/ombudsman-2021/kab-lembah-hijau.yaml, worked in doc/scoring.md §13:
        # puskesmas-kia 100 * 15/19 = 78.95 kuning; rsud 100 * 18/19 = 94.74 hijau;
        # dinkes 100 * 33/38 = 86.84 hijau; disdukcapil and ktp-el 100 * 14/19 = 73.68 kuning
        want = [("dinkes", "unit", 86.84, "hijau"),
                ("dinkes/rsud-rawat-jalan", "produk", 94.74, "hijau"),
                ("dinkes/puskesmas-kia", "produk", 78.95, "kuning"),
                ("disdukcapil", "unit", 73.68, "kuning"),
                ("disdukcapil/ktp-el", "produk", 73.68, "kuning")]
        got = [(r[2], r[4], r[5], r[7].lower()) for r in ws.iter_rows(min_row=2, values_only=True)
               if r[0] == "kab-lembah-hijau"]
        check(got == want, "kab-lembah-hijau per unit and product by hand (got %r)" % got)

        en = os.path.join(tmp, "en.xlsx")
        score(rubric, "samples/ombudsman-2021", en, "--lang", "en")
        wb_en = openpyxl.load_workbook(en)
        check("Units" in wb_en.sheetnames and [c.value for c in wb_en["Units"][1]] == HEAD_EN,
              "--lang en: sheet Units with English header")
        kinds = {r[4] for r in wb_en["Units"].iter_rows(min_row=2, values_only=True)}
        check(kinds == {"unit", "product"}, "--lang en: kinds unit and product (got %r)" % kinds)

        # the ranking's Sampel column (doc/scoring.md §14): ombudsman-2023 samples units;
        # kab-tanjung-damar misses dinkes, puskesmas, dindik, dinsos (4), kota-sukamaju has no
        # units (6 kinds), lembaga-arsip-benda (K/L: 5 products per unit, no unit) misses nothing
        o23 = os.path.join(tmp, "o23.xlsx")
        score("rubrics/ombudsman-2023.yaml", "samples/ombudsman-2023", o23)
        ranking = list(openpyxl.load_workbook(o23).worksheets[0].iter_rows(values_only=True))
        head = [i for i, r in enumerate(ranking) if r and "Kode" in r][0]
        col = list(ranking[head]).index("Sampel") if "Sampel" in ranking[head] else None
        got = {r[2]: r[col] for r in ranking[head + 1:]} if col is not None else {}
        check(got.get("kab-tanjung-damar") == 4 and got.get("kota-sukamaju") == 6
              and got.get("lembaga-arsip-benda") == "lengkap",
              "Sampel: 4, 6 and lengkap as worked by hand (got %r)" % got)
        first = list(openpyxl.load_workbook(xlsx).worksheets[0].iter_rows(values_only=True))
        check(not any(r and "Sampel" in r for r in first),
              "no Sampel column for a rubric without coverage")

        skm = os.path.join(tmp, "skm.xlsx")
        score("rubrics/skm-2017.yaml", "samples/skm-2017", skm)
        check("Unit" not in openpyxl.load_workbook(skm).sheetnames,
              "a batch without units has no Unit sheet")
    return summary("units xlsx: ")


if __name__ == "__main__":
    sys.exit(main())
