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
passed = 0
failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL: " + what)


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


def fill_xlsx(form, out):
    wb = openpyxl.load_workbook(form)
    ws = wb["Jawaban"]
    head = {c.value: c.column for c in ws[1]}
    rows = {}
    for r in range(2, ws.max_row + 1):
        key = tuple(ws.cell(r, head[h]).value or "" for h in ("instansi", "unit", "indikator"))
        rows[key] = r
    for d in DATA:
        for aid, unit, ind, ans in answers_of(d):
            r = rows.get((aid, unit, ind))
            if r is None:  # answers of units: rows the assessor adds
                r = ws.max_row + 1
                for h, v in (("instansi", aid), ("unit", unit), ("indikator", ind)):
                    ws.cell(r, head[h]).value = v
            value, evidence, note = cells_of(ans)
            ws.cell(r, head["nilai"]).value = value
            ws.cell(r, head["bukti"]).value = evidence
            ws.cell(r, head["catatan"]).value = note
    wb.save(out)


def check_form(form):
    wb = openpyxl.load_workbook(form)
    check(wb.sheetnames == ["Petunjuk", "Instansi", "Jawaban"], "sheets %s" % wb.sheetnames)
    ws = wb["Jawaban"]
    head = [c.value for c in ws[1]]
    check(head[:7] == ["instansi", "unit", "indikator", "teks_indikator", "nilai", "bukti",
                       "catatan"], "answers header %s" % head)
    n_ind = sum(1 for _ in open(RUBRIC, encoding="utf-8") if "scale:" in _)
    check(ws.max_row - 1 >= len(DATA), "one row per agency x indicator (%d rows)" % ws.max_row)
    check(ws.protection.sheet, "the answers sheet is protected")
    check(ws["E2"].protection.locked is False and ws["D2"].protection.locked is True,
          "answer cells unlocked, helper cells locked")
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    numbers = [dv for dv in ws.data_validations.dataValidation if dv.type == "decimal"]
    check(any(dv.formula1 == '"0,1,2"' for dv in lists), "a dropdown of 0,1,2 (KN.3)")
    check(any(dv.formula1 == "0" and dv.formula2 == "100" for dv in numbers),
          "a number validation 0-100 (TL.2)")
    check(ws.column_dimensions["D"].width >= 40, "wide indicator text column")
    inst = wb["Instansi"]
    check([inst.cell(r, 1).value for r in range(2, inst.max_row + 1)] ==
          [str(d["agency"]["id"]) for d in DATA], "agencies prefilled in order")
    del n_ind


def fill_csv(form, out):
    """Re-writes the CSV form as Excel (id-ID) saves it: BOM, `;`, CRLF, decimal commas."""
    rows = list(csv.reader(open(form, encoding="utf-8", newline="")))
    head = rows[0]
    col = {h: i for i, h in enumerate(head)}
    index = {(r[col["agency"]], r[col["unit"]], r[col["indicator"]]): r for r in rows[1:]}
    for d in DATA:
        for aid, unit, ind, ans in answers_of(d):
            r = index.get((aid, unit, ind))
            if r is None:
                r = [""] * len(head)
                r[col["agency"]], r[col["unit"]], r[col["indicator"]] = aid, unit, ind
                rows.append(r)
                index[(aid, unit, ind)] = r
            value, evidence, note = cells_of(ans)
            if isinstance(value, float):
                value = ("%g" % value).replace(".", ",")
            r[col["value"]] = "" if value is None else str(value)
            r[col["evidence"]] = evidence or ""
            r[col["note"]] = note or ""
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
    cell = ws.cell(row=2, column=4).value
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

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
