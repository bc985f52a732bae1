/* test_responses.c — `min_responses:` and `responses:` (doc/scoring.md §16) on the
 * hand-worked example of rubrics/README.md ("3. F-02 + F-03"): a unit's index is
 * 0,75 x F-02 + 0,25 x F-03 on 0..5, F-03 counting 0 below 10 responses, and a pemda's index
 * the mean of its three locus units. Every expected number is worked out in the comment above
 * its assertion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calc/calc.h"

#define EPS 1e-9

/* F-02 and F-03 as one number each (0..5), weights 75 / 25, the PEKPPP bands. */
static const char rubric[] =
    "patuh: 1\nid: ipp\ntitle: Uji IPP\nmax: 5\n"
    "zones: {hijau: \"#63BE7B\", kuning: \"#FFEB84\", merah: \"#F8696B\"}\n"
    "bands:\n"
    "  - {id: A, label: Pelayanan Prima, zone: hijau, min: 4.51}\n"
    "  - {id: A-, label: Sangat Baik, zone: hijau, min: 4.01}\n"
    "  - {id: B, label: Baik, zone: kuning, min: 3.51}\n"
    "  - {id: F, label: Gagal, zone: merah, min: 0}\n"
    "sections:\n"
    "  - id: f02\n    title: Penilaian evaluator\n    weight: 75\n"
    "    indicators:\n"
    "      - {id: E.1, text: Nilai F-02, scale: {number: {min: 0, max: 5}}}\n"
    "  - id: f03\n    title: Persepsi pengguna\n    weight: 25\n    min_responses: 10\n"
    "    indicators:\n"
    "      - {id: P.1, text: Rata-rata F-03, scale: {number: {min: 0, max: 5}}}\n";

/* The pemda of the example, rsud's count given as RSUD (text). */
static char *pemda(const char *rsud)
{
    return str_printf("patuh: 1\nrubric: ipp\n"
                      "agency: {id: kab-x, name: Kabupaten X}\n"
                      "units:\n"
                      "  - {id: dinsos, answers: {E.1: 4.80, P.1: 4.40}, responses: {f03: 120}}\n"
                      "  - {id: rsud, answers: {E.1: 4.60, P.1: 4.90}, responses: {f03: %s}}\n"
                      "  - {id: disdukcapil, answers: {E.1: 4.40, P.1: 4.20}, "
                      "responses: {f03: 45}}\n",
                      rsud);
}

typedef struct fx {
    patuh_diags diags;
    patuh_rubric *rubric;
    patuh_batch *batch;
} fx;

static patuh_agency *fx_run(fx *f, const char *answers)
{
    patuh_limits lim;
    patuh_limits_default(&lim);
    memset(f, 0, sizeof *f);
    patuh_diags_init(&f->diags);
    assert_int_equal(
        patuh_rubric_load_buffer("r.yaml", rubric, strlen(rubric), &lim, &f->rubric, &f->diags),
        PATUH_OK);
    f->batch = patuh_batch_new(f->rubric, &lim);
    assert_non_null(f->batch);
    assert_int_equal(
        patuh_batch_add_buffer(f->batch, "a.yaml", answers, strlen(answers), &f->diags), PATUH_OK);
    assert_int_equal(patuh_batch_score(f->batch, &f->diags), PATUH_OK);
    return f->batch->agencies[0];
}

static void fx_free(fx *f)
{
    patuh_batch_free(f->batch);
    patuh_rubric_free(f->rubric);
    patuh_diags_release(&f->diags);
}

static const patuh_unit *unit(const patuh_agency *a, const char *id)
{
    for (size_t i = 0; i < a->root.n_units; i++)
        if (strcmp(a->root.units[i]->id, id) == 0)
            return a->root.units[i];
    fail_msg("no unit '%s'", id);
    return NULL;
}

/*   dinsos      0.75 x 4.80 + 0.25 x 4.40 = 3.60 + 1.10 = 4.70
 *   rsud        8 responses < 10 -> F-03 = 0: 0.75 x 4.60 = 3.45
 *   disdukcapil 0.75 x 4.40 + 0.25 x 4.20 = 3.30 + 1.05 = 4.35
 *   pemda (4.70 + 3.45 + 4.35) / 3 = 12.50 / 3 = 4.166667 -> 4.17, A- (4.01-4.50) */
static void below_minimum_scores_zero(void **state)
{
    (void)state;
    fx f;
    char *answers = pemda("8");
    patuh_agency *a = fx_run(&f, answers);
    const patuh_node *root = f.rubric->root, *f03 = patuh_rubric_find(f.rubric, "f03");
    assert_int_equal(f03->min_responses, 10);
    assert_int_equal(f.rubric->n_counted, 1);
    assert_float_equal(5 * patuh_unit_score(f.rubric, unit(a, "dinsos"), root), 4.70, EPS);
    assert_float_equal(5 * patuh_unit_score(f.rubric, unit(a, "rsud"), root), 3.45, EPS);
    assert_float_equal(patuh_unit_score(f.rubric, unit(a, "rsud"), f03), 0, 0);
    assert_float_equal(5 * patuh_unit_score(f.rubric, unit(a, "disdukcapil"), root), 4.35, EPS);
    assert_float_equal(a->total, 12.50 / 3, EPS);
    assert_float_equal(a->rounded, 4.17, 1e-12);
    assert_string_equal(f.rubric->bands[a->band].id, "A-");
    assert_int_equal(patuh_unit_responses(unit(a, "rsud"), f03), 8);
    assert_int_equal(f.diags.warnings, 0);
    /* gaps: rsud's 2 missing responses are worth 0.25 x 4.90 / 3 = 0.408333 of the pemda */
    patuh_gaps g;
    assert_int_equal(patuh_gaps_compute(f.batch, a, &g, &f.diags), PATUH_OK);
    assert_int_equal(g.n_responses, 1);
    assert_ptr_equal(g.responses[0].unit, unit(a, "rsud"));
    assert_ptr_equal(g.responses[0].section, f03);
    assert_int_equal(g.responses[0].have, 8);
    assert_int_equal(g.responses[0].need, 10);
    assert_float_equal(g.responses[0].gain, 0.25 * 4.90 / 3, EPS);
    assert_float_equal(g.responses[0].gain, 0.408333, 1e-6);
    /* raising rsud's F-03 answer changes nothing while it has too few responses */
    for (size_t i = 0; i < g.count; i++)
        if (g.items[i].unit == unit(a, "rsud") && strcmp(g.items[i].indicator->id, "P.1") == 0)
            assert_float_equal(g.items[i].gain, 0, 0);
    assert_float_equal(a->total, 12.50 / 3, EPS); /* left as scored */
    patuh_gaps_release(&g);
    fx_free(&f);
    free(answers);
}

/* With 10 responses at rsud (= the minimum): 3.45 + 0.25 x 4.90 = 4.675, pemda
 * (4.70 + 4.675 + 4.35) / 3 = 13.725 / 3 = 4.575 -> 4.58, A. */
static void at_minimum_counts(void **state)
{
    (void)state;
    fx f;
    char *answers = pemda("10");
    patuh_agency *a = fx_run(&f, answers);
    assert_float_equal(5 * patuh_unit_score(f.rubric, unit(a, "rsud"), f.rubric->root), 4.675, EPS);
    assert_float_equal(a->total, 13.725 / 3, EPS);
    assert_float_equal(a->rounded, 4.58, 1e-12);
    assert_string_equal(f.rubric->bands[a->band].id, "A");
    fx_free(&f);
    free(answers);
}

/* A missing count is below the minimum, and a warning; the unit's F-03 scores 0. */
static void missing_count_warns(void **state)
{
    (void)state;
    fx f;
    static const char answers[] = "patuh: 1\nrubric: ipp\nagency: {id: kab-x, name: X}\n"
                                  "units:\n  - {id: rsud, answers: {E.1: 4.60, P.1: 4.90}}\n";
    patuh_agency *a = fx_run(&f, answers);
    assert_float_equal(a->total, 0.75 * 4.60, EPS);
    assert_int_equal(f.diags.warnings, 1);
    assert_string_equal(f.diags.items[0].message,
                        "no responses count for section 'f03' in 'kab-x/rsud'");
    fx_free(&f);
}

/* The errors of `responses:`, each at its value. */
static void bad_counts(void **state)
{
    (void)state;
    static const struct {
        const char *responses, *message;
    } cases[] = {
        {"{f02: 3}", "responses for 'f02', expected a section with min_responses: f03"},
        {"{f03: 2.5}", "expected a whole number of responses 0-1000000000 for 'f03', got 2.5"},
        {"{f03: -1}", "expected a whole number of responses 0-1000000000 for 'f03', got -1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        patuh_limits lim;
        patuh_limits_default(&lim);
        patuh_diags d;
        patuh_diags_init(&d);
        patuh_rubric *r = NULL;
        assert_int_equal(patuh_rubric_load_buffer("r.yaml", rubric, strlen(rubric), &lim, &r, &d),
                         PATUH_OK);
        patuh_batch *b = patuh_batch_new(r, &lim);
        char *text = str_printf("patuh: 1\nrubric: ipp\nagency: {id: x, name: X}\n"
                                "answers: {E.1: 4, P.1: 4}\nresponses: %s\n",
                                cases[i].responses);
        assert_int_equal(patuh_batch_add_buffer(b, "a.yaml", text, strlen(text), &d),
                         PATUH_EINVALID);
        assert_int_equal(d.errors, 1);
        assert_string_equal(d.items[0].message, cases[i].message);
        assert_int_equal(d.items[0].line, 5);
        free(text);
        patuh_batch_free(b);
        patuh_rubric_free(r);
        patuh_diags_release(&d);
    }
}

/* A CSV row whose indicator is the section gives the count (doc/formats.md §3.5):
 *   rsud   12 responses: (0.75 x 4 + 0.25 x 4) / 5 = 0.8 -> 4.00
 *   dinsos  3 responses: F-03 = 0: 0.75 x 4 / 5 = 0.6 -> 3.00
 *   pemda (4.00 + 3.00) / 2 = 3.50 */
static void csv_count_rows(void **state)
{
    (void)state;
    static const char csv[] = "agency,unit,indicator,value,agency_name\n"
                              "kab-x,rsud,E.1,4,X\nkab-x,rsud,P.1,4,X\nkab-x,rsud,f03,12,X\n"
                              "kab-x,dinsos,E.1,4,X\nkab-x,dinsos,P.1,4,X\nkab-x,dinsos,f03,3,X\n";
    patuh_limits lim;
    patuh_limits_default(&lim);
    patuh_diags d;
    patuh_diags_init(&d);
    patuh_rubric *r = NULL;
    assert_int_equal(patuh_rubric_load_buffer("r.yaml", rubric, strlen(rubric), &lim, &r, &d),
                     PATUH_OK);
    patuh_batch *b = patuh_batch_new(r, &lim);
    assert_int_equal(patuh_batch_add_buffer(b, "a.csv", csv, strlen(csv), &d), PATUH_OK);
    assert_int_equal(patuh_batch_score(b, &d), PATUH_OK);
    assert_int_equal(d.warnings, 0);
    const patuh_agency *a = b->agencies[0];
    assert_int_equal(patuh_unit_responses(unit(a, "rsud"), patuh_rubric_find(r, "f03")), 12);
    assert_float_equal(5 * patuh_unit_score(r, unit(a, "rsud"), r->root), 4.0, EPS);
    assert_float_equal(5 * patuh_unit_score(r, unit(a, "dinsos"), r->root), 3.0, EPS);
    assert_float_equal(a->total, 3.5, EPS);
    patuh_batch_free(b);
    patuh_rubric_free(r);
    patuh_diags_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(below_minimum_scores_zero),
        cmocka_unit_test(at_minimum_counts),
        cmocka_unit_test(missing_count_warns),
        cmocka_unit_test(bad_counts),
        cmocka_unit_test(csv_count_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
