#!/usr/bin/python3
"""make_compare_xlsx.py — compare-2023.xlsx: the report of compare-2023.json laid out as
patuh's ranking workbook (a title block above the header row, a Periode column, sections as
"ID Title" on the Bagian sheet and by title on Peringkat, the rubric on Tentang), so
`compare` over it and compare-2024.json must print what it prints over the two JSON reports. Also the bad ones:
compare-no-total.xlsx (no Nilai column), compare-text-total.xlsx (a total that is text),
compare-no-rubric.xlsx (Tentang without the rubric) and compare-other.xlsx
(a workbook of sheets of its own). compare-2023-data.xlsx is the same report in the layout of
the rebuilt book: groups and zones as labels, no section columns on Peringkat, no Bagian, a
long Data sheet (Kode, Nama, Kelompok, Wilayah, Periode, Kode bagian, Bagian, Nilai, Predikat,
Zona, Tingkat bagian); compare-data-no-section.xlsx lacks its Kode bagian column and
compare-data-many-sections.xlsx names 1001 top-level sections.
Run from tests/cli/data: /usr/bin/python3 make_compare_xlsx.py"""
import json

import openpyxl

HEAD = ["Peringkat", "Peringkat Kelompok", "Kode", "Nama", "Kelompok", "Wilayah", "Periode",
        "Nilai", "Predikat", "Keterangan", "Zona"]


def workbook(report, name, drop=None, text_total=None, rubric=True):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Peringkat"
    ws.append(["Peringkat " + report["rubric"]["title"]])  # the title block
    ws.append(["Periode 2023"])
    ws.append([])
    sections = list(report["agencies"][0]["sections"])
    head = [h for h in HEAD if h != drop]
    ws.append(head + [s.title() for s in sections])  # top-level sections by their titles
    for a in report["agencies"]:
        row = {"Peringkat": a["rank"], "Peringkat Kelompok": a["group_rank"], "Kode": a["id"],
               "Nama": a["name"], "Kelompok": a["group"], "Wilayah": a["region"],
               "Periode": a["period"], "Nilai": a["total"], "Predikat": a["band"],
               "Keterangan": a["label"], "Zona": a["zone"]}
        if text_total and a["id"] == text_total:
            row["Nilai"] = "sembilan puluh"
        ws.append([row[h] for h in head] + [a["sections"][s] for s in sections])
    bs = wb.create_sheet("Bagian")
    bs.append(["Peringkat", "Kode", "Nama"] + [s + " " + s.title() for s in sections])
    for a in report["agencies"]:
        bs.append([a["rank"], a["id"], a["name"]] + [a["sections"][s] for s in sections])
    ts = wb.create_sheet("Tentang")
    ts.append(["Butir", "Isi"])
    if rubric:
        ts.append(["Kode rubrik", report["rubric"]["id"]])
    ts.append(["Judul rubrik", report["rubric"]["title"]])
    ts.append(["Tahun", report["rubric"]["year"]])
    wb.save(name)


def label(slug):
    text = slug.replace("-", " ")
    return text[:1].upper() + text[1:]


def data_workbook(report, name, section_column=True, extra_sections=0):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Peringkat"
    ws.append([report["rubric"]["title"]])
    ws.append([])
    ws.append(HEAD)
    for a in report["agencies"]:
        ws.append([a["rank"], a["group_rank"], a["id"], a["name"], label(a["group"]),
                   a["region"], a["period"], a["total"], a["band"], a["label"],
                   label(a["zone"])])
    ds = wb.create_sheet("Data")
    head = ["Kode", "Nama", "Kelompok", "Wilayah", "Periode", "Kode bagian", "Bagian", "Nilai",
            "Predikat", "Zona", "Tingkat bagian"]
    if not section_column:
        head.remove("Kode bagian")
    ds.append(head)
    for a in report["agencies"]:
        for sid, score in list(a["sections"].items()) + [
                ("extra-%d" % k, 50) for k in range(extra_sections)]:
            row = {"Kode": a["id"], "Nama": a["name"], "Kelompok": label(a["group"]),
                   "Wilayah": a["region"], "Periode": int(a["period"]), "Kode bagian": sid,
                   "Bagian": sid.title(), "Nilai": score, "Predikat": "A", "Zona": "Hijau",
                   "Tingkat bagian": 1}
            ds.append([row[h] for h in head])
            ds.append([row[h] if h != "Tingkat bagian" else 2 for h in head])  # a sub-section
    ts = wb.create_sheet("Tentang")
    ts.append(["Butir", "Isi"])
    ts.append(["Kode rubrik", report["rubric"]["id"]])
    wb.save(name)


with open("compare-2023.json", encoding="utf-8") as f:
    REPORT = json.load(f)
workbook(REPORT, "compare-2023.xlsx")
workbook(REPORT, "compare-no-total.xlsx", drop="Nilai")
workbook(REPORT, "compare-text-total.xlsx", text_total="kab-serang")
workbook(REPORT, "compare-no-rubric.xlsx", rubric=False)
data_workbook(REPORT, "compare-2023-data.xlsx")
data_workbook(REPORT, "compare-data-no-section.xlsx", section_column=False)
data_workbook({**REPORT, "agencies": REPORT["agencies"][:1]}, "compare-data-many-sections.xlsx",
              extra_sections=1001)

# a workbook of someone's own: no sheet of a patuh report
OTHER = openpyxl.Workbook()
OTHER.active.title = "Rekap"
OTHER.active.append(["No", "Instansi", "Skor"])
OTHER.active.append([1, "Kabupaten Contoh", 88.5])
OTHER.save("compare-other.xlsx")
