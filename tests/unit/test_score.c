/* test_score.c — scoring and ranking, one test per rule of doc/scoring.md: rubrics and
 * answers are small YAML texts, every expected number is worked out by hand in the comment
 * above its assertion, and each assertion fails if the rule it names were broken. */
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

/* ---- fixtures ----------------------------------------------------------------------- */

/* A rubric header: id t, max 100, decimals 2, three bands, two scales. */
#define HEAD                                                                                       \
    "patuh: 1\n"                                                                                   \
    "id: t\n"                                                                                      \
    "title: Uji\n"                                                                                 \
    "max: 100\n"                                                                                   \
    "decimals: 2\n"
#define ZONES "zones: {hijau: \"#63BE7B\", kuning: \"#FFEB84\", merah: \"#F8696B\"}\n"
#define BANDS3                                                                                     \
    "bands:\n"                                                                                     \
    "  - {id: A, label: Baik, zone: hijau, min: 80}\n"                                             \
    "  - {id: B, label: Cukup, zone: kuning, min: 50}\n"                                           \
    "  - {id: C, label: Kurang, zone: merah, min: 0}\n" ZONES
#define SCALES                                                                                     \
    "scales:\n"                                                                                    \
    "  s03: [{value: 0, label: nol}, {value: 1, label: satu}, {value: 2, label: dua},\n"           \
    "        {value: 3, label: tiga}]\n"                                                           \
    "  ada: [{value: 0, label: Tidak ada}, {value: 1, label: Ada}]\n"
/* The start of an answer file with several agencies. */
#define ANSWERS "patuh: 1\nrubric: t\nagencies:\n"

typedef struct fx {
    patuh_rubric *rubric;
    patuh_batch *batch;
    patuh_diags diags;
    size_t warnings, errors; /* counts before scoring */
} fx;

static void fx_dump(const patuh_diags *d)
{
    char buf[512];
    for (size_t i = 0; i < d->count; i++) {
        patuh_diag_format(&d->items[i], buf, sizeof buf);
        fprintf(stderr, "  %s\n", buf);
    }
}

/* Loads a rubric and answers that must both be valid. */
static void fx_load(fx *f, const char *rubric, const char *answers)
{
    patuh_limits lim;
    patuh_limits_default(&lim);
    memset(f, 0, sizeof *f);
    patuh_diags_init(&f->diags);
    patuh_status st = patuh_rubric_load_buffer("rubric.yaml", rubric, strlen(rubric), &lim,
                                               &f->rubric, &f->diags);
    if (st != PATUH_OK)
        fx_dump(&f->diags);
    assert_int_equal(st, PATUH_OK);
    f->batch = patuh_batch_new(f->rubric, &lim);
    assert_non_null(f->batch);
    st = patuh_batch_add_buffer(f->batch, "answers.yaml", answers, strlen(answers), &f->diags);
    if (st != PATUH_OK)
        fx_dump(&f->diags);
    assert_int_equal(st, PATUH_OK);
    f->warnings = f->diags.warnings;
    f->errors = f->diags.errors;
}

static patuh_status fx_score(fx *f)
{
    return patuh_batch_score(f->batch, &f->diags);
}

/* Loads and scores, expecting no new diagnostic at all. */
static void fx_run(fx *f, const char *rubric, const char *answers)
{
    fx_load(f, rubric, answers);
    patuh_status st = fx_score(f);
    if (f->diags.warnings != f->warnings || f->diags.errors != f->errors)
        fx_dump(&f->diags);
    assert_int_equal(st, PATUH_OK);
    assert_int_equal(f->diags.warnings, f->warnings);
    assert_int_equal(f->diags.errors, f->errors);
}

static void fx_done(fx *f)
{
    patuh_batch_free(f->batch);
    patuh_rubric_free(f->rubric);
    patuh_diags_release(&f->diags);
}

static const patuh_agency *fx_agency(const fx *f, const char *id)
{
    for (size_t i = 0; i < f->batch->n_agencies; i++) {
        if (strcmp(f->batch->agencies[i]->id, id) == 0)
            return f->batch->agencies[i];
    }
    fail_msg("no agency '%s'", id);
    return NULL;
}

/* A node's score for an agency on 0..max. */
static double fx_node(const fx *f, const char *agency, const char *node)
{
    const patuh_node *n = patuh_rubric_find(f->rubric, node);
    assert_non_null(n);
    return report_node_score(f->batch, fx_agency(f, agency), n);
}

/* A unit's normalised score for a node (NULL = the rubric's root); path "" is the agency
 * itself. */
static double fx_unit(const fx *f, const char *agency, const char *path, const char *node)
{
    const patuh_unit *u = &fx_agency(f, agency)->root;
    while (*path) {
        const char *slash = strchr(path, '/');
        size_t len = slash ? (size_t)(slash - path) : strlen(path);
        const patuh_unit *next = NULL;
        for (size_t i = 0; i < u->n_units && !next; i++) {
            if (strlen(u->units[i]->id) == len && memcmp(u->units[i]->id, path, len) == 0)
                next = u->units[i];
        }
        assert_non_null(next);
        u = next;
        path += len + (slash != NULL);
    }
    const patuh_node *n = node ? patuh_rubric_find(f->rubric, node) : f->rubric->root;
    assert_non_null(n);
    assert_non_null(u->scores);
    return patuh_unit_score(f->rubric, u, n);
}

static const char *fx_band(const fx *f, const char *agency)
{
    const patuh_agency *a = fx_agency(f, agency);
    assert_true(a->band < f->rubric->n_bands);
    return f->rubric->bands[a->band].id;
}

/* Whether diagnostic text `msg` was added with severity `sev`. */
static bool fx_has_diag(const fx *f, patuh_severity sev, const char *msg)
{
    for (size_t i = 0; i < f->diags.count; i++) {
        if (f->diags.items[i].severity == sev && strcmp(f->diags.items[i].message, msg) == 0)
            return true;
    }
    return false;
}

/* ---- doc/scoring.md §2 indicator score ------------------------------------------- */

static const char scales_rubric[] = HEAD BANDS3
    "sections:\n"
    "  - id: SL\n    title: Daftar\n    indicators:\n"
    "      - id: L\n        text: skala daftar 1..5\n"
    "        scale: [{value: 1, label: a}, {value: 2, label: b}, {value: 3, label: c},\n"
    "                {value: 5, label: e}]\n"
    "  - id: SN\n    title: Angka\n    indicators:\n"
    "      - id: N\n        text: angka dengan target\n"
    "        scale: {number: {min: 10, max: 100, target: 60}}\n"
    "  - id: SC\n    title: Daftar periksa\n    indicators:\n"
    "      - id: C\n        text: daftar periksa\n"
    "        scale: {checklist: {items: [a, b, c, d], need: 3}}\n"
    "  - id: SD\n    title: Angka tanpa target\n    indicators:\n"
    "      - id: D\n        text: target = max\n"
    "        scale: {number: {min: 0, max: 4}}\n";

static const char scales_answers[] = ANSWERS "  - agency: {id: a1, name: Satu}\n"
                                             "    answers: {L: 2, N: 35, C: [a, c], D: 1}\n"
                                             "  - agency: {id: a2, name: Dua}\n"
                                             "    answers: {L: 5, N: 80, C: [a, b, c, d], D: 4}\n"
                                             "  - agency: {id: a3, name: Tiga}\n"
                                             "    answers: {L: 1, N: 60, C: 1, D: 2}\n";

static void rule_2_indicator_values(void **state)
{
    (void)state;
    fx f;
    fx_run(&f, scales_rubric, scales_answers);
    /* a1: list (2-1)/(5-1) = 0.25 -> 25; number (35-10)/(60-10) = 0.5 -> 50;
     * checklist by names 2/3 -> 66.666..; number without target (1-0)/(4-0) = 0.25 -> 25;
     * total = (0.25 + 0.5 + 2/3 + 0.25)/4 x 100 = (5/3)/4 x 100 = 41.666.. */
    assert_float_equal(fx_node(&f, "a1", "SL"), 25.0, EPS);
    assert_float_equal(fx_node(&f, "a1", "SN"), 50.0, EPS);
    assert_float_equal(fx_node(&f, "a1", "SC"), 200.0 / 3, EPS);
    assert_float_equal(fx_node(&f, "a1", "SD"), 25.0, EPS);
    assert_float_equal(fx_agency(&f, "a1")->total, 500.0 / 12, EPS);
    /* a2: list top level 1; number 80 is past the target: (80-10)/50 = 1.4 clamped to 1;
     * checklist 4 of need 3 = 4/3 capped at 1; D 4/4 = 1 -> every section 100, total 100 */
    assert_float_equal(fx_node(&f, "a2", "SN"), 100.0, EPS);
    assert_float_equal(fx_node(&f, "a2", "SC"), 100.0, EPS);
    assert_float_equal(fx_agency(&f, "a2")->total, 100.0, EPS);
    /* a3: list at its min (1-1)/4 = 0; number exactly at target = 1; checklist as a
     * count 1/3; D 2/4 = 0.5; total = (0 + 1 + 1/3 + 0.5)/4 x 100 = (11/6)/4 x 100 */
    assert_float_equal(fx_node(&f, "a3", "SL"), 0.0, EPS);
    assert_float_equal(fx_node(&f, "a3", "SN"), 100.0, EPS);
    assert_float_equal(fx_node(&f, "a3", "SC"), 100.0 / 3, EPS);
    assert_float_equal(fx_agency(&f, "a3")->total, 1100.0 / 24, EPS);
    fx_done(&f);
}

static void rule_2_normalise_edges(void **state)
{
    (void)state;
    /* a list scale with one level (M == m) scores 1 for that level */
    patuh_level one = {.value = 1, .label = (char *)"ya"};
    patuh_scale single = {
        .kind = PATUH_SCALE_LIST, .levels = &one, .n_levels = 1, .min = 1, .max = 1};
    assert_float_equal(scale_score(&single, 1), 1.0, EPS);
    /* number below min clamps to 0: (5-10)/(60-10) = -0.1 -> 0 */
    patuh_scale num = {.kind = PATUH_SCALE_NUMBER, .min = 10, .max = 100, .target = 60};
    assert_float_equal(scale_score(&num, 5), 0.0, EPS);
    assert_float_equal(scale_score(&num, 59), 49.0 / 50, EPS);
    /* checklist need 3: 2 items = 2/3, 5 items capped at 1 */
    patuh_scale chk = {.kind = PATUH_SCALE_CHECKLIST, .n_items = 5, .need = 3};
    assert_float_equal(scale_score(&chk, 2), 2.0 / 3, EPS);
    assert_float_equal(scale_score(&chk, 5), 1.0, EPS);
}

/* ---- doc/scoring.md §3.1 N/A ----------------------------------------------------- */

#define NA_BODY                                                                                    \
    "sections:\n"                                                                                  \
    "  - id: S\n    title: S\n    indicators:\n"                                                   \
    "      - {id: I1, text: satu, scale: s03}\n"                                                   \
    "      - {id: I2, text: dua, scale: s03, weight: 3, na: true}\n"                               \
    "      - {id: I3, text: tiga, scale: s03}\n"
#define NA_ANSWERS                                                                                 \
    ANSWERS                                                                                        \
    "  - agency: {id: x, name: X}\n"                                                               \
    "    answers: {I1: 3, I2: {value: na, note: tidak ada layanan}, I3: 0}\n"

static void rule_3_1_na_exclude_renormalises(void **state)
{
    (void)state;
    fx f;
    fx_run(&f, HEAD SCALES BANDS3 "na_policy: exclude\n" NA_BODY, NA_ANSWERS);
    /* I2 (weight 3) drops out; I1 and I3 share the rest:
     * (1 x 3/3 + 1 x 0/3)/(1 + 1) = 0.5 -> 50 (scoring N/A as 0 would give 1/5 = 20) */
    assert_float_equal(fx_agency(&f, "x")->total, 50.0, EPS);
    assert_float_equal(fx_node(&f, "x", "S"), 50.0, EPS);
    assert_true(isnan(fx_node(&f, "x", "I2")));
    assert_string_equal(fx_band(&f, "x"), "B");
    assert_int_equal(fx_agency(&f, "x")->unanswered, 0);
    fx_done(&f);
}

static void rule_3_1_na_full_scores_one(void **state)
{
    (void)state;
    fx f;
    fx_run(&f, HEAD SCALES BANDS3 "na_policy: full\n" NA_BODY, NA_ANSWERS);
    /* I2 scores 1: (1 x 1 + 3 x 1 + 1 x 0)/(1 + 3 + 1) = 4/5 -> 80, band A (min 80) */
    assert_float_equal(fx_agency(&f, "x")->total, 80.0, EPS);
    assert_float_equal(fx_node(&f, "x", "I2"), 100.0, EPS);
    assert_string_equal(fx_band(&f, "x"), "A");
    fx_done(&f);
}

/* ---- doc/scoring.md §3.2 not applicable by group --------------------------------- */

static void rule_3_2_group_exclusion_equals_na(void **state)
{
    (void)state;
    fx f;
    fx_run(&f,
           HEAD SCALES BANDS3
           "groups: [kota, kabupaten]\n"
           "sections:\n"
           "  - id: S\n    title: S\n    indicators:\n"
           "      - {id: I1, text: satu, scale: s03}\n"
           "      - {id: I2, text: dua, scale: s03, weight: 3, na: true, applies_to: [kota]}\n"
           "      - {id: I3, text: tiga, scale: s03}\n",
           ANSWERS "  - agency: {id: kab, name: Kab, group: kabupaten}\n"
                   "    answers: {I1: 3, I3: 0}\n"
                   "  - agency: {id: kota, name: Kota, group: kota}\n"
                   "    answers: {I1: 3, I2: 3, I3: 0}\n"
                   "  - agency: {id: kota-na, name: Kota NA, group: kota}\n"
                   "    answers: {I1: 3, I2: {value: na, note: tidak ada}, I3: 0}\n");
    /* kab: I2 does not apply to kabupaten, so it drops out without a warning (fx_run
     * checked that no diagnostic was added) and is not unanswered:
     * (1 x 1 + 1 x 0)/2 = 0.5 -> 50 (counting it as missing would give 1/5 = 20) */
    const patuh_agency *kab = fx_agency(&f, "kab");
    assert_float_equal(kab->total, 50.0, EPS);
    assert_int_equal(kab->unanswered, 0);
    assert_true(isnan(fx_node(&f, "kab", "I2")));
    /* kota: I2 applies: (1 + 3 x 1 + 0)/5 = 0.8 -> 80 */
    assert_float_equal(fx_agency(&f, "kota")->total, 80.0, EPS);
    /* kota-na: an excluded N/A gives exactly the inapplicable result */
    assert_float_equal(fx_agency(&f, "kota-na")->total, kab->total, 0);
    fx_done(&f);
}

/* ---- doc/scoring.md §4 missing answers ------------------------------------------- */

static const char missing_rubric[] =
    HEAD SCALES BANDS3 "sections:\n"
                       "  - id: S\n    title: S\n    indicators:\n"
                       "      - {id: I1, text: satu, scale: s03}\n"
                       "      - {id: I2, text: dua, scale: s03}\n"
                       "      - {id: I3, text: tiga, scale: s03}\n";

static const char missing_answers[] =
    ANSWERS "  - agency: {id: x, name: X}\n"
            "    answers: {I1: 3}\n"
            "  - agency: {id: y, name: Y}\n"
            "    units:\n"
            "      - {id: dinkes, name: Dinkes, answers: {I1: 3, I2: 3}}\n";

static void rule_4_missing_scores_zero_and_warns(void **state)
{
    (void)state;
    fx f;
    fx_load(&f, missing_rubric, missing_answers);
    f.batch->missing_detail = true; /* one warning per missing answer (score -v, validate) */
    assert_int_equal(fx_score(&f), PATUH_OK);
    /* x: I2 and I3 missing score 0: (1 + 0 + 0)/3 -> 33.33.. (dropping them out would give
     * 100); two unanswered, two warnings naming the agency */
    const patuh_agency *x = fx_agency(&f, "x");
    assert_float_equal(x->total, 100.0 / 3, EPS);
    assert_int_equal(x->unanswered, 2);
    assert_true(fx_has_diag(&f, PATUH_SEV_WARNING, "no answer for 'I2' of 'x'"));
    assert_true(fx_has_diag(&f, PATUH_SEV_WARNING, "no answer for 'I3' of 'x'"));
    /* y: its one unit lacks I3: (1 + 1 + 0)/3 -> 66.66.., warned with the unit's path */
    const patuh_agency *y = fx_agency(&f, "y");
    assert_float_equal(y->total, 200.0 / 3, EPS);
    assert_int_equal(y->unanswered, 1);
    assert_true(fx_has_diag(&f, PATUH_SEV_WARNING, "no answer for 'I3' in 'y/dinkes'"));
    assert_int_equal(f.diags.warnings - f.warnings, 3);
    assert_int_equal(f.diags.errors, f.errors);
    /* the warning sits where the agency was defined */
    for (size_t i = 0; i < f.diags.count; i++) {
        if (strcmp(f.diags.items[i].message, "no answer for 'I2' of 'x'") == 0) {
            assert_non_null(f.diags.items[i].file);
            assert_string_equal(f.diags.items[i].file, "answers.yaml");
            assert_int_equal(f.diags.items[i].line, x->line);
        }
    }
    fx_done(&f);
}

static void rule_4_strict_makes_missing_an_error(void **state)
{
    (void)state;
    fx f;
    fx_load(&f, missing_rubric, missing_answers);
    f.batch->missing_detail = true;
    f.diags.strict = true;
    /* the same three missing answers, now errors: scoring says the input is invalid */
    assert_int_equal(fx_score(&f), PATUH_EINVALID);
    assert_int_equal(f.diags.errors - f.errors, 3);
    assert_int_equal(f.diags.warnings, f.warnings);
    assert_true(fx_has_diag(&f, PATUH_SEV_ERROR, "no answer for 'I3' in 'y/dinkes'"));
    /* the numbers are still those of the lenient run */
    assert_float_equal(fx_agency(&f, "x")->total, 100.0 / 3, EPS);
    fx_done(&f);
}

/* ---- doc/scoring.md §5 aggregation ----------------------------------------------- */

static void rule_5_1_weighted_sections_and_dropping(void **state)
{
    (void)state;
    fx f;
    fx_run(&f,
           HEAD SCALES BANDS3 "sections:\n"
                              "  - id: P\n    title: P\n    weight: 2\n    indicators:\n"
                              "      - {id: P1, text: p1, scale: s03}\n"
                              "      - {id: P2, text: p2, scale: s03}\n"
                              "  - id: Q\n    title: Q\n    weight: 3\n    indicators:\n"
                              "      - {id: Q1, text: q1, scale: s03, na: true}\n"
                              "      - {id: Q2, text: q2, scale: s03, na: true}\n"
                              "  - id: R\n    title: R\n    indicators:\n"
                              "      - {id: R1, text: r1, scale: s03}\n",
           ANSWERS
           "  - agency: {id: x, name: X}\n"
           "    answers: {P1: 3, P2: 0, Q1: {value: na, note: n}, Q2: {value: na, note: n},\n"
           "              R1: 2}\n");
    /* P = (3/3 + 0/3)/2 = 0.5; Q: both N/A, drops out; R = 2/3.
     * total = (2 x 0.5 + 1 x 2/3)/(2 + 1) = (5/3)/3 = 5/9 -> 55.55..
     * (Q as 0 would give (1 + 2/3)/6 -> 27.77..) */
    assert_float_equal(fx_node(&f, "x", "P"), 50.0, EPS);
    assert_true(isnan(fx_node(&f, "x", "Q")));
    assert_float_equal(fx_node(&f, "x", "R"), 200.0 / 3, EPS);
    assert_float_equal(fx_agency(&f, "x")->total, 500.0 / 9, EPS);
    assert_float_equal(fx_agency(&f, "x")->rounded, 55.56, EPS);
    fx_done(&f);
}

static const char two_section_rubric[] =
    HEAD SCALES BANDS3 "sections:\n"
                       "  - id: S1\n    title: S1\n    indicators:\n"
                       "      - {id: I1, text: satu, scale: s03}\n"
                       "  - id: S2\n    title: S2\n    indicators:\n"
                       "      - {id: I2, text: dua, scale: s03, na: true}\n";

static void rule_5_3_units_weighted_and_nested(void **state)
{
    (void)state;
    fx f;
    fx_run(&f, two_section_rubric,
           ANSWERS "  - agency: {id: kab, name: Kab}\n"
                   "    units:\n"
                   "      - id: u1\n        name: U1\n        weight: 3\n        units:\n"
                   "          - {id: p1, name: P1, answers: {I1: 3, I2: 0}}\n"
                   "          - {id: p2, name: P2, answers: {I1: 0, I2: 3}}\n"
                   "      - {id: u2, name: U2, answers: {I1: 3, I2: {value: na, note: n}}}\n");
    /* products: p1 S1 = 1, S2 = 0, root 0.5; p2 S1 = 0, S2 = 1, root 0.5
     * u1 = mean of p1, p2 (weights 1): S1 0.5, S2 0.5, root 0.5
     * u2 (leaf): S1 1, S2 drops out (N/A), root 1 */
    assert_float_equal(fx_unit(&f, "kab", "u1/p1", NULL), 0.5, EPS);
    assert_float_equal(fx_unit(&f, "kab", "u1", "S1"), 0.5, EPS);
    assert_float_equal(fx_unit(&f, "kab", "u2", NULL), 1.0, EPS);
    assert_true(isnan(fx_unit(&f, "kab", "u2", "S2")));
    /* agency, weights u1 3, u2 1:
     * S1 = (3 x 0.5 + 1 x 1)/4 = 0.625 -> 62.5
     * S2 = only u1 (u2 dropped it): 0.5 -> 50 (averaging u2 as 0 would give 37.5)
     * total = (3 x 0.5 + 1 x 1)/4 = 0.625 -> 62.5, the mean of the units' totals, not the
     * weighted mean of the agency's section scores ((62.5 + 50)/2 = 56.25) */
    assert_float_equal(fx_node(&f, "kab", "S1"), 62.5, EPS);
    assert_float_equal(fx_node(&f, "kab", "S2"), 50.0, EPS);
    assert_float_equal(fx_agency(&f, "kab")->total, 62.5, EPS);
    assert_string_equal(fx_band(&f, "kab"), "B");
    fx_done(&f);
}

static void rule_5_2_answers_inherited_from_nearest_level(void **state)
{
    (void)state;
    fx f;
    fx_run(&f, two_section_rubric,
           ANSWERS "  - agency: {id: kab, name: Kab}\n"
                   "    answers: {I1: 2, I2: 1}\n"
                   "    units:\n"
                   "      - id: a\n        name: A\n        answers: {I2: 3}\n        units:\n"
                   "          - {id: p, name: P, answers: {I1: 0}}\n"
                   "          - {id: q, name: Q}\n"
                   "      - {id: b, name: B}\n");
    /* leaves (own answer, else the nearest level above that answers):
     * a/p: I1 own 0 -> 0; I2 from a: 3 -> 1; root 0.5
     * a/q: I1 from the agency 2 -> 2/3; I2 from a (not the agency's 1) -> 1; root 5/6
     * b:   I1 agency 2 -> 2/3; I2 agency 1 -> 1/3; root 1/2
     * a = mean(a/p, a/q): S1 1/3, S2 1, root (1/2 + 5/6)/2 = 2/3
     * agency = mean(a, b): S1 (1/3 + 2/3)/2 = 1/2 -> 50, S2 (1 + 1/3)/2 = 2/3 -> 66.66..,
     * total (2/3 + 1/2)/2 = 7/12 -> 58.33.. ; nothing is unanswered */
    assert_float_equal(fx_unit(&f, "kab", "a/p", "S2"), 1.0, EPS);
    assert_float_equal(fx_unit(&f, "kab", "a/q", NULL), 5.0 / 6, EPS);
    assert_float_equal(fx_unit(&f, "kab", "b", "S2"), 1.0 / 3, EPS);
    assert_float_equal(fx_node(&f, "kab", "S1"), 50.0, EPS);
    assert_float_equal(fx_node(&f, "kab", "S2"), 200.0 / 3, EPS);
    assert_float_equal(fx_agency(&f, "kab")->total, 700.0 / 12, EPS);
    assert_int_equal(fx_agency(&f, "kab")->unanswered, 0);
    fx_done(&f);
}

/* ---- doc/scoring.md §7.3 qualifiers --------------------------------------------- */

static void rule_7_3_qualifiers(void **state)
{
    (void)state;
    fx f;
    fx_load(&f,
            HEAD SCALES BANDS3
            "qualifiers:\n"
            "  - {id: tm, label: Tanpa Maladministrasi, when: {section: T, min: 50}}\n"
            "  - {id: lp, label: Lapor, when: {indicator: K1, min: 2}}\n"
            "sections:\n"
            "  - id: S\n    title: S\n    indicators:\n"
            "      - {id: K1, text: kanal, scale: s03, na: true}\n"
            "  - id: T\n    title: T\n    indicators:\n"
            "      - {id: T1, text: tindak lanjut, scale: {number: {min: 0, max: 100}}}\n",
            ANSWERS
            "  - agency: {id: q1, name: Q1}\n"
            "    answers: {T1: 50}\n"
            "    units: [{id: u, name: U, answers: {K1: 3}}, {id: v, name: V, answers: {K1: 2}}]\n"
            "  - agency: {id: q2, name: Q2}\n"
            "    answers: {T1: 49.99}\n"
            "    units: [{id: u, name: U, answers: {K1: 3}}, {id: v, name: V, answers: {K1: 1}}]\n"
            "  - agency: {id: q3, name: Q3}\n"
            "    answers: {T1: 49.995}\n"
            "    units: [{id: u, name: U, answers: {K1: {value: na, note: n}}},\n"
            "            {id: v, name: V, answers: {K1: 2}}]\n"
            "  - agency: {id: q4, name: Q4}\n"
            "    answers: {T1: 100}\n");
    assert_int_equal(fx_score(&f), PATUH_OK);
    /* q1: T = 50.00, exactly the min -> tm; K1 values 3 and 2, all >= 2 -> lp.
     * units u: (1 + 0.5)/2 = 0.75, v: (2/3 + 0.5)/2 = 7/12; total (0.75 + 7/12)/2 = 2/3
     * -> 66.67, band B "Cukup" */
    const patuh_agency *a = fx_agency(&f, "q1");
    assert_float_equal(a->total, 200.0 / 3, EPS);
    assert_int_equal(a->qualifiers, 3);
    assert_string_equal(a->label, "Cukup Tanpa Maladministrasi Lapor");
    /* q2: T = 49.99 < 50 -> no tm; K1 = 1 in unit v, below 2 -> no lp.
     * u: (1 + 0.4999)/2, v: (1/3 + 0.4999)/2; total = (4/3 + 0.9998)/4 -> 58.33.., band B */
    a = fx_agency(&f, "q2");
    assert_float_equal(a->total, (4.0 / 3 + 0.9998) / 4 * 100, EPS);
    assert_int_equal(a->qualifiers, 0);
    assert_string_equal(a->label, "Cukup");
    /* q3: T = 49.995 rounds to 50.00 -> tm (the rounded section score decides);
     * K1: N/A in u is not a value, 2 in v -> lp.
     * u: S drops out, root 0.49995; v: (2/3 + 0.49995)/2; total = mean -> 54.16.. */
    a = fx_agency(&f, "q3");
    assert_float_equal(a->total, (0.49995 + (2.0 / 3 + 0.49995) / 2) / 2 * 100, EPS);
    assert_int_equal(a->qualifiers, 3);
    assert_string_equal(a->label, "Cukup Tanpa Maladministrasi Lapor");
    /* q4: T = 100 -> tm; K1 never answered (missing, scored 0) -> no lp.
     * total (0 + 1)/2 -> 50, band B (min 50, on the boundary) */
    a = fx_agency(&f, "q4");
    assert_float_equal(a->total, 50.0, EPS);
    assert_string_equal(fx_band(&f, "q4"), "B");
    assert_int_equal(a->qualifiers, 1);
    assert_string_equal(a->label, "Cukup Tanpa Maladministrasi");
    fx_done(&f);
}

/* ---- doc/scoring.md §7.2 critical indicators ------------------------------------ */

static void rule_7_2_critical_cap(void **state)
{
    (void)state;
    fx f;
    fx_load(&f,
            HEAD SCALES BANDS3
            "critical_cap: B\n"
            "sections:\n"
            "  - id: S\n    title: S\n    indicators:\n"
            "      - {id: I1, text: satu, scale: s03, critical: true}\n"
            "      - {id: I2, text: dua, scale: s03}\n"
            "      - {id: I3, text: tiga, scale: s03, critical: true, na: true}\n",
            ANSWERS "  - agency: {id: c1, name: C1}\n"
                    "    answers: {I1: 2, I2: 3, I3: 3}\n"
                    "  - agency: {id: c2, name: C2}\n"
                    "    answers: {I1: 3, I2: 0, I3: 0}\n"
                    "  - agency: {id: c3, name: C3}\n"
                    "    answers: {I1: 3, I2: 3, I3: {value: na, note: n}}\n"
                    "  - agency: {id: c4, name: C4}\n"
                    "    units: [{id: u, name: U, answers: {I1: 3, I2: 3, I3: 3}},\n"
                    "            {id: v, name: V, answers: {I1: 3, I2: 3, I3: 2}}]\n"
                    "  - agency: {id: c5, name: C5}\n"
                    "    answers: {I2: 3, I3: 3}\n"
                    "  - agency: {id: c6, name: C6}\n"
                    "    answers: {I3: 0, I2: 3, I1: 0}\n");
    assert_int_equal(fx_score(&f), PATUH_OK);
    /* c1: (2/3 + 1 + 1)/3 = 8/9 -> 88.89 would be A; I1 < 1 caps it at B, total unchanged */
    const patuh_agency *a = fx_agency(&f, "c1");
    assert_float_equal(a->total, 800.0 / 9, EPS);
    assert_string_equal(fx_band(&f, "c1"), "B");
    assert_true(a->capped);
    assert_string_equal(a->label, "Cukup");
    assert_int_equal(a->n_critical_failed, 1);
    assert_string_equal(a->critical_failed[0]->id, "I1");
    /* c2: (1 + 0 + 0)/3 -> 33.33, band C is already below the cap: not capped, but I3 is
     * still listed */
    a = fx_agency(&f, "c2");
    assert_string_equal(fx_band(&f, "c2"), "C");
    assert_false(a->capped);
    assert_int_equal(a->n_critical_failed, 1);
    assert_string_equal(a->critical_failed[0]->id, "I3");
    /* c3: excluded N/A on a critical indicator does not fail: (1 + 1)/2 -> 100, band A */
    a = fx_agency(&f, "c3");
    assert_string_equal(fx_band(&f, "c3"), "A");
    assert_int_equal(a->n_critical_failed, 0);
    assert_false(a->capped);
    /* c4: I3 = 2 in unit v only: u 1, v 8/9, total (1 + 8/9)/2 = 17/18 -> 94.44, capped B */
    a = fx_agency(&f, "c4");
    assert_float_equal(a->total, 1700.0 / 18, EPS);
    assert_string_equal(fx_band(&f, "c4"), "B");
    assert_true(a->capped);
    assert_string_equal(a->critical_failed[0]->id, "I3");
    /* c5: I1 missing counts as failed: (0 + 1 + 1)/3 -> 66.67, band B, cap changes nothing */
    a = fx_agency(&f, "c5");
    assert_string_equal(fx_band(&f, "c5"), "B");
    assert_false(a->capped);
    assert_int_equal(a->n_critical_failed, 1);
    assert_string_equal(a->critical_failed[0]->id, "I1");
    /* c6: both fail, listed in rubric order whatever the answer order */
    a = fx_agency(&f, "c6");
    assert_int_equal(a->n_critical_failed, 2);
    assert_string_equal(a->critical_failed[0]->id, "I1");
    assert_string_equal(a->critical_failed[1]->id, "I3");
    fx_done(&f);
}

/* ---- doc/scoring.md §5.5 section scores on 0..max --------------------------------- */

static void rule_5_5_sections_on_max_scale(void **state)
{
    (void)state;
    fx f;
    fx_run(&f,
           "patuh: 1\nid: t\ntitle: Uji\nmax: 5\ndecimals: 2\n"
           "bands:\n"
           "  - {id: A, label: Sangat Baik, zone: hijau, min: 4.51}\n"
           "  - {id: B, label: Baik, zone: hijau, min: 3.51}\n"
           "  - {id: C, label: Cukup, zone: kuning, min: 2.51}\n"
           "  - {id: D, label: Kurang, zone: merah, min: 0}\n" ZONES "sections:\n"
           "  - id: SA\n    title: A\n    weight: 24\n    indicators:\n"
           "      - id: A1\n        text: a1\n"
           "        scale: [{value: 1, label: a}, {value: 3, label: c}, {value: 5, label: e}]\n"
           "  - id: SB\n    title: B\n    weight: 76\n    indicators:\n"
           "      - id: B1\n        text: b1\n"
           "        scale: [{value: 1, label: a}, {value: 3, label: c}, {value: 5, label: e}]\n",
           ANSWERS "  - agency: {id: x, name: X}\n    answers: {A1: 5, B1: 3}\n");
    /* A1 (5-1)/4 = 1 -> section A fully met scores max = 5; B1 (3-1)/4 = 0.5 -> 2.5;
     * total = (24 x 1 + 76 x 0.5)/100 x 5 = 0.62 x 5 = 3.1, band C (2.51 <= 3.1 < 3.51) */
    assert_float_equal(fx_node(&f, "x", "SA"), 5.0, EPS);
    assert_float_equal(fx_node(&f, "x", "SB"), 2.5, EPS);
    assert_float_equal(fx_agency(&f, "x")->total, 3.1, EPS);
    assert_string_equal(fx_band(&f, "x"), "C");
    fx_done(&f);
}

/* ---- doc/scoring.md §6 rounding -------------------------------------------------- */

static void rule_6_rounded_total_decides(void **state)
{
    (void)state;
    fx f;
    fx_run(&f,
           HEAD SCALES "bands:\n"
                       "  - {id: A, label: Baik, zone: hijau, min: 78}\n"
                       "  - {id: B, label: Cukup, zone: kuning, min: 22.01}\n"
                       "  - {id: C, label: Kurang, zone: merah, min: 0}\n" ZONES "sections:\n"
                       "  - id: S\n    title: S\n    indicators:\n"
                       "      - {id: I1, text: satu, scale: ada, weight: 77995}\n"
                       "      - {id: I2, text: dua, scale: ada, weight: 1}\n"
                       "      - {id: I3, text: tiga, scale: ada, weight: 22004}\n",
           ANSWERS "  - agency: {id: z, name: Alpha}\n    answers: {I1: 1, I2: 0, I3: 0}\n"
                   "  - agency: {id: y, name: Beta}\n    answers: {I1: 1, I2: 1, I3: 0}\n"
                   "  - agency: {id: x, name: Gamma}\n    answers: {I1: 0, I2: 1, I3: 1}\n");
    /* weights sum to 100000. Alpha: 77995/100000 x 100 = 77.995 exactly on paper; in
     * binary 77.99499999.., so a naive round gives 77.99. Half away from zero gives 78.00,
     * and the band uses that: A (min 78) although the unrounded total is below 78. */
    const patuh_agency *a = fx_agency(&f, "z");
    assert_float_equal(a->total, 77.995, EPS);
    assert_true(a->total < 78);
    assert_float_equal(a->rounded, 78.0, 0);
    assert_string_equal(fx_band(&f, "z"), "A");
    /* Beta: 77996/100000 x 100 = 77.996 -> 78.00: the same rounded total, so the same rank,
     * and Alpha is listed first by name although Beta's unrounded total is higher */
    assert_float_equal(fx_agency(&f, "y")->rounded, 78.0, 0);
    assert_int_equal(fx_agency(&f, "z")->rank, 1);
    assert_int_equal(fx_agency(&f, "y")->rank, 1);
    assert_string_equal(f.batch->agencies[0]->id, "z");
    assert_string_equal(f.batch->agencies[1]->id, "y");
    /* Gamma: 22005/100000 x 100 = 22.005 -> 22.01 half away from zero (half to even
     * would give 22.00, band C); band B (min 22.01); rank 3 after the tie */
    a = fx_agency(&f, "x");
    assert_float_equal(a->rounded, 22.01, 1e-12);
    assert_string_equal(fx_band(&f, "x"), "B");
    assert_int_equal(a->rank, 3);
    fx_done(&f);
}

/* ---- doc/scoring.md §8 ranking --------------------------------------------------- */

static void rule_8_competition_ranking(void **state)
{
    (void)state;
    fx f;
    fx_run(&f,
           HEAD SCALES BANDS3 "groups: [kota, kabupaten]\n"
                              "sections:\n"
                              "  - id: S\n    title: S\n    indicators:\n"
                              "      - {id: I1, text: satu, scale: s03, na: true}\n"
                              "      - {id: I2, text: dua, scale: s03, na: true}\n",
           ANSWERS "  - agency: {id: x7, name: Sama, group: kabupaten}\n"
                   "    answers: {I1: 0, I2: 0}\n"
                   "  - agency: {id: n5, name: Kota Nol, group: kota}\n"
                   "    answers: {I1: {value: na, note: n}, I2: {value: na, note: n}}\n"
                   "  - agency: {id: a3, name: Kota Alfa, group: kota}\n"
                   "    answers: {I1: 2, I2: 3}\n"
                   "  - agency: {id: c4, name: Kab Gamma, group: kabupaten}\n"
                   "    answers: {I1: 3, I2: 1}\n"
                   "  - agency: {id: z1, name: Kota Zeta, group: kota}\n"
                   "    answers: {I1: 3, I2: 3}\n"
                   "  - agency: {id: b2, name: Kab Beta, group: kabupaten}\n"
                   "    answers: {I1: 3, I2: 2}\n"
                   "  - agency: {id: x6, name: Sama, group: kabupaten}\n"
                   "    answers: {I1: 0, I2: 0}\n");
    /* totals (I1 + I2)/6 x 100: z1 100; b2 and a3 5/6 -> 83.33 (tie); c4 4/6 -> 66.67;
     * x6 and x7 0 (tie, same name, so by id); n5 all N/A -> no total, last.
     * order z1, b2 ("Kab Beta" < "Kota Alfa"), a3, c4, x6, x7, n5
     * ranks 1, 2, 2, 4, 5, 5, 7 */
    static const char *const order[] = {"z1", "b2", "a3", "c4", "x6", "x7", "n5"};
    static const size_t rank[] = {1, 2, 2, 4, 5, 5, 7};
    /* group ranks: kota z1 1, a3 2, n5 3; kabupaten b2 1, c4 2, x6 3, x7 3 */
    static const size_t group_rank[] = {1, 1, 2, 2, 3, 3, 3};
    assert_int_equal(f.batch->n_agencies, 7);
    for (size_t i = 0; i < 7; i++) {
        const patuh_agency *a = f.batch->agencies[i];
        assert_string_equal(a->id, order[i]);
        assert_int_equal(a->rank, rank[i]);
        assert_int_equal(a->group_rank, group_rank[i]);
    }
    const patuh_agency *n5 = fx_agency(&f, "n5");
    assert_true(isnan(n5->total));
    assert_true(isnan(n5->rounded));
    assert_true(isnan(fx_node(&f, "n5", "S")));
    assert_int_equal(n5->band, f.rubric->n_bands - 1);
    assert_true(f.batch->scored);
    fx_done(&f);
}

/* ---- scoring twice ------------------------------------------------------------------ */

/* ---- 12 coverage: not assessed, incomplete, ranked (doc/scoring.md §12) ------------- */

static const char coverage_rubric[] =
    HEAD SCALES BANDS3 "groups: [kota, kabupaten]\n"
                       "sections:\n"
                       "  - id: S\n    title: S\n    indicators:\n"
                       "      - {id: I1, text: satu, scale: s03}\n"
                       "      - {id: I2, text: dua, scale: s03}\n"
                       "      - {id: I3, text: tiga, scale: s03}\n"
                       "      - {id: I4, text: empat, scale: s03, applies_to: [kota]}\n";

/* a: all 4 answered (a kota). b: 2 of 3 (I4 does not apply to a kabupaten). c: nothing.
 * d: one unit answers I1, the other nothing, the agency answers I2 for both: of 2 x 3 = 6
 * slots, u1 has I1 and I2, u2 has I2: 3 answered. */
static const char coverage_answers[] = ANSWERS "  - agency: {id: a, name: A, group: kota}\n"
                                               "    answers: {I1: 3, I2: 3, I3: 0, I4: 3}\n"
                                               "  - agency: {id: b, name: B, group: kabupaten}\n"
                                               "    answers: {I1: 3, I2: 3}\n"
                                               "  - agency: {id: c, name: C, group: kabupaten}\n"
                                               "  - agency: {id: d, name: D, group: kabupaten}\n"
                                               "    answers: {I2: 3}\n"
                                               "    units:\n"
                                               "      - {id: u1, name: U1, answers: {I1: 3}}\n"
                                               "      - {id: u2, name: U2}\n";

static void rule_12_coverage_and_not_assessed(void **state)
{
    (void)state;
    fx f;
    fx_load(&f, coverage_rubric, coverage_answers);
    assert_int_equal(fx_score(&f), PATUH_OK);
    const patuh_agency *a = fx_agency(&f, "a"), *b = fx_agency(&f, "b");
    const patuh_agency *c = fx_agency(&f, "c"), *d = fx_agency(&f, "d");
    /* a: (1 + 1 + 0 + 1)/4 = 75.00, coverage 4/4 */
    assert_float_equal(a->total, 75, EPS);
    assert_float_equal(a->coverage, 1, EPS);
    /* b: (1 + 1 + 0)/3 = 66.67, coverage 2/3, no minimum: ranked */
    assert_float_equal(b->total, 200.0 / 3, EPS);
    assert_int_equal(b->applicable, 3);
    assert_float_equal(b->coverage, 2.0 / 3, EPS);
    assert_int_equal(b->assessment, PATUH_ASSESSED);
    /* d: u1 (1 + 1 + 0)/3, u2 (0 + 1 + 0)/3, mean 1/2 = 50.00; coverage 3/6 */
    assert_float_equal(d->total, 50, EPS);
    assert_int_equal(d->applicable, 6);
    assert_float_equal(d->coverage, 0.5, EPS);
    /* c: no answer: not scored, no band, no rank, last */
    assert_int_equal(c->assessment, PATUH_NOT_ASSESSED);
    assert_true(isnan(c->total));
    assert_int_equal(c->band, SIZE_MAX);
    assert_int_equal(c->rank, 0);
    assert_int_equal(c->group_rank, 0);
    assert_int_equal(c->n_critical_failed, 0);
    assert_ptr_equal(f.batch->agencies[3], c);
    /* ranks 1..3: a 75, b 66.67, d 50; group ranks among the kabupaten: b 1, d 2 */
    assert_int_equal(a->rank, 1);
    assert_int_equal(b->rank, 2);
    assert_int_equal(d->rank, 3);
    assert_int_equal(d->group_rank, 2);
    assert_int_equal(f.batch->n_ranked, 3);
    assert_int_equal(f.batch->n_not_assessed, 1);
    /* one line per agency: b misses I3, d misses I1 and I3 in u2 and I3 in u1 */
    assert_true(fx_has_diag(&f, PATUH_SEV_WARNING, "'b': 1 of 3 unanswered (I3)"));
    assert_true(fx_has_diag(&f, PATUH_SEV_WARNING, "'c': not assessed (no answers)"));
    assert_true(fx_has_diag(&f, PATUH_SEV_WARNING, "'d': 3 of 6 unanswered (I1, I3)"));
    assert_int_equal(f.diags.warnings - f.warnings, 3);
    fx_done(&f);
}

static void rule_12_minimum_coverage(void **state)
{
    (void)state;
    fx f;
    fx_load(&f, coverage_rubric, coverage_answers);
    /* 2/3 = 0.667 >= 0.6; 3/6 = 0.5 < 0.6: d is incomplete, unranked, after the ranked */
    f.batch->min_coverage = 0.6;
    assert_int_equal(fx_score(&f), PATUH_OK);
    const patuh_agency *b = fx_agency(&f, "b"), *d = fx_agency(&f, "d");
    assert_int_equal(d->assessment, PATUH_INCOMPLETE);
    assert_int_equal(d->rank, 0);
    assert_float_equal(d->total, 50, EPS); /* still scored */
    assert_int_equal(b->rank, 2);
    assert_ptr_equal(f.batch->agencies[2], d);
    assert_int_equal(f.batch->n_ranked, 2);
    assert_int_equal(f.batch->n_incomplete, 1);
    assert_true(fx_has_diag(&f, PATUH_SEV_WARNING,
                            "'d': 3 of 6 unanswered (I1, I3), incomplete: coverage 50.0 % "
                            "below 60.0 %"));
    /* at exactly the minimum an agency is complete: 2/3 against a minimum of 2/3 */
    f.batch->min_coverage = 2.0 / 3;
    assert_int_equal(fx_score(&f), PATUH_OK);
    assert_int_equal(b->assessment, PATUH_ASSESSED);
    /* --rank-incomplete: d ranked again, 3rd */
    f.batch->rank_incomplete = true;
    assert_int_equal(fx_score(&f), PATUH_OK);
    assert_int_equal(d->assessment, PATUH_INCOMPLETE);
    assert_int_equal(d->rank, 3);
    assert_int_equal(f.batch->n_ranked, 3);
    fx_done(&f);
}

static void rule_12_min_coverage_key(void **state)
{
    (void)state;
    patuh_diags d;
    patuh_diags_init(&d);
    patuh_rubric *r = NULL;
    char text[1024];
    snprintf(text, sizeof text, "%smin_coverage: 0.9\n", coverage_rubric);
    assert_int_equal(patuh_rubric_load_buffer("r.yaml", text, strlen(text), NULL, &r, &d),
                     PATUH_OK);
    assert_float_equal(r->min_coverage, 0.9, EPS);
    patuh_batch *batch = patuh_batch_new(r, NULL);
    assert_float_equal(batch->min_coverage, 0.9, EPS); /* the batch starts from the rubric's */
    patuh_batch_free(batch);
    patuh_rubric_free(r);
    snprintf(text, sizeof text, "%smin_coverage: 90\n", coverage_rubric);
    assert_int_equal(patuh_rubric_load_buffer("r.yaml", text, strlen(text), NULL, &r, &d),
                     PATUH_EINVALID);
    assert_string_equal(d.items[d.count - 1].message,
                        "expected a number from 0 to 1 for 'min_coverage', got '90'");
    patuh_diags_release(&d);
}

static void scoring_twice_gives_the_same(void **state)
{
    (void)state;
    fx f;
    fx_load(&f, missing_rubric, missing_answers);
    assert_int_equal(fx_score(&f), PATUH_OK);
    /* again: results replaced, not leaked (ASan checks), the same numbers and order */
    assert_int_equal(fx_score(&f), PATUH_OK);
    assert_float_equal(fx_agency(&f, "x")->total, 100.0 / 3, EPS);
    assert_int_equal(fx_agency(&f, "x")->unanswered, 2);
    assert_int_equal(fx_agency(&f, "y")->unanswered, 1);
    assert_string_equal(f.batch->agencies[0]->id, "y");
    assert_int_equal(f.batch->agencies[1]->rank, 2);
    assert_string_equal(fx_agency(&f, "y")->label, "Cukup");
    fx_done(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rule_2_indicator_values),
        cmocka_unit_test(rule_2_normalise_edges),
        cmocka_unit_test(rule_3_1_na_exclude_renormalises),
        cmocka_unit_test(rule_3_1_na_full_scores_one),
        cmocka_unit_test(rule_3_2_group_exclusion_equals_na),
        cmocka_unit_test(rule_4_missing_scores_zero_and_warns),
        cmocka_unit_test(rule_4_strict_makes_missing_an_error),
        cmocka_unit_test(rule_5_1_weighted_sections_and_dropping),
        cmocka_unit_test(rule_5_3_units_weighted_and_nested),
        cmocka_unit_test(rule_5_2_answers_inherited_from_nearest_level),
        cmocka_unit_test(rule_7_3_qualifiers),
        cmocka_unit_test(rule_7_2_critical_cap),
        cmocka_unit_test(rule_5_5_sections_on_max_scale),
        cmocka_unit_test(rule_6_rounded_total_decides),
        cmocka_unit_test(rule_8_competition_ranking),
        cmocka_unit_test(rule_12_coverage_and_not_assessed),
        cmocka_unit_test(rule_12_minimum_coverage),
        cmocka_unit_test(rule_12_min_coverage_key),
        cmocka_unit_test(scoring_twice_gives_the_same),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
