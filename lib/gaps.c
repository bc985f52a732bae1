/* gaps.c — what an agency should fix first (SPEC 3.11, 5): every applicable answer below
 * full marks with the exact rise of the total when it is raised, found by scoring the agency
 * again; the shortest run of those fixes that reaches the next band and the next zone; and
 * the section-by-section explanation of a total. */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define GAPS_EPS 1e-9

typedef struct gaps_ctx {
    const patuh_rubric *rubric;
    patuh_agency *agency;
    patuh_diags scratch; /* missing-answer warnings of every re-scoring, thrown away */
    patuh_gaps *out;
    size_t cap;
    size_t *order;  /* per gap: the unit's pre-order position, for ties */
    size_t n_units; /* units seen so far in pre-order */
} gaps_ctx;

/* ---- full marks and re-scoring ---------------------------------------------------- */

/* The answer value that gives full marks on a scale. */
static double gaps_full_value(const patuh_scale *scale)
{
    switch (scale->kind) {
    case PATUH_SCALE_CHECKLIST: return (double)scale->n_items;
    default: return scale->max;
    }
}

static score_override gaps_override(const patuh_gap *gap)
{
    score_override ov;
    memset(&ov, 0, sizeof ov);
    ov.unit = gap->unit;
    ov.ind = gap->indicator->ind_index;
    ov.answer.state = ANSWER_VALUE;
    ov.answer.value = gaps_full_value(gap->indicator->scale);
    ov.answer.evidence = true;
    return ov;
}

/* Scores the agency with the first n gaps raised to full marks (n = 0 restores it). */
static patuh_status gaps_rescore(gaps_ctx *c, size_t n, score_override *ov)
{
    for (size_t i = 0; i < n; i++)
        ov[i] = gaps_override(&c->out->items[i]);
    return score_agency_override(c->rubric, c->agency, ov, n, &c->scratch);
}

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
    if (g->count == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 16;
        patuh_gap *items = realloc(g->items, cap * sizeof *items);
        if (!items)
            return PATUH_ENOMEM;
        g->items = items;
        size_t *order = realloc(c->order, cap * sizeof *order);
        if (!order)
            return PATUH_ENOMEM;
        c->order = order;
        c->cap = cap;
    }
    g->items[g->count] = (patuh_gap){
        .indicator = node, .unit = u, .value = value, .critical = node->critical, .gain = 0};
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
            if (ans.state == ANSWER_VALUE && score_normalise(node->scale, ans.value) < 1 &&
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

/* Each gap's gain: the total with that one answer at full marks, minus the total now. */
static patuh_status gaps_gains(gaps_ctx *c, double base)
{
    for (size_t i = 0; i < c->out->count; i++) {
        score_override ov = gaps_override(&c->out->items[i]);
        patuh_status st = score_agency_override(c->rubric, c->agency, &ov, 1, &c->scratch);
        if (st != PATUH_OK)
            return st;
        double gain = c->agency->total - base;
        c->out->items[i].gain = isnan(gain) || gain < 0 ? 0 : gain;
    }
    return PATUH_OK;
}

/* ---- order ------------------------------------------------------------------------ */

typedef struct gaps_sorted {
    patuh_gap gap;
    size_t order;
} gaps_sorted;

static int gaps_cmp(const void *pa, const void *pb)
{
    const gaps_sorted *a = pa, *b = pb;
    if (a->gap.critical != b->gap.critical)
        return a->gap.critical ? -1 : 1;
    double tol = GAPS_EPS * fmax(1.0, fmax(fabs(a->gap.gain), fabs(b->gap.gain)));
    if (fabs(a->gap.gain - b->gap.gain) > tol)
        return a->gap.gain > b->gap.gain ? -1 : 1;
    size_t ia = a->gap.indicator->ind_index, ib = b->gap.indicator->ind_index;
    if (ia != ib)
        return ia < ib ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

static patuh_status gaps_sort(gaps_ctx *c)
{
    size_t n = c->out->count;
    if (n < 2)
        return PATUH_OK;
    gaps_sorted *tmp = malloc(n * sizeof *tmp);
    if (!tmp)
        return PATUH_ENOMEM;
    for (size_t i = 0; i < n; i++)
        tmp[i] = (gaps_sorted){c->out->items[i], c->order[i]};
    qsort(tmp, n, sizeof *tmp, gaps_cmp);
    for (size_t i = 0; i < n; i++)
        c->out->items[i] = tmp[i].gap;
    free(tmp);
    return PATUH_OK;
}

/* ---- paths to the next band and zone ---------------------------------------------- */

/* The lowest band in a better zone than band b's; SIZE_MAX when b's zone is the best. */
static size_t gaps_zone_target(const patuh_rubric *rubric, size_t b)
{
    for (size_t k = b; k-- > 0;)
        if (rubric->bands[k].zone != rubric->bands[b].zone)
            return k;
    return SIZE_MAX;
}

static void gaps_path_init(patuh_gap_path *p, size_t target)
{
    *p = (patuh_gap_path){
        .target = target, .reachable = false, .fixes = 0, .total = NAN, .band = SIZE_MAX};
}

/* Records the first run of n fixes that reaches the path's target. */
static void gaps_path_note(patuh_gap_path *p, size_t n, const patuh_agency *a)
{
    if (p->target == SIZE_MAX || p->reachable)
        return;
    p->total = a->total;
    p->band = a->band;
    p->fixes = n;
    p->reachable = a->band <= p->target && !isnan(a->total);
}

/* Applies the gaps cumulatively, 1, 2, ... of them, until both targets are reached. */
static patuh_status gaps_paths(gaps_ctx *c)
{
    patuh_gaps *g = c->out;
    size_t band = c->agency->band;
    bool scored = !isnan(c->agency->total) && band < c->rubric->n_bands;
    gaps_path_init(&g->next_band, scored && band > 0 ? band - 1 : SIZE_MAX);
    gaps_path_init(&g->next_zone, scored ? gaps_zone_target(c->rubric, band) : SIZE_MAX);
    if (g->count == 0)
        return PATUH_OK;
    score_override *ov = malloc(g->count * sizeof *ov);
    if (!ov)
        return PATUH_ENOMEM;
    patuh_status st = PATUH_OK;
    for (size_t n = 1; n <= g->count; n++) {
        if ((g->next_band.reachable || g->next_band.target == SIZE_MAX) &&
            (g->next_zone.reachable || g->next_zone.target == SIZE_MAX))
            break;
        if ((st = gaps_rescore(c, n, ov)) != PATUH_OK)
            break;
        gaps_path_note(&g->next_band, n, c->agency);
        gaps_path_note(&g->next_zone, n, c->agency);
    }
    free(ov);
    return st;
}

/* ---- public ----------------------------------------------------------------------- */

static patuh_status gaps_run(gaps_ctx *c)
{
    double base = c->agency->total;
    patuh_status st = gaps_unit(c, &c->agency->root);
    if (st == PATUH_OK)
        st = gaps_gains(c, base);
    if (st == PATUH_OK)
        st = gaps_sort(c);
    if (st == PATUH_OK)
        st = score_agency_override(c->rubric, c->agency, NULL, 0, &c->scratch);
    if (st == PATUH_OK)
        st = gaps_paths(c);
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
    gaps_ctx c = {.rubric = batch->rubric, .agency = agency, .out = out};
    patuh_diags_init(&c.scratch);
    c.scratch.max = 1;
    patuh_status st = gaps_run(&c);
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
    free(gaps->items);
    gaps->items = NULL;
    gaps->count = 0;
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
    *rows = calloc(root->n_children ? root->n_children : 1, sizeof **rows);
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
    return PATUH_OK;
}
