#!/usr/bin/python3
# bench/peer.py — what an analyst would run today instead of patuh: PyYAML's C loader (or
# openpyxl in read-only mode for the XLSX forms, pandas.read_csv for CSV exports), pandas
# and XlsxWriter computing the same totals, bands and ranks (doc/scoring.md: normalised
# scores, N/A excluded, inheritance down the unit tree, weighted means over sections and units)
# and writing the same ranking sheet; with --check it compares its numbers to patuh's JSON.
"""Usage: bench/peer.py RUBRIC OUT.xlsx [--check PATUH.json] INPUT...

Reads YAML answer files in the one-agency and the `agencies:` forms, the XLSX forms of
`patuh template` filled in (sheets Instansi and Jawaban) and CSV exports (a directory
recursively: *.yaml, *.xlsx, *.csv). Penalties (doc/scoring.md §15) are deducted
from the total and checked against the JSON's base and penalties. Scope: rubrics without group
applicability, qualifiers or critical indicators (ombudsman-2023 qualifies). Exits 1 when --check finds a difference."""

import json
import math
import os
import sys

import numpy as np
import openpyxl
import pandas as pd
import yaml

LOADER = yaml.CSafeLoader


def load_rubric(path):
    with open(path) as f:
        r = yaml.load(f, Loader=LOADER)
    nodes = []  # (id, parent index, weight, is_indicator, scale)
    def walk(sec, parent):
        for s in sec.get("sections") or []:
            nodes.append((s["id"], parent, float(s.get("weight", 1)), False, None))
            walk(s, len(nodes) - 1)
        for ind in sec.get("indicators") or []:
            sc = ind["scale"]
            sc = r["scales"][sc] if isinstance(sc, str) else sc
            if isinstance(sc, list):
                vals = [float(level["value"]) for level in sc]
                lo, den = min(vals), max(vals) - min(vals)
            else:
                num = sc["number"]
                lo = float(num["min"])
                den = float(num.get("target", num["max"])) - lo
            nodes.append((ind["id"], parent, float(ind.get("weight", 1)), True, (lo, den)))
    nodes.append((r["id"], -1, 1.0, False, None))
    walk(r, 0)
    # penalties (doc/scoring.md §15): scored like sections but outside the root (parent -1),
    # so they take no share of the total; their weight is the deduction in points
    penalties = []
    for pen in r.get("penalties") or []:
        nodes.append((pen["id"], -1, float(pen["weight"]), False, None))
        penalties.append(len(nodes) - 1)
        walk(pen, len(nodes) - 1)
    bands = sorted(r["bands"], key=lambda b: -float(b["min"]))
    return {"max": float(r.get("max", 100)), "decimals": int(r.get("decimals", 2)),
            "nodes": nodes, "penalties": penalties, "bands": bands,
            "zones": r.get("zones", {}), "groups": r.get("groups", [])}


def patuh_round(x, d):
    """Half away from zero, with the same 1e-9 relative tolerance as patuh_round."""
    if not math.isfinite(x):
        return x
    y = abs(x) * 10 ** d
    r = math.floor(y + 0.5 + 1e-9 * (y if y > 1 else 1)) / 10 ** d
    return -r if x < 0 else r


def input_files(paths):
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for f in sorted(files):
                    if f.endswith((".yaml", ".yml", ".xlsx", ".csv")):
                        yield os.path.join(root, f)
        else:
            yield p


def read_answers(paths):
    """Agencies as dicts: id -> {meta..., answers, units: {id: unit}} (merged by id/path)."""
    agencies = {}
    def merge_units(dst, units):
        for u in units or []:
            d = dst.setdefault(u["id"], {"answers": {}, "units": {}, "weight": 1.0})
            d["answers"].update(u.get("answers") or {})
            d["weight"] = float(u.get("weight", d["weight"]))
            merge_units(d["units"], u.get("units"))
    def add(item):
        meta = item["agency"]
        a = agencies.setdefault(meta["id"], {"answers": {}, "units": {}})
        for k in ("name", "group", "region"):
            if meta.get(k) is not None:
                a[k] = str(meta[k])
        a["answers"].update(item.get("answers") or {})
        merge_units(a["units"], item.get("units"))
    for path in input_files(paths):
        if path.endswith(".xlsx"):
            add_rows(agencies, *form_rows(path))
        elif path.endswith(".csv"):
            add_rows(agencies, *csv_rows(path))
        else:
            with open(path) as f:
                doc = yaml.load(f, Loader=LOADER)
            for item in doc.get("agencies") or [doc]:
                add(item)
    return agencies


def form_rows(path):
    """A filled form: the agencies of sheet Instansi, the answer rows of sheet Jawaban."""
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    meta = list(wb["Instansi"].iter_rows(min_row=2, values_only=True))
    it = wb["Jawaban"].iter_rows(values_only=True)
    # the columns by their header, Indonesian (the template's default) or English
    head = [str(h or "").strip().lower() for h in next(it)]
    col = [next(i for i, h in enumerate(head) if h in names)
           for names in (("instansi", "agency"), ("unit",), ("indikator", "indicator"),
                         ("nilai", "value"))]
    rows = [tuple(r[i] for i in col) for r in it]
    wb.close()
    return [(m[0], m[1], m[2], m[3]) for m in meta if m[0]], rows


def csv_rows(path):
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    first = df.drop_duplicates("agency")
    return (list(first[["agency", "agency_name", "group", "region"]].itertuples(index=False)),
            list(df[["agency", "unit", "indicator", "value"]].itertuples(index=False)))


def add_rows(agencies, meta, rows):
    """Answer rows (agency, unit path, indicator, value) merged into the agencies."""
    for aid, name, group, region in meta:
        a = agencies.setdefault(aid, {"answers": {}, "units": {}})
        a.update(name=str(name), group=str(group), region=str(region))
    for aid, upath, ind, v in rows:
        node = agencies.setdefault(aid, {"answers": {}, "units": {}})
        for uid in (upath or "").split("/") if upath else []:
            node = node["units"].setdefault(uid, {"answers": {}, "units": {}, "weight": 1.0})
        if v is not None and v != "":
            node["answers"][ind] = v


def answer_value(v):
    """(value, is_na) of an answer as written; None when missing."""
    if isinstance(v, dict):
        v = v.get("value")
    if v is None:
        return None
    if isinstance(v, str) and v.lower() in ("na", "n/a"):
        return (np.nan, True)
    if isinstance(v, list):
        return (float(len(v)), False)
    return (float(v), False)


def leaves(agencies, ind_index):
    """Long table of every leaf's effective answers, and the unit tree as parent links."""
    rows_leaf, rows_ind, rows_val, rows_na = [], [], [], []
    units = []  # (agency index, parent unit index or -1, weight, is_leaf)
    def walk(ai, parent, node, inherited, weight):
        eff = dict(inherited)
        for k, v in (node.get("answers") or {}).items():
            av = answer_value(v)
            if av is not None:
                eff[k] = av
        me = len(units)
        units.append((ai, parent, weight, not node["units"]))
        if not node["units"]:
            for k, (v, na) in eff.items():
                rows_leaf.append(me)
                rows_ind.append(ind_index[k])
                rows_val.append(v)
                rows_na.append(na)
        for u in node["units"].values():
            walk(ai, me, u, eff, u["weight"])
    for ai, a in enumerate(agencies.values()):
        walk(ai, -1, a, {}, 1.0)
    long = pd.DataFrame({"leaf": np.array(rows_leaf, dtype=np.int64),
                         "ind": np.array(rows_ind, dtype=np.int64),
                         "value": np.array(rows_val, dtype=np.float64),
                         "na": np.array(rows_na, dtype=bool)})
    tree = pd.DataFrame(units, columns=["agency", "parent", "weight", "leaf"])
    return long, tree


def leaf_scores(rub, long, tree):
    """Every unit x node: leaves from their answers, sections as weighted means."""
    nodes = rub["nodes"]
    n_units, n_nodes = len(tree), len(nodes)
    lo = np.array([n[4][0] if n[3] else 0 for n in nodes])
    den = np.array([n[4][1] if n[3] else 1 for n in nodes])
    S = np.full((n_units, n_nodes), np.nan)
    leaf_mask = tree["leaf"].to_numpy()
    node_of_ind = np.array([i for i, n in enumerate(nodes) if n[3]])
    ind_cols = node_of_ind[long["ind"].to_numpy()]
    norm = (long["value"].to_numpy() - lo[ind_cols]) / den[ind_cols]
    norm = np.clip(norm, 0, 1)
    norm[long["na"].to_numpy()] = np.nan
    # unanswered applicable indicators count 0
    for col in node_of_ind:
        S[leaf_mask, col] = 0.0
    S[long["leaf"].to_numpy(), ind_cols] = norm
    children = {}
    for i, n in enumerate(nodes):
        if n[1] >= 0:
            children.setdefault(n[1], []).append(i)
    for k in range(n_nodes - 1, -1, -1):
        if nodes[k][3]:
            continue
        kids = children.get(k, [])
        w = np.array([nodes[c][2] for c in kids])
        X = S[np.ix_(leaf_mask, kids)]
        ok = ~np.isnan(X)
        num = np.where(ok, X, 0) @ w
        wsum = ok @ w
        with np.errstate(invalid="ignore", divide="ignore"):
            S[leaf_mask, k] = np.where(wsum > 0, num / wsum, np.nan)
    return S


def merge_units(S, tree):
    """Non-leaf units: per node, the weighted mean over sub-units (dropped ones skipped)."""
    depth = np.zeros(len(tree), dtype=np.int64)
    parent = tree["parent"].to_numpy()
    for i in range(len(tree)):
        depth[i] = depth[parent[i]] + 1 if parent[i] >= 0 else 0
    weight = tree["weight"].to_numpy()
    for d in range(depth.max(), 0, -1):
        sel = np.nonzero(depth == d)[0]
        X = S[sel]
        ok = ~np.isnan(X)
        w = weight[sel][:, None]
        df_num = pd.DataFrame(np.where(ok, X, 0) * w).groupby(parent[sel]).sum()
        df_w = pd.DataFrame(ok * w).groupby(parent[sel]).sum()
        with np.errstate(invalid="ignore", divide="ignore"):
            vals = np.where(df_w.to_numpy() > 0, df_num.to_numpy() / df_w.to_numpy(), np.nan)
        S[df_num.index.to_numpy()] = vals
    return S


def rank(rub, agencies, S, tree):
    roots = np.nonzero(tree["parent"].to_numpy() == -1)[0]
    nodes = rub["nodes"]
    top = [i for i, n in enumerate(nodes) if n[1] == 0]
    rows = []
    dec = rub["decimals"]
    for ai, (aid, a) in enumerate(agencies.items()):
        r = roots[ai]
        base = S[r, 0] * rub["max"]
        deductions = [penalty_deduction(rub, S[r], k) for k in rub["penalties"]]
        total = after_penalties(base, deductions)
        rounded = patuh_round(total, dec)
        band = next((b for b in rub["bands"] if float(b["min"]) <= rounded), rub["bands"][-1])
        row = {"id": aid, "name": a.get("name", aid), "group": a.get("group", ""),
               "total": rounded, "band": band["id"], "label": band["label"],
               "zone": band.get("zone", "")}
        if rub["penalties"]:
            # what patuh's JSON gives per agency: base, and per penalty p x max and deduction
            row["base"] = patuh_round(base, dec)
            for k, d in zip(rub["penalties"], deductions):
                p = S[r, k] * rub["max"]  # JSON's null when the penalty dropped out
                row[nodes[k][0] + " score"] = None if math.isnan(p) else patuh_round(p, dec)
                row[nodes[k][0] + " deduction"] = patuh_round(d, dec)
        for c in top:
            row[nodes[c][0]] = patuh_round(S[r, c] * rub["max"], dec)
        rows.append(row)
    df = pd.DataFrame(rows)
    df = df.sort_values(["total", "name", "id"], ascending=[False, True, True],
                        kind="mergesort").reset_index(drop=True)
    df["rank"] = df["total"].rank(method="min", ascending=False).astype(int)
    df["group_rank"] = df.groupby("group")["total"].rank(method="min",
                                                          ascending=False).astype(int)
    cols = ["rank", "group_rank", "id", "name", "group", "total", "band", "label", "zone"]
    return df[cols + penalty_columns(rub) + [nodes[c][0] for c in top]]


def penalty_columns(rub):
    """The columns of base and penalties (doc/scoring.md §15), none without penalties."""
    if not rub["penalties"]:
        return []
    ids = [rub["nodes"][k][0] for k in rub["penalties"]]
    return ["base"] + [i + c for i in ids for c in (" score", " deduction")]


def penalty_deduction(rub, scores, k):
    """weight x (1 - p) in points; a penalty that dropped out (p NaN) deducts 0 (§15.3)."""
    p = scores[k]
    return 0.0 if math.isnan(p) else rub["nodes"][k][2] * (1 - p)


def after_penalties(base, deductions):
    """max(0, base - sum of deductions), subtracted one by one as lib/calc/score.c does,
    rounded only afterwards (§15.4); NaN stays NaN."""
    if math.isnan(base) or not deductions:
        return base
    total = base
    for d in deductions:
        total -= d
    return total if total > 0 else 0.0


def write_sheet(rub, df, path):
    with pd.ExcelWriter(path, engine="xlsxwriter") as xw:
        df.to_excel(xw, sheet_name="Peringkat", index=False)
        wb, ws = xw.book, xw.sheets["Peringkat"]
        fmts = {z: wb.add_format({"bg_color": c}) for z, c in rub["zones"].items()}
        zone_col = df.columns.get_loc("zone")
        for i, z in enumerate(df["zone"]):
            if z in fmts:
                ws.write(i + 1, zone_col, z, fmts[z])


def check(df, path, rub):
    with open(path) as f:
        ref = {a["id"]: a for a in json.load(f)["agencies"]}
    pcols = penalty_columns(rub)
    top = list(df.columns[9 + len(pcols):])
    bad = 0
    for row in df.to_dict("records"):
        a = ref.get(row["id"])
        got = [row["total"], row["rank"], row["group_rank"], row["band"]] + [row[c] for c in top]
        got += [row[c] for c in pcols]
        got = [None if isinstance(x, float) and math.isnan(x) else x for x in got]  # JSON null
        want = None
        if a:
            want = [a["total"], a["rank"], a["group_rank"], a["band"]] + [a["sections"][c] for c in top]
            if pcols:
                want.append(a["base"])
                for pen in a["penalties"]:
                    want += [pen["score"], pen["deduction"]]
        if got != want:
            bad += 1
            if bad <= 5:
                print("peer: %s differs: peer %s, patuh %s" % (row["id"], got, want), file=sys.stderr)
    if len(ref) != len(df):
        bad += 1
        print("peer: %d agencies, patuh %d" % (len(df), len(ref)), file=sys.stderr)
    print("peer: %s: %d agencies, %d differences" % ("same numbers" if not bad else "DIFFERENT", len(df), bad))
    return bad == 0


def main(argv):
    chk = None
    if "--check" in argv:
        i = argv.index("--check")
        chk = argv[i + 1]
        del argv[i:i + 2]
    if len(argv) < 3:
        sys.exit(__doc__)
    rub = load_rubric(argv[0])
    agencies = read_answers(argv[2:])
    ind_index = {n[0]: k for k, n in enumerate(n for n in rub["nodes"] if n[3])}
    long, tree = leaves(agencies, ind_index)
    S = merge_units(leaf_scores(rub, long, tree), tree)
    df = rank(rub, agencies, S, tree)
    write_sheet(rub, df, argv[1])
    return 0 if chk is None or check(df, chk, rub) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
