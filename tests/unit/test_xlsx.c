/* test_xlsx.c — the XLSX answer reader through the public API, on workbooks built here with
 * libxlsxwriter (shared strings, or inline strings in constant-memory mode) and, for what no
 * writer makes, zips written with minizip: numbers, booleans, empty cells, reordered headers,
 * English and Indonesian sheet names, the rubric cell, each error at its FILE:SHEET!CELL, the
 * entry size and ratio limits, and an external entity that must never be expanded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "input/input.h"
#include "uji_rubric.h"

static char dir[] = "/tmp/patuh-test-xlsx-XXXXXX";
static char path[128]; /* the workbook of the test being run */

static int setup(void **state)
{
    (void)state;
    patuh_diags d;
    patuh_diags_init(&d);
    patuh_status st =
        patuh_rubric_load_buffer("uji.yaml", rubric_text, strlen(rubric_text), NULL, &rubric, &d);
    patuh_diags_release(&d);
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/t.xlsx", dir);
    return st == PATUH_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    patuh_rubric_free(rubric);
    unlink(path);
    rmdir(dir);
    return 0;
}

/* ---- building workbooks ------------------------------------------------------------------- */

/* A cell: NULL = none, "" = blank (formatted, no value), "#2.5" = number, "?1" = boolean,
 * anything else a string. A row of all NULL ends a sheet. */
enum { W = 8, H = 8 };
typedef struct sheet_spec {
    const char *name;
    const char *rows[H][W];
} sheet_spec;

static void write_cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *v, lxw_format *fmt)
{
    if (!v)
        return;
    if (!v[0])
        worksheet_write_blank(ws, r, c, fmt);
    else if (v[0] == '#')
        worksheet_write_number(ws, r, c, strtod(v + 1, NULL), NULL);
    else if (v[0] == '?')
        worksheet_write_boolean(ws, r, c, v[1] == '1', NULL);
    else
        worksheet_write_string(ws, r, c, v, NULL);
}

static bool row_end(const sheet_spec *s, size_t r)
{
    for (size_t c = 0; c < W; c++)
        if (s->rows[r][c])
            return false;
    return true;
}

/* Writes the sheets to `path`; inline strings when `inline_strings` (constant memory). */
static void book(bool inline_strings, const sheet_spec *sheets, size_t n)
{
    lxw_workbook_options opt = {.constant_memory = inline_strings, .tmpdir = dir};
    lxw_workbook *wb = workbook_new_opt(path, &opt);
    assert_non_null(wb);
    lxw_format *fmt = workbook_add_format(wb);
    format_set_unlocked(fmt);
    for (size_t i = 0; i < n; i++) {
        lxw_worksheet *ws = workbook_add_worksheet(wb, sheets[i].name);
        for (size_t r = 0; r < H && !row_end(&sheets[i], r); r++)
            for (size_t c = 0; c < W; c++)
                write_cell(ws, (lxw_row_t)r, (lxw_col_t)c, sheets[i].rows[r][c], fmt);
    }
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

/* A zip of named entries (name, text, name, text, ..., NULL), deflated, at `path`. */
static void zip_book(const char *const *entries)
{
    zipFile z = zipOpen64(path, APPEND_STATUS_CREATE);
    assert_non_null(z);
    for (size_t i = 0; entries[i]; i += 2) {
        assert_int_equal(zipOpenNewFileInZip(z, entries[i], NULL, NULL, 0, NULL, 0, NULL,
                                             Z_DEFLATED, Z_BEST_COMPRESSION),
                         ZIP_OK);
        assert_int_equal(zipWriteInFileInZip(z, entries[i + 1], (unsigned)strlen(entries[i + 1])),
                         ZIP_OK);
        assert_int_equal(zipCloseFileInZip(z), ZIP_OK);
    }
    assert_int_equal(zipClose(z, NULL), ZIP_OK);
}

static const char workbook_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<sheets><sheet name=\"Jawaban\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char rels_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";

/* An answers sheet's XML: the header row, then `rows` (already <row> elements). */
static char *sheet_xml(const char *prolog, const char *rows)
{
    char *s = str_printf(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n%s"
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        "<sheetData><row r=\"1\">"
        "<c r=\"A1\" t=\"inlineStr\"><is><t>agency</t></is></c>"
        "<c r=\"B1\" t=\"inlineStr\"><is><t>unit</t></is></c>"
        "<c r=\"C1\" t=\"inlineStr\"><is><t>indicator</t></is></c>"
        "<c r=\"D1\" t=\"inlineStr\"><is><t>value</t></is></c>"
        "<c r=\"E1\" t=\"inlineStr\"><is><t>evidence</t></is></c>"
        "<c r=\"F1\" t=\"inlineStr\"><is><t>note</t></is></c></row>%s</sheetData></worksheet>",
        prolog, rows);
    assert_non_null(s);
    return s;
}

/* ---- reading ------------------------------------------------------------------------------ */

static patuh_status read_book(const patuh_limits *lim, patuh_batch **batch, patuh_diags *d)
{
    patuh_diags_init(d);
    *batch = patuh_batch_new(rubric, lim);
    assert_non_null(*batch);
    return patuh_batch_add_path(*batch, path, d);
}

/* The diagnostics, formatted with the workbook's path shown as "t.xlsx", equal `want`. */
static void expect_diags(const patuh_diags *d, const char *const *want)
{
    char buf[1024];
    size_t n = 0, skip = strlen(dir) + 1;
    for (; want[n]; n++) {
        assert_true(n < d->count);
        patuh_diag_format(&d->items[n], buf, sizeof buf);
        assert_true(strncmp(buf, path, skip) == 0);
        assert_string_equal(buf + skip, want[n]);
    }
    if (d->count != n) {
        patuh_diag_format(&d->items[n], buf, sizeof buf);
        fail_msg("unexpected diagnostic: %s", buf);
    }
}

/* ---- what reads ---------------------------------------------------------------------------- */

static const sheet_spec agencies_sheet = {"Instansi",
                                          {{"id", "nama", "kelompok", "wilayah", "periode"},
                                           {"kota-a", "Kota A", "kota", "Jawa Barat", "#2024"}}};

/* Strings (shared or inline), numbers, a boolean, blank and absent cells. */
static const sheet_spec answers_sheet = {
    "Jawaban",
    {{"instansi", "unit", "indikator", "nilai", "bukti", "catatan"},
     {"kota-a", NULL, "IN.1", "?1", "", ""},
     {"kota-a", "dinkes", "IN.2", "#3", "sk.pdf", NULL},
     {"kota-a", NULL, "PG.1", "#86.5", NULL, NULL},
     {"kota-a", NULL, "PG.2", "lapor; email", NULL, NULL},
     {"kota-a", "dinkes", "IN.1", "na", NULL, "tidak ada loket"},
     {"kota-a", NULL, "IN.2", "", NULL, NULL}}};

static void check_answers(bool inline_strings)
{
    patuh_batch *batch;
    patuh_diags d;
    book(inline_strings, (const sheet_spec[]){agencies_sheet, answers_sheet}, 2);
    assert_int_equal(read_book(NULL, &batch, &d), PATUH_OK);
    expect_diags(&d, (const char *const[]){NULL});
    const patuh_agency *a = agency(batch, "kota-a");
    assert_string_equal(a->name, "Kota A");
    assert_string_equal(a->period, "2024"); /* a number cell read as its text */
    assert_int_equal(a->group, 0);
    assert_true(answer(&a->root, "IN.1").value == 1); /* TRUE */
    assert_true(answer(&a->root, "PG.1").value == 86.5);
    assert_true(answer(&a->root, "PG.2").value == 2);
    assert_int_equal(answer(&a->root, "IN.2").state, ANSWER_MISSING); /* a blank cell */
    assert_int_equal(a->root.n_units, 1);
    const patuh_unit *u = a->root.units[0];
    assert_true(answer(u, "IN.2").value == 3);
    assert_true(answer(u, "IN.2").evidence);
    assert_int_equal(answer(u, "IN.1").state, ANSWER_NA);
    assert_int_equal(batch->n_answers, 5);
    assert_string_equal(batch->inputs[0].sheets[0], "Jawaban");
    assert_string_equal(batch->inputs[0].sheets[1], "Instansi");
    patuh_diags_release(&d);
    patuh_batch_free(batch);
}

static void test_shared_strings(void **state)
{
    (void)state;
    check_answers(false);
}

static void test_inline_strings(void **state)
{
    (void)state;
    check_answers(true);
}

/* English sheet names, English headers in another order; errors name the sheets as given. */
static void test_english_reordered(void **state)
{
    (void)state;
    patuh_batch *batch;
    patuh_diags d;
    book(false,
         (const sheet_spec[]){
             {"Agencies", {{"group", "id", "name"}, {"kabupaten", "kab-b", "Kab. B"}}},
             {"Answers",
              {{"note", "value", "Indicator", "evidence", "agency", "unit"},
               {NULL, "#2", "IN.1", NULL, "kab-b", "dinkes/puskesmas-1"},
               {NULL, "#101", "PG.1", NULL, "kab-b", NULL}}}},
         2);
    assert_int_equal(read_book(NULL, &batch, &d), PATUH_EINVALID);
    expect_diags(
        &d, (const char *const[]){
                "t.xlsx:Answers!B3: error: expected a value 0-100 for 'PG.1', got '101'", NULL});
    const patuh_agency *a = agency(batch, "kab-b");
    assert_int_equal(a->group, 1);
    assert_string_equal(a->root.units[0]->units[0]->path, "dinkes/puskesmas-1");
    assert_true(answer(a->root.units[0]->units[0], "IN.1").value == 2);
    patuh_diags_release(&d);
    patuh_batch_free(batch);
}

/* ---- errors at their cells ---------------------------------------------------------------- */

typedef struct bad_book {
    sheet_spec answers;
    const char *want[3];
} bad_book;

static const bad_book bad_books[] = {
    {{"Jawaban", {{"instansi", "unit", "indikator", "nilaii", "bukti", "catatan"}}},
     {"t.xlsx:Jawaban!D1: warning: unknown column 'nilaii' is ignored, expected one of: "
      "agency/instansi, unit/unit_layanan, indicator/indikator, value/nilai, evidence/bukti, "
      "note/catatan, agency_name/nama_instansi, group/kelompok, region/wilayah, "
      "period/periode, unit_name/nama_unit, unit_kind/jenis_unit",
      "t.xlsx:Jawaban!A1: error: missing column 'value', expected the columns "
      "agency/instansi, indicator/indikator and value/nilai"}},
    {{"Jawaban", {{"instansi", "unit", "indikator", "nilai", "bukti", "catatan", "value"}}},
     {"t.xlsx:Jawaban!G1: error: duplicate column 'value', the same as column D1"}},
    {{"Jawaban",
      {{"instansi", "unit", "indikator", "nilai", "bukti", "catatan"},
       {"kota-a", NULL, "IN.1", "#5"}}},
     {"t.xlsx:Jawaban!D2: error: expected one of 0, 1, 2, 3 for 'IN.1', got '5'"}},
    {{"Jawaban",
      {{"instansi", "unit", "indikator", "nilai", "bukti", "catatan"},
       {"kota-a", NULL, "PG.1", "banyak"}}},
     {"t.xlsx:Jawaban!D2: error: expected a value 0-100 for 'PG.1', got 'banyak'"}},
    {{"Jawaban",
      {{"instansi", "unit", "indikator", "nilai", "bukti", "catatan"},
       {"kota-b", NULL, "IN.1", "#1"}}},
     {"t.xlsx:Jawaban!A2: error: unknown agency 'kota-b', expected an agency listed on sheet "
      "'Instansi'"}},
    {{"Jawaban",
      {{"instansi", "unit", "indikator", "nilai", "bukti", "catatan"}, {NULL, NULL, "XX.1", "#1"}}},
     {"t.xlsx:Jawaban!C2: error: unknown indicator 'XX.1', expected an indicator id of rubric "
      "'uji'"}},
    {{"Jawaban",
      {{"instansi", "unit", "indikator", "nilai", "bukti", "catatan"},
       {"kota-a", NULL, "IN.1", "#1"},
       {"kota-a", NULL, "IN.1", "#2"}}},
     {"t.xlsx:Jawaban!C3: error: duplicate answer for 'IN.1' in 'kota-a', first given at "
      "t.xlsx:Jawaban!C2"}},
    {{"Jawaban", {{NULL}}},
     {"t.xlsx:Jawaban!A1: error: sheet 'Jawaban' is empty, expected a header row with the "
      "columns agency, unit, indicator, value, evidence, note"}},
    {{"Lembar1", {{"instansi"}}},
     {"t.xlsx: error: no sheet 'Jawaban' or 'Answers' in the workbook, expected the answers "
      "sheet of a patuh form"}},
};

static void test_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_books / sizeof bad_books[0]; i++) {
        patuh_batch *batch;
        patuh_diags d;
        print_message("case %zu\n", i);
        book(i % 2, (const sheet_spec[]){agencies_sheet, bad_books[i].answers}, 2);
        assert_int_equal(read_book(NULL, &batch, &d), PATUH_EINVALID);
        char want_path[3][512];
        const char *want[4] = {0};
        for (size_t k = 0; k < 3 && bad_books[i].want[k]; k++) {
            const char *at = strstr(bad_books[i].want[k], "at t.xlsx:"); /* the full path */
            int head = at ? (int)(at - bad_books[i].want[k]) + 3 : 0;
            snprintf(want_path[k], sizeof want_path[k], "%.*s%s%s", head, bad_books[i].want[k],
                     at ? path : "", bad_books[i].want[k] + head + (at ? 6 : 0));
            want[k] = want_path[k];
        }
        expect_diags(&d, want);
        patuh_diags_release(&d);
        patuh_batch_free(batch);
    }
}

/* A duplicate answer names both cells with the full path; a CSV saved as .xlsx and a zip
 * without a workbook are named as such. */
static void test_not_workbooks(void **state)
{
    (void)state;
    patuh_batch *batch;
    patuh_diags d;
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("agency,unit,indicator,value,evidence,note\n", f);
    fclose(f);
    assert_int_equal(read_book(NULL, &batch, &d), PATUH_EINVALID);
    expect_diags(
        &d, (const char *const[]){"t.xlsx: error: not an XLSX workbook (not a zip file)", NULL});
    patuh_diags_release(&d);
    patuh_batch_free(batch);

    zip_book((const char *const[]){"hello.txt", "not a workbook", NULL});
    assert_int_equal(read_book(NULL, &batch, &d), PATUH_EINVALID);
    expect_diags(&d, (const char *const[]){
                         "t.xlsx: error: not an XLSX workbook (no xl/workbook.xml in the zip "
                         "file)",
                         NULL});
    patuh_diags_release(&d);
    patuh_batch_free(batch);
}

/* ---- the rubric cell ------------------------------------------------------------------------ */

static void test_rubric_cell(void **state)
{
    (void)state;
    patuh_batch *batch;
    patuh_diags d;
    sheet_spec info = {"Petunjuk", {{"judul", "Rubrik uji"}, {"rubrik", "uji"}}};
    book(false, (const sheet_spec[]){info, agencies_sheet, answers_sheet}, 3);
    assert_int_equal(read_book(NULL, &batch, &d), PATUH_OK);
    assert_int_equal(batch->n_answers, 5);
    patuh_diags_release(&d);
    patuh_batch_free(batch);

    /* another rubric: reported at its cell, and nothing else is read or checked */
    sheet_spec other = {"Instructions", {{"title", "x"}, {"catatan"}, {" Rubric ", " skm-2017 "}}};
    const sheet_spec bad_answers = {"Jawaban",
                                    {{"instansi", "unit", "indikator", "nilai", "bukti", "catatan"},
                                     {"kota-a", NULL, "IN.1", "#9"}}};
    book(true, (const sheet_spec[]){other, agencies_sheet, bad_answers}, 3);
    assert_int_equal(read_book(NULL, &batch, &d), PATUH_EINVALID);
    expect_diags(&d, (const char *const[]){
                         "t.xlsx:Instructions!B3: error: answers are for rubric 'skm-2017', "
                         "expected 'uji'",
                         NULL});
    assert_int_equal(batch->n_agencies, 0);
    patuh_diags_release(&d);
    patuh_batch_free(batch);
}

/* ---- limits --------------------------------------------------------------------------------- */

static void test_entry_size_limit(void **state)
{
    (void)state;
    patuh_batch *batch;
    patuh_diags d;
    char note[1001];
    memset(note, 'b', 1000);
    note[1000] = '\0';
    char *rows = str_printf("<row r=\"2\"><c r=\"F2\" t=\"inlineStr\"><is><t>%s</t></is></c>"
                            "</row>",
                            note);
    char *sheet = sheet_xml("", rows);
    free(rows);
    assert_true(strlen(sheet) > 1000 && strlen(workbook_xml) < 1000 && strlen(rels_xml) < 1000);
    zip_book((const char *const[]){"xl/workbook.xml", workbook_xml, "xl/_rels/workbook.xml.rels",
                                   rels_xml, "xl/worksheets/sheet1.xml", sheet, NULL});
    free(sheet);
    patuh_limits lim;
    patuh_limits_default(&lim);
    lim.max_xlsx_bytes = 1000; /* the workbook and its rels fit, the sheet does not */
    assert_int_equal(read_book(&lim, &batch, &d), PATUH_EINVALID);
    expect_diags(&d, (const char *const[]){
                         "t.xlsx: error: entry 'xl/worksheets/sheet1.xml' is larger than the "
                         "limit of 1000 bytes uncompressed",
                         NULL});
    patuh_diags_release(&d);
    patuh_batch_free(batch);
}

/* A 2 MiB cell of one repeated letter deflates about 1000 times. */
static void test_entry_ratio_limit(void **state)
{
    (void)state;
    patuh_batch *batch;
    patuh_diags d;
    size_t n = (size_t)2 << 20;
    char *fill = malloc(n + 1);
    assert_non_null(fill);
    memset(fill, 'a', n);
    fill[n] = '\0';
    char *rows = str_printf("<row r=\"2\"><c r=\"F2\" t=\"inlineStr\"><is><t>%s</t></is></c>"
                            "</row>",
                            fill);
    free(fill);
    char *sheet = sheet_xml("", rows);
    free(rows);
    zip_book((const char *const[]){"xl/workbook.xml", workbook_xml, "xl/_rels/workbook.xml.rels",
                                   rels_xml, "xl/worksheets/sheet1.xml", sheet, NULL});
    free(sheet);
    patuh_limits lim;
    patuh_limits_default(&lim);
    lim.max_xlsx_ratio = 50;
    assert_int_equal(read_book(&lim, &batch, &d), PATUH_EINVALID);
    expect_diags(&d, (const char *const[]){
                         "t.xlsx: error: entry 'xl/worksheets/sheet1.xml' expands more than 50 "
                         "times, expected an ordinary workbook",
                         NULL});
    patuh_diags_release(&d);
    patuh_batch_free(batch);
}

/* ---- XML external entities ------------------------------------------------------------------ */

/* A DOCTYPE declaring an external entity, referenced in the evidence and the value cells:
 * never expanded (no file is read): the cells are read as empty, so IN.1 has no answer. */
static void test_xxe(void **state)
{
    (void)state;
    patuh_batch *batch;
    patuh_diags d;
    char *sheet = sheet_xml("<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
                            "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>kota-a</t></is></c>"
                            "<c r=\"C2\" t=\"inlineStr\"><is><t>IN.1</t></is></c>"
                            "<c r=\"D2\" t=\"inlineStr\"><is><t>&xxe;</t></is></c>"
                            "<c r=\"F2\" t=\"inlineStr\"><is><t>x&xxe;y</t></is></c></row>");
    zip_book((const char *const[]){"xl/workbook.xml", workbook_xml, "xl/_rels/workbook.xml.rels",
                                   rels_xml, "xl/worksheets/sheet1.xml", sheet, NULL});
    free(sheet);
    patuh_status st = read_book(NULL, &batch, &d);
    char buf[1024];
    for (size_t i = 0; i < d.count; i++) {
        patuh_diag_format(&d.items[i], buf, sizeof buf);
        assert_null(strstr(buf, "root:"));
    }
    assert_int_equal(st, PATUH_OK);
    expect_diags(&d, (const char *const[]){NULL});
    const patuh_agency *a = agency(batch, "kota-a");
    /* the value cell held nothing once the entity was dropped: the slot is blank (its cell
     * remembered for the warning, doc/scoring.md §4), not answered */
    assert_non_null(a->root.answers);
    assert_false(answer_given(&a->root, 0));
    patuh_diags_release(&d);
    patuh_batch_free(batch);
}

/* An internal entity is not expanded either, even on its first reference (when libxml2 parses
 * its replacement text through the reader's own callbacks): the value cell "&two;" reads as
 * empty, not as 2, so IN.1 has no answer; the text around a reference is kept ("&two;1"
 * reads as 1, not 21). */
static void test_internal_entity(void **state)
{
    (void)state;
    patuh_batch *batch;
    patuh_diags d;
    char *sheet = sheet_xml("<!DOCTYPE worksheet [<!ENTITY two \"2\">]>",
                            "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>kota-a</t></is></c>"
                            "<c r=\"C2\" t=\"inlineStr\"><is><t>IN.1</t></is></c>"
                            "<c r=\"D2\" t=\"inlineStr\"><is><t>&two;</t></is></c></row>"
                            "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>kota-a</t></is></c>"
                            "<c r=\"C3\" t=\"inlineStr\"><is><t>IN.2</t></is></c>"
                            "<c r=\"D3\"><v>&two;1</v></c></row>");
    zip_book((const char *const[]){"xl/workbook.xml", workbook_xml, "xl/_rels/workbook.xml.rels",
                                   rels_xml, "xl/worksheets/sheet1.xml", sheet, NULL});
    free(sheet);
    patuh_status st = read_book(NULL, &batch, &d);
    assert_int_equal(st, PATUH_OK);
    expect_diags(&d,
                 (const char *const[]){"t.xlsx:Jawaban!D3: warning: 'IN.2' has no evidence", NULL});
    const patuh_agency *a = agency(batch, "kota-a");
    assert_non_null(a);
    /* IN.1 held only the reference: no answer; IN.2 held "&two;1": the 1 around it */
    assert_int_equal(answer(&a->root, "IN.1").state, ANSWER_MISSING);
    assert_true(answer(&a->root, "IN.2").value == 1);
    assert_int_equal(batch->n_answers, 1);
    patuh_diags_release(&d);
    patuh_batch_free(batch);
}

/* External DTDs with a real file to load (an entity "leak" = SECRET): neither a parameter
 * entity in the internal subset nor an external subset is loaded. Unresolved references
 * leave the sheet not well-formed, reported for the whole part (no cell). */
static void test_external_dtd(void **state)
{
    (void)state;
    char dtd[160];
    snprintf(dtd, sizeof dtd, "%s/ext.dtd", dir);
    FILE *f = fopen(dtd, "w");
    assert_non_null(f);
    fputs("<!ENTITY leak \"SECRET\">\n", f);
    assert_int_equal(fclose(f), 0);
    const char *want[2][3] = {
        {"t.xlsx: error: damaged workbook: 'xl/worksheets/sheet1.xml' is not well-formed XML"},
        {"t.xlsx:Jawaban!D2: error: expected a value 0-3 for 'IN.1', got 'x'",
         "t.xlsx: error: damaged workbook: 'xl/worksheets/sheet1.xml' is not well-formed XML"}};
    for (size_t i = 0; i < 2; i++) {
        char prolog[300];
        if (i == 0) /* a parameter entity in the internal subset */
            snprintf(prolog, sizeof prolog,
                     "<!DOCTYPE x [<!ENTITY %% p SYSTEM \"file://%s\"> %%p;]>", dtd);
        else /* an external subset */
            snprintf(prolog, sizeof prolog, "<!DOCTYPE x SYSTEM \"file://%s\">", dtd);
        char *sheet =
            sheet_xml(prolog, "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>kota-a</t></is></c>"
                              "<c r=\"C2\" t=\"inlineStr\"><is><t>IN.1</t></is></c>"
                              "<c r=\"D2\" t=\"inlineStr\"><is><t>x&leak;</t></is></c></row>");
        zip_book((const char *const[]){"xl/workbook.xml", workbook_xml,
                                       "xl/_rels/workbook.xml.rels", rels_xml,
                                       "xl/worksheets/sheet1.xml", sheet, NULL});
        free(sheet);
        patuh_batch *batch;
        patuh_diags d;
        assert_int_equal(read_book(NULL, &batch, &d), PATUH_EINVALID);
        expect_diags(&d, want[i]);
        patuh_diags_release(&d);
        patuh_batch_free(batch);
    }
    unlink(dtd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shared_strings),
        cmocka_unit_test(test_inline_strings),
        cmocka_unit_test(test_english_reordered),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_not_workbooks),
        cmocka_unit_test(test_rubric_cell),
        cmocka_unit_test(test_entry_size_limit),
        cmocka_unit_test(test_entry_ratio_limit),
        cmocka_unit_test(test_xxe),
        cmocka_unit_test(test_external_dtd),
        cmocka_unit_test(test_internal_entity),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
