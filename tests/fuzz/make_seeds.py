#!/usr/bin/python3
# make_seeds.py — writes the XLSX fuzz target's seeds into tests/fuzz/seeds/xlsx: a blank and a
# filled `patuh template` workbook whole, and each workbook (those and tests/bad/data/*.xlsx)
# split into the parts fuzz_xlsx.c zips itself, joined by "\n#-#\n".
# Run from the top of the tree after `make`: /usr/bin/python3 tests/fuzz/make_seeds.py
import glob
import re
import os
import subprocess
import tempfile
import zipfile

import openpyxl

OUT = "tests/fuzz/seeds/xlsx"
PARTS = ["sharedStrings.xml", "Jawaban", "Instansi", "Petunjuk"]


def part_paths(z):
    """The zip paths of the shared strings and of the sheets fuzz_xlsx.c names."""
    wb = z.read("xl/workbook.xml").decode()
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    out = {"sharedStrings.xml": "xl/sharedStrings.xml"}
    ids = dict(re.findall(r'<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"', wb))
    targets = {m[0]: m[1] for m in re.findall(r'Id="([^"]+)"[^>]*Target="([^"]+)"', rels)}
    targets.update({m[1]: m[0] for m in re.findall(r'Target="([^"]+)"[^>]*Id="([^"]+)"', rels)})
    for name, rid in ids.items():
        t = targets.get(rid, "")
        out[name] = t[1:] if t.startswith("/") else "xl/" + t
    return out


def split(path, name):
    with zipfile.ZipFile(path) as z:
        paths = part_paths(z)
        names = set(z.namelist())
        parts = [z.read(paths[p]) if paths.get(p) in names else b"" for p in PARTS]
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(b"\n#-#\n".join(parts))


def main():
    os.makedirs(OUT, exist_ok=True)
    tmp = tempfile.mkdtemp()
    blank = os.path.join(tmp, "blank.xlsx")
    subprocess.run(["build/patuh", "template", "-r", "pengaduan", "-o", blank], check=True)
    wb = openpyxl.load_workbook(blank)
    wb["Instansi"].append(["kab-a", "Kabupaten A", "kabupaten", "Banten", "2024"])
    ws = wb["Jawaban"]
    for i, row in enumerate(ws.iter_rows(min_row=2), start=2):
        row[0].value = "kab-a"
        row[4].value = (i % 3) if i % 5 else "na"
        row[5].value = "bukti-%d.pdf" % i if i % 2 else None
    filled = os.path.join(tmp, "filled.xlsx")
    wb.save(filled)
    for src, name in [(blank, "template-blank"), (filled, "template-filled")]:
        with open(src, "rb") as f, open(os.path.join(OUT, name + ".xlsx"), "wb") as g:
            g.write(f.read())
        split(src, name + ".parts")
    for src in sorted(glob.glob("tests/bad/data/*.xlsx")):
        try:
            split(src, os.path.basename(src)[:-5] + ".parts")
        except (zipfile.BadZipFile, KeyError):
            pass


main()


def pairs():
    """Seeds of the two-part targets, the parts joined by a NUL byte: a rubric and an
    agencies list (fuzz_template), two reports (fuzz_compare)."""
    def read(path):
        with open(path, "rb") as f:
            return f.read()
    agencies_csv = "tests/cli/data/agencies-formulas.csv"
    agencies_yaml = b"- id: kab-b\n  name: Kabupaten B\n  group: kabupaten\n"
    template = [("mini-csv", "tests/bad/data/mini.yaml", read(agencies_csv)),
                ("quoting-csv", "tests/bad/data/rubric-quoting.yaml",
                 read("tests/bad/data/agencies-quoting.csv")),
                ("pengaduan-yaml", "rubrics/pengaduan.yaml", agencies_yaml)]
    os.makedirs("tests/fuzz/seeds/template", exist_ok=True)
    for name, rubric, agencies in template:
        with open("tests/fuzz/seeds/template/%s.bin" % name, "wb") as f:
            f.write(read(rubric) + b"\0" + agencies)
    os.makedirs("tests/fuzz/seeds/compare", exist_ok=True)
    for name, old, new in [("years", "compare-2023", "compare-2024"),
                           ("twice", "compare-2023", "compare-twice"),
                           ("zones", "compare-2024", "compare-many-zones")]:
        with open("tests/fuzz/seeds/compare/%s.bin" % name, "wb") as f:
            f.write(read("tests/cli/data/%s.json" % old) + b"\0" +
                    read("tests/cli/data/%s.json" % new))
    # ranking workbooks (with a sections sheet; with a Data sheet), each read whole as both
    for name, book in [("workbook", "compare-2023"), ("workbook-data", "compare-2023-data")]:
        with open("tests/fuzz/seeds/compare/%s.bin" % name, "wb") as f:
            f.write(read("tests/cli/data/%s.xlsx" % book))


pairs()
