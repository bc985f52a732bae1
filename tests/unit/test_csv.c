/* test_csv.c — the CSV answer reader through the public API (patuh_batch_add_buffer with a .csv
 * name, patuh_batch_add_path): BOM, CRLF, `;` or `,`, decimal commas, RFC 4180 quoting,
 * Indonesian headers in any order, checklists, na and empty cells, the rubric column, every
 * error with its exact message and line:col, and the file-size limit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input/input.h"
#include "uji_rubric.h"

static int load_rubric(void **state)
{
    (void)state;
    patuh_diags d;
    patuh_diags_init(&d);
    patuh_status st =
        patuh_rubric_load_buffer("uji.yaml", rubric_text, strlen(rubric_text), NULL, &rubric, &d);
    patuh_diags_release(&d);
    return st == PATUH_OK ? 0 : -1;
}

static int free_rubric(void **state)
{
    (void)state;
    patuh_rubric_free(rubric);
    return 0;
}

/* Reads `text` as t.csv into a new batch; *batch and *d are the caller's to release. */
static patuh_status read_csv(const char *text, patuh_batch **batch, patuh_diags *d)
{
    patuh_diags_init(d);
    *batch = patuh_batch_new(rubric, NULL);
    assert_non_null(*batch);
    return patuh_batch_add_buffer(*batch, "t.csv", text, strlen(text), d);
}

/* The diagnostics, formatted, equal `want` (NULL-terminated) in order. */
static void expect_diags(const patuh_diags *d, const char *const *want)
{
    size_t n = 0;
    char buf[1024];
    for (; want[n]; n++) {
        assert_true(n < d->count);
        patuh_diag_format(&d->items[n], buf, sizeof buf);
        assert_string_equal(buf, want[n]);
    }
    if (d->count != n) {
        patuh_diag_format(&d->items[n], buf, sizeof buf);
        fail_msg("unexpected diagnostic: %s", buf);
    }
}

static const patuh_unit *unit_at(const patuh_unit *u, const char *id)
{
    for (size_t i = 0; i < u->n_units; i++)
        if (strcmp(u->units[i]->id, id) == 0)
            return u->units[i];
    fail_msg("no unit '%s'", id);
    return NULL;
}

/* ---- what reads -------------------------------------------------------------------------- */

/* Excel in the Indonesian locale: BOM, CRLF, `;` and a decimal comma. */
static void test_bom_crlf_semicolon(void **state)
{
    (void)state;
    patuh_batch *batch;
    patuh_diags d;
    assert_int_equal(read_csv("\xEF\xBB\xBF"
                              "agency;unit;indicator;value;evidence;note;group\r\n"
                              "kota-a;;PG.1;86,5;;;kota\r\n"
                              "kota-a;;IN.2;2;foto.jpg;;\r\n",
                              &batch, &d),
                     PATUH_OK);
    expect_diags(&d, (const char *const[]){NULL});
    const patuh_agency *a = agency(batch, "kota-a");
    assert_int_equal(a->group, 1 - 1); /* kota is groups[0] */
    assert_int_equal(answer(&a->root, "PG.1").state, ANSWER_VALUE);
    assert_true(answer(&a->root, "PG.1").value == 86.5);
    assert_true(answer(&a->root, "IN.2").value == 2);
    assert_true(answer(&a->root, "IN.2").evidence);
    /* the BOM is not part of the first column's name, and CRLF not of the last one's */
    assert_int_equal(batch->n_answers, 2);
    patuh_diags_release(&d);
    patuh_batch_free(batch);
}

/* `,` as the delimiter: a decimal point; a decimal comma only inside quotes. */
static void test_comma(void **state)
{
    (void)state;
    patuh_batch *batch;
    patuh_diags d;
    assert_int_equal(read_csv("agency,unit,indicator,value,evidence,note,group\n"
                              "kab-b,dinkes,PG.1,70.25,,,kabupaten\n"
                              "kab-b,dinkes,IN.1,\"3\",,,\n"
                              "kab-c,,PG.1,\"12,5\",,,kabupaten\n",
                              &batch, &d),
                     PATUH_OK);
    expect_diags(&d, (const char *const[]){NULL});
    const patuh_unit *u = unit_at(&agency(batch, "kab-b")->root, "dinkes");
    assert_true(answer(u, "PG.1").value == 70.25);
    assert_true(answer(u, "IN.1").value == 3);
    assert_true(answer(&agency(batch, "kab-c")->root, "PG.1").value == 12.5);
    patuh_diags_release(&d);
    patuh_batch_free(batch);
}

/* A quoted field holds the delimiter, a doubled quote and a line break; the line numbers
 * after it still count the break (row 3 starts on line 4). */
static void test_quoted_fields(void **state)
{
    (void)state;
    patuh_batch *batch;
    patuh_diags d;
    assert_int_equal(read_csv("agency,unit,indicator,value,evidence,note\n"
                              "kota-a,,IN.2,3,\"surat, \"\"arsip\"\"\nhal. 2\",\"ok\"\n"
                              "kota-a,,IN.1,\"x,\"\"y\"\"\",,\n",
                              &batch, &d),
                     PATUH_EINVALID);
    expect_diags(&d,
                 (const char *const[]){
                     "t.csv:4:14: error: expected a value 0-3 for 'IN.1', got 'x,\"y\"'", NULL});
    const patuh_agency *a = agency(batch, "kota-a");
    assert_true(answer(&a->root, "IN.2").evidence); /* so no evidence warning */
    assert_int_equal(batch->n_answers, 1);
    patuh_diags_release(&d);
    patuh_batch_free(batch);
}

/* Indonesian headers in another order; unit paths nest with '/'. */
static void test_indonesian_reordered(void **state)
{
    (void)state;
    patuh_batch *batch;
    patuh_diags d;
    assert_int_equal(read_csv("nilai;Indikator;catatan;bukti;Unit Layanan;id_instansi;kelompok;"
                              "nama_instansi;wilayah;periode\n"
                              "1;IN.1;;;dinkes/puskesmas-1;kab-b;kabupaten;Kab. B;Banten;2024\n",
                              &batch, &d),
                     PATUH_OK);
    expect_diags(&d, (const char *const[]){NULL});
    const patuh_agency *a = agency(batch, "kab-b");
    assert_string_equal(a->name, "Kab. B");
    assert_string_equal(a->region, "Banten");
    assert_string_equal(a->period, "2024");
    assert_int_equal(a->group, 1); /* kabupaten */
    const patuh_unit *u = unit_at(unit_at(&a->root, "dinkes"), "puskesmas-1");
    assert_string_equal(u->path, "dinkes/puskesmas-1");
    assert_true(answer(u, "IN.1").value == 1);
    patuh_diags_release(&d);
    patuh_batch_free(batch);
}

/* A checklist as `a;b` in a quoted field (the delimiter is `;`), or a count. */
static void test_checklist(void **state)
{
    (void)state;
    patuh_batch *batch;
    patuh_diags d;
    assert_int_equal(read_csv("agency;unit;indicator;value;evidence;note\n"
                              "kota-a;;PG.2;\"lapor; whatsapp\";;\n"
                              "kota-b;;PG.2;3;;\n",
                              &batch, &d),
                     PATUH_OK);
    expect_diags(&d, (const char *const[]){NULL});
    assert_true(answer(&agency(batch, "kota-a")->root, "PG.2").value == 2);
    assert_true(answer(&agency(batch, "kota-b")->root, "PG.2").value == 3);
    patuh_diags_release(&d);
    patuh_batch_free(batch);
}

/* na and n/a where allowed (a warning without a note), an empty value is missing. */
static void test_na_and_empty(void **state)
{
    (void)state;
    patuh_batch *batch;
    patuh_diags d;
    assert_int_equal(read_csv("agency,unit,indicator,value,evidence,note\n"
                              "kota-a,,IN.1,N/A,,tidak ada loket\n"
                              "kota-b,,IN.1,na,,\n"
                              "kota-a,,PG.1,,,\n"
                              "kota-a,,IN.2,   ,,\n",
                              &batch, &d),
                     PATUH_OK);
    expect_diags(&d, (const char *const[]){
                         "t.csv:3:14: warning: na for 'IN.1' has no note saying why", NULL});
    const patuh_agency *a = agency(batch, "kota-a");
    assert_int_equal(answer(&a->root, "IN.1").state, ANSWER_NA);
    assert_int_equal(answer(&agency(batch, "kota-b")->root, "IN.1").state, ANSWER_NA);
    assert_int_equal(answer(&a->root, "PG.1").state, ANSWER_MISSING);
    assert_int_equal(answer(&a->root, "IN.2").state, ANSWER_MISSING);
    assert_int_equal(batch->n_answers, 2);
    patuh_diags_release(&d);
    patuh_batch_free(batch);
}

/* ---- the rubric column -------------------------------------------------------------------- */

static void test_rubric_column(void **state)
{
    (void)state;
    patuh_batch *batch;
    patuh_diags d;
    assert_int_equal(read_csv("agency,indicator,value,unit,evidence,note,rubrik\n"
                              "kota-a,IN.1,1,,,,uji\n"
                              "kota-a,IN.2,0,,,,\n",
                              &batch, &d),
                     PATUH_OK);
    expect_diags(&d, (const char *const[]){NULL});
    assert_int_equal(batch->n_answers, 2);
    patuh_diags_release(&d);
    patuh_batch_free(batch);

    /* a row for another rubric is located at its rubric cell and not read */
    assert_int_equal(read_csv("agency,indicator,value,unit,evidence,note,rubric\n"
                              "kota-a,IN.1,1,,,,uji\n"
                              "kota-a,IN.2,9,,,,ombudsman-2023\n",
                              &batch, &d),
                     PATUH_EINVALID);
    expect_diags(
        &d, (const char *const[]){"t.csv:3:18: error: answers are for rubric 'ombudsman-2023', "
                                  "expected 'uji'",
                                  NULL});
    assert_int_equal(batch->n_answers, 1);
    patuh_diags_release(&d);
    patuh_batch_free(batch);
}

/* ---- errors, each with its exact message and place ---------------------------------------- */

typedef struct bad_case {
    const char *text;
    const char *want[4];
} bad_case;

static const bad_case bad_cases[] = {
    {"",
     {"t.csv: error: empty file, expected a header row with the columns agency, unit, "
      "indicator, value, evidence, note"}},
    {"agency,unit,indicator,value,evidence,note\nkota-a,,IN.1,1,\"foto.jpg\n",
     {"t.csv:2:16: error: unterminated quoted field, expected a closing '\"'"}},
    {"agency,unit,indicator,value,evidence,note\nkota-a,,IN.1,\"1\"x,,\n",
     {"t.csv:2:17: error: unexpected text after a closing quote, expected ',' or the end of "
      "the line"}},
    {"agency,unit,indicator,value,evidence,note\nkota-a,,IN.1,1,,,extra\n",
     {"t.csv:2:18: error: row has 7 fields, expected 6 as in the header"}},
    {"agency,unit,indicator,value,evidence,note\nkota-a,,IN.1\n",
     {"t.csv:2:9: error: row has 3 fields, expected 6 as in the header"}},
    {"agency;unit;indikator;nilaii;bukti;catatan\n",
     /* an unknown column is a warning (the rest is read), the value column it leaves missing
      * is the error (doc/formats.md §3.7 4) */
     {"t.csv:1:23: warning: unknown column 'nilaii' is ignored, expected one of: "
      "agency/instansi, unit/unit_layanan, indicator/indikator, value/nilai, evidence/bukti, "
      "note/catatan, agency_name/nama_instansi, group/kelompok, region/wilayah, "
      "period/periode, unit_name/nama_unit, unit_kind/jenis_unit, rubric",
      "t.csv:1:1: error: missing column 'value', expected the columns agency/instansi, "
      "indicator/indikator and value/nilai"}},
    {"agency,unit,indicator,value,evidence,note,nilai\n",
     {"t.csv:1:43: error: duplicate column 'nilai', the same as column 4"}},
    {"agency,unit,value,evidence\n",
     {"t.csv:1:1: error: missing column 'indicator', expected the columns agency/instansi, "
      "indicator/indikator and value/nilai"}},
    {"agency,unit,indicator,value,evidence,note\nkota-a,,IN.1,\xff,,\n",
     {"t.csv:2:14: error: field is not valid UTF-8 text, expected the file saved as CSV UTF-8"}},
    /* a valid field that is not ASCII after ASCII bytes, and an invalid one */
    {"agency,unit,indicator,value,evidence,note\nkota-a,,IN.1,1\xff,,\n",
     {"t.csv:2:14: error: field is not valid UTF-8 text, expected the file saved as CSV UTF-8"}},
    /* columns count characters: "Dinas \xc3\x91o\xc3\xb1o" is 10 (12 bytes), so the value
     * starts at 7 + 1 + 10 + 1 + 0 + 1 + 4 + 1 = 25 */
    {"agency,agency_name,unit,indicator,value,evidence,note\n"
     "kota-a,Dinas \xc3\x91o\xc3\xb1o,,IN.1,x,,\n",
     {"t.csv:2:25: error: expected a value 0-3 for 'IN.1', got 'x'"}},
    {"agency,unit,indicator,value,evidence,note\n,,IN.1,2,,\n",
     {"t.csv:2:1: error: missing agency id in this row, expected the id of the agency the row "
      "is for"}},
    {"agency,unit,indicator,value,evidence,note\nkota-a,,,2,,\n",
     {"t.csv:2:9: error: missing indicator id in this row, expected the indicator the answer "
      "is for"}},
    {"agency,unit,indicator,value,evidence,note\nkota-a,dinkes//a,IN.1,2,,\n",
     {"t.csv:2:8: error: unit path 'dinkes//a' has an empty part, expected unit ids separated "
      "by '/'"}},
    {"agency,unit,indicator,value,evidence,note\nkota-a,,XX.9,2,,\n",
     {"t.csv:2:9: error: unknown indicator 'XX.9', expected an indicator id of rubric 'uji'"}},
    {"agency,unit,indicator,value,evidence,note\nkota-a,,PG.1,banyak,,\n",
     {"t.csv:2:14: error: expected a value 0-100 for 'PG.1', got 'banyak'"}},
    {"agency,unit,indicator,value,evidence,note\nkota-a,,IN.1,5,,\n",
     {"t.csv:2:14: error: expected one of 0, 1, 2, 3 for 'IN.1', got '5'"}},
    {"agency;unit;indicator;value;evidence;note\nkota-a;;PG.2;\"lapor; faks\";;\n",
     {"t.csv:2:14: error: unknown checklist item 'faks' for 'PG.2', expected one of: lapor, "
      "email, whatsapp"}},
    {"agency,unit,indicator,value,evidence,note,group\nkota-a,,IN.1,1,,,desa\n",
     {"t.csv:2:18: error: unknown group 'desa' for agency 'kota-a', expected one of: kota, "
      "kabupaten"}},
    {"agency,unit,indicator,value,evidence,note\nkota-a,dinkes,IN.1,1,,\n"
     "kota-a,dinkes,IN.1,2,,\n",
     {"t.csv:3:15: error: duplicate answer for 'IN.1' in 'kota-a/dinkes', first given at "
      "t.csv:2"}},
    /* rows that repeat an agency's and a unit's cells reuse what the row before read, but
     * only when reading it said nothing: each conflict and each bad path is still reported */
    {"agency,unit,indicator,value,evidence,note,agency_name,group\n"
     "kota-a,dinkes,IN.1,1,,,Kota A,kota\n"
     "kota-a,dinkes,IN.2,0,,,Kota B,kota\n"
     "kota-a,dinkes,PG.2,1,,,Kota B,kota\n"
     "kota-a,a//b,IN.1,1,,,Kota A,kota\n"
     "kota-a,a//b,IN.2,0,,,Kota A,kota\n",
     {"t.csv:3:24: error: conflicting name 'Kota B' for agency 'kota-a', first given as 'Kota A' "
      "at t.csv:2:24",
      "t.csv:4:24: error: conflicting name 'Kota B' for agency 'kota-a', first given as 'Kota A' "
      "at t.csv:2:24",
      "t.csv:5:8: error: unit path 'a//b' has an empty part, expected unit ids separated by '/'",
      "t.csv:6:8: error: unit path 'a//b' has an empty part, expected unit ids separated by "
      "'/'"}},
};

static void test_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        patuh_batch *batch;
        patuh_diags d;
        print_message("case %zu\n", i);
        assert_int_equal(read_csv(bad_cases[i].text, &batch, &d), PATUH_EINVALID);
        const char *want[5] = {0};
        for (size_t k = 0; k < 4; k++)
            want[k] = bad_cases[i].want[k];
        expect_diags(&d, want);
        patuh_diags_release(&d);
        patuh_batch_free(batch);
    }
}

/* A field longer than max_string is reported at its start; the row is skipped. */
static void test_long_field(void **state)
{
    (void)state;
    patuh_limits lim;
    patuh_limits_default(&lim);
    lim.max_string = 10; /* "indicator", the longest header, is 9 */
    patuh_batch *batch = patuh_batch_new(rubric, &lim);
    patuh_diags d;
    patuh_diags_init(&d);
    const char *text = "agency,unit,indicator,value,evidence,note\nkota-a,,IN.1,1,12345678901,\n";
    assert_int_equal(patuh_batch_add_buffer(batch, "t.csv", text, strlen(text), &d),
                     PATUH_EINVALID);
    expect_diags(&d, (const char *const[]){
                         "t.csv:2:16: error: field is longer than the limit of 10 bytes", NULL});
    assert_int_equal(batch->n_answers, 0);
    patuh_diags_release(&d);
    patuh_batch_free(batch);
}

/* ---- the file-size limit ------------------------------------------------------------------ */

static void test_file_size_limit(void **state)
{
    (void)state;
    char dir[] = "/tmp/patuh-test-csv-XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/big.csv", dir);
    const char *text = "agency,unit,indicator,value,evidence,note\nkota-a,,IN.1,1,,\n";
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
    patuh_limits lim;
    patuh_limits_default(&lim);
    lim.max_file_bytes = 16;
    patuh_batch *batch = patuh_batch_new(rubric, &lim);
    patuh_diags d;
    patuh_diags_init(&d);
    assert_int_equal(patuh_batch_add_path(batch, path, &d), PATUH_EINVALID);
    char want[256];
    snprintf(want, sizeof want, "%s: error: file is larger than the limit of 16 bytes", path);
    expect_diags(&d, (const char *const[]){want, NULL});
    assert_int_equal(batch->n_agencies, 0);
    /* the same from memory */
    assert_int_equal(patuh_batch_add_buffer(batch, "m.csv", text, strlen(text), &d),
                     PATUH_EINVALID);
    assert_int_equal(d.count, 2);
    char buf[256];
    patuh_diag_format(&d.items[1], buf, sizeof buf);
    assert_string_equal(buf, "m.csv: error: file is larger than the limit of 16 bytes");
    /* and file_read_all itself: nothing returned */
    char *data = (char *)path;
    size_t len = 99;
    assert_int_equal(file_read_all(path, 16, &data, &len, &d), PATUH_EINVALID);
    assert_null(data);
    assert_int_equal(len, 0);
    assert_int_equal(d.errors, 3);
    unlink(path);
    rmdir(dir);
    patuh_diags_release(&d);
    patuh_batch_free(batch);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bom_crlf_semicolon), cmocka_unit_test(test_comma),
        cmocka_unit_test(test_quoted_fields),      cmocka_unit_test(test_indonesian_reordered),
        cmocka_unit_test(test_checklist),          cmocka_unit_test(test_na_and_empty),
        cmocka_unit_test(test_rubric_column),      cmocka_unit_test(test_errors),
        cmocka_unit_test(test_long_field),         cmocka_unit_test(test_file_size_limit),
    };
    return cmocka_run_group_tests(tests, load_rubric, free_rubric);
}
