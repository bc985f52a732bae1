/* test_gaps.c — gains per level (doc/scoring.md §9.2), the order of the gaps, the smallest
 * set of level raises to the next band and zone (§9.4), and the explanation of a total. Every
 * expected number is worked out by hand in the comment above its assertion. */
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

#define EPS 1e-9

#define HEAD  "patuh: 1\nid: t\ntitle: Uji\ndecimals: 2\n"
#define ZONES "zones: {hijau: \"#63BE7B\", kuning: \"#FFEB84\", merah: \"#F8696B\"}\n"
/* Five bands over three zones: the next band and the next zone differ. */
#define BANDS5                                                                                     \
    "bands:\n"                                                                                     \
    "  - {id: A, label: Sangat baik, zone: hijau, min: 90}\n"                                      \
    "  - {id: B, label: Baik, zone: hijau, min: 70}\n"                                             \
    "  - {id: C, label: Cukup, zone: kuning, min: 55}\n"                                           \
    "  - {id: D, label: Kurang, zone: merah, min: 30}\n"                                           \
    "  - {id: E, label: Buruk, zone: merah, min: 0}\n" ZONES
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
#define IND(id, scale, w)                                                                          \
    "      - {id: " id ", text: t, scale: " scale ", weight: " w ", fix: perbaiki " id "}\n"

typedef struct fx {
    patuh_rubric *rubric;
    patuh_batch *batch;
    patuh_diags diags;
    patuh_gaps gaps;
} fx;

static void fx_dump(const patuh_diags *d)
{
    char buf[512];
    for (size_t i = 0; i < d->count; i++) {
        patuh_diag_format(&d->items[i], buf, sizeof buf);
        fprintf(stderr, "  %s\n", buf);
    }
}

/* Loads, scores (warnings allowed: missing answers) and lists the gaps of the only agency. */
static void fx_run(fx *f, const char *rubric, const char *answers)
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
    st = patuh_batch_add_buffer(f->batch, "a.yaml", answers, strlen(answers), &f->diags);
    if (st == PATUH_OK)
        st = patuh_batch_score(f->batch, &f->diags);
    if (st != PATUH_OK)
        fx_dump(&f->diags);
    assert_int_equal(st, PATUH_OK);
    assert_int_equal(f->batch->n_agencies, 1);
    st = patuh_gaps_compute(f->batch, f->batch->agencies[0], &f->gaps, &f->diags);
    assert_int_equal(st, PATUH_OK);
}

static void fx_done(fx *f)
{
    patuh_gaps_release(&f->gaps);
    patuh_batch_free(f->batch);
    patuh_rubric_free(f->rubric);
    patuh_diags_release(&f->diags);
}

/* Gap i is indicator `id` in unit `path` with the gain `gain`. */
static void fx_gap(const fx *f, size_t i, const char *id, const char *path, double gain)
{
    assert_true(i < f->gaps.count);
    const patuh_gap *g = &f->gaps.items[i];
    assert_string_equal(g->indicator->id, id);
    assert_string_equal(g->unit->path, path);
    assert_float_equal(g->gain, gain, EPS);
}

/* Raise i of a path raises indicator `id` to the level of value `to`. */
static void fx_raise(const fx *f, const patuh_gap_path *p, size_t i, const char *id, double to)
{
    assert_true(i < p->n_raises);
    const patuh_gap *g = &f->gaps.items[p->raises[i].gap];
    assert_string_equal(g->indicator->id, id);
    assert_true(p->raises[i].step < g->n_steps);
    assert_float_equal(g->steps[p->raises[i].step].value, to, EPS);
}

static const char *fx_band_id(const fx *f, size_t band)
{
    assert_true(band < f->rubric->n_bands);
    return f->rubric->bands[band].id;
}

/* ---- gains, order, next band and next zone ----------------------------------------- */

static const char two_sections[] = HEAD BANDS5 SCALES
    "sections:\n"
    "  - id: S1\n    title: Satu\n    weight: 3\n    indicators:\n" IND("I1", "s03", "1")
        IND("I2", "s03", "2") "  - id: S2\n    title: Dua\n    weight: 1\n    indicators:\n" IND(
            "I3", "ada", "1");

static void gains_order_and_paths(void **state)
{
    (void)state;
    fx f;
    fx_run(&f, two_sections,
           "patuh: 1\nrubric: t\nagency: {id: a, name: A}\nanswers: {I1: 0, I2: 1, I3: 0}\n");
    /* S1 = (1 x 0 + 2 x 1/3)/3 = 2/9; S2 = 0; total = (3 x 2/9 + 1 x 0)/4 x 100
     * = (2/3)/4 x 100 = 16.666.. -> band E, zone merah. */
    const patuh_agency *a = f.batch->agencies[0];
    assert_float_equal(a->total, 100.0 / 6, EPS);
    assert_string_equal(fx_band_id(&f, a->band), "E");
    assert_int_equal(f.gaps.count, 3);
    /* I2 at 3: S1 = (0 + 2)/3 = 2/3, total = 2/4 x 100 = 50, gain 50 - 16.67 = 33.33;
     * I1 at 3: S1 = (1 + 2/3)/3 = 5/9, total = (5/3)/4 x 100 = 41.67, gain 25;
     * I3 at 1: S2 = 1, total = (2/3 + 1)/4 x 100 = 41.67, gain 25: ties with I1, and I1
     * comes first in the rubric. */
    fx_gap(&f, 0, "I2", "", 100.0 / 3);
    fx_gap(&f, 1, "I1", "", 25.0);
    fx_gap(&f, 2, "I3", "", 25.0);
    assert_float_equal(f.gaps.items[0].value, 1, EPS);
    /* The levels of I2 (now 1): 2 gives S1 = (0 + 2 x 2/3)/3 = 4/9, total = (3 x 4/9)/4 x 100
     * = 33.33, +16.67; 3 gives +33.33. I1 (now 0): +8.33 a level. I3: 1 gives +25. */
    const patuh_gap *i2 = &f.gaps.items[0];
    assert_int_equal(i2->n_steps, 2);
    assert_float_equal(i2->steps[0].value, 2, EPS);
    assert_string_equal(i2->steps[0].label, "dua");
    assert_int_equal(i2->steps[0].steps, 1);
    assert_float_equal(i2->steps[0].gain, 50.0 / 3, EPS);
    assert_float_equal(i2->steps[1].gain, 100.0 / 3, EPS);
    assert_int_equal(f.gaps.items[1].n_steps, 3);
    assert_float_equal(f.gaps.items[1].steps[0].gain, 25.0 / 3, EPS);
    /* next band D (min 30) needs 30 - 16.67 = 13.33: one indicator suffices; of those one
     * level step up, I3 to 1 (+25) and I2 to 2 (+16.67) reach it, I1 to 1 (+8.33) does not;
     * the larger gain wins the tie: I3 to 1, total 41.67. */
    assert_string_equal(fx_band_id(&f, f.gaps.next_band.target), "D");
    assert_true(f.gaps.next_band.reachable);
    assert_false(f.gaps.next_band.capped);
    assert_int_equal(f.gaps.next_band.n_raises, 1);
    assert_int_equal(f.gaps.next_band.steps, 1);
    fx_raise(&f, &f.gaps.next_band, 0, "I3", 1);
    assert_float_equal(f.gaps.next_band.total, 125.0 / 3, EPS);
    /* next zone: kuning, whose lowest band is C (min 55), needs 38.33. No one indicator
     * gives that (I2 at full marks: 33.33), so two; the fewest steps for two is 2: I2 only
     * to 2 (+16.67, a partial raise, not full marks) and I3 to 1 (+25), total 16.67 + 41.67
     * = 58.33 -> C. Raises in the order of the gaps: I2 first. */
    assert_string_equal(fx_band_id(&f, f.gaps.next_zone.target), "C");
    assert_true(f.gaps.next_zone.reachable);
    assert_int_equal(f.gaps.next_zone.n_raises, 2);
    assert_int_equal(f.gaps.next_zone.steps, 2);
    fx_raise(&f, &f.gaps.next_zone, 0, "I2", 2);
    fx_raise(&f, &f.gaps.next_zone, 1, "I3", 1);
    assert_float_equal(f.gaps.next_zone.total, 175.0 / 3, EPS);
    assert_string_equal(fx_band_id(&f, f.gaps.next_zone.band), "C");
    /* the agency's own results are restored after all that re-scoring */
    assert_float_equal(a->total, 100.0 / 6, EPS);
    assert_string_equal(fx_band_id(&f, a->band), "E");
    fx_done(&f);
}

/* ---- the critical cap decides ------------------------------------------------------ */

static const char capped[] = HEAD BANDS3 SCALES
    "critical_cap: B\n"
    "sections:\n"
    "  - id: S1\n    title: Satu\n    weight: 1\n    indicators:\n"
    "      - {id: K, text: t, scale: ada, critical: true, fix: hubungkan}\n"
    "  - id: S2\n    title: Dua\n    weight: 5\n    indicators:\n" IND(
        "J1", "s03",
        "1") "  - id: S3\n    title: Tiga\n    weight: 4\n    indicators:\n" IND("J2", "s03", "1");

static void critical_cap_decides(void **state)
{
    (void)state;
    fx f;
    fx_run(&f, capped,
           "patuh: 1\nrubric: t\nagency: {id: a, name: A}\nanswers: {K: 0, J1: 3, J2: 1}\n");
    /* total = (1 x 0 + 5 x 1 + 4 x 1/3)/10 x 100 = (19/3)/10 x 100 = 63.33 -> B. */
    assert_float_equal(f.batch->agencies[0]->total, 190.0 / 3, EPS);
    assert_int_equal(f.gaps.count, 2);
    /* K at 1: total = (1 + 5 + 4/3)/10 x 100 = 73.33, gain 10; J2 at 3: total =
     * (0 + 5 + 4)/10 x 100 = 90, gain 26.67. K is critical, so it comes first although
     * its gain is smaller. */
    fx_gap(&f, 0, "K", "", 10.0);
    assert_true(f.gaps.items[0].critical);
    fx_gap(&f, 1, "J2", "", 80.0 / 3);
    assert_false(f.gaps.items[1].critical);
    /* next band A (min 80): J2 alone at full marks would give 90, yet the cap would keep the
     * band at B: the cap decides, K goes to full marks first (73.33). Then 80 - 73.33 =
     * 6.67 is needed: J2 one level up, to 2, gives (4 x 1/3)/10 x 100 = +13.33: total
     * 86.67 -> A, with two indicators and two level steps. */
    assert_string_equal(fx_band_id(&f, f.gaps.next_band.target), "A");
    assert_true(f.gaps.next_band.reachable);
    assert_true(f.gaps.next_band.capped);
    assert_int_equal(f.gaps.next_band.n_raises, 2);
    assert_int_equal(f.gaps.next_band.steps, 2);
    fx_raise(&f, &f.gaps.next_band, 0, "K", 1);
    fx_raise(&f, &f.gaps.next_band, 1, "J2", 2);
    assert_float_equal(f.gaps.next_band.total, 260.0 / 3, EPS);
    fx_done(&f);
}

static void critical_cap_alone(void **state)
{
    (void)state;
    fx f;
    fx_run(&f, capped,
           "patuh: 1\nrubric: t\nagency: {id: a, name: A}\nanswers: {K: 0, J1: 3, J2: 3}\n");
    /* total = (0 + 5 + 4)/10 x 100 = 90: band A by the total, capped to B by K. The one
     * fix K (gain 10, total 100) lifts the cap: next band A and next zone hijau (A is the
     * lowest hijau band here) with one fix. */
    const patuh_agency *a = f.batch->agencies[0];
    assert_float_equal(a->total, 90.0, EPS);
    assert_true(a->capped);
    assert_string_equal(fx_band_id(&f, a->band), "B");
    assert_int_equal(f.gaps.count, 1);
    fx_gap(&f, 0, "K", "", 10.0);
    assert_true(f.gaps.next_band.reachable);
    assert_true(f.gaps.next_band.capped);
    assert_int_equal(f.gaps.next_band.n_raises, 1);
    fx_raise(&f, &f.gaps.next_band, 0, "K", 1);
    assert_float_equal(f.gaps.next_band.total, 100.0, EPS);
    assert_int_equal(f.gaps.next_zone.n_raises, 1);
    assert_string_equal(fx_band_id(&f, f.gaps.next_zone.target), "A");
    fx_done(&f);
}

/* ---- no set of fixes suffices ------------------------------------------------------ */

/* A rubric on 0..10 whose bands were copied from a 0..100 one: B (50) is out of reach. */
static const char out_of_reach[] =
    "patuh: 1\nid: t\ntitle: Uji\nmax: 10\ndecimals: 2\n" BANDS3 SCALES "sections:\n"
    "  - id: S1\n    title: Satu\n    indicators:\n" IND("I1", "s03", "1");

static void no_fix_list_suffices(void **state)
{
    (void)state;
    fx f;
    fx_run(&f, out_of_reach, "patuh: 1\nrubric: t\nagency: {id: a, name: A}\nanswers: {I1: 1}\n");
    /* total = 1/3 x 10 = 3.33 -> C. I1 at 3 gives 10, gain 6.67; 10 < 50, so even every
     * fix together does not reach B: unreachable, and the path says what all fixes give. */
    assert_int_equal(f.gaps.count, 1);
    fx_gap(&f, 0, "I1", "", 20.0 / 3);
    assert_string_equal(fx_band_id(&f, f.gaps.next_band.target), "B");
    assert_false(f.gaps.next_band.reachable);
    assert_int_equal(f.gaps.next_band.n_raises, 0);
    assert_float_equal(f.gaps.next_band.total, 10.0, EPS);
    assert_false(f.gaps.next_zone.reachable);
    fx_done(&f);
}

static void top_band_has_no_target(void **state)
{
    (void)state;
    fx f;
    fx_run(&f, two_sections,
           "patuh: 1\nrubric: t\nagency: {id: a, name: A}\nanswers: {I1: 2, I2: 3, I3: 1}\n");
    /* S1 = (2/3 + 2)/3 = 8/9; total = (3 x 8/9 + 1)/4 x 100 = 91.67 -> A, the top band:
     * one gap (I1, gain 100 - 91.67 = 8.33) and no band or zone above to aim at. */
    assert_int_equal(f.gaps.count, 1);
    fx_gap(&f, 0, "I1", "", 25.0 / 3);
    assert_int_equal(f.gaps.next_band.target, SIZE_MAX);
    assert_int_equal(f.gaps.next_zone.target, SIZE_MAX);
    fx_done(&f);
}

/* ---- units: an inherited answer is one gap; a missing answer is a gap ------------- */

static const char one_section[] = HEAD BANDS3 SCALES
    "sections:\n"
    "  - id: S\n    title: Satu\n    indicators:\n" IND("I1", "s03", "1") IND("I2", "ada", "1");

static void inherited_and_missing(void **state)
{
    (void)state;
    fx f;
    fx_run(&f, one_section,
           "patuh: 1\nrubric: t\nagency: {id: a, name: A}\nanswers: {I1: 0}\n"
           "units:\n"
           "  - {id: u1, name: U1, answers: {I2: 1}}\n"
           "  - {id: u2, name: U2, weight: 3, answers: {I1: 3, I2: 0}}\n"
           "  - {id: u3, name: U3}\n");
    /* u1: I1 inherited 0, I2 1 -> 0.5; u2: own I1 1, I2 0 -> 0.5; u3: I1 inherited 0, I2
     * missing 0 -> 0. total = (1 x 0.5 + 3 x 0.5 + 1 x 0)/5 x 100 = 40 -> C. */
    assert_float_equal(f.batch->agencies[0]->total, 40.0, EPS);
    assert_int_equal(f.gaps.count, 3);
    /* u2's I2 at 1: u2 = 1, total = (0.5 + 3 + 0)/5 x 100 = 70, gain 30;
     * the agency's I1 at 3, inherited by u1 and u3 (u2 answers for itself): u1 = 1,
     * u3 = 0.5, total = (1 + 1.5 + 0.5)/5 x 100 = 60, gain 20 — one gap, both units;
     * u3's missing I2 at 1: u3 = 0.5, total = (0.5 + 1.5 + 0.5)/5 x 100 = 50, gain 10. */
    fx_gap(&f, 0, "I2", "u2", 30.0);
    fx_gap(&f, 1, "I1", "", 20.0);
    fx_gap(&f, 2, "I2", "u3", 10.0);
    assert_true(isnan(f.gaps.items[2].value));
    /* next band B (50) needs 10: one indicator one level up suffices, u2's I2 (+30) or
     * u3's missing I2 (+10, exactly 50); the larger gain wins:
     * u2's I2, total 70. B is kuning: the next zone is the same. */
    assert_int_equal(f.gaps.next_band.n_raises, 1);
    assert_int_equal(f.gaps.next_band.raises[0].gap, 0);
    assert_float_equal(f.gaps.next_band.total, 70.0, EPS);
    assert_int_equal(f.gaps.next_zone.n_raises, 1);
    fx_done(&f);
}

/* ---- the limit on shortfalls (doc/robustness.md, "Memory") ------------------------- */

/* The same agency has 3 gaps (above); with max_gaps 2 its list is refused, with a message
 * naming the limit, nothing is kept, and its total is as scoring left it. */
static void shortfalls_over_the_limit(void **state)
{
    (void)state;
    fx f;
    fx_run(&f, one_section,
           "patuh: 1\nrubric: t\nagency: {id: a, name: A}\nanswers: {I1: 0}\n"
           "units:\n"
           "  - {id: u1, name: U1, answers: {I2: 1}}\n"
           "  - {id: u2, name: U2, weight: 3, answers: {I1: 3, I2: 0}}\n"
           "  - {id: u3, name: U3}\n");
    assert_int_equal(f.gaps.count, 3);
    patuh_gaps_release(&f.gaps);
    patuh_diags_release(&f.diags);
    patuh_diags_init(&f.diags);
    f.batch->limits.max_gaps = 3; /* at the limit: listed */
    assert_int_equal(patuh_gaps_compute(f.batch, f.batch->agencies[0], &f.gaps, &f.diags),
                     PATUH_OK);
    assert_int_equal(f.gaps.count, 3);
    patuh_gaps_release(&f.gaps);
    f.batch->limits.max_gaps = 2; /* one past it: refused */
    assert_int_equal(patuh_gaps_compute(f.batch, f.batch->agencies[0], &f.gaps, &f.diags),
                     PATUH_EINVALID);
    assert_int_equal(f.gaps.count, 0);
    assert_null(f.gaps.items);
    assert_int_equal(f.diags.count, 1);
    char line[256];
    patuh_diag_format(&f.diags.items[0], line, sizeof line);
    assert_string_equal(line, "patuh: error: agency 'a' has more shortfalls than the limit of 2 "
                              "a list of gaps holds, expected fewer units in one run");
    assert_float_equal(f.batch->agencies[0]->total, 40.0, EPS);
    fx_done(&f);
}

/* ---- gaps one agency at a time (patuh_gaps_write_each) ---------------------------- */

typedef struct counting_source {
    patuh_batch *batch;
    patuh_gaps current;
    size_t calls, fail_at; /* fail_at: the k whose gaps run out of memory (SIZE_MAX: none) */
    size_t asked[4];
} counting_source;

static patuh_status counting_next(void *ctx, size_t k, const patuh_gaps **out)
{
    counting_source *c = ctx;
    c->asked[c->calls++ % 4] = k;
    patuh_gaps_release(&c->current);
    *out = &c->current;
    if (k == c->fail_at)
        return PATUH_ENOMEM;
    return patuh_gaps_compute(c->batch, c->batch->agencies[k], &c->current, NULL);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return strdup(buf);
}

/* Two agencies: the JSON and CSV written one agency at a time equal those of the gaps
 * held at once, byte for byte; the source is asked for 0 then 1, once each. A source that
 * fails stops the write, and nothing is left at the path. */
static void gaps_one_agency_at_a_time(void **state)
{
    (void)state;
    fx f;
    fx_run(&f, one_section,
           "patuh: 1\nrubric: t\nagency: {id: a, name: A}\nanswers: {I1: 0, I2: 1}\n");
    static const char b_answers[] = "patuh: 1\nrubric: t\nagency: {id: b, name: B}\n"
                                    "answers: {I1: 2, I2: 0}\n";
    assert_int_equal(
        patuh_batch_add_buffer(f.batch, "b.yaml", b_answers, strlen(b_answers), &f.diags),
        PATUH_OK);
    assert_int_equal(patuh_batch_score(f.batch, &f.diags), PATUH_OK);
    patuh_gaps held[2] = {{0}};
    for (size_t k = 0; k < 2; k++)
        assert_int_equal(patuh_gaps_compute(f.batch, f.batch->agencies[k], &held[k], NULL),
                         PATUH_OK);
    char dir[] = "/tmp/patuh-gaps-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char a_path[64], b_path[64];
    const patuh_format formats[] = {PATUH_FMT_JSON, PATUH_FMT_CSV};
    for (size_t i = 0; i < 2; i++) {
        snprintf(a_path, sizeof a_path, "%s/held", dir);
        snprintf(b_path, sizeof b_path, "%s/each", dir);
        assert_int_equal(patuh_gaps_write(f.batch, held, 2, formats[i], a_path, NULL, &f.diags),
                         PATUH_OK);
        counting_source c = {.batch = f.batch, .fail_at = SIZE_MAX};
        assert_int_equal(patuh_gaps_write_each(f.batch, 2, counting_next, &c, formats[i], b_path,
                                               NULL, &f.diags),
                         PATUH_OK);
        patuh_gaps_release(&c.current);
        assert_int_equal(c.calls, 2);
        assert_int_equal(c.asked[0], 0);
        assert_int_equal(c.asked[1], 1);
        char *held_text = slurp(a_path), *each_text = slurp(b_path);
        assert_string_equal(each_text, held_text);
        assert_non_null(strstr(each_text, "I1")); /* a's and b's shortfalls are there */
        free(held_text);
        free(each_text);
        remove(a_path);
        remove(b_path);
    }
    counting_source c = {.batch = f.batch, .fail_at = 1};
    assert_int_equal(patuh_gaps_write_each(f.batch, 2, counting_next, &c, PATUH_FMT_JSON, b_path,
                                           NULL, &f.diags),
                     PATUH_ENOMEM);
    patuh_gaps_release(&c.current);
    assert_int_equal(access(b_path, F_OK), -1); /* no partial report */
    assert_int_equal(patuh_gaps_write_each(f.batch, 2, counting_next, &c, PATUH_FMT_XLSX, b_path,
                                           NULL, &f.diags),
                     PATUH_EARG);
    rmdir(dir);
    for (size_t k = 0; k < 2; k++)
        patuh_gaps_release(&held[k]);
    fx_done(&f);
}

/* ---- explain -------------------------------------------------------------------- */

static const char na_rubric[] = HEAD BANDS3 SCALES
    "sections:\n"
    "  - id: S1\n    title: Satu\n    weight: 1\n    indicators:\n" IND(
        "I1", "s03", "1") "  - id: S2\n    title: Dua\n    weight: 3\n    indicators:\n"
                          "      - {id: I2, text: t, scale: s03, na: true}\n";

static void explain_adds_up(void **state)
{
    (void)state;
    fx f;
    fx_run(&f, na_rubric,
           "patuh: 1\nrubric: t\nagency: {id: a, name: A}\n"
           "units:\n"
           "  - {id: u1, name: U1, answers: {I1: 3, I2: {value: na, note: tidak ada}}}\n"
           "  - {id: u2, name: U2, answers: {I1: 0, I2: 3}}\n");
    /* u1: S1 = 1, S2 drops -> root 1; u2: S1 = 0, S2 = 1 -> root 3/4.
     * total = (1 + 0.75)/2 x 100 = 87.5. Agency S1 = (1 + 0)/2 -> 50, S2 = 1 -> 100. */
    patuh_explain_row *rows = NULL;
    size_t n = 0;
    assert_int_equal(patuh_explain(f.batch, f.batch->agencies[0], &rows, &n, &f.diags), PATUH_OK);
    assert_int_equal(n, 2);
    assert_float_equal(rows[0].score, 50.0, EPS);
    assert_float_equal(rows[1].score, 100.0, EPS);
    assert_float_equal(rows[0].share, 0.25, EPS);
    assert_float_equal(rows[1].share, 0.75, EPS);
    /* contributions per unit, then the unit mean: S1 = (1 x 1/1 + 0 x 1/4)/2 = 0.5 -> 50;
     * S2 = (0 + 3 x 1/4)/2 = 0.375 -> 37.5; 50 + 37.5 = 87.5, the total. The nominal
     * share x score (12.5 and 75) would not say where the points came from. */
    assert_float_equal(rows[0].contribution, 50.0, EPS);
    assert_float_equal(rows[1].contribution, 37.5, EPS);
    assert_float_equal(rows[0].contribution + rows[1].contribution, f.batch->agencies[0]->total,
                       EPS);
    free(rows);
    fx_done(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gains_order_and_paths),     cmocka_unit_test(critical_cap_decides),
        cmocka_unit_test(critical_cap_alone),        cmocka_unit_test(no_fix_list_suffices),
        cmocka_unit_test(top_band_has_no_target),    cmocka_unit_test(inherited_and_missing),
        cmocka_unit_test(explain_adds_up),           cmocka_unit_test(shortfalls_over_the_limit),
        cmocka_unit_test(gaps_one_agency_at_a_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
