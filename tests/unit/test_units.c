/* test_units.c — results per unit and per product (doc/scoring.md §13): small rubrics and
 * answers as YAML texts, every expected number worked out by hand in the comment above its
 * assertion. */
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

/* A rubric of two 0-3 indicators of equal weight, bands A >= 80 hijau, B >= 50 kuning,
 * C merah. */
static const char rubric_text[] =
    "patuh: 1\nid: t\ntitle: Uji\nmax: 100\ndecimals: 2\n"
    "zones: {hijau: \"#63BE7B\", kuning: \"#FFEB84\", merah: \"#F8696B\"}\n"
    "bands:\n"
    "  - {id: A, label: Baik, zone: hijau, min: 80}\n"
    "  - {id: B, label: Cukup, zone: kuning, min: 50}\n"
    "  - {id: C, label: Kurang, zone: merah, min: 0}\n"
    "scales:\n"
    "  s03: [{value: 0, label: nol}, {value: 1, label: satu}, {value: 2, label: dua},\n"
    "        {value: 3, label: tiga}]\n"
    "sections:\n"
    "  - id: S\n    title: Satu\n    indicators:\n"
    "      - {id: I1, text: satu, scale: s03, na: true}\n"
    "      - {id: I2, text: dua, scale: s03, na: true}\n";

/* kab-x: dinkes answers I2 once for its two products; dinsos is a unit without products;
 * disdik answers na to both, so it drops out. kab-y is listed with a unit and no answer. */
static const char answers_text[] =
    "patuh: 1\nrubric: t\nagencies:\n"
    "  - agency: {id: kab-x, name: Kab X}\n    units:\n"
    "      - id: dinkes\n        name: Dinkes\n        answers: {I2: 3}\n        units:\n"
    "          - {id: p1, name: Produk 1, answers: {I1: 3}}\n"
    "          - {id: p2, name: Produk 2, answers: {I1: 0}}\n"
    "      - {id: dinsos, name: Dinsos, answers: {I1: 1, I2: 0}}\n"
    "      - {id: disdik, name: Disdik, answers: {I1: {value: na, note: tutup},\n"
    "                                                I2: {value: na, note: tutup}}}\n"
    "  - agency: {id: kab-y, name: Kab Y}\n    units:\n"
    "      - {id: dinkes, name: Dinkes}\n";

typedef struct fx {
    patuh_rubric *rubric;
    patuh_batch *batch;
    patuh_diags diags;
} fx;

static void fx_load(fx *f, const char *rubric, const char *answers)
{
    patuh_limits lim;
    patuh_limits_default(&lim);
    memset(f, 0, sizeof *f);
    patuh_diags_init(&f->diags);
    assert_int_equal(patuh_rubric_load_buffer("rubric.yaml", rubric, strlen(rubric), &lim,
                                              &f->rubric, &f->diags),
                     PATUH_OK);
    f->batch = patuh_batch_new(f->rubric, &lim);
    assert_non_null(f->batch);
    assert_int_equal(
        patuh_batch_add_buffer(f->batch, "answers.yaml", answers, strlen(answers), &f->diags),
        PATUH_OK);
}

static void fx_done(fx *f)
{
    patuh_batch_free(f->batch);
    patuh_rubric_free(f->rubric);
    patuh_diags_release(&f->diags);
}

/* The unit at `path` ("dinkes/p1") of agency `id`; "" is the agency itself. */
static const patuh_unit *fx_unit(const fx *f, const char *id, const char *path)
{
    const patuh_unit *u = NULL;
    for (size_t i = 0; i < f->batch->n_agencies && !u; i++)
        if (strcmp(f->batch->agencies[i]->id, id) == 0)
            u = &f->batch->agencies[i]->root;
    assert_non_null(u);
    if (!*path)
        return u;
    /* depth first: the units of these tests are two levels deep at most */
    for (size_t i = 0; i < u->n_units; i++) {
        const patuh_unit *s = u->units[i];
        if (strcmp(s->path, path) == 0)
            return s;
        for (size_t k = 0; k < s->n_units; k++)
            if (strcmp(s->units[k]->path, path) == 0)
                return s->units[k];
    }
    fail_msg("no unit '%s' in '%s'", path, id);
    return NULL;
}

/* Checks a unit's result: unrounded total, rounded total and band id. */
static void expect_unit(const fx *f, const char *id, const char *path, double total, double rounded,
                        const char *band)
{
    patuh_unit_result r = patuh_unit_result_get(f->rubric, fx_unit(f, id, path));
    assert_float_equal(r.total, total, EPS);
    assert_float_equal(r.rounded, rounded, 1e-12);
    assert_true(r.band < f->rubric->n_bands);
    assert_string_equal(f->rubric->bands[r.band].id, band);
}

/* s = answer / 3, a leaf's total = 100 × (s1 + s2) / 2:
 *   dinkes/p1: I1 3, I2 3 (inherited) -> (1 + 1)/2 = 1      -> 100.00, A (>= 80)
 *   dinkes/p2: I1 0, I2 3 (inherited) -> (0 + 1)/2 = 0.5    ->  50.00, B (>= 50, the edge)
 *   dinkes: the mean of its products (1 + 0.5)/2 = 0.75     ->  75.00, B
 *   dinsos: I1 1, I2 0 -> (1/3 + 0)/2 = 1/6 = 0.166667      ->  16.67, C
 *   agency: disdik drops out, (0.75 + 1/6)/2 = 0.458333     ->  45.83, C, as the agency's own
 *   band: the unit results use the same bands as the agency. */
static void unit_results_by_hand(void **state)
{
    (void)state;
    fx f;
    fx_load(&f, rubric_text, answers_text);
    assert_int_equal(patuh_batch_score(f.batch, &f.diags), PATUH_OK);
    expect_unit(&f, "kab-x", "dinkes/p1", 100, 100, "A");
    expect_unit(&f, "kab-x", "dinkes/p2", 50, 50, "B");
    expect_unit(&f, "kab-x", "dinkes", 75, 75, "B");
    expect_unit(&f, "kab-x", "dinsos", 100.0 / 6, 16.67, "C");
    expect_unit(&f, "kab-x", "", 100 * (0.75 + 1.0 / 6) / 2, 45.83, "C");
    const patuh_agency *a = f.batch->agencies[0];
    assert_string_equal(a->id, "kab-x");
    assert_float_equal(a->rounded, 45.83, 1e-12);
    assert_string_equal(f.rubric->bands[a->band].id, "C");
    fx_done(&f);
}

/* A unit whose indicators all drop out has no total and no band; nor has any unit of an
 * agency not assessed (doc/scoring.md §12). */
static void unit_results_without_total(void **state)
{
    (void)state;
    fx f;
    fx_load(&f, rubric_text, answers_text);
    assert_int_equal(patuh_batch_score(f.batch, &f.diags), PATUH_OK);
    patuh_unit_result r = patuh_unit_result_get(f.rubric, fx_unit(&f, "kab-x", "disdik"));
    assert_true(isnan(r.total) && isnan(r.rounded));
    assert_int_equal(r.band, SIZE_MAX);
    r = patuh_unit_result_get(f.rubric, fx_unit(&f, "kab-y", "dinkes"));
    assert_true(isnan(r.total) && isnan(r.rounded));
    assert_int_equal(r.band, SIZE_MAX);
    fx_done(&f);
}

/* A product is a leaf below a unit: p1 and p2 are, dinkes (it has products), dinsos (a leaf
 * directly below the agency) and the agency are not. */
static void products_are_leaves_below_units(void **state)
{
    (void)state;
    fx f;
    fx_load(&f, rubric_text, answers_text);
    assert_true(patuh_unit_is_product(fx_unit(&f, "kab-x", "dinkes/p1")));
    assert_true(patuh_unit_is_product(fx_unit(&f, "kab-x", "dinkes/p2")));
    assert_false(patuh_unit_is_product(fx_unit(&f, "kab-x", "dinkes")));
    assert_false(patuh_unit_is_product(fx_unit(&f, "kab-x", "dinsos")));
    assert_false(patuh_unit_is_product(fx_unit(&f, "kab-x", "")));
    fx_done(&f);
}

/* ---- doc/scoring.md §14 what the method samples ----------------------------------- */

static const char coverage_rubric[] =
    "patuh: 1\nid: t\ntitle: Uji\ngroups: [kota, kabupaten, kementerian]\n"
    "zones: {hijau: \"#63BE7B\", merah: \"#F8696B\"}\n"
    "bands:\n  - {id: A, label: Baik, zone: hijau, min: 50}\n"
    "  - {id: C, label: Kurang, zone: merah, min: 0}\n"
    "scales:\n  s03: [{value: 0, label: nol}, {value: 3, label: tiga}]\n"
    "sections:\n  - id: S\n    title: Satu\n    indicators:\n"
    "      - {id: I1, text: satu, scale: s03}\n"
    "unit_kinds: {dinkes: Dinas Kesehatan, puskesmas: Puskesmas, dpmptsp: DPMPTSP}\n"
    "coverage:\n"
    "  - groups: [kota, kabupaten]\n"
    "    units: {dinkes: 1, puskesmas: 2, dpmptsp: 1}\n"
    "    products: 2\n"
    "  - groups: [kementerian]\n"
    "    products: 5\n";

/* kab-x: one DPMPTSP with one product, one Puskesmas answered as a leaf (no product);
 * kemen-y: one unit of 3 products, no kinds. */
static const char coverage_answers[] =
    "patuh: 1\nrubric: t\nagencies:\n"
    "  - agency: {id: kab-x, name: Kab X, group: kabupaten}\n    units:\n"
    "      - id: dpmptsp\n        kind: dpmptsp\n        units:\n"
    "          - {id: p1, answers: {I1: 3}}\n"
    "      - {id: pkm, kind: puskesmas, answers: {I1: 0}}\n"
    "  - agency: {id: kemen-y, name: Kemen Y, group: kementerian}\n    units:\n"
    "      - id: u1\n        units:\n"
    "          - {id: p1, answers: {I1: 3}}\n"
    "          - {id: p2, answers: {I1: 3}}\n"
    "          - {id: p3, answers: {I1: 3}}\n";

static const patuh_agency *fx_agency(const fx *f, const char *id)
{
    for (size_t i = 0; i < f->batch->n_agencies; i++)
        if (strcmp(f->batch->agencies[i]->id, id) == 0)
            return f->batch->agencies[i];
    fail_msg("no agency '%s'", id);
    return NULL;
}

/* kab-x (kabupaten): units by kind dinkes 0 of 1, puskesmas 1 of 2, dpmptsp 1 of 1 (met);
 * products: dpmptsp has 1 of 2, pkm 0 of 2 (a Puskesmas with no product listed). kemen-y
 * (kementerian, no kinds: every unit that is not a product): u1 has 3 of 5. Coverage never
 * changes a score: kab-x = (1 + 0) / 2 = 50.00, kemen-y 100.00. */
static void sampling_by_hand(void **state)
{
    (void)state;
    fx f;
    fx_load(&f, coverage_rubric, coverage_answers);
    f.batch->missing_detail = true; /* as validate: one warning per shortfall */
    assert_int_equal(patuh_batch_score(f.batch, &f.diags), PATUH_OK);
    assert_int_equal(f.diags.warnings, 5);
    assert_string_equal(f.diags.items[0].message,
                        "'kab-x' (kabupaten) has 0 of 1 units of kind 'dinkes' the method samples");
    assert_string_equal(f.diags.items[3].message,
                        "unit 'kab-x/pkm' has 0 of 2 products the method samples");
    patuh_sampling s;
    const patuh_agency *x = fx_agency(&f, "kab-x");
    assert_int_equal(patuh_sampling_get(f.rubric, x, &s), PATUH_OK);
    assert_ptr_equal(s.entry, &f.rubric->coverage[0]);
    assert_int_equal(s.n_units, 2);
    assert_string_equal(f.rubric->unit_kinds[s.units[0].kind].id, "dinkes");
    assert_int_equal(s.units[0].need, 1);
    assert_int_equal(s.units[0].have, 0);
    assert_string_equal(f.rubric->unit_kinds[s.units[1].kind].id, "puskesmas");
    assert_int_equal(s.units[1].need, 2);
    assert_int_equal(s.units[1].have, 1);
    assert_int_equal(s.n_products, 2);
    assert_string_equal(s.products[0].unit->path, "dpmptsp");
    assert_int_equal(s.products[0].have, 1);
    assert_string_equal(s.products[1].unit->path, "pkm");
    assert_int_equal(s.products[1].have, 0);
    assert_int_equal(patuh_sampling_count(&s), 4);
    patuh_sampling_release(&s);
    assert_float_equal(x->rounded, 50, 1e-12);

    const patuh_agency *y = fx_agency(&f, "kemen-y");
    assert_int_equal(patuh_sampling_get(f.rubric, y, &s), PATUH_OK);
    assert_int_equal(s.n_units, 0);
    assert_int_equal(s.n_products, 1);
    assert_string_equal(s.products[0].unit->path, "u1");
    assert_int_equal(s.products[0].need, 5);
    assert_int_equal(s.products[0].have, 3);
    patuh_sampling_release(&s);
    unsigned have;
    assert_int_equal(patuh_unit_products_need(f.rubric, y, y->root.units[0], &have), 5);
    assert_int_equal(have, 3);
    /* a product is never asked for products */
    assert_int_equal(patuh_unit_products_need(f.rubric, y, y->root.units[0]->units[0], &have), 0);
    assert_float_equal(y->rounded, 100, 1e-12);
    fx_done(&f);
}

/* With --strict the five shortfalls are errors and scoring says the input is invalid. */
static void sampling_strict(void **state)
{
    (void)state;
    fx f;
    fx_load(&f, coverage_rubric, coverage_answers);
    f.batch->missing_detail = true;
    f.diags.strict = true;
    assert_int_equal(patuh_batch_score(f.batch, &f.diags), PATUH_EINVALID);
    assert_int_equal(f.diags.errors, 5);
    fx_done(&f);
}

/* As score prints them by default: one line per agency, the shortfalls as have/need. */
static void sampling_one_line(void **state)
{
    (void)state;
    fx f;
    fx_load(&f, coverage_rubric, coverage_answers);
    assert_int_equal(patuh_batch_score(f.batch, &f.diags), PATUH_OK);
    assert_int_equal(f.diags.warnings, 2);
    assert_string_equal(f.diags.items[0].message,
                        "'kab-x' (kabupaten) is short of what the method samples: dinkes 0/1, "
                        "puskesmas 1/2, dpmptsp 1/2 products, pkm 0/2 products");
    assert_string_equal(f.diags.items[1].message,
                        "'kemen-y' (kementerian) is short of what the method samples: u1 3/5 "
                        "products");
    fx_done(&f);
}

/* A rubric without coverage samples nothing: no entry, no shortfall. */
static void sampling_none(void **state)
{
    (void)state;
    fx f;
    fx_load(&f, rubric_text, answers_text);
    assert_int_equal(patuh_batch_score(f.batch, &f.diags), PATUH_OK);
    patuh_sampling s;
    assert_int_equal(patuh_sampling_get(f.rubric, f.batch->agencies[0], &s), PATUH_OK);
    assert_null(s.entry);
    assert_int_equal(patuh_sampling_count(&s), 0);
    patuh_sampling_release(&s);
    fx_done(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(unit_results_by_hand),
        cmocka_unit_test(unit_results_without_total),
        cmocka_unit_test(products_are_leaves_below_units),
        cmocka_unit_test(sampling_by_hand),
        cmocka_unit_test(sampling_strict),
        cmocka_unit_test(sampling_one_line),
        cmocka_unit_test(sampling_none),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
