#!/usr/bin/python3
# test_roundtrip.py — the assessor's round trip: `patuh template` writes a form, an independent
# tool fills it (openpyxl; then a LibreOffice headless re-save when soffice exists; and the CSV
# form re-written the way Excel in the Indonesian locale does: `;`, decimal commas, BOM, CRLF),
# and `patuh score` must give the same results as the same answers given as YAML.
# Run from the top of the tree: PATUH=build/patuh /usr/bin/python3 tests/xlsx/test_roundtrip.py
import csv
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl
import yaml

PATUH = os.environ.get("PATUH", "build/patuh")
RUBRIC = "rubrics/pengaduan.yaml"
from checks import check, summary  # noqa: E402 (the shared counting check)


def run(*args):
    env = dict(os.environ, NO_COLOR="1", SOURCE_DATE_EPOCH="1700000000")
    return subprocess.run([PATUH, *args], capture_output=True, text=True, env=env)


# Samples whose units carry no weight (a table has no column for unit weights).
SAMPLES = [f for f in sorted(glob.glob("samples/pengaduan/*.yaml"))
           if "weight:" not in open(f, encoding="utf-8").read()]
# One item per agency: a one-agency file, or each item of `agencies:`.
DATA = [item for f in SAMPLES for doc in [yaml.safe_load(open(f, encoding="utf-8"))]
        for item in doc.get("agencies", [doc])]


def answers_of(doc):
    """(agency id, unit path, indicator, answer) for every answer of a one-agency file."""
    aid = str(doc["agency"]["id"])
    out = [(aid, "", ind, ans) for ind, ans in (doc.get("answers") or {}).items()]

    def walk(units, prefix):
        for u in units or []:
            path = prefix + str(u["id"])
            out.extend((aid, path, ind, ans) for ind, ans in (u.get("answers") or {}).items())
            walk(u.get("units"), path + "/")
    walk(doc.get("units"), "")
    return out


def cells_of(ans):
    """The value, evidence and note cells an assessor would type for an answer."""
    evidence = note = None
    if isinstance(ans, dict):
        evidence, note, ans = ans.get("evidence"), ans.get("note"), ans.get("value")
    if isinstance(evidence, list):
        evidence = "; ".join(evidence)
    if isinstance(ans, list):
        ans = ";".join(ans)
    return ans, evidence, note


def strip_names(agencies):
    """Unit names are YAML-only; everything else must agree."""
    for a in agencies:
        stack = list(a.get("units", []))
        while stack:
            u = stack.pop()
            u.pop("name", None)
            stack.extend(u.get("units", []))
    return agencies


def score(path, *inputs):
    r = run("score", "-r", RUBRIC, "-o", path, *inputs)
    check(r.returncode == 0, "score %s: exit %d: %s" % (inputs, r.returncode, r.stderr[-400:]))
    if r.returncode != 0:
        return None
    return strip_names(json.load(open(path, encoding="utf-8"))["agencies"])


def write_agencies(path):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "nama", "kelompok", "wilayah", "periode"])
        for d in DATA:
            a = d["agency"]
            w.writerow([a["id"], a.get("name", ""), a.get("group", ""), a.get("region", ""),
                        a.get("period", "")])


def dropdown_entries(wb, ws):
    """{cell: [entry, ...]}: the entries of each value cell's dropdown, from the hidden sheet."""
    lists = wb["Daftar"]
    out = {}
    for dv in ws.data_validations.dataValidation:
        if dv.type != "list" or not dv.formula1.startswith("Daftar!"):
            continue
        first, last = dv.formula1.split("!")[1].replace("$", "").split(":")
        entries = [c.value for row in lists[first:last] for c in row]
        for cell in str(dv.sqref).split():
            out[cell] = entries
    return out


def fill_xlsx(form, out):
    """Fills the form as an assessor would: a list level by picking its dropdown entry
    ("2 – Ada, ...") for every other answer, by typing the number for the rest."""
    wb = openpyxl.load_workbook(form)
    ws = wb["Jawaban"]
    head = {c.value: c.column for c in ws[1]}
    entries = dropdown_entries(wb, ws)
    rows = {}
    for r in range(2, ws.max_row + 1):
        key = tuple(ws.cell(r, head[h]).value or "" for h in ("Instansi", "Unit", "Indikator"))
        rows[key] = r
    picked = 0
    for d in DATA:
        for aid, unit, ind, ans in answers_of(d):
            r = rows.get((aid, unit, ind))
            if r is None:  # answers of units: rows the assessor adds
                r = ws.max_row + 1
                for h, v in (("Instansi", aid), ("Unit", unit), ("Indikator", ind)):
                    ws.cell(r, head[h]).value = v
            value, evidence, note = cells_of(ans)
            cell = ws.cell(r, head["Nilai"])
            choice = [e for e in entries.get(cell.coordinate, [])
                      if isinstance(value, int) and e.startswith("%d \u2013 " % value)]
            if choice and picked % 2 == 0:
                value = choice[0]
            picked += 1 if choice else 0
            cell.value = value
            ws.cell(r, head["Bukti"]).value = evidence
            ws.cell(r, head["Catatan"]).value = note
    wb.save(out)
    check(picked > 10, "dropdown entries picked for list answers (%d)" % picked)


def check_form(form):
    wb = openpyxl.load_workbook(form)
    check(wb.sheetnames == ["Petunjuk", "Instansi", "Daftar", "Jawaban"],
          "sheets %s" % wb.sheetnames)
    check(wb["Daftar"].sheet_state == "hidden", "the dropdowns' entries are on a hidden sheet")
    check(wb.active.title == "Jawaban", "the answers sheet opens first")
    ws = wb["Jawaban"]
    head = [c.value for c in ws[1]]
    check(head[:8] == ["Instansi", "Unit", "Nama unit", "Indikator", "Teks indikator", "Nilai",
                       "Bukti", "Catatan"], "answers header %s" % head)
    check(ws.auto_filter.ref == "A1:J%d" % ws.max_row, "filter buttons on (%s)" % ws.auto_filter.ref)
    # openpyxl: True means the action is locked
    check(ws.protection.autoFilter is False and ws.protection.sort is False and
          ws.protection.formatColumns is False, "filter, sort, column widths allowed")
    check(all(ws.row_dimensions[r].height and ws.row_dimensions[r].height >= 15
              for r in range(2, ws.max_row + 1)), "every answer row has a height")
    petunjuk = [c.value for row in wb["Petunjuk"].iter_rows() for c in row if c.value]
    check("patuh validate -r pengaduan form.xlsx" in petunjuk and
          "patuh score -r pengaduan form.xlsx -o peringkat.xlsx" in petunjuk,
          "the instructions give the exact commands")
    n_ind = sum(1 for _ in open(RUBRIC, encoding="utf-8") if "scale:" in _)
    check(ws.max_row - 1 >= len(DATA), "one row per agency x indicator (%d rows)" % ws.max_row)
    check(ws.protection.sheet, "the answers sheet is protected")
    check(ws["F2"].protection.locked is False and ws["E2"].protection.locked is True,
          "answer cells unlocked, helper cells locked")
    entries = dropdown_entries(wb, ws)
    numbers = [dv for dv in ws.data_validations.dataValidation if dv.type == "decimal"]
    kn3 = [r for r in range(2, ws.max_row + 1) if ws.cell(r, 4).value == "KN.3"][0]
    check([e.split(" \u2013 ")[0] for e in entries.get("F%d" % kn3, [])] == ["0", "1", "2"],
          "a dropdown of 0, 1, 2 with labels (KN.3): %r" % entries.get("F%d" % kn3))
    check(any(dv.formula1 == "0" and dv.formula2 == "100" for dv in numbers),
          "a number validation 0-100 (TL.2)")
    check(ws.column_dimensions["E"].width >= 40, "wide indicator text column")
    inst = wb["Instansi"]
    check([inst.cell(r, 1).value for r in range(2, inst.max_row + 1)] ==
          [str(d["agency"]["id"]) for d in DATA], "agencies prefilled in order")
    del n_ind


def fill_csv(form, out):
    """Re-writes the CSV form as Excel (id-ID) saves it: BOM, `;`, CRLF, decimal commas."""
    rows = list(csv.reader(open(form, encoding="utf-8", newline="")))
    head = rows[0]
    col = {h: i for i, h in enumerate(head)}
    index = {(r[col["instansi"]], r[col["unit"]], r[col["indikator"]]): r for r in rows[1:]}
    for d in DATA:
        for aid, unit, ind, ans in answers_of(d):
            r = index.get((aid, unit, ind))
            if r is None:
                r = [""] * len(head)
                r[col["instansi"]], r[col["unit"]], r[col["indikator"]] = aid, unit, ind
                rows.append(r)
                index[(aid, unit, ind)] = r
            value, evidence, note = cells_of(ans)
            if isinstance(value, float):
                value = ("%g" % value).replace(".", ",")
            r[col["nilai"]] = "" if value is None else str(value)
            r[col["bukti"]] = evidence or ""
            r[col["catatan"]] = note or ""
    with open(out, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, delimiter=";", lineterminator="\r\n").writerows(rows)


def libreoffice(filled, tmp):
    soffice = shutil.which("soffice")
    if not soffice:
        print("note: soffice not found, LibreOffice re-save skipped")
        return
    outdir = os.path.join(tmp, "lo")
    profile = "file://" + os.path.join(tmp, "lo-profile")
    r = subprocess.run([soffice, "-env:UserInstallation=" + profile, "--headless",
                        "--convert-to", "xlsx", "--outdir", outdir, filled],
                       capture_output=True, text=True, timeout=180)
    saved = os.path.join(outdir, os.path.basename(filled))
    check(r.returncode == 0 and os.path.exists(saved), "soffice re-save: %s" % r.stderr[-300:])
    if os.path.exists(saved):
        check(score(os.path.join(tmp, "lo.json"), saved) == WANT,
              "LibreOffice-saved form scores as the YAML answers")


def long_text(tmp):
    """An indicator text longer than an XLSX cell holds (32,767 characters) is cut to fit,
    with a warning at the indicator in the rubric; never an empty cell (doc/architecture.md)."""
    rubric = yaml.safe_load(open(RUBRIC, encoding="utf-8"))
    ind = rubric["sections"][0]["indicators"][0]
    ind["text"] = "panjang " * 5000  # 40,000 characters
    path = os.path.join(tmp, "long.yaml")
    with open(path, "w", encoding="utf-8") as f:
        yaml.safe_dump(rubric, f, allow_unicode=True, sort_keys=False)
    form = os.path.join(tmp, "long.xlsx")
    r = run("template", "-r", path, "-o", form)
    check(r.returncode == 0, "long text: template exit %d: %s" % (r.returncode, r.stderr))
    want = ("warning: the text of '%s' is longer than the 32767 characters an XLSX cell "
            "holds, cut to fit the form" % ind["id"])
    check(want in r.stderr and r.stderr.startswith(path + ":"),
          "long text: located warning, got %r" % r.stderr[:300])
    ws = openpyxl.load_workbook(form)["Jawaban"]
    cell = ws.cell(row=2, column=5).value
    check(cell == ind["text"][:32767], "long text: the cell holds the first 32767 characters, "
          "got %d" % len(cell or ""))


tmp = tempfile.mkdtemp()
try:
    long_text(tmp)
    WANT = score(os.path.join(tmp, "yaml.json"), *SAMPLES)
    check(WANT is not None and len(WANT) == len(DATA), "the YAML answers score")
    write_agencies(os.path.join(tmp, "agencies.csv"))
    form = os.path.join(tmp, "form.xlsx")
    r = run("template", "-r", RUBRIC, "--agencies", os.path.join(tmp, "agencies.csv"),
            "-o", form)
    check(r.returncode == 0, "template exit %d: %s" % (r.returncode, r.stderr))
    check_form(form)
    filled = os.path.join(tmp, "filled.xlsx")
    fill_xlsx(form, filled)
    check(score(os.path.join(tmp, "xlsx.json"), filled) == WANT,
          "openpyxl-filled form scores as the YAML answers")
    v = run("validate", "-r", RUBRIC, filled)
    w = run("validate", "-r", RUBRIC, *SAMPLES)
    check(v.stderr.splitlines()[-1] == w.stderr.splitlines()[-1],
          "validate summary: %r vs %r" % (v.stderr.splitlines()[-1:], w.stderr.splitlines()[-1:]))
    form_csv = os.path.join(tmp, "form.csv")
    r = run("template", "-r", RUBRIC, "--agencies", os.path.join(tmp, "agencies.csv"),
            "-o", form_csv)
    check(r.returncode == 0, "csv template exit %d: %s" % (r.returncode, r.stderr))
    filled_csv = os.path.join(tmp, "filled.csv")
    fill_csv(form_csv, filled_csv)
    check(score(os.path.join(tmp, "csv.json"), filled_csv) == WANT,
          "Excel-style CSV (;, decimal comma, BOM) scores as the YAML answers")
    libreoffice(filled, tmp)
finally:
    shutil.rmtree(tmp)

sys.exit(summary())
