/* gaps_path.c — the paths of `patuh gaps` to the next band and the next zone
 * (doc/scoring.md §9.4): the smallest set of level raises that reaches a target band, fewest
 * answers raised first, then fewest level steps, with every failed critical answer at full
 * marks first when the critical cap stands in the way. Raising answers changes no drop-out,
 * so the total moves by the sum of the raises' gains (§9.2): the search runs on the gains,
 * and scoring the agency again with the raises in place confirms the band. */
#include "calc/calc.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Cells of the exact search (answers x raised answers x level steps); above it, the fewest
 * steps come from lowering raises one step at a time while the target stays reached. */
#define PATH_EXACT_CELLS 2000000u

typedef struct path_ctx {
    const patuh_rubric *rubric;
    patuh_agency *agency;
    const patuh_gaps *g;
    patuh_gap_path *p;
    patuh_diags *scratch;
    size_t *cand; /* gaps that may be raised (not forced), largest full gain first */
    size_t n_cand;
    size_t *chosen; /* per candidate: steps index + 1 when raised, 0 when not */
    double need;    /* what the candidates' gains must add up to */
} path_ctx;

/* ---- the target as a total -------------------------------------------------------- */

/* Whether an unrounded total lands in the target band or better, before the cap. */
static bool path_total_reaches(const patuh_rubric *rubric, size_t target, double total)
{
    return patuh_rubric_band(rubric, patuh_round(total, rubric->decimals)) <= target;
}

/* The smallest unrounded total that rounds into the target band: bisection between a total
 * one point below the band's minimum (which falls short) and the minimum (which reaches). */
static double path_threshold(const patuh_rubric *rubric, size_t target)
{
    double hi = rubric->bands[target].min, lo = hi - 1;
    for (int i = 0; i < 80 && lo < hi; i++) {
        double mid = lo + (hi - lo) / 2;
        if (mid <= lo || mid >= hi)
            break;
        if (path_total_reaches(rubric, target, mid))
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

/* ---- raises ------------------------------------------------------------------------ */

/* Whether the critical cap keeps the agency below the target while a critical answer is
 * below full marks: then every failed critical answer must reach full marks. */
static bool path_forced(const path_ctx *c, const patuh_gap *gap)
{
    return gap->critical && c->rubric->critical_cap != SIZE_MAX &&
           c->p->target < c->rubric->critical_cap && gap->n_steps > 0;
}

static double path_full_gain(const patuh_gap *gap)
{
    return gap->n_steps ? gap->steps[gap->n_steps - 1].gain : 0;
}

typedef struct path_order {
    double gain;
    size_t gap;
} path_order;

/* Order of candidates: largest full gain first, then the order of the gaps. */
static int path_order_cmp(const void *pa, const void *pb)
{
    const path_order *a = pa, *b = pb;
    if (a->gain != b->gain)
        return a->gain > b->gain ? -1 : 1;
    return a->gap < b->gap ? -1 : a->gap > b->gap;
}

/* The candidates, largest full gain first, and the forced raises' gain. */
static double path_candidates(path_ctx *c, path_order *order)
{
    double forced = 0;
    c->n_cand = 0;
    for (size_t i = 0; i < c->g->count; i++) {
        const patuh_gap *gap = &c->g->items[i];
        if (path_forced(c, gap))
            forced += path_full_gain(gap);
        else if (gap->n_steps > 0 && path_full_gain(gap) > 0)
            order[c->n_cand++] = (path_order){path_full_gain(gap), i};
    }
    qsort(order, c->n_cand, sizeof *order, path_order_cmp);
    for (size_t k = 0; k < c->n_cand; k++)
        c->cand[k] = order[k].gap;
    return forced;
}

/* The fewest candidates that can reach the need at full marks; SIZE_MAX when all fall
 * short. The largest gains first give the fewest. */
static size_t path_fewest(const path_ctx *c)
{
    double sum = 0;
    if (c->need <= 0)
        return 0;
    for (size_t k = 0; k < c->n_cand; k++) {
        sum += path_full_gain(&c->g->items[c->cand[k]]);
        if (sum >= c->need)
            return k + 1;
    }
    return SIZE_MAX;
}

static const patuh_gap_step *path_step(const path_ctx *c, size_t k, size_t option)
{
    return &c->g->items[c->cand[k]].steps[option];
}

/* Fewest level steps with exactly n of the first m candidates, by dynamic programming over
 * (raised answers, level steps) -> largest gain; false when the table would be too big. */
static bool path_exact(path_ctx *c, size_t n, size_t m)
{
    size_t t_max = 0;
    for (size_t k = 0; k < n; k++)
        t_max += path_step(c, k, c->g->items[c->cand[k]].n_steps - 1)->steps;
    size_t width = (n + 1) * (t_max + 1);
    if (m == 0 || width > PATH_EXACT_CELLS / m)
        return false;
    double *best = malloc(width * sizeof *best);
    uint16_t *took = calloc(m * width, sizeof *took);
    bool ok = best && took;
    for (size_t i = 0; ok && i < width; i++)
        best[i] = -INFINITY;
    if (ok)
        best[0] = 0;
    for (size_t k = 0; ok && k < m; k++) {
        const patuh_gap *gap = &c->g->items[c->cand[k]];
        uint16_t *dec = took + k * width;
        for (size_t j = n; j-- > 0;)
            for (size_t t = t_max + 1; t-- > 0;) {
                double from = best[j * (t_max + 1) + t];
                for (size_t o = 0; from > -INFINITY && o < gap->n_steps && o < UINT16_MAX; o++) {
                    size_t to_t = t + gap->steps[o].steps;
                    if (to_t > t_max)
                        break;
                    size_t to = (j + 1) * (t_max + 1) + to_t;
                    if (from + gap->steps[o].gain > best[to]) {
                        best[to] = from + gap->steps[o].gain;
                        dec[to] = (uint16_t)(o + 1);
                    }
                }
            }
    }
    size_t t = 0;
    while (ok && t <= t_max && !(best[n * (t_max + 1) + t] >= c->need))
        t++;
    ok = ok && t <= t_max;
    /* walk back: the last candidate that set a cell is the one that holds it */
    for (size_t k = m, j = n; ok && k-- > 0 && j > 0;) {
        uint16_t o = took[k * width + j * (t_max + 1) + t];
        if (!o)
            continue;
        c->chosen[k] = o;
        t -= c->g->items[c->cand[k]].steps[o - 1].steps;
        j--;
    }
    free(best);
    free(took);
    return ok;
}

/* When the exact table is too big: the n largest at full marks, then lower one raise by one
 * step at a time, the one losing the least gain, while the need stays met. */
static void path_lower(path_ctx *c, size_t n)
{
    double sum = 0;
    for (size_t k = 0; k < n; k++) {
        c->chosen[k] = c->g->items[c->cand[k]].n_steps;
        sum += path_full_gain(&c->g->items[c->cand[k]]);
    }
    for (;;) {
        size_t pick = SIZE_MAX;
        double loss = INFINITY;
        for (size_t k = 0; k < n; k++) {
            if (c->chosen[k] < 2)
                continue;
            const patuh_gap_step *now = path_step(c, k, c->chosen[k] - 1);
            double l = now->gain - path_step(c, k, c->chosen[k] - 2)->gain;
            if (l < loss && sum - l >= c->need) {
                loss = l;
                pick = k;
            }
        }
        if (pick == SIZE_MAX)
            return;
        c->chosen[pick]--;
        sum -= loss;
    }
}

/* ---- the path ---------------------------------------------------------------------- */

static int path_raise_cmp(const void *pa, const void *pb)
{
    const patuh_gap_raise *a = pa, *b = pb;
    return a->gap < b->gap ? -1 : a->gap > b->gap;
}

/* Fills p->raises: the forced ones at full marks and the chosen candidates. */
static patuh_status path_collect(path_ctx *c)
{
    patuh_gap_path *p = c->p;
    free(p->raises);
    p->raises = malloc((c->g->count ? c->g->count : 1) * sizeof *p->raises);
    if (!p->raises)
        return PATUH_ENOMEM;
    p->n_raises = 0;
    p->steps = 0;
    for (size_t i = 0; i < c->g->count; i++)
        if (path_forced(c, &c->g->items[i]))
            p->raises[p->n_raises++] = (patuh_gap_raise){i, c->g->items[i].n_steps - 1};
    for (size_t k = 0; k < c->n_cand; k++)
        if (c->chosen[k])
            p->raises[p->n_raises++] = (patuh_gap_raise){c->cand[k], c->chosen[k] - 1};
    qsort(p->raises, p->n_raises, sizeof *p->raises, path_raise_cmp);
    for (size_t i = 0; i < p->n_raises; i++)
        p->steps += c->g->items[p->raises[i].gap].steps[p->raises[i].step].steps;
    p->capped = p->n_raises > 0 && path_forced(c, &c->g->items[p->raises[0].gap]);
    return PATUH_OK;
}

static score_override path_override(const patuh_gap *gap, size_t step)
{
    score_override ov = {.unit = gap->unit, .ind = gap->indicator->ind_index};
    ov.answer.state = ANSWER_VALUE;
    ov.answer.evidence = true;
    ov.answer.value = gap->steps[step].value;
    return ov;
}

/* Scores the agency again with the given raises (or every gap at full marks when raises is
 * NULL) and records the total and band they give. */
static patuh_status path_rescore(path_ctx *c, const patuh_gap_raise *raises, size_t n)
{
    score_override *ov = malloc((c->g->count ? c->g->count : 1) * sizeof *ov);
    if (!ov)
        return PATUH_ENOMEM;
    size_t count = 0;
    for (size_t i = 0; raises && i < n; i++)
        ov[count++] = path_override(&c->g->items[raises[i].gap], raises[i].step);
    for (size_t i = 0; !raises && i < c->g->count; i++)
        if (c->g->items[i].n_steps > 0)
            ov[count++] = path_override(&c->g->items[i], c->g->items[i].n_steps - 1);
    score_override_sort(ov, count);
    patuh_status st = score_agency_override(c->rubric, c->agency, ov, count, c->scratch);
    free(ov);
    c->p->total = c->agency->total;
    c->p->band = c->agency->band;
    return st;
}

/* Chooses the raises for the current need; false when no set reaches it. */
static bool path_choose(path_ctx *c)
{
    size_t n = path_fewest(c);
    memset(c->chosen, 0, (c->n_cand ? c->n_cand : 1) * sizeof *c->chosen);
    if (n == SIZE_MAX)
        return false;
    if (n > 0 && !path_exact(c, n, c->n_cand))
        path_lower(c, n);
    return true;
}

/* The path to p->target, confirmed by scoring again. Should rounding noise make the sum of
 * gains promise what scoring does not give, the need is raised a hair and chosen again. */
static patuh_status path_find(path_ctx *c, double base, path_order *order)
{
    patuh_gap_path *p = c->p;
    double forced = path_candidates(c, order);
    double threshold = path_threshold(c->rubric, p->target);
    c->need = threshold - base - forced;
    for (int attempt = 0; attempt < 4; attempt++) {
        if (!path_choose(c))
            break;
        patuh_status st = path_collect(c);
        if (st == PATUH_OK)
            st = path_rescore(c, p->raises, p->n_raises);
        if (st != PATUH_OK)
            return st;
        if (p->band <= p->target && !isnan(p->total)) {
            p->reachable = true;
            return PATUH_OK;
        }
        c->need += 1e-9 * fmax(1.0, fabs(threshold));
    }
    p->n_raises = 0;
    p->steps = 0;
    p->capped = false;
    return path_rescore(c, NULL, 0);
}

/* The lowest band in a better zone than band b's; SIZE_MAX when b's zone is the best. */
static size_t path_zone_target(const patuh_rubric *rubric, size_t b)
{
    for (size_t k = b; k-- > 0;)
        if (rubric->bands[k].zone != rubric->bands[b].zone)
            return k;
    return SIZE_MAX;
}

static void path_init(patuh_gap_path *p, size_t target)
{
    *p = (patuh_gap_path){.target = target, .total = NAN, .band = SIZE_MAX};
}

patuh_status gaps_paths(const patuh_rubric *rubric, patuh_agency *agency, patuh_gaps *g,
                        patuh_diags *scratch)
{
    size_t band = agency->band;
    double base = agency->total;
    bool scored = !isnan(base) && band < rubric->n_bands;
    path_init(&g->next_band, scored && band > 0 ? band - 1 : SIZE_MAX);
    path_init(&g->next_zone, scored ? path_zone_target(rubric, band) : SIZE_MAX);
    if (g->count == 0)
        return PATUH_OK;
    path_ctx c = {.rubric = rubric, .agency = agency, .g = g, .scratch = scratch};
    c.cand = malloc(g->count * sizeof *c.cand);
    c.chosen = malloc(g->count * sizeof *c.chosen);
    path_order *order = malloc(g->count * sizeof *order);
    patuh_status st = c.cand && c.chosen && order ? PATUH_OK : PATUH_ENOMEM;
    patuh_gap_path *paths[] = {&g->next_band, &g->next_zone};
    for (size_t i = 0; i < 2 && st == PATUH_OK; i++) {
        c.p = paths[i];
        if (c.p->target != SIZE_MAX)
            st = path_find(&c, base, order);
    }
    free(order);
    free(c.cand);
    free(c.chosen);
    return st;
}
