#!/usr/bin/python3
# make_bad.py — writes the bad spreadsheets and CSVs of the tests/bad corpus (csv-*.case and
# xlsx-*.case) into this folder; run from the top of the tree to regenerate them:
#   /usr/bin/python3 tests/bad/data/make_bad.py
import os
import warnings
import zipfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
HEAD = ["instansi", "unit", "indikator", "nilai", "bukti", "catatan"]
AGENCY = ["kab-a", "Kabupaten A", "kabupaten", "Banten", "2024"]


def book(name, answers, head=HEAD, agencies=(AGENCY,), sheet="Jawaban", info=None):
    wb = openpyxl.Workbook()
    if info:
        ws0 = wb.active
        ws0.title = "Petunjuk"
        for row in info:
            ws0.append(row)
        wb.create_sheet("Instansi")
    ws = wb["Instansi"] if info else wb.active
    ws.title = "Instansi"
    ws.append(["id", "nama", "kelompok", "wilayah", "periode"])
    for a in agencies:
        ws.append(list(a))
    ws2 = wb.create_sheet(sheet)
    if head:
        ws2.append(head)
    for row in answers:
        ws2.append(row)
    wb.save(os.path.join(HERE, name))


def text(name, body):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
        f.write(body)


book("xlsx-wrong-header.xlsx", [["kab-a", None, "KN.3", 2]],
     head=["instansi", "unit", "indikator", "nilaii", "bukti", "catatan"])
book("xlsx-not-in-dropdown.xlsx", [["kab-a", None, "KN.3", 5]])
book("xlsx-text-in-number.xlsx", [["kab-a", None, "TL.2", "banyak"]])
book("xlsx-duplicate-row.xlsx", [["kab-a", None, "KN.3", 2], ["kab-a", None, "KN.3", 1]])
book("xlsx-unknown-agency.xlsx", [["kab-b", None, "KN.3", 2]])
book("xlsx-unknown-group.xlsx", [["kab-a", None, "KN.3", 2]],
     agencies=[["kab-a", "Kabupaten A", "kecamatan", "Banten", "2024"]])
book("xlsx-empty-sheet.xlsx", [], head=None)
book("xlsx-no-sheet.xlsx", [["kab-a", None, "KN.3", 2]], sheet="Lembar1")
text("xlsx-not-a-zip.xlsx", "agency,unit,indicator,value,evidence,note\n")
with zipfile.ZipFile(os.path.join(HERE, "xlsx-no-workbook.xlsx"), "w") as z:
    z.writestr("hello.txt", "not a workbook")

text("csv-wrong-header.csv", "agency;unit;indikator;nilai;bukti;komentar\r\nkab-a;;KN.3;2;;\r\n")
text("csv-not-in-dropdown.csv", "agency,unit,indicator,value,evidence,note,group\n"
     "kab-a,,KN.3,5,,,kabupaten\n")
text("csv-text-in-number.csv", "agency;unit;indicator;value;evidence;note;group\n"
     "kab-a;;TL.2;banyak;;;kabupaten\n")
text("csv-duplicate-row.csv", "agency,unit,indicator,value,evidence,note,group\n"
     "kab-a,dinkes,KN.3,2,,,kabupaten\nkab-a,dinkes,KN.3,1,,,\n")
text("csv-unknown-group.csv", "agency,unit,indicator,value,evidence,note,group\n"
     "kab-a,,KN.3,2,,,kecamatan\n")
text("csv-unterminated-quote.csv", "agency,unit,indicator,value,evidence,note\n"
     "kab-a,,KN.3,2,\"bukti.pdf,\n")
text("csv-ragged-row.csv", "agency,unit,indicator,value,evidence,note\nkab-a,,KN.3,2,,,x\n")
text("csv-empty.csv", "")


def xxe(name, src):
    """A copy of workbook `src` whose part holding the text XXE (shared strings or a sheet)
    declares an external entity (the file /etc/passwd) and uses it in place of that text: it
    must never be expanded."""
    with zipfile.ZipFile(os.path.join(HERE, src)) as zin, \
            zipfile.ZipFile(os.path.join(HERE, name), "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/") and b"XXE" in data:
                text = data.decode()
                decl_end = text.index("?>") + 2 if "?>" in text else 0
                text = (text[:decl_end] + '\n<!DOCTYPE x [<!ENTITY xxe SYSTEM '
                        '"file:///etc/passwd">]>' + text[decl_end:]).replace("XXE", "&xxe;")
                data = text.encode()
            zout.writestr(item, data)


book("xlsx-xxe-src.xlsx", [["kab-a", None, "KN.3", "tidakXXE", "XXE"]])
xxe("xlsx-xxe.xlsx", "xlsx-xxe-src.xlsx")
os.remove(os.path.join(HERE, "xlsx-xxe-src.xlsx"))

book("xlsx-wrong-rubric.xlsx", [["kab-a", None, "KN.3", 9]],
     info=[["judul", "Survei Kepuasan Masyarakat"], ["rubrik", "skm-2017"]])
text("csv-wrong-rubric.csv", "agency,unit,indicator,value,evidence,note,group,rubric\n"
     "kab-a,,KN.3,2,a.pdf,,kabupaten,pengaduan\nkab-a,,KN.4,9,,,,ombudsman-2023\n"
     "kab-a,,KN.5,9,,,,ombudsman-2023\n")


def raw_sheet(name, sheet_data):
    """A workbook whose answers sheet holds `sheet_data` as written (rows and cells in any
    order, any references), with the agencies sheet of book(); cells are inline strings."""
    book(name, [], head=None)
    path = os.path.join(HERE, name)
    with zipfile.ZipFile(path) as zin:
        items = [(item, zin.read(item.filename)) for item in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item, data in items:
            if item.filename == "xl/worksheets/sheet2.xml":
                text = data.decode()
                start = text.index("<sheetData")
                end = text.index("</sheetData>") + len("</sheetData>") \
                    if "</sheetData>" in text else text.index("/>", start) + 2
                data = (text[:start] + "<sheetData>" + sheet_data + "</sheetData>"
                        + text[end:]).encode()
            zout.writestr(item, data)


def cells(row, refs_values):
    out = '<row r="%d">' % row if row else "<row>"
    for ref, value in refs_values:
        r = ' r="%s"' % ref if ref else ""
        out += '<c%s t="inlineStr"><is><t>%s</t></is></c>' % (r, value)
    return out + "</row>"


ANSWERS = [("kab-a", "S1.1", "1"), ("kab-a", "S1.2", "0"), ("kab-a", "S2.1", "web;surat"),
           ("kab-a", "S2.2", "80")]


def answer_rows(first=2):
    return "".join(cells(first + i, [("A%d" % (first + i), a), ("C%d" % (first + i), ind),
                                     ("D%d" % (first + i), v)])
                   for i, (a, ind, v) in enumerate(ANSWERS))


# the header's cells out of column order (Z1 before A1, legal in the format): read as usual
raw_sheet("xlsx-header-out-of-order.xlsx",
          cells(1, [("Z1", "catatan"), ("E1", "bukti"), ("D1", "nilai"), ("A1", "instansi"),
                    ("C1", "indikator"), ("B1", "unit")]) + answer_rows())
HEAD_ROW = cells(1, [("A1", "instansi"), ("B1", "unit"), ("C1", "indikator"), ("D1", "nilai"),
                     ("E1", "bukti"), ("F1", "catatan")])
# a cell with no reference right of the last column XFD
raw_sheet("xlsx-cell-beyond-xfd.xlsx",
          HEAD_ROW + answer_rows() + cells(6, [("XFD6", "x"), (None, "y")]))
# a reference whose column letters run past XFD (and would overflow 32 bits)
raw_sheet("xlsx-huge-column.xlsx",
          HEAD_ROW + answer_rows() + cells(6, [("ZZZZZZZZZZZZZZZZ6", "x")]))
# rows out of order, and a cell given twice
raw_sheet("xlsx-rows-out-of-order.xlsx", HEAD_ROW + answer_rows(3) + cells(2, [("A2", "kab-a")]))
raw_sheet("xlsx-cell-twice.xlsx",
          HEAD_ROW + answer_rows() + cells(6, [("A6", "kab-a"), ("C6", "S1.1"), ("C6", "S1.2")]))
# a row of more fields than a spreadsheet has columns (16384): memory for a row is bounded
text("csv-too-many-fields.csv", "agency,unit,indicator,value,evidence,note\n"
     "kab-a,,S1.1,1,," + "," * 20000 + "\n")


def hidden_book(name, visible_answers):
    """A workbook whose sheet 'Jawaban' is hidden: alone (an error), or beside a visible
    'Answers' sheet that holds the real answers (read, with a warning)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Instansi"
    ws.append(["id", "nama", "kelompok", "wilayah", "periode"])
    ws.append(["kab-a", "Kabupaten A", "kabupaten", "Banten", "2024"])
    hid = wb.create_sheet("Jawaban")
    hid.append(HEAD)
    for ind, v in (("S1.1", 1), ("S1.2", 1), ("S2.1", "web;surat"), ("S2.2", 100)):
        hid.append(["kab-a", None, ind, v])
    hid.sheet_state = "hidden"
    if visible_answers:
        vis = wb.create_sheet("Answers")
        vis.append(HEAD)
        for ind, v in (("S1.1", 0), ("S1.2", 0), ("S2.1", "web"), ("S2.2", 10)):
            vis.append(["kab-a", None, ind, v])
    wb.save(os.path.join(HERE, name))


hidden_book("xlsx-hidden-answers.xlsx", False)
hidden_book("xlsx-hidden-beside-visible.xlsx", True)
# a formula without a saved value (written by a tool that does not compute), and one with
raw_sheet("xlsx-formula-no-value.xlsx",
          HEAD_ROW + cells(2, [("A2", "kab-a"), ("C2", "S1.1")])[:-len("</row>")]
          + '<c r="D2"><f>0+1</f></c></row>'
          + cells(3, [("A3", "kab-a"), ("C3", "S1.2")])[:-len("</row>")]
          + '<c r="D3"><f>0+1</f><v>1</v></c></row>'
          + cells(4, [("A4", "kab-a"), ("C4", "S2.1"), ("D4", "web;surat")])
          + cells(5, [("A5", "kab-a"), ("C5", "S2.2"), ("D5", "100")]))


def duplicate_entry(name, src):
    """A copy of workbook `src` whose answers sheet is in the zip twice (a second, different
    copy after the first): which one is read must not be left to chance."""
    with zipfile.ZipFile(os.path.join(HERE, src)) as zin:
        items = [(item, zin.read(item.filename)) for item in zin.infolist()]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name: the point
        with zipfile.ZipFile(os.path.join(HERE, name), "w", zipfile.ZIP_DEFLATED) as zout:
            for item, data in items:
                zout.writestr(item, data)
            for item, data in items:
                if item.filename == "xl/worksheets/sheet2.xml":
                    zout.writestr(item, data.replace(b">1<", b">0<"))


duplicate_entry("xlsx-duplicate-entry.xlsx", "xlsx-header-out-of-order.xlsx")
