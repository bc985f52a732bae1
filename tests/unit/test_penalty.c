/* test_penalty.c — `penalties:`, a deduction from the total (doc/scoring.md §15), on the
 * hand-worked examples of rubrics/README.md: rubrics/ombudsman-2023.yaml, whose follow-up of
 * Ombudsman products is a penalty of 5 points over TL.1-TL.3 (0..3), and
 * samples/ombudsman-2023/kota-sukamaju.yaml with other TL answers; its total before the
 * penalty is 90.292667 (test_methods.c works it out). Every expected number is worked out in
 * the comment above its assertion. */
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

/* kota-sukamaju without a penalty (test_methods.c, ombudsman_2023_by_hand):
 * 21.85 * 2/3 + 32.37 + 24.24 * 0.9 + 21.54 */
#define SUKAMAJU_BASE (21.85 * 2 / 3 + 32.37 * 1 + 24.24 * 0.9 + 21.54 * 1)

typedef struct fx {
    patuh_limits lim;
    patuh_diags diags;
    patuh_rubric *rubric;
    patuh_batch *batch;
} fx;

static void fx_dump(const patuh_diags *d)
{
    char buf[512];
    for (size_t i = 0; i < d->count; i++) {
        patuh_diag_format(&d->items[i], buf, sizeof buf);
        fprintf(stderr, "  %s\n", buf);
    }
}

static char *read_text(const char *path)
{
    char *data = NULL;
    size_t len = 0;
    patuh_diags d;
    patuh_diags_init(&d);
    assert_int_equal(file_read_all(path, 1 << 22, &data, &len, &d), PATUH_OK);
    patuh_diags_release(&d);
    return data;
}

/* Loads a rubric text and scores one answer text, expecting no error. */
static patuh_agency *fx_run(fx *f, const char *rubric, const char *answers)
{
    memset(f, 0, sizeof *f);
    patuh_limits_default(&f->lim);
    patuh_diags_init(&f->diags);
    patuh_status st = patuh_rubric_load_buffer("rubric.yaml", rubric, strlen(rubric), &f->lim,
                                               &f->rubric, &f->diags);
    if (st != PATUH_OK)
        fx_dump(&f->diags);
    assert_int_equal(st, PATUH_OK);
    f->batch = patuh_batch_new(f->rubric, &f->lim);
    assert_non_null(f->batch);
    st = patuh_batch_add_buffer(f->batch, "answers.yaml", answers, strlen(answers), &f->diags);
    if (st == PATUH_OK)
        st = patuh_batch_score(f->batch, &f->diags);
    if (st != PATUH_OK || f->diags.errors)
        fx_dump(&f->diags);
    assert_int_equal(st, PATUH_OK);
    assert_int_equal(f->batch->n_agencies, 1);
    return f->batch->agencies[0];
}

static void fx_free(fx *f)
{
    patuh_batch_free(f->batch);
    patuh_rubric_free(f->rubric);
    patuh_diags_release(&f->diags);
}

/* kota-sukamaju with its TL answers (all na) replaced by `tl`. */
static char *sukamaju_answers(const char *tl)
{
    char *answers = read_text("samples/ombudsman-2023/kota-sukamaju.yaml");
    char *at = strstr(answers, "  TL.1:");
    assert_non_null(at);
    *at = '\0';
    char *a = str_printf("%s%s", answers, tl);
    assert_non_null(a);
    free(answers);
    return a;
}

/* rubrics/ombudsman-2023.yaml and kota-sukamaju with `tl` as its TL answers. */
static patuh_agency *sukamaju(fx *f, const char *tl)
{
    char *rubric = read_text("rubrics/ombudsman-2023.yaml");
    char *a = sukamaju_answers(tl);
    patuh_agency *agency = fx_run(f, rubric, a);
    free(rubric);
    free(a);
    return agency;
}

static const char *band_id(const fx *f, const patuh_agency *a)
{
    return f->rubric->bands[a->band].id;
}

static const char na_note[] = "{value: na, note: tidak ada saran perbaikan}";

/* TL.1 = 1, TL.2 = na, TL.3 = 3: p = (1/3 + 1) / 2 = 2/3; deduction = 5 * (1 - 2/3) =
 * 1.666667; total = 90.292667 - 1.666667 = 88.626000 -> 88.63, A. */
static void deduction_keeps_a(void **state)
{
    (void)state;
    fx f;
    char tl[160];
    snprintf(tl, sizeof tl, "  TL.1: 1\n  TL.2: %s\n  TL.3: 3\n", na_note);
    patuh_agency *a = sukamaju(&f, tl);
    const patuh_node *pen = patuh_rubric_find(f.rubric, "tindak-lanjut");
    assert_non_null(pen);
    assert_true(pen->is_penalty);
    assert_int_equal(f.rubric->n_penalties, 1);
    assert_float_equal(a->base, SUKAMAJU_BASE, EPS);
    assert_float_equal(a->base, 90.292667, 1e-6);
    assert_float_equal(patuh_unit_score(f.rubric, &a->root, pen), (1.0 / 3 + 1) / 2, EPS);
    assert_float_equal(patuh_penalty_deduction(f.rubric, a, pen), 5 * (1 - 2.0 / 3), EPS);
    assert_float_equal(a->total, SUKAMAJU_BASE - 5.0 / 3, EPS);
    assert_float_equal(a->total, 88.626, 1e-6);
    assert_float_equal(a->rounded, 88.63, 1e-12);
    assert_string_equal(band_id(&f, a), "A");
    /* the penalty takes no share of the root: the sections still weigh 21.85 ... 21.54 */
    assert_int_equal(f.rubric->root->n_children, 4);
    assert_null(patuh_node_penalty(patuh_rubric_find(f.rubric, "IN.1")));
    assert_ptr_equal(patuh_node_penalty(patuh_rubric_find(f.rubric, "TL.3")), pen);
    /* explain: four section rows adding up to the base, then the penalty at -1.666667 */
    patuh_explain_row *rows = NULL;
    size_t n = 0;
    assert_int_equal(patuh_explain(f.batch, a, &rows, &n, &f.diags), PATUH_OK);
    assert_int_equal(n, 5);
    double sum = 0;
    for (size_t i = 0; i < 4; i++)
        sum += rows[i].contribution;
    assert_float_equal(sum, SUKAMAJU_BASE, EPS);
    assert_ptr_equal(rows[4].section, pen);
    assert_float_equal(rows[4].weight, 5, EPS);
    assert_float_equal(rows[4].score, 100.0 * 2 / 3, EPS);
    assert_float_equal(rows[4].contribution, -5.0 / 3, EPS);
    free(rows);
    fx_free(&f);
}

/* TL.1 = 0, TL.2 = na, TL.3 = 3: p = (0 + 1) / 2 = 1/2; deduction = 2.5; total =
 * 90.292667 - 2.5 = 87.792667 -> 87.79, B: the deduction moves the band. gaps: TL.1 from 0
 * to 3 gains 5 * 1/2 * 1 = 2.5, from 0 to 1 gains 5 * 1/2 * 1/3 = 0.833333. */
static void deduction_moves_the_band(void **state)
{
    (void)state;
    fx f;
    char tl[160];
    snprintf(tl, sizeof tl, "  TL.1: 0\n  TL.2: %s\n  TL.3: 3\n", na_note);
    patuh_agency *a = sukamaju(&f, tl);
    const patuh_node *pen = patuh_rubric_find(f.rubric, "tindak-lanjut");
    assert_float_equal(patuh_penalty_deduction(f.rubric, a, pen), 2.5, EPS);
    assert_float_equal(a->total, SUKAMAJU_BASE - 2.5, EPS);
    assert_float_equal(a->total, 87.792667, 1e-6);
    assert_float_equal(a->rounded, 87.79, 1e-12);
    assert_string_equal(band_id(&f, a), "B");
    patuh_gaps g;
    assert_int_equal(patuh_gaps_compute(f.batch, a, &g, &f.diags), PATUH_OK);
    /* the largest gain first: TL.1 (2.5) before IN.1 (21.85 * 12.22 % * 1/3 = 0.890037) */
    assert_true(g.count > 0);
    assert_string_equal(g.items[0].indicator->id, "TL.1");
    assert_float_equal(g.items[0].gain, 5 * 0.5 * 1, EPS);
    assert_int_equal(g.items[0].n_steps, 3);
    assert_float_equal(g.items[0].steps[0].gain, 5 * 0.5 / 3, EPS);
    assert_string_equal(g.items[1].indicator->id, "IN.1");
    assert_float_equal(g.items[1].gain, 21.85 * 0.1222 / 3, EPS);
    /* the next band is A: one raise of one level step reaches 88 */
    assert_true(g.next_band.reachable);
    assert_string_equal(f.rubric->bands[g.next_band.band].id, "A");
    assert_int_equal(g.next_band.n_raises, 1);
    assert_int_equal(g.next_band.steps, 1);
    /* the agency is left as scored */
    assert_float_equal(a->total, SUKAMAJU_BASE - 2.5, EPS);
    patuh_gaps_release(&g);
    fx_free(&f);
}

/* TL.1 = 0, TL.2 = na, TL.3 = 0: p = 0, deduction 5, total 85.292667, B. A needs
 * 88 - 85.292667 = 2.707333 more (87.995 rounds to 88.00, so a little less); every answer
 * outside the penalty gains at most 0.890037 (IN.1), two of them 1.78, so the fewest raises
 * (two) must raise a TL answer: the path search sees the penalty's indicators. */
static void next_band_path_raises_the_penalty(void **state)
{
    (void)state;
    fx f;
    char tl[160];
    snprintf(tl, sizeof tl, "  TL.1: 0\n  TL.2: %s\n  TL.3: 0\n", na_note);
    patuh_agency *a = sukamaju(&f, tl);
    assert_float_equal(a->total, SUKAMAJU_BASE - 5, EPS);
    assert_string_equal(band_id(&f, a), "B");
    patuh_gaps g;
    assert_int_equal(patuh_gaps_compute(f.batch, a, &g, &f.diags), PATUH_OK);
    assert_true(g.next_band.reachable);
    assert_string_equal(f.rubric->bands[g.next_band.band].id, "A");
    assert_int_equal(g.next_band.n_raises, 2);
    bool penalty_raised = false;
    double gains = 0;
    for (size_t i = 0; i < g.next_band.n_raises; i++) {
        const patuh_gap *gap = &g.items[g.next_band.raises[i].gap];
        penalty_raised |= patuh_node_penalty(gap->indicator) != NULL;
        gains += gap->steps[g.next_band.raises[i].step].gain;
    }
    assert_true(penalty_raised);
    /* the path's total comes from scoring again: the sum of its gains on top of 85.292667 */
    assert_float_equal(g.next_band.total, SUKAMAJU_BASE - 5 + gains, 1e-9);
    assert_true(g.next_band.total >= 87.995);
    patuh_gaps_release(&g);
    fx_free(&f);
}

/* TL.1-TL.3 all na: the penalty drops out and deducts nothing; total = base = 90.29. */
static void all_na_deducts_nothing(void **state)
{
    (void)state;
    fx f;
    char tl[320];
    snprintf(tl, sizeof tl, "  TL.1: %s\n  TL.2: %s\n  TL.3: %s\n", na_note, na_note, na_note);
    patuh_agency *a = sukamaju(&f, tl);
    const patuh_node *pen = patuh_rubric_find(f.rubric, "tindak-lanjut");
    assert_true(isnan(patuh_unit_score(f.rubric, &a->root, pen)));
    assert_float_equal(patuh_penalty_deduction(f.rubric, a, pen), 0, 0);
    assert_float_equal(a->total, SUKAMAJU_BASE, EPS);
    assert_float_equal(a->base, a->total, 0);
    assert_float_equal(a->rounded, 90.29, 1e-12);
    assert_string_equal(band_id(&f, a), "A");
    fx_free(&f);
}

/* Clamp: one section, N.1 = 3 on 0..100 -> base 3.000000; the penalty's only item is 0, so
 * it deducts its whole weight 5: 3 - 5 = -2 -> 0.00, never negative; band C. */
static void total_never_below_zero(void **state)
{
    (void)state;
    static const char rubric[] =
        "patuh: 1\nid: t\ntitle: Uji\n"
        "zones: {hijau: \"#63BE7B\", merah: \"#F8696B\"}\n"
        "bands:\n"
        "  - {id: A, label: Baik, zone: hijau, min: 50}\n"
        "  - {id: C, label: Kurang, zone: merah, min: 0}\n"
        "sections:\n"
        "  - id: s\n    title: S\n"
        "    indicators:\n"
        "      - {id: N.1, text: Persen, scale: {number: {min: 0, max: 100}}}\n"
        "penalties:\n"
        "  - id: p\n    title: P\n    weight: 5\n"
        "    indicators:\n"
        "      - {id: P.1, text: Tindak lanjut, scale: [{value: 0, label: tidak}, "
        "{value: 1, label: ya}]}\n";
    static const char answers[] = "patuh: 1\nrubric: t\nagency: {id: x, name: X}\n"
                                  "answers: {N.1: 3, P.1: 0}\n";
    fx f;
    patuh_agency *a = fx_run(&f, rubric, answers);
    assert_float_equal(a->base, 3.0, EPS);
    assert_float_equal(patuh_penalty_deduction(f.rubric, a, f.rubric->penalties[0]), 5, EPS);
    assert_float_equal(a->total, 0, 0);
    assert_float_equal(a->rounded, 0, 0);
    assert_string_equal(band_id(&f, a), "C");
    fx_free(&f);
}

/* A qualifier may name a penalty like a section: p x max >= 100 holds only with every TL
 * answer at 3 (TL.2 na drops out): p = 1 -> 100; with TL.3 = 2, p = (1 + 2/3) / 2 -> 83.33. */
static void qualifier_names_a_penalty(void **state)
{
    (void)state;
    static const char qualifier[] = "qualifiers:\n"
                                    "  - id: tuntas\n    label: Tanpa Maladministrasi\n"
                                    "    when: {section: tindak-lanjut, min: 100}\n";
    char *rubric = read_text("rubrics/ombudsman-2023.yaml");
    char *r = str_printf("%s%s", rubric, qualifier);
    assert_non_null(r);
    for (int full = 0; full < 2; full++) {
        char tl[160];
        snprintf(tl, sizeof tl,
                 "  TL.1: {value: 3, evidence: x.pdf}\n  TL.2: %s\n"
                 "  TL.3: {value: %d, evidence: x.pdf}\n",
                 na_note, full ? 3 : 2);
        char *a = sukamaju_answers(tl);
        fx f;
        patuh_agency *ag = fx_run(&f, r, a);
        assert_int_equal(ag->qualifiers, full ? 1 : 0);
        assert_string_equal(ag->label, full ? "Kualitas Tertinggi Tanpa Maladministrasi"
                                            : "Kualitas Tertinggi");
        fx_free(&f);
        free(a);
    }
    free(rubric);
    free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(deduction_keeps_a),
        cmocka_unit_test(deduction_moves_the_band),
        cmocka_unit_test(next_band_path_raises_the_penalty),
        cmocka_unit_test(all_na_deducts_nothing),
        cmocka_unit_test(total_never_below_zero),
        cmocka_unit_test(qualifier_names_a_penalty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
