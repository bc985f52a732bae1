/* gaps.c — what an agency should fix first (doc/scoring.md §9): every applicable answer
 * below full marks with the exact rise of the total for each level it can be raised to
 * (from the weights, in one pass); the paths to the next band and zone (gaps_path.c); and
 * the section-by-section explanation of a total. */
#include "calc/calc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define GAPS_EPS 1e-9

typedef struct gaps_ctx {
    const patuh_rubric *rubric;
    patuh_agency *agency;
    patuh_diags scratch; /* missing-answer warnings of every re-scoring, thrown away */
    patuh_gaps *out;
    size_t *order;  /* per gap: the unit's pre-order position, for ties */
    size_t n_units; /* units seen so far in pre-order */
    size_t max;     /* shortfalls the agency may list (batch limits, max_gaps) */
    bool over;      /* it has more */
} gaps_ctx;

/* ---- finding the gaps ------------------------------------------------------------- */

static bool gaps_applies(const patuh_rubric *rubric, const patuh_agency *a, const patuh_node *node)
{
    if (rubric->n_groups == 0 || a->group < 0 || a->group >= PATUH_MAX_GROUPS)
        return true;
    return (node->applies >> a->group) & 1;
}

/* Whether some leaf at or below u takes its answer for ind from u. */
static bool gaps_used(const patuh_unit *u, size_t ind)
{
    if (u->n_units == 0)
        return true;
    for (size_t i = 0; i < u->n_units; i++)
        if (!answer_given(u->units[i], ind) && gaps_used(u->units[i], ind))
            return true;
    return false;
}

/* Whether no unit from u up answers ind: a leaf's missing answer. */
static bool gaps_missing(const patuh_unit *u, size_t ind)
{
    for (; u; u = u->parent)
        if (answer_given(u, ind))
            return false;
    return true;
}

static patuh_status gaps_push(gaps_ctx *c, const patuh_unit *u, const patuh_node *node,
                              double value)
{
    patuh_gaps *g = c->out;
    if (g->count >= c->max) {
        c->over = true; /* reported by patuh_gaps_compute */
        return PATUH_EINVALID;
    }
    patuh_gap *items = array_room(g->items, g->count, sizeof *items);
    if (items)
        g->items = items;
    size_t *order = array_room(c->order, g->count, sizeof *order);
    if (order)
        c->order = order;
    if (!items || !order)
        return PATUH_ENOMEM;
    g->items[g->count] =
        (patuh_gap){.indicator = node, .unit = u, .value = value, .critical = node->critical};
    c->order[g->count++] = c->n_units;
    return PATUH_OK;
}

/* The gaps a unit holds: its own answers below full marks that some leaf uses, and for a
 * leaf the applicable indicators nobody answers. */
static patuh_status gaps_unit(gaps_ctx *c, const patuh_unit *u)
{
    const patuh_rubric *rubric = c->rubric;
    for (size_t i = 0; i < rubric->n_indicators; i++) {
        const patuh_node *node = rubric->indicators[i];
        if (!gaps_applies(rubric, c->agency, node))
            continue;
        patuh_status st = PATUH_OK;
        if (answer_given(u, i)) {
            answer_value ans = answer_get(c->agency, u, i);
            if (ans.state == ANSWER_VALUE && scale_score(node->scale, ans.value) < 1 &&
                gaps_used(u, i))
                st = gaps_push(c, u, node, ans.value);
        } else if (u->n_units == 0 && gaps_missing(u, i)) {
            st = gaps_push(c, u, node, NAN);
        }
        if (st != PATUH_OK)
            return st;
    }
    c->n_units++;
    for (size_t i = 0; i < u->n_units; i++) {
        patuh_status st = gaps_unit(c, u->units[i]);
        if (st != PATUH_OK)
            return st;
    }
    return PATUH_OK;
}

/* ---- gains ------------------------------------------------------------------------ */

/* Raising one answer to full marks changes no drop-out, so the total moves linearly with
 * its score: gain = max x (1 - s) x the sum, over the leaves that take the answer, of the
 * leaf's weight in the total (its unit weight over the weights of its siblings that did not
 * drop out, down from the agency) times the indicator's weight in the leaf (the same along
 * its sections). One scoring pass gives every gain, where scoring the agency again per gap
 * took time growing with the square of its size. */

/* The units from the agency down to the one being visited, and what the walk adds up. */
typedef struct gaps_walk {
    const patuh_unit **unit; /* score_unit_depth() of them */
    size_t *index;           /* their pre-order positions, as gaps_unit counts */
    size_t depth, next;      /* units on the path; positions handed out */
    double *coef;            /* per (unit position, indicator): d total / d score, on 0..1 */
    double *full;            /* a leaf's node scores */
    double *share;           /* d leaf total / d node, per node */
} gaps_walk;

/* How much each node of a leaf weighs in the leaf's total: 1 for the root, down through
 * each section the child's weight over the weights of the children that did not drop out.
 * rubric->nodes is in pre-order, so a section comes before its children. */
/* Whether a section scores 0 at a leaf for want of responses (doc/scoring.md §16): then
 * nothing below it moves the total. */
static bool gaps_too_few(const patuh_unit *leaf, const patuh_node *node)
{
    if (!node->min_responses)
        return false;
    long have = patuh_unit_responses(leaf, node);
    return have < 0 || (size_t)have < node->min_responses;
}

static void gaps_node_shares(const patuh_rubric *rubric, const patuh_unit *leaf, const double *full,
                             double *share)
{
    for (size_t k = 0; k < rubric->n_nodes; k++)
        share[k] = 0;
    if (!rubric->root || isnan(full[rubric->root->index]))
        return;
    share[rubric->root->index] = 1;
    /* a penalty takes weight x (1 - p) points off the total (doc/scoring.md §15), so on the
     * 0..1 scale of the root its score weighs weight / max */
    for (size_t i = 0; i < rubric->n_penalties; i++) {
        const patuh_node *pen = rubric->penalties[i];
        if (!isnan(full[pen->index]))
            share[pen->index] = pen->weight / rubric->max;
    }
    for (size_t k = 0; k < rubric->n_nodes; k++) {
        const patuh_node *node = rubric->nodes[k];
        double weights = 0;
        if (gaps_too_few(leaf, node))
            continue; /* its children's shares stay 0 */
        for (size_t i = 0; i < node->n_children; i++)
            if (!isnan(full[node->children[i]->index]))
                weights += node->children[i]->weight;
        for (size_t i = 0; i < node->n_children && weights > 0; i++) {
            const patuh_node *child = node->children[i];
            if (!isnan(full[child->index]))
                share[child->index] = share[k] * child->weight / weights;
        }
    }
}

/* Adds a leaf's weights to the units whose answers it takes: for each indicator the
 * nearest unit on the path that answers it, else the leaf itself (a missing answer). */
static patuh_status gaps_leaf(gaps_ctx *c, gaps_walk *w, patuh_unit *leaf, double weight)
{
    const patuh_rubric *rubric = c->rubric;
    patuh_status st = score_leaf_nodes(rubric, c->agency, leaf, w->full, &c->scratch);
    if (st != PATUH_OK)
        return st;
    gaps_node_shares(rubric, leaf, w->full, w->share);
    for (size_t j = 0; j < rubric->n_indicators; j++) {
        double d = w->share[rubric->indicators[j]->index];
        if (d <= 0)
            continue;
        size_t k = w->depth - 1;
        while (k > 0 && !answer_given(w->unit[k], j))
            k--;
        if (!answer_given(w->unit[k], j))
            k = w->depth - 1;
        w->coef[w->index[k] * rubric->n_indicators + j] += weight * d;
    }
    return PATUH_OK;
}

/* Visits u (weight: its share of the agency total) and the units below it in pre-order. */
static patuh_status gaps_weigh(gaps_ctx *c, gaps_walk *w, patuh_unit *u, double weight)
{
    w->unit[w->depth] = u;
    w->index[w->depth++] = w->next++;
    patuh_status st = PATUH_OK;
    if (u->n_units == 0)
        st = gaps_leaf(c, w, u, weight);
    double weights = 0;
    for (size_t i = 0; i < u->n_units; i++)
        if (!isnan(patuh_unit_score(c->rubric, u->units[i], c->rubric->root)))
            weights += u->units[i]->weight;
    for (size_t i = 0; i < u->n_units && st == PATUH_OK; i++) {
        patuh_unit *sub = u->units[i];
        bool counts = weights > 0 && !isnan(patuh_unit_score(c->rubric, sub, c->rubric->root));
        st = gaps_weigh(c, w, sub, counts ? weight * sub->weight / weights : 0);
    }
    w->depth--;
    return st;
}

/* The next level value above `above` on a list scale; NAN when there is none. */
static double gaps_next_level(const patuh_scale *scale, double above, const char **label)
{
    double best = NAN;
    for (size_t i = 0; i < scale->n_levels; i++) {
        double v = scale->levels[i].value;
        if (v > above && (isnan(best) || v < best)) {
            best = v;
            *label = scale->levels[i].label;
        }
    }
    return best;
}

/* Every gap's steps, in gap order, while the gains are computed: each gap's steps are made
 * in `scratch`, then appended here; the gaps point into it once it has stopped growing. */
typedef struct step_pool {
    patuh_gap_step *scratch, *items;
    size_t scratch_cap, n, cap;
} step_pool;

static bool pool_room(patuh_gap_step **arr, size_t *cap, size_t need)
{
    if (need <= *cap)
        return true;
    size_t grown = *cap ? *cap : 64;
    while (grown < need)
        grown *= 2;
    patuh_gap_step *bigger = realloc(*arr, grown * sizeof *bigger);
    if (!bigger)
        return false;
    *arr = bigger;
    *cap = grown;
    return true;
}

/* Appends a step to v (label may be NULL) if it scores more than the answer does now. */
static void gaps_step_add(const patuh_rubric *rubric, patuh_gap *gap, double coef, double v,
                          const char *label)
{
    const patuh_scale *scale = gap->indicator->scale;
    double s = isnan(gap->value) ? 0 : scale_score(scale, gap->value);
    double rise = scale_score(scale, v) - s;
    if (rise <= 0)
        return;
    double gain = rubric->max * rise * coef;
    gap->steps[gap->n_steps] = (patuh_gap_step){.value = v,
                                                .label = label,
                                                .steps = (unsigned)gap->n_steps + 1,
                                                .gain = isnan(gain) || gain < 0 ? 0 : gain};
    gap->n_steps++;
}

/* The levels a gap's answer can be raised to, lowest first (doc/scoring.md §9.2): every
 * higher level of a list scale, one more item at a time up to `need` on a checklist, the
 * target of a number scale. coef: d total / d score of the answer, on 0..1. */
static patuh_status gaps_steps(const patuh_rubric *rubric, patuh_gap *gap, double coef,
                               step_pool *pool)
{
    const patuh_scale *scale = gap->indicator->scale;
    size_t cap = scale->kind == PATUH_SCALE_LIST        ? scale->n_levels
                 : scale->kind == PATUH_SCALE_CHECKLIST ? scale->need
                                                        : 1;
    if (!pool_room(&pool->scratch, &pool->scratch_cap, cap ? cap : 1))
        return PATUH_ENOMEM;
    gap->steps = pool->scratch;
    double from = isnan(gap->value) ? -INFINITY : gap->value;
    if (scale->kind == PATUH_SCALE_LIST) {
        const char *label = NULL;
        for (double v = gaps_next_level(scale, from, &label); !isnan(v);
             v = gaps_next_level(scale, v, &label))
            gaps_step_add(rubric, gap, coef, v, label);
    } else if (scale->kind == PATUH_SCALE_CHECKLIST) {
        double first = isnan(gap->value) ? 1 : floor(gap->value) + 1;
        for (double v = first; v <= (double)scale->need; v++)
            gaps_step_add(rubric, gap, coef, v, NULL);
    } else {
        gaps_step_add(rubric, gap, coef, scale->target, NULL);
    }
    if (!pool_room(&pool->items, &pool->cap, pool->n + gap->n_steps)) {
        gap->steps = NULL;
        gap->n_steps = 0; /* the pool holds none of them */
        return PATUH_ENOMEM;
    }
    if (gap->n_steps)
        memcpy(pool->items + pool->n, gap->steps, gap->n_steps * sizeof *gap->steps);
    pool->n += gap->n_steps;
    gap->steps = NULL; /* into the pool once it has stopped moving (gaps_pool_done) */
    return PATUH_OK;
}

/* The pool cut to its size and handed to the gaps, each pointed at its steps. */
static void gaps_pool_done(patuh_gaps *g, step_pool *pool)
{
    patuh_gap_step *fit = pool->n ? realloc(pool->items, pool->n * sizeof *fit) : NULL;
    if (fit || !pool->n) {
        free(pool->n ? NULL : pool->items);
        pool->items = fit;
    }
    g->step_pool = pool->items;
    for (size_t i = 0, at = 0; i < g->count; at += g->items[i++].n_steps)
        g->items[i].steps = pool->items ? pool->items + at : NULL;
}

/* Each gap's gain: the total with that one answer at full marks, minus the total now; and
 * the same for each level below full marks. */
static patuh_status gaps_gains(gaps_ctx *c)
{
    const patuh_rubric *rubric = c->rubric;
    size_t nodes = rubric->n_nodes ? rubric->n_nodes : 1, n_ind = rubric->n_indicators;
    size_t depth = score_unit_depth(&c->agency->root);
    gaps_walk w = {.unit = malloc(depth * sizeof *w.unit),
                   .index = malloc(depth * sizeof *w.index),
                   .coef = calloc(c->n_units * n_ind + 1, sizeof *w.coef),
                   .full = malloc(nodes * sizeof *w.full),
                   .share = malloc(nodes * sizeof *w.share)};
    patuh_status st = w.unit && w.index && w.coef && w.full && w.share
                          ? gaps_weigh(c, &w, &c->agency->root, 1)
                          : PATUH_ENOMEM;
    step_pool pool = {0};
    for (size_t i = 0; st == PATUH_OK && i < c->out->count; i++) {
        patuh_gap *gap = &c->out->items[i];
        const patuh_node *ind = gap->indicator;
        double s = isnan(gap->value) ? 0 : scale_score(ind->scale, gap->value);
        double coef = w.coef[c->order[i] * n_ind + ind->ind_index];
        double gain = rubric->max * (1 - s) * coef;
        gap->gain = isnan(gain) || gain < 0 ? 0 : gain;
        st = gaps_steps(rubric, gap, coef, &pool);
    }
    gaps_pool_done(c->out, &pool); /* also on failure: patuh_gaps_release frees it */
    free(pool.scratch);
    free(w.unit);
    free(w.index);
    free(w.coef);
    free(w.full);
    free(w.share);
    return st;
}

/* ---- too few responses (doc/scoring.md §16) -------------------------------------- */

static int gaps_cmp_responses(const void *pa, const void *pb)
{
    const patuh_gap_responses *a = pa, *b = pb;
    if (a->gain != b->gain)
        return a->gain > b->gain ? -1 : 1;
    int c = strcmp(a->unit->path, b->unit->path);
    return c ? c
             : (a->section->index > b->section->index) - (a->section->index < b->section->index);
}

/* One shortfall of responses: the total with the leaf's section at its minimum, minus now. */
static patuh_status gaps_response_one(gaps_ctx *c, const patuh_unit *leaf,
                                      const patuh_node *section)
{
    double now = c->agency->total;
    score_met met = {.unit = leaf, .section = section};
    patuh_status st = score_agency_met(c->rubric, c->agency, &met, &c->scratch);
    double gain = c->agency->total - now;
    if (st != PATUH_OK || isnan(gain) || gain <= 0)
        return st; /* the section drops out there, or its answers score 0 anyway */
    patuh_gaps *g = c->out;
    patuh_gap_responses *items = array_room(g->responses, g->n_responses, sizeof *items);
    if (!items)
        return PATUH_ENOMEM;
    g->responses = items;
    g->responses[g->n_responses++] =
        (patuh_gap_responses){.section = section,
                              .unit = leaf,
                              .have = patuh_unit_responses(leaf, section),
                              .need = section->min_responses,
                              .gain = gain};
    return PATUH_OK;
}

/* Every leaf below u with too few responses for a section with min_responses. */
static patuh_status gaps_responses_walk(gaps_ctx *c, const patuh_unit *u)
{
    for (size_t i = 0; i < u->n_units; i++) {
        patuh_status st = gaps_responses_walk(c, u->units[i]);
        if (st != PATUH_OK)
            return st;
    }
    for (size_t k = 0; u->n_units == 0 && k < c->rubric->n_counted; k++) {
        const patuh_node *section = c->rubric->counted[k];
        if (!gaps_too_few(u, section))
            continue;
        patuh_status st = score_agency_override(c->rubric, c->agency, NULL, 0, &c->scratch);
        if (st == PATUH_OK)
            st = gaps_response_one(c, u, section);
        if (st != PATUH_OK)
            return st;
    }
    return PATUH_OK;
}

static patuh_status gaps_responses(gaps_ctx *c)
{
    if (c->rubric->n_counted == 0)
        return PATUH_OK;
    patuh_status st = gaps_responses_walk(c, &c->agency->root);
    if (st == PATUH_OK && c->out->n_responses > 1)
        qsort(c->out->responses, c->out->n_responses, sizeof *c->out->responses,
              gaps_cmp_responses);
    return st;
}

/* ---- order ------------------------------------------------------------------------ */

/* What a gap is sorted by, and where it was: 32 bytes, where sorting the gaps themselves
 * moved 64 per gap, twice (qsort's own copy). */
typedef struct gaps_key {
    double gain;
    size_t order; /* the unit's pre-order position */
    size_t index; /* the gap's place before sorting */
    size_t ind;   /* the indicator's place in the rubric */
    bool critical;
} gaps_key;

static int gaps_cmp(const void *pa, const void *pb)
{
    const gaps_key *a = pa, *b = pb;
    if (a->critical != b->critical)
        return a->critical ? -1 : 1;
    double tol = GAPS_EPS * fmax(1.0, fmax(fabs(a->gain), fabs(b->gain)));
    if (fabs(a->gain - b->gain) > tol)
        return a->gain > b->gain ? -1 : 1;
    if (a->ind != b->ind)
        return a->ind < b->ind ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

/* Puts items[keys[j].index] at j for every j, following each cycle of the permutation. */
static void gaps_permute(patuh_gap *items, gaps_key *keys, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (keys[i].index == i)
            continue; /* in place, or placed by an earlier cycle */
        patuh_gap held = items[i];
        for (size_t j = i;;) {
            size_t from = keys[j].index;
            keys[j].index = j;
            if (from == i) {
                items[j] = held;
                break;
            }
            items[j] = items[from];
            j = from;
        }
    }
}

static patuh_status gaps_sort(gaps_ctx *c)
{
    size_t n = c->out->count;
    if (n < 2)
        return PATUH_OK;
    gaps_key *keys = malloc(n * sizeof *keys);
    if (!keys)
        return PATUH_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const patuh_gap *g = &c->out->items[i];
        keys[i] = (gaps_key){.gain = g->gain,
                             .order = c->order[i],
                             .index = i,
                             .ind = g->indicator->ind_index,
                             .critical = g->critical};
    }
    qsort(keys, n, sizeof *keys, gaps_cmp);
    gaps_permute(c->out->items, keys, n);
    free(keys);
    return PATUH_OK;
}

/* ---- public ----------------------------------------------------------------------- */

static patuh_status gaps_run(gaps_ctx *c)
{
    patuh_status st = gaps_unit(c, &c->agency->root);
    if (st == PATUH_OK)
        st = gaps_gains(c);
    if (st == PATUH_OK)
        st = gaps_sort(c);
    if (st == PATUH_OK)
        st = gaps_responses(c);
    if (st == PATUH_OK)
        st = score_agency_override(c->rubric, c->agency, NULL, 0, &c->scratch);
    if (st == PATUH_OK)
        st = gaps_paths(c->rubric, c->agency, c->out, &c->scratch);
    return st;
}

patuh_status patuh_gaps_compute(patuh_batch *batch, patuh_agency *agency, patuh_gaps *out,
                                patuh_diags *diags)
{
    if (!batch || !agency || !out || !batch->scored) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, NULL, 0, 0,
                        "cannot list gaps without a scored batch and an agency");
        return PATUH_EARG;
    }
    memset(out, 0, sizeof *out);
    out->agency = agency;
    if (agency->assessment == PATUH_NOT_ASSESSED) { /* nothing to fix yet: no answers */
        out->next_band.target = out->next_zone.target = SIZE_MAX;
        return PATUH_OK;
    }
    gaps_ctx c = {
        .rubric = batch->rubric, .agency = agency, .out = out, .max = batch->limits.max_gaps};
    patuh_diags_init(&c.scratch);
    c.scratch.max = 1;
    patuh_status st = gaps_run(&c);
    if (c.over) /* memory grows with the shortfalls: bounded (doc/robustness.md, "Memory") */
        patuh_diags_add(diags, PATUH_SEV_ERROR, NULL, 0, 0,
                        "agency '%s' has more shortfalls than the limit of %zu a list of gaps "
                        "holds, expected fewer units in one run",
                        agency->id, c.max);
    /* whatever happened above, leave the agency's results as patuh_batch_score gave them */
    patuh_status restored = score_agency_override(c.rubric, agency, NULL, 0, &c.scratch);
    if (st == PATUH_OK)
        st = restored;
    patuh_diags_release(&c.scratch);
    free(c.order);
    if (st != PATUH_OK)
        patuh_gaps_release(out);
    return st;
}

void patuh_gaps_release(patuh_gaps *gaps)
{
    if (!gaps)
        return;
    free(gaps->step_pool);
    gaps->step_pool = NULL;
    free(gaps->next_band.raises);
    free(gaps->next_zone.raises);
    gaps->next_band.raises = gaps->next_zone.raises = NULL;
    free(gaps->items);
    gaps->items = NULL;
    gaps->count = 0;
    free(gaps->responses);
    gaps->responses = NULL;
    gaps->n_responses = 0;
}

/* ---- explain ---------------------------------------------------------------------- */

/* A unit's contribution of top-level section k to its total on 0..1: for a leaf the
 * section's weighted part of the root mean; above, the unit-weighted mean over the
 * sub-units whose total did not drop out (as scoring merges the root). */
static double explain_part(const patuh_rubric *rubric, const patuh_unit *u, size_t k)
{
    const patuh_node *root = rubric->root;
    if (u->n_units == 0) {
        double weights = 0;
        for (size_t i = 0; i < root->n_children; i++)
            if (!isnan(patuh_unit_score(rubric, u, root->children[i])))
                weights += root->children[i]->weight;
        double s = patuh_unit_score(rubric, u, root->children[k]);
        return weights > 0 && !isnan(s) ? root->children[k]->weight * s / weights : 0;
    }
    double sum = 0, weights = 0;
    for (size_t i = 0; i < u->n_units; i++) {
        const patuh_unit *sub = u->units[i];
        if (isnan(patuh_unit_score(rubric, sub, root)))
            continue;
        sum += sub->weight * explain_part(rubric, sub, k);
        weights += sub->weight;
    }
    return weights > 0 ? sum / weights : 0;
}

/* A penalty's row: its score, its weight in points and its deduction as a negative
 * contribution, so the rows still add up to the total (before the clamp at 0). */
static patuh_explain_row explain_penalty(const patuh_rubric *rubric, const patuh_agency *agency,
                                         const patuh_node *penalty)
{
    double s = patuh_unit_score(rubric, &agency->root, penalty);
    return (patuh_explain_row){
        .section = penalty,
        .score = isnan(s) ? NAN : s * rubric->max,
        .weight = penalty->weight,
        .share = 0,
        .contribution = -patuh_penalty_deduction(rubric, agency, penalty),
    };
}

patuh_status patuh_explain(const patuh_batch *batch, const patuh_agency *agency,
                           patuh_explain_row **rows, size_t *n_rows, patuh_diags *diags)
{
    if (!batch || !agency || !rows || !n_rows || !batch->scored || !agency->root.scores) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, NULL, 0, 0,
                        "cannot explain a total without a scored batch and an agency");
        return PATUH_EARG;
    }
    const patuh_rubric *rubric = batch->rubric;
    const patuh_node *root = rubric->root;
    *n_rows = 0;
    *rows = calloc(root->n_children + rubric->n_penalties + 1, sizeof **rows);
    if (!*rows)
        return PATUH_ENOMEM;
    double weights = 0;
    for (size_t k = 0; k < root->n_children; k++)
        if (!isnan(patuh_unit_score(rubric, &agency->root, root->children[k])))
            weights += root->children[k]->weight;
    for (size_t k = 0; k < root->n_children; k++) {
        const patuh_node *node = root->children[k];
        double s = patuh_unit_score(rubric, &agency->root, node);
        (*rows)[k] = (patuh_explain_row){
            .section = node,
            .score = isnan(s) ? NAN : s * rubric->max,
            .weight = node->weight,
            .share = isnan(s) || weights <= 0 ? 0 : node->weight / weights,
            .contribution = explain_part(rubric, &agency->root, k) * rubric->max,
        };
    }
    *n_rows = root->n_children;
    for (size_t i = 0; i < rubric->n_penalties; i++)
        (*rows)[(*n_rows)++] = explain_penalty(rubric, agency, rubric->penalties[i]);
    return PATUH_OK;
}

/* ---- every agency, for the ranking workbook ------------------------------------------ */

/* Answer slots of a batch whose every gap the ranking workbook lists (see gaps_fit_sheet). */
#define GAPS_SHEET_MAX_SLOTS 100000

/* Units at and below u (u itself included). */
static size_t gaps_units(const patuh_unit *u)
{
    size_t n = 1;
    for (size_t i = 0; i < u->n_units; i++)
        n += gaps_units(u->units[i]);
    return n;
}

/* Whether the gaps sheet is written: there are at most as many gaps as answer slots (units
 * times indicators), and libxlsxwriter holds a sheet's cells in memory (about 1 KB a row),
 * so past GAPS_SHEET_MAX_SLOTS the workbook says to run `patuh gaps --agency ID` instead. */
static bool gaps_fit_sheet(const patuh_batch *batch)
{
    double slots = 0, ind = (double)batch->rubric->n_indicators;
    for (size_t i = 0; i < batch->n_agencies && slots <= GAPS_SHEET_MAX_SLOTS; i++)
        slots += (double)gaps_units(&batch->agencies[i]->root) * ind;
    return slots <= GAPS_SHEET_MAX_SLOTS;
}

patuh_status patuh_gaps_compute_all(patuh_batch *batch, patuh_gaps **out, patuh_diags *diags)
{
    *out = NULL;
    if (!gaps_fit_sheet(batch)) {
        patuh_diags_add(diags, PATUH_SEV_WARNING, NULL, 0, 0,
                        "gaps left out of the workbook: %zu agencies with %zu units may have "
                        "more shortfalls than a sheet should list, expected 'patuh gaps "
                        "--agency ID'",
                        batch->n_agencies, batch->n_units);
        return PATUH_OK;
    }
    patuh_gaps *all = calloc(batch->n_agencies ? batch->n_agencies : 1, sizeof *all);
    patuh_status st = all ? PATUH_OK : PATUH_ENOMEM;
    size_t n = 0;
    for (; st == PATUH_OK && n < batch->n_agencies; n++)
        st = patuh_gaps_compute(batch, batch->agencies[n], &all[n], diags);
    if (st != PATUH_OK) {
        patuh_gaps_free_all(all, n ? n - 1 : 0);
        return st;
    }
    *out = all;
    return PATUH_OK;
}

void patuh_gaps_free_all(patuh_gaps *all, size_t n)
{
    for (size_t i = 0; all && i < n; i++)
        patuh_gaps_release(&all[i]);
    free(all);
}
