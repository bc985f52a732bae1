/* test_answers.c — the YAML answers loader, the model fed plain records, and the batch: one
 * agency with nested units, a list of agencies, merging across inputs, directory order, and
 * every input error with its exact message, line and column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/input.h"
#include "uji_rubric.h"

static int load_rubric(void **state)
{
    (void)state;
    patuh_limits lim;
    patuh_limits_default(&lim);
    patuh_diags d;
    patuh_diags_init(&d);
    patuh_status st =
        patuh_rubric_load_buffer("uji.yaml", rubric_text, strlen(rubric_text), &lim, &rubric, &d);
    for (size_t i = 0; i < d.count; i++) {
        char buf[512];
        patuh_diag_format(&d.items[i], buf, sizeof buf);
        fprintf(stderr, "%s\n", buf);
    }
    patuh_diags_release(&d);
    return st == PATUH_OK ? 0 : -1;
}

static int free_rubric(void **state)
{
    (void)state;
    patuh_rubric_free(rubric);
    return 0;
}

static patuh_status add(patuh_batch *batch, const char *name, const char *text, patuh_diags *d)
{
    return patuh_batch_add_buffer(batch, name, text, strlen(text), d);
}

/* Asserts diagnostic i formatted as FILE:LINE:COL: SEVERITY: MESSAGE. */
static void assert_diag(const patuh_diags *d, size_t i, const char *expected)
{
    char buf[512];
    assert_true(i < d->count);
    patuh_diag_format(&d->items[i], buf, sizeof buf);
    assert_string_equal(buf, expected);
}

static void dump(const patuh_diags *d)
{
    for (size_t i = 0; i < d->count; i++) {
        char buf[512];
        patuh_diag_format(&d->items[i], buf, sizeof buf);
        fprintf(stderr, "  got: %s\n", buf);
    }
}

/* ---- good input --------------------------------------------------------------------- */

static void one_agency_with_nested_units(void **state)
{
    (void)state;
    static const char text[] =
        "patuh: 1\n"
        "rubric: uji\n"
        "agency: {id: kota-a, name: Kota A, group: kabupaten, region: Jawa, period: 2024}\n"
        "assessor: Tim Penilai\n"
        "answers:\n"
        "  IN.1: {value: na, note: tidak ada ruang tunggu}\n"
        "  PG.1: 87.5\n"
        "  PG.2: [lapor, whatsapp]\n"
        "units:\n"
        "  - id: dinkes\n"
        "    name: Dinas Kesehatan\n"
        "    weight: 2\n"
        "    answers: {IN.2: {value: 3, evidence: foto.jpg}, IN.1: ~}\n"
        "    units:\n"
        "      - {id: puskesmas-1, answers: {IN.1: 1, PG.2: 2}}\n"
        "  - {id: disdukcapil, name: Disdukcapil, answers: {IN.2: 0}}\n";
    patuh_diags d;
    patuh_diags_init(&d);
    patuh_batch *b = patuh_batch_new(rubric, NULL);
    assert_non_null(b);
    assert_int_equal(add(b, "kota-a.yaml", text, &d), PATUH_OK);
    dump(&d);
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.warnings, 0);

    assert_int_equal(b->n_inputs, 1);
    assert_string_equal(b->inputs[0].path, "kota-a.yaml");
    unsigned char sha[32];
    sha256_bytes(text, strlen(text), sha);
    assert_memory_equal(b->inputs[0].sha256, sha, 32);

    assert_int_equal(b->n_agencies, 1);
    const patuh_agency *a = b->agencies[0];
    assert_string_equal(a->id, "kota-a");
    assert_string_equal(a->name, "Kota A");
    assert_int_equal(a->group, 1); /* kabupaten is groups[1] */
    assert_string_equal(a->region, "Jawa");
    assert_string_equal(a->period, "2024");
    assert_string_equal(a->file, "kota-a.yaml");
    assert_int_equal(a->line, 3);
    assert_int_equal(a->col, 9);
    assert_string_equal(a->root.path, "");

    /* three units below the agency: dinkes, dinkes/puskesmas-1, disdukcapil */
    assert_int_equal(b->n_units, 3);
    /* 3 at the agency, 1 in dinkes (IN.1: ~ is missing), 2 in puskesmas-1, 1 in disdukcapil */
    assert_int_equal(b->n_answers, 7);

    const patuh_unit *root = &a->root;
    assert_int_equal(answer(root, "IN.1").state, ANSWER_NA);
    assert_int_equal(slot(root, "IN.1")->at, 6); /* line 6 of the first input (base 0) */
    assert_int_equal(answer(root, "IN.2").state, ANSWER_MISSING);
    assert_int_equal(answer(root, "PG.1").state, ANSWER_VALUE);
    assert_float_equal(answer(root, "PG.1").value, 87.5, 0);
    assert_float_equal(answer(root, "PG.2").value, 2, 0); /* two items checked */

    assert_int_equal(root->n_units, 2);
    const patuh_unit *dinkes = root->units[0];
    assert_string_equal(dinkes->id, "dinkes");
    assert_string_equal(dinkes->name, "Dinas Kesehatan");
    assert_string_equal(dinkes->path, "dinkes");
    assert_float_equal(dinkes->weight, 2, 0);
    assert_ptr_equal(dinkes->parent, root);
    assert_int_equal(answer(dinkes, "IN.2").state, ANSWER_VALUE);
    assert_float_equal(answer(dinkes, "IN.2").value, 3, 0);
    assert_int_equal(answer(dinkes, "IN.2").evidence, 1);
    assert_int_equal(answer(dinkes, "IN.1").state, ANSWER_MISSING);

    assert_int_equal(dinkes->n_units, 1);
    const patuh_unit *pkm = dinkes->units[0];
    assert_string_equal(pkm->path, "dinkes/puskesmas-1");
    assert_null(pkm->name);
    assert_float_equal(pkm->weight, 1, 0);
    assert_ptr_equal(pkm->parent, dinkes);
    assert_float_equal(answer(pkm, "PG.2").value, 2, 0); /* a count */
    assert_int_equal(slot(pkm, "PG.2")->at, 15);

    assert_string_equal(root->units[1]->path, "disdukcapil");
    /* IN.2: 0 scores 0, so no evidence is wanted */
    assert_int_equal(answer(root->units[1], "IN.2").evidence, 0);
    patuh_batch_free(b);
    patuh_diags_release(&d);
}

static void agencies_list_in_one_file(void **state)
{
    (void)state;
    static const char text[] =
        "patuh: 1\n"
        "rubric: uji\n"
        "agencies:\n"
        "  - agency: {id: kota-b, name: Kota B, group: kota}\n"
        "    answers: {IN.1: 2, IN.2: {value: 1, evidence: [a.jpg, b.pdf]}}\n"
        "  - agency: {id: kab-c, name: Kabupaten C, group: kabupaten}\n"
        "    assessor: Tim 2\n"
        "    units: [{id: dpmptsp, answers: {IN.1: 0}}]\n";
    patuh_diags d;
    patuh_diags_init(&d);
    patuh_batch *b = patuh_batch_new(rubric, NULL);
    assert_int_equal(add(b, "banyak.yaml", text, &d), PATUH_OK);
    dump(&d);
    assert_int_equal(d.count, 0);
    assert_int_equal(b->n_agencies, 2);
    assert_string_equal(b->agencies[0]->id, "kota-b");
    assert_int_equal(b->agencies[0]->group, 0);
    assert_string_equal(b->agencies[1]->id, "kab-c");
    assert_int_equal(b->agencies[1]->group, 1);
    assert_int_equal(b->n_units, 1);
    assert_int_equal(b->n_answers, 3);
    assert_float_equal(answer(&b->agencies[0]->root, "IN.1").value, 2, 0);
    assert_int_equal(answer(&b->agencies[0]->root, "IN.2").evidence, 1);
    assert_null(b->agencies[1]->root.answers);
    assert_float_equal(answer(b->agencies[1]->root.units[0], "IN.1").value, 0, 0);
    patuh_batch_free(b);
    patuh_diags_release(&d);
}

/* Values come back exactly as strtod reads them, whether the slot keeps them (k / 10^d with
 * d <= 3: 0, 3, 87.5, 2.13, 0.001, 100) or the agency's numbers do (12.3456, 99.99999,
 * 1e-7): one agency per value, answering PG.1 (number scale 0-100). */
static void values_come_back_exactly(void **state)
{
    (void)state;
    static const char *const values[] = {"0",   "3",       "87.5",     "2.13", "0.001",
                                         "100", "12.3456", "99.99999", "1e-7"};
    const size_t n = sizeof values / sizeof values[0];
    patuh_diags d;
    patuh_diags_init(&d);
    patuh_batch *b = patuh_batch_new(rubric, NULL);
    assert_non_null(b);
    char text[256], name[32];
    for (size_t i = 0; i < n; i++) {
        snprintf(text, sizeof text,
                 "patuh: 1\nrubric: uji\nagency: {id: a%zu, group: kota}\n"
                 "answers: {PG.1: %s}\n",
                 i, values[i]);
        snprintf(name, sizeof name, "a%zu.yaml", i);
        assert_int_equal(add(b, name, text, &d), PATUH_OK);
    }
    dump(&d);
    assert_int_equal(d.errors, 0);
    for (size_t i = 0; i < n; i++) {
        const patuh_agency *a = b->agencies[i];
        answer_value v = answer(&a->root, "PG.1");
        assert_int_equal(v.state, ANSWER_VALUE);
        assert_true(v.value == strtod(values[i], NULL));
        assert_int_equal(slot(&a->root, "PG.1")->in_slot, i < 6);
    }
    patuh_batch_free(b);
    patuh_diags_release(&d);
}

/* The same agency over two inputs: fields fill in, units merge by path, answers add up. */
static void merges_two_buffers(void **state)
{
    (void)state;
    static const char first[] = "patuh: 1\n"
                                "rubric: uji\n"
                                "agency: {id: kota-a, name: Kota A}\n"
                                "answers: {IN.1: 1}\n"
                                "units: [{id: dinkes, name: Dinkes, answers: {IN.1: 2}}]\n";
    static const char second[] = "patuh: 1\n"
                                 "rubric: uji\n"
                                 "agency: {id: kota-a, name: Kota A, group: kota}\n"
                                 "answers: {IN.2: 3}\n"
                                 "units:\n"
                                 "  - {id: dinkes, weight: 3, answers: {IN.2: 1}}\n"
                                 "  - {id: bapenda, answers: {IN.2: 2}}\n";
    patuh_diags d;
    patuh_diags_init(&d);
    patuh_batch *b = patuh_batch_new(rubric, NULL);
    assert_int_equal(add(b, "satu.yaml", first, &d), PATUH_OK);
    assert_int_equal(add(b, "dua.yaml", second, &d), PATUH_OK);
    /* IN.2: 3, 1 and 2 score above 0 without evidence: three warnings, nothing else */
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.warnings, 3);
    assert_diag(&d, 0, "dua.yaml:4:17: warning: 'IN.2' has no evidence");
    assert_diag(&d, 1, "dua.yaml:6:45: warning: 'IN.2' has no evidence");
    assert_diag(&d, 2, "dua.yaml:7:35: warning: 'IN.2' has no evidence");
    assert_int_equal(b->n_inputs, 2);
    assert_string_equal(b->inputs[1].path, "dua.yaml");
    assert_int_equal(b->n_agencies, 1);
    const patuh_agency *a = b->agencies[0];
    assert_string_equal(a->file, "satu.yaml");
    assert_int_equal(a->group, 0); /* filled in by the second file */
    assert_int_equal(b->n_units, 2);
    assert_int_equal(b->n_answers, 5);
    assert_int_equal(a->root.n_units, 2);
    const patuh_unit *dinkes = a->root.units[0];
    assert_string_equal(dinkes->name, "Dinkes");
    assert_float_equal(dinkes->weight, 3, 0);
    /* given in the first and in the second file: lines of dua.yaml follow satu.yaml's */
    assert_true(slot(dinkes, "IN.1")->at <= b->inputs[1].line_base);
    assert_true(slot(dinkes, "IN.2")->at > b->inputs[1].line_base);
    assert_float_equal(answer(&a->root, "IN.2").value, 3, 0);
    assert_string_equal(a->root.units[1]->path, "bapenda");
    patuh_batch_free(b);
    patuh_diags_release(&d);
}

/* Answers and units may come before `agency:`; the agency still gets them. */
static void answers_before_agency(void **state)
{
    (void)state;
    static const char text[] = "answers: {IN.1: 3}\n"
                               "units: [{id: u1, answers: {IN.1: 2}}]\n"
                               "agency: {id: kota-z}\n"
                               "rubric: uji\n"
                               "patuh: 1\n";
    patuh_diags d;
    patuh_diags_init(&d);
    patuh_batch *b = patuh_batch_new(rubric, NULL);
    assert_int_equal(add(b, "z.yaml", text, &d), PATUH_OK);
    assert_int_equal(d.count, 0);
    assert_int_equal(b->n_agencies, 1);
    assert_int_equal(b->n_answers, 2);
    assert_float_equal(answer(&b->agencies[0]->root, "IN.1").value, 3, 0);
    assert_float_equal(answer(b->agencies[0]->root.units[0], "IN.1").value, 2, 0);
    patuh_batch_free(b);
    patuh_diags_release(&d);
}

/* ---- bad input: one case, the exact diagnostics ------------------------------------- */

#define HEAD "patuh: 1\nrubric: uji\nagency: {id: kota-a, name: Kota A, group: kota}\n"

struct bad_case {
    const char *text;
    const char *diags[3]; /* every diagnostic, formatted, in order */
};

static const struct bad_case bad_cases[] = {
    {HEAD "answers:\n  IN.1: 5\n",
     {"t.yaml:5:9: error: expected one of 0, 1, 2, 3 for 'IN.1', got '5'"}},
    {HEAD "answers:\n  IN.1: 1.5\n",
     {"t.yaml:5:9: error: expected one of 0, 1, 2, 3 for 'IN.1', got '1.5'"}},
    {HEAD "answers:\n  IN.2: tiga\n",
     {"t.yaml:5:9: error: expected a value 0-3 for 'IN.2', got 'tiga'"}},
    {HEAD "answers:\n  IN.2: \"3\"\n",
     {"t.yaml:5:9: error: expected one of 0, 1, 2, 3 for 'IN.2', got the text \"3\" (write "
      "numbers without quotes)"}},
    {HEAD "answers:\n  IN.1: [1, 2]\n",
     {"t.yaml:5:9: error: expected one of 0, 1, 2, 3 for 'IN.1', got a list"}},
    {HEAD "answers:\n  XX.9: 1\n",
     {"t.yaml:5:3: error: unknown indicator 'XX.9', expected an indicator id of rubric 'uji'"}},
    {HEAD "answers:\n  IN: 1\n",
     {"t.yaml:5:3: error: 'IN' is a section, expected an indicator id of rubric 'uji'"}},
    {HEAD "answers:\n  PG.1: 150\n",
     {"t.yaml:5:9: error: expected a value 0-100 for 'PG.1', got '150'"}},
    {HEAD "answers:\n  PG.1: banyak\n",
     {"t.yaml:5:9: error: expected a value 0-100 for 'PG.1', got 'banyak'"}},
    {HEAD "answers:\n  PG.2: [lapor, fax]\n",
     {"t.yaml:5:17: error: unknown checklist item 'fax' for 'PG.2', expected one of: lapor, "
      "email, whatsapp"}},
    {HEAD "answers:\n  PG.2: [lapor, lapor]\n",
     {"t.yaml:5:17: error: duplicate checklist item 'lapor' for 'PG.2'"}},
    {HEAD "answers:\n  PG.2: 1.5\n",
     {"t.yaml:5:9: error: expected a count 0-3 or a list of items for 'PG.2', got '1.5'"}},
    {HEAD "answers:\n  PG.2: 4\n",
     {"t.yaml:5:9: error: expected a count 0-3 or a list of items for 'PG.2', got '4'"}},
    {HEAD "answers:\n  IN.2: na\n", {"t.yaml:5:9: error: 'IN.2' does not allow na"}},
    {HEAD "answers:\n  IN.1: {value: N/A, note: ~}\n",
     {"t.yaml:5:9: warning: na for 'IN.1' has no note saying why"}},
    {HEAD "answers:\n  IN.2: {value: 2, evidence: \"\"}\n",
     {"t.yaml:5:9: warning: 'IN.2' has no evidence"}},
    {HEAD "answers:\n  IN.1: {value: 1, bukti: x}\n",
     {"t.yaml:5:20: error: unknown key 'bukti' in the answer for 'IN.1', expected one of: "
      "value, evidence, note"}},
    {HEAD "answers: [1, 2]\n",
     {"t.yaml:4:10: error: expected a map of indicator ids to answers for 'answers', got a "
      "list"}},
    {"patuh: 2\nrubric: uji\nagency: {id: a}\n",
     {"t.yaml:1:8: error: unsupported format 'patuh: 2', expected 'patuh: 1'"}},
    /* answers for another rubric are not checked against this one */
    {"patuh: 1\nrubric: ombudsman-2023\nagency: {id: a}\nanswers: {IN.1: 9}\n",
     {"t.yaml:2:9: error: answers are for rubric 'ombudsman-2023', expected 'uji'"}},
    {HEAD "extra: 1\n",
     {"t.yaml:4:1: error: unknown key 'extra' at the top of the file, expected one of: patuh, "
      "rubric, agency, assessor, answers, units, agencies, proposed_by, responses"}},
    {HEAD "agencies: []\n",
     {"t.yaml:4:1: error: 'agencies' cannot be used beside 'agency', expected either 'agency' "
      "with its answers or a list under 'agencies'"}},
    {"patuh: 1\nrubric: uji\nagencies: []\nanswers: {IN.1: 1}\n",
     {"t.yaml:4:1: error: 'answers' cannot be used beside 'agencies', expected either 'agency' "
      "with its answers or a list under 'agencies'"}},
    {"", {"t.yaml: error: empty file, expected patuh answers"}},
    {"# nothing but a comment\n", {"t.yaml: error: empty file, expected patuh answers"}},
    {"- a\n", {"t.yaml:1:1: error: expected a map of keys at the top of the file, got a list"}},
    {"rubric: uji\nagency: {id: a}\n",
     {"t.yaml: error: missing key 'patuh', expected 'patuh: 1' at the top of the file"}},
    {"patuh: 1\nagency: {id: a}\n",
     {"t.yaml: error: missing key 'rubric', expected 'rubric: uji' at the top of the file"}},
    {"patuh: 1\nrubric: uji\n",
     {"t.yaml: error: no agency in the file, expected 'agency' or 'agencies'"}},
    /* answers without an agency are still checked */
    {"patuh: 1\nrubric: uji\nanswers: {IN.1: 9}\n",
     {"t.yaml:1:1: error: missing key 'agency', expected the agency these answers are for",
      "t.yaml:3:17: error: expected one of 0, 1, 2, 3 for 'IN.1', got '9'"}},
    {"patuh: 1\nrubric: uji\nagency: {id: desa-a, group: desa}\n",
     {"t.yaml:3:29: error: unknown group 'desa' for agency 'desa-a', expected one of: kota, "
      "kabupaten"}},
    {"patuh: 1\nrubric: uji\nagency: {name: X}\nanswers: {IN.1: 7}\n",
     {"t.yaml:3:9: error: missing key 'id' in 'agency'",
      "t.yaml:4:17: error: expected one of 0, 1, 2, 3 for 'IN.1', got '7'"}},
    {"patuh: 1\nrubric: uji\nagency: {id: a, kota: x}\n",
     {"t.yaml:3:17: error: unknown key 'kota' in 'agency', expected one of: id, name, group, "
      "region, period"}},
    {HEAD "units:\n  - {id: a/b}\n",
     {"t.yaml:5:10: error: unit id 'a/b' contains '/', expected an id without '/' (nest units "
      "with 'units')"}},
    {HEAD "units:\n  - {id: dinkes, weight: 0}\n",
     {"t.yaml:5:26: error: expected a weight > 0 for unit 'kota-a/dinkes', got '0'"}},
    {HEAD "units:\n  - {name: X}\n", {"t.yaml:5:5: error: missing key 'id' in a unit"}},
    {HEAD "units: {id: x}\n",
     {"t.yaml:4:8: error: expected a list of units for 'units', got a map"}},
    {HEAD "units:\n  - {id: d, name: A}\n  - {id: d, name: B}\n",
     {"t.yaml:6:19: error: conflicting name 'B' for unit 'kota-a/d', first given as 'A' at "
      "t.yaml:5:19"}},
    {HEAD "units:\n  - {id: d, weight: 2}\n  - {id: d, weight: 3}\n",
     {"t.yaml:6:21: error: conflicting weight '3' for unit 'kota-a/d', first given as '2' at "
      "t.yaml:5:21"}},
    {"patuh: 1\nrubric: uji\nagencies:\n  - answers: {IN.1: 1}\n",
     {"t.yaml:4:5: error: missing key 'agency' in an item of 'agencies'"}},
    {"patuh: 1\nrubric: uji\nagencies: {id: x}\n",
     {"t.yaml:3:11: error: expected a list of agencies for 'agencies', got a map"}},
    {"patuh: 1\nrubric: uji\nagencies:\n  - {agency: {id: a}, answers: {IN.1: 1}}\n"
     "  - {agency: {id: a, name: B}, answers: {IN.1: 2}}\n",
     {"t.yaml:5:42: error: duplicate answer for 'IN.1' in 'a', first given at t.yaml:4"}},
    {HEAD "answers:\n  IN.1: {value: na, note: \"\"}\n",
     {"t.yaml:5:9: warning: na for 'IN.1' has no note saying why"}},
    /* quoted empty and null are missing answers, not errors */
    {HEAD "answers: {IN.2: \"\", PG.1: ~, PG.2: {note: nanti}}\n", {NULL}},
    {"patuh: 1\nrubric: lain\nagencies:\n  - {agency: {id: a}, answers: {IN.1: 9}}\n",
     {"t.yaml:2:9: error: answers are for rubric 'lain', expected 'uji'"}},
    {HEAD "---\npatuh: 1\n", {"t.yaml:4:1: error: expected one YAML document, found a second one"}},
    /* reading goes on past each problem: every one is listed */
    {HEAD "answers:\n  IN.1: 5\n  IN.2: x\nunits:\n  - {id: u, answers: {PG.1: -1}}\n",
     {"t.yaml:5:9: error: expected one of 0, 1, 2, 3 for 'IN.1', got '5'",
      "t.yaml:6:9: error: expected a value 0-3 for 'IN.2', got 'x'",
      "t.yaml:8:29: error: expected a value 0-100 for 'PG.1', got '-1'"}},
};

static void bad_input_is_reported(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const struct bad_case *bc = &bad_cases[i];
        size_t n = 0, errors = 0;
        while (n < 3 && bc->diags[n]) {
            errors += strstr(bc->diags[n], ": error: ") != NULL;
            n++;
        }
        patuh_diags d;
        patuh_diags_init(&d);
        patuh_batch *b = patuh_batch_new(rubric, NULL);
        patuh_status st = add(b, "t.yaml", bc->text, &d);
        if (d.count != n)
            fprintf(stderr, "case %zu:\n%s\n", i, bc->text), dump(&d);
        assert_int_equal(st, errors ? PATUH_EINVALID : PATUH_OK);
        assert_int_equal(d.count, n);
        assert_int_equal(d.errors, errors);
        for (size_t k = 0; k < n; k++)
            assert_diag(&d, k, bc->diags[k]);
        patuh_batch_free(b);
        patuh_diags_release(&d);
    }
}

/* With --strict a missing note is an error. */
static void strict_turns_warnings_into_errors(void **state)
{
    (void)state;
    patuh_diags d;
    patuh_diags_init(&d);
    d.strict = true;
    patuh_batch *b = patuh_batch_new(rubric, NULL);
    assert_int_equal(add(b, "t.yaml", HEAD "answers: {IN.1: na}\n", &d), PATUH_EINVALID);
    assert_int_equal(d.errors, 1);
    assert_diag(&d, 0, "t.yaml:4:17: error: na for 'IN.1' has no note saying why");
    patuh_batch_free(b);
    patuh_diags_release(&d);
}

static void conflicts_across_files(void **state)
{
    (void)state;
    patuh_diags d;
    patuh_diags_init(&d);
    patuh_batch *b = patuh_batch_new(rubric, NULL);
    assert_int_equal(add(b, "a.yaml", HEAD "answers: {IN.1: 1}\n", &d), PATUH_OK);
    assert_int_equal(add(b, "b.yaml",
                         "patuh: 1\nrubric: uji\n"
                         "agency: {id: kota-a, name: Kota Lain, group: kabupaten}\n"
                         "answers:\n  IN.1: 2\n",
                         &d),
                     PATUH_EINVALID);
    assert_int_equal(d.count, 3);
    assert_diag(&d, 0,
                "b.yaml:3:28: error: conflicting name 'Kota Lain' for agency 'kota-a', first "
                "given as 'Kota A' at a.yaml:3:28");
    assert_diag(&d, 1,
                "b.yaml:3:46: error: conflicting group 'kabupaten' for agency 'kota-a', first "
                "given as 'kota' at a.yaml:3:43");
    assert_diag(&d, 2,
                "b.yaml:5:3: error: duplicate answer for 'IN.1' in 'kota-a', first given at "
                "a.yaml:4");
    /* the first answer stands */
    assert_float_equal(answer(&b->agencies[0]->root, "IN.1").value, 1, 0);
    assert_int_equal(b->n_answers, 1);
    patuh_batch_free(b);
    patuh_diags_release(&d);
}

static void limits_are_located_errors(void **state)
{
    (void)state;
    patuh_limits lim;
    patuh_limits_default(&lim);
    lim.max_unit_depth = 1;
    lim.max_units = 2;
    lim.max_agencies = 1;
    patuh_diags d;
    patuh_diags_init(&d);
    patuh_batch *b = patuh_batch_new(rubric, &lim);
    assert_int_equal(add(b, "t.yaml",
                         "patuh: 1\nrubric: uji\nagencies:\n"
                         "  - agency: {id: a}\n"
                         "    units:\n"
                         "      - id: u1\n"
                         "        units: [{id: p1}]\n"
                         "      - {id: u2}\n"
                         "      - {id: u3}\n"
                         "  - agency: {id: b}\n",
                         &d),
                     PATUH_EINVALID);
    assert_int_equal(d.count, 3);
    assert_diag(&d, 0, "t.yaml:7:17: error: units nest deeper than the limit of 1 levels");
    assert_diag(&d, 1, "t.yaml:9:9: error: more units than the limit of 2");
    assert_diag(&d, 2, "t.yaml:10:13: error: more agencies than the limit of 1");
    assert_int_equal(b->n_agencies, 1);
    assert_int_equal(b->n_units, 2);
    patuh_batch_free(b);
    patuh_diags_release(&d);
}

/* ---- files and directories ---------------------------------------------------------- */

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void directory_is_read_in_sorted_order(void **state)
{
    (void)state;
    char dir[] = "/tmp/patuh-answers-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    static const char *const names[] = {"z.yaml", "sub/b.YML",    "a.yml", "sub/a.yaml",
                                        "m.txt",  ".hidden.yaml", "b.yaml"};
    snprintf(path, sizeof path, "%s/sub", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char text[128];
        snprintf(text, sizeof text, "patuh: 1\nrubric: uji\nagency: {id: ag-%zu}\n", i);
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        write_file(path, text);
    }
    patuh_diags d;
    patuh_diags_init(&d);
    patuh_batch *b = patuh_batch_new(rubric, NULL);
    assert_int_equal(patuh_batch_add_path(b, dir, &d), PATUH_OK);
    dump(&d);
    /* the hidden answer file is left out with a note, neither a warning nor an error
     * (doc/formats.md §3.1) */
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].severity, PATUH_SEV_NOTE);
    assert_string_equal(d.items[0].message, "skipped: a hidden file");
    assert_int_equal(d.warnings + d.errors, 0);
    assert_int_equal(d.notes, 1);
    /* strcmp order of the full paths; m.txt and the hidden file are left out */
    static const char *const sorted[] = {"a.yml", "b.yaml", "sub/a.yaml", "sub/b.YML", "z.yaml"};
    assert_int_equal(b->n_inputs, 5);
    for (size_t i = 0; i < 5; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, sorted[i]);
        assert_string_equal(b->inputs[i].path, path);
    }
    assert_string_equal(b->agencies[0]->id, "ag-2"); /* a.yml was written third */
    assert_string_equal(b->agencies[0]->file, b->inputs[0].path);

    /* a file with another extension, named explicitly, is read as YAML */
    snprintf(path, sizeof path, "%s/m.txt", dir);
    assert_int_equal(patuh_batch_add_path(b, path, &d), PATUH_OK);
    assert_int_equal(b->n_inputs, 6);
    assert_int_equal(b->n_agencies, 6);

    /* a CSV file in the directory is read as CSV: its header is checked */
    snprintf(path, sizeof path, "%s/x.csv", dir);
    write_file(path, "agency,unit,value\n");
    assert_int_equal(patuh_batch_add_path(b, path, &d), PATUH_EINVALID);
    char expected[512];
    snprintf(expected, sizeof expected,
             "%s:1:1: error: missing column 'indicator', expected the columns agency/instansi, "
             "indicator/indikator and value/nilai",
             path);
    assert_diag(&d, 1, expected); /* after the note */
    assert_int_equal(b->n_inputs, 7);

    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/x.csv", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/sub", dir);
    rmdir(path);

    /* an empty directory has no answers */
    patuh_diags_release(&d);
    patuh_diags_init(&d);
    assert_int_equal(patuh_batch_add_path(b, dir, &d), PATUH_EINVALID);
    snprintf(expected, sizeof expected,
             "%s: error: no answer files in '%s', expected *.yaml, *.yml, *.csv or *.xlsx files",
             dir, dir);
    assert_diag(&d, 0, expected);
    rmdir(dir);
    patuh_batch_free(b);
    patuh_diags_release(&d);
}

static void missing_file_is_an_io_error(void **state)
{
    (void)state;
    patuh_diags d;
    patuh_diags_init(&d);
    patuh_batch *b = patuh_batch_new(rubric, NULL);
    assert_int_equal(patuh_batch_add_path(b, "/nonexistent/x.yaml", &d), PATUH_EIO);
    assert_int_equal(d.count, 1);
    assert_diag(&d, 0,
                "/nonexistent/x.yaml: error: cannot read '/nonexistent/x.yaml': No such file or "
                "directory");
    assert_int_equal(b->n_inputs, 0);
    patuh_batch_free(b);
    patuh_diags_release(&d);
}

/* "-" reads YAML from standard input, named "-" in messages and inputs */
static void dash_reads_standard_input(void **state)
{
    (void)state;
    char path[] = "/tmp/patuh-stdin-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    write_file(path, "patuh: 1\nrubric: uji\nagency: {id: dari-stdin}\nanswers: {IN.1: 7}\n");
    assert_non_null(freopen(path, "r", stdin));
    patuh_diags d;
    patuh_diags_init(&d);
    patuh_batch *b = patuh_batch_new(rubric, NULL);
    assert_int_equal(patuh_batch_add_path(b, "-", &d), PATUH_EINVALID);
    assert_int_equal(d.count, 1);
    assert_diag(&d, 0, "-:4:17: error: expected one of 0, 1, 2, 3 for 'IN.1', got '7'");
    assert_int_equal(b->n_inputs, 1);
    assert_string_equal(b->inputs[0].path, "-");
    assert_string_equal(b->agencies[0]->id, "dari-stdin");
    unlink(path);
    patuh_batch_free(b);
    patuh_diags_release(&d);
}

/* The model takes plain records from any reader (doc/architecture.md): an agency, a unit and
 * answers handed over without YAML or a table; a value off the scale is refused with the
 * same message a YAML reader gets, and the answers read back. IN.1 on 0-3: 2 is stored, 5
 * refused; PG.2's checklist items lapor and email count 2. */
static void model_takes_plain_records(void **state)
{
    (void)state;
    patuh_batch *batch = patuh_batch_new(rubric, NULL);
    assert_non_null(batch);
    patuh_diags d;
    patuh_diags_init(&d);
    answers_ctx c = {.batch = batch, .diags = &d, .name = "mem"};
    assert_int_equal(answers_input_add(&c, "mem", "", 0), PATUH_OK);
    agency_record ar = {.id = {IN_TEXT, "kab-x", true, 1, 1},
                        .group = {IN_TEXT, "kota", true, 1, 5},
                        .line = 1,
                        .col = 1};
    ans_agency *a = NULL;
    assert_int_equal(agency_resolve(&c, &ar, &a), PATUH_OK);
    assert_non_null(a);
    ans_unit *u = NULL;
    assert_int_equal(unit_find_or_add(&c, a, &a->pub.root, "dinkes", 2, 1, &u), PATUH_OK);
    assert_non_null(u);
    const in_text ind1 = {IN_TEXT, "IN.1", true, 3, 1}, ind2 = {IN_TEXT, "PG.2", true, 5, 1};
    answer_record two = {
        .indicator = ind1, .value = {IN_TEXT, "2", true, 3, 7}, .line = 3, .col = 7};
    assert_int_equal(answer_put(&c, a, &u->pub, answers_indicator(&c, &ind1), &two), PATUH_OK);
    answer_record five = {
        .indicator = ind1, .value = {IN_TEXT, "5", true, 4, 7}, .line = 4, .col = 7};
    assert_int_equal(answer_put(&c, a, &a->pub.root, answers_indicator(&c, &ind1), &five),
                     PATUH_OK);
    const in_text items[] = {{IN_TEXT, "lapor", true, 5, 8}, {IN_TEXT, "email", true, 5, 15}};
    answer_record list = {.indicator = ind2,
                          .value = {IN_LIST, NULL, false, 5, 7},
                          .items = items,
                          .n_items = 2,
                          .line = 5,
                          .col = 7};
    assert_int_equal(answer_put(&c, a, &u->pub, answers_indicator(&c, &ind2), &list), PATUH_OK);
    assert_int_equal(d.count, 1);
    assert_diag(&d, 0, "mem:4:7: error: expected one of 0, 1, 2, 3 for 'IN.1', got '5'");
    assert_true(answer(&u->pub, "IN.1").value == 2);
    assert_true(answer(&u->pub, "PG.2").value == 2);
    assert_int_equal(answer(&a->pub.root, "IN.1").state, ANSWER_INVALID);
    assert_int_equal(batch->n_answers, 2);
    patuh_diags_release(&d);
    patuh_batch_free(batch);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_agency_with_nested_units),
        cmocka_unit_test(agencies_list_in_one_file),
        cmocka_unit_test(values_come_back_exactly),
        cmocka_unit_test(merges_two_buffers),
        cmocka_unit_test(answers_before_agency),
        cmocka_unit_test(bad_input_is_reported),
        cmocka_unit_test(strict_turns_warnings_into_errors),
        cmocka_unit_test(conflicts_across_files),
        cmocka_unit_test(limits_are_located_errors),
        cmocka_unit_test(directory_is_read_in_sorted_order),
        cmocka_unit_test(missing_file_is_an_io_error),
        cmocka_unit_test(dash_reads_standard_input),
        cmocka_unit_test(model_takes_plain_records),
    };
    return cmocka_run_group_tests(tests, load_rubric, free_rubric);
}
