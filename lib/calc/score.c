/* score.c — scoring and ranking (doc/scoring.md): normalised indicator
 * scores, N/A and group exclusion, missing answers with inheritance down the unit tree,
 * weighted means over sections and units, bands, qualifiers, the critical cap, and
 * competition ranking overall and within each group. */
#include "calc/calc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* What scoring one agency collects on the way through its leaves. */
typedef struct score_ctx {
    const patuh_batch *batch; /* where blank answers are located; NULL (gaps): at the agency */
    const patuh_rubric *rubric;
    patuh_agency *agency;
    patuh_diags *diags;
    bool *failed;             /* per indicator: critical and below 1 in some leaf */
    uint64_t qual_seen;       /* indicator qualifiers: answered with a value in some leaf */
    uint64_t qual_low;        /* indicator qualifiers: some leaf's value is below min */
    const score_override *ov; /* answers that replace the stored ones (gaps), or NULL */
    size_t n_ov;
    double *scratch; /* per unit depth: the unit's score of every node, then weights */
    bool detail;     /* one warning per missing answer (else one line per agency) */
    bool *missing;   /* per indicator: missing in some leaf (for the agency's line) */
    bool quiet;      /* an agency not assessed: no warning about response counts either */
    const patuh_unit *met_unit;    /* gaps: this leaf counts as having the minimum of responses */
    const patuh_node *met_section; /* for this section (doc/scoring.md §16) */
} score_ctx;

/* ---- one indicator ---------------------------------------------------------------- */

/* Whether an indicator applies to the agency's group (all do without groups). */
static bool score_applies(const patuh_rubric *rubric, const patuh_agency *agency,
                          const patuh_node *node)
{
    if (rubric->n_groups == 0 || agency->group < 0 || agency->group >= PATUH_MAX_GROUPS)
        return true;
    return (node->applies >> agency->group) & 1;
}

static int score_cmp_override(const void *pa, const void *pb)
{
    const score_override *a = pa, *b = pb;
    uintptr_t ua = (uintptr_t)a->unit, ub = (uintptr_t)b->unit;
    if (ua != ub)
        return ua < ub ? -1 : 1;
    return a->ind < b->ind ? -1 : a->ind > b->ind;
}

void score_override_sort(score_override *ov, size_t n)
{
    if (n > 1)
        qsort(ov, n, sizeof *ov, score_cmp_override);
}

/* An override of (unit, indicator), or NULL (the overrides are sorted: a fix run of
 * thousands is looked up for every leaf and indicator). */
static const answer_value *score_overridden(const score_ctx *ctx, const patuh_unit *u, size_t ind)
{
    if (ctx->n_ov == 0)
        return NULL;
    score_override key = {.unit = u, .ind = ind};
    const score_override *hit =
        bsearch(&key, ctx->ov, ctx->n_ov, sizeof *ctx->ov, score_cmp_override);
    return hit ? &hit->answer : NULL;
}

/* The answer a leaf gives an indicator: its own, else the nearest ancestor's; MISSING when
 * none of them answers it. An override counts as the unit's own answer. */
static answer_value score_effective(const score_ctx *ctx, const patuh_unit *leaf, size_t ind)
{
    for (const patuh_unit *u = leaf; u; u = u->parent) {
        const answer_value *ov = score_overridden(ctx, u, ind);
        if (ov)
            return *ov;
        if (answer_given(u, ind))
            return answer_get(ctx->agency, u, ind);
    }
    return (answer_value){.state = ANSWER_MISSING};
}

/* The warning (an error with strict) for a leaf that has no answer for an indicator. */
static patuh_status score_warn_missing(score_ctx *ctx, const patuh_unit *leaf,
                                       const patuh_node *node)
{
    const patuh_agency *a = ctx->agency;
    answer_where at = {.file = a->file, .line = a->line};
    unsigned col = a->col;
    /* a blank cell or null value is located where it was left blank, else at the agency */
    if (ctx->batch && answer_blank_where(ctx->batch, leaf, node->ind_index, &at))
        col = 0;
    bool ok;
    if (at.sheet && leaf->parent)
        ok = patuh_diags_add_cell(ctx->diags, PATUH_SEV_WARNING, at.file, at.sheet, at.cell,
                                  "no answer for '%s' in '%s/%s'", node->id, a->id, leaf->path);
    else if (at.sheet)
        ok = patuh_diags_add_cell(ctx->diags, PATUH_SEV_WARNING, at.file, at.sheet, at.cell,
                                  "no answer for '%s' of '%s'", node->id, a->id);
    else if (leaf->parent)
        ok = patuh_diags_add(ctx->diags, PATUH_SEV_WARNING, at.file, at.line, col,
                             "no answer for '%s' in '%s/%s'", node->id, a->id, leaf->path);
    else
        ok = patuh_diags_add(ctx->diags, PATUH_SEV_WARNING, at.file, at.line, col,
                             "no answer for '%s' of '%s'", node->id, a->id);
    return ok ? PATUH_OK : PATUH_ENOMEM;
}

/* Notes an answered value for every qualifier whose condition is this indicator. */
static void score_note_qualifiers(score_ctx *ctx, const patuh_node *node, double value)
{
    const patuh_rubric *rubric = ctx->rubric;
    for (size_t q = 0; q < rubric->n_qualifiers && q < 64; q++) {
        if (rubric->qualifiers[q].node != node)
            continue;
        ctx->qual_seen |= (uint64_t)1 << q;
        if (value < rubric->qualifiers[q].min)
            ctx->qual_low |= (uint64_t)1 << q;
    }
}

/* A leaf's normalised score for one indicator (NAN = dropped out) into *out. */
static patuh_status score_indicator(score_ctx *ctx, patuh_unit *leaf, const patuh_node *node,
                                    double *out)
{
    *out = NAN;
    if (!score_applies(ctx->rubric, ctx->agency, node))
        return PATUH_OK;
    answer_value ans = score_effective(ctx, leaf, node->ind_index);
    if (ans.state == ANSWER_INVALID) {
        *out = 0; /* refused, and reported where it was given */
        return PATUH_OK;
    }
    leaf->applicable++;
    if (ans.state == ANSWER_MISSING) {
        *out = 0;
        leaf->unanswered++;
        if (node->critical)
            ctx->failed[node->ind_index] = true;
        ctx->missing[node->ind_index] = true;
        return ctx->detail ? score_warn_missing(ctx, leaf, node) : PATUH_OK;
    }
    if (ans.state == ANSWER_NA) {
        if (ctx->rubric->na_policy == PATUH_NA_FULL)
            *out = 1;
        return PATUH_OK;
    }
    *out = scale_score(node->scale, ans.value);
    if (node->critical && *out < 1)
        ctx->failed[node->ind_index] = true;
    score_note_qualifiers(ctx, node, ans.value);
    return PATUH_OK;
}

/* ---- sections and units ------------------------------------------------------------- */

/* The weighted mean of a section's children that did not drop out; NAN when all did. */
static double score_section(const patuh_node *node, const double *scores)
{
    double sum = 0, weights = 0;
    for (size_t i = 0; i < node->n_children; i++) {
        const patuh_node *child = node->children[i];
        if (isnan(scores[child->index]))
            continue;
        sum += child->weight * scores[child->index];
        weights += child->weight;
    }
    return weights > 0 ? sum / weights : NAN;
}

/* ---- minimum responses (doc/scoring.md §16) ----------------------------------------- */

/* The warning for a leaf that gives no count for a section with min_responses. */
static void score_warn_no_count(const score_ctx *ctx, const patuh_unit *leaf,
                                const patuh_node *section)
{
    const patuh_agency *a = ctx->agency;
    if (leaf->parent)
        patuh_diags_add(ctx->diags, PATUH_SEV_WARNING, a->file, a->line, a->col,
                        "no responses count for section '%s' in '%s/%s'", section->id, a->id,
                        leaf->path);
    else
        patuh_diags_add(ctx->diags, PATUH_SEV_WARNING, a->file, a->line, a->col,
                        "no responses count for section '%s' of '%s'", section->id, a->id);
}

/* Whether a leaf has fewer responses than the section's minimum (a missing count is fewer,
 * and warned about): then the section scores 0 for the leaf instead of dropping out. */
static bool score_too_few(const score_ctx *ctx, const patuh_unit *leaf, const patuh_node *section)
{
    if (ctx->met_unit == leaf && ctx->met_section == section)
        return false;
    long have = patuh_unit_responses(leaf, section);
    if (have < 0 && !ctx->quiet)
        score_warn_no_count(ctx, leaf, section);
    return have < 0 || (size_t)have < section->min_responses;
}

/* Scores every node for a leaf into full[]: the indicators in rubric order (so warnings
 * read in that order), then the sections backwards, since pre-order puts every child after
 * its section. */
static patuh_status score_leaf(score_ctx *ctx, patuh_unit *leaf, double *full)
{
    const patuh_rubric *rubric = ctx->rubric;
    leaf->unanswered = leaf->applicable = 0;
    for (size_t i = 0; i < rubric->n_indicators; i++) {
        const patuh_node *node = rubric->indicators[i];
        patuh_status st = score_indicator(ctx, leaf, node, &full[node->index]);
        if (st != PATUH_OK)
            return st;
    }
    for (size_t k = rubric->n_nodes; k-- > 0;) {
        const patuh_node *node = rubric->nodes[k];
        if (node->is_indicator)
            continue;
        full[k] = score_section(node, full);
        if (node->min_responses && !isnan(full[k]) && score_too_few(ctx, leaf, node))
            full[k] = 0;
    }
    return PATUH_OK;
}

/* The scratch of a unit at `depth` below the agency: its score of every node, followed by
 * room for the weights when it merges its sub-units. */
static double *score_scratch(const score_ctx *ctx, size_t depth)
{
    return ctx->scratch + depth * 2 * ctx->rubric->n_nodes;
}

static patuh_status score_unit(score_ctx *ctx, patuh_unit *unit, size_t depth);

/* A non-leaf's score of every node into full[]: the weighted mean over its direct sub-units
 * of those where the node did not drop out. Its unanswered count is the sum over its leaves. */
static patuh_status score_merge_units(score_ctx *ctx, patuh_unit *unit, size_t depth, double *full)
{
    size_t n = ctx->rubric->n_nodes;
    double *weights = full + n;
    for (size_t k = 0; k < n; k++)
        full[k] = weights[k] = 0;
    unit->unanswered = unit->applicable = 0;
    for (size_t i = 0; i < unit->n_units; i++) {
        const patuh_unit *sub = unit->units[i];
        patuh_status st = score_unit(ctx, unit->units[i], depth + 1);
        if (st != PATUH_OK)
            return st;
        const double *s = score_scratch(ctx, depth + 1);
        unit->unanswered += sub->unanswered;
        unit->applicable += sub->applicable;
        for (size_t k = 0; k < n; k++) {
            if (isnan(s[k]))
                continue;
            full[k] += sub->weight * s[k];
            weights[k] += sub->weight;
        }
    }
    for (size_t k = 0; k < n; k++)
        full[k] = weights[k] > 0 ? full[k] / weights[k] : NAN;
    return PATUH_OK;
}

/* How many scores a unit keeps: every node for the agency, the total and the top-level
 * sections for a sub-unit (patuh_unit_score reads them back). */
static size_t score_kept(const patuh_rubric *rubric, const patuh_unit *unit)
{
    if (!unit->parent || !rubric->root)
        return rubric->n_nodes ? rubric->n_nodes : 1;
    return 1 + rubric->root->n_children;
}

/* A sub-unit's room comes with it (answers.c); the agency's is allocated on first use. */
static patuh_status score_keep(const patuh_rubric *rubric, patuh_unit *unit, const double *full)
{
    size_t n = score_kept(rubric, unit);
    if (!unit->scores && !(unit->scores = malloc(n * sizeof *unit->scores)))
        return PATUH_ENOMEM; /* the size never changes, so a later scoring reuses it */
    if (!unit->parent || !rubric->root) {
        for (size_t k = 0; k < n; k++)
            unit->scores[k] = k < rubric->n_nodes ? full[k] : NAN;
        return PATUH_OK;
    }
    const patuh_node *root = rubric->root;
    unit->scores[0] = full[root->index];
    for (size_t i = 0; i < root->n_children; i++)
        unit->scores[1 + i] = full[root->children[i]->index];
    return PATUH_OK;
}

/* Scores a unit and everything below it into score_scratch(depth), keeping what reports
 * read in unit->scores (depth is bounded by limits.max_unit_depth). */
static patuh_status score_unit(score_ctx *ctx, patuh_unit *unit, size_t depth)
{
    double *full = score_scratch(ctx, depth);
    patuh_status st = unit->n_units == 0 ? score_leaf(ctx, unit, full)
                                         : score_merge_units(ctx, unit, depth, full);
    return st == PATUH_OK ? score_keep(ctx->rubric, unit, full) : st;
}

size_t score_unit_depth(const patuh_unit *unit)
{
    size_t deepest = 0;
    for (size_t i = 0; i < unit->n_units; i++) {
        size_t d = score_unit_depth(unit->units[i]);
        if (d > deepest)
            deepest = d;
    }
    return 1 + deepest;
}

/* ---- band, critical cap, qualifiers, label ------------------------------------------ */

size_t patuh_rubric_band(const patuh_rubric *rubric, double rounded)
{
    if (rubric->n_bands == 0)
        return SIZE_MAX;
    if (isnan(rounded))
        return rubric->n_bands - 1;
    for (size_t b = 0; b < rubric->n_bands; b++) {
        if (rubric->bands[b].min <= rounded)
            return b;
    }
    return rubric->n_bands - 1;
}

/* Lists the failed critical indicators in rubric order and applies the cap. */
static patuh_status score_critical(score_ctx *ctx)
{
    const patuh_rubric *rubric = ctx->rubric;
    patuh_agency *a = ctx->agency;
    size_t n = 0;
    for (size_t i = 0; i < rubric->n_indicators; i++)
        n += ctx->failed[i];
    if (n == 0)
        return PATUH_OK;
    a->critical_failed = malloc(n * sizeof *a->critical_failed);
    if (!a->critical_failed)
        return PATUH_ENOMEM;
    for (size_t i = 0; i < rubric->n_indicators; i++) {
        if (ctx->failed[i])
            a->critical_failed[a->n_critical_failed++] = rubric->indicators[i];
    }
    if (rubric->critical_cap != SIZE_MAX && a->band < rubric->critical_cap) {
        a->band = rubric->critical_cap;
        a->capped = true;
    }
    return PATUH_OK;
}

/* Whether qualifier q holds: a section by its rounded score on 0..max (a dropped section
 * never qualifies); an indicator when answered somewhere and nowhere below min. */
static bool score_qualifier_holds(const score_ctx *ctx, size_t q)
{
    const patuh_rubric *rubric = ctx->rubric;
    const patuh_qualifier *qual = &rubric->qualifiers[q];
    if (!qual->node)
        return false;
    if (qual->node->is_indicator)
        return (ctx->qual_seen >> q & 1) && !(ctx->qual_low >> q & 1);
    double v = ctx->agency->root.scores[qual->node->index];
    return !isnan(v) && patuh_round(v * rubric->max, rubric->decimals) >= qual->min;
}

/* The band label followed by each qualifier's label, separated by spaces. */
static patuh_status score_label(const patuh_rubric *rubric, patuh_agency *a)
{
    const char *band = a->band < rubric->n_bands ? rubric->bands[a->band].label : NULL;
    a->label = str_dup(band ? band : "");
    for (size_t q = 0; a->label && q < rubric->n_qualifiers && q < 64; q++) {
        if (!(a->qualifiers >> q & 1))
            continue;
        char *longer = a->label[0] ? str_printf("%s %s", a->label, rubric->qualifiers[q].label)
                                   : str_dup(rubric->qualifiers[q].label);
        free(a->label);
        a->label = longer;
    }
    return a->label ? PATUH_OK : PATUH_ENOMEM;
}

/* ---- one agency --------------------------------------------------------------------- */

/* Forgets the results of an earlier scoring (unit scores stay: score_unit replaces them). */
static void score_reset(patuh_agency *a)
{
    free(a->label);
    a->label = NULL;
    free((void *)a->critical_failed);
    a->critical_failed = NULL;
    a->n_critical_failed = 0;
    a->total = a->rounded = a->base = NAN;
    a->band = 0;
    a->capped = false;
    a->qualifiers = 0;
    a->unanswered = a->applicable = 0;
    a->coverage = 1;
    a->assessment = PATUH_ASSESSED;
}

/* ---- coverage (doc/scoring.md §12) -------------------------------------------------- */

/* Whether a unit or one below it holds an answer (or an override) for an applicable
 * indicator. */
static bool score_unit_answered(const score_ctx *ctx, const patuh_unit *unit)
{
    for (size_t i = 0; i < ctx->rubric->n_indicators; i++) {
        if (!score_applies(ctx->rubric, ctx->agency, ctx->rubric->indicators[i]))
            continue;
        if (answer_given(unit, i) || score_overridden(ctx, unit, i))
            return true;
    }
    for (size_t i = 0; i < unit->n_units; i++)
        if (score_unit_answered(ctx, unit->units[i]))
            return true;
    return false;
}

/* Whether any indicator applies to the agency (an agency to which none applies has no
 * total, doc/scoring.md §7.5, but is not "not assessed"). */
static bool score_any_applies(const score_ctx *ctx)
{
    for (size_t i = 0; i < ctx->rubric->n_indicators; i++)
        if (score_applies(ctx->rubric, ctx->agency, ctx->rubric->indicators[i]))
            return true;
    return false;
}

/* Forgets the scores a unit and its sub-units kept: an agency not assessed shows none. */
static void score_forget(const patuh_rubric *rubric, patuh_unit *unit)
{
    for (size_t k = 0; unit->scores && k < score_kept(rubric, unit); k++)
        unit->scores[k] = NAN;
    for (size_t i = 0; i < unit->n_units; i++)
        score_forget(rubric, unit->units[i]);
}

/* An agency not assessed: nothing scored, no band, no critical failure, empty label. */
static patuh_status score_not_assessed(const patuh_rubric *rubric, patuh_agency *a)
{
    score_forget(rubric, &a->root);
    a->assessment = PATUH_NOT_ASSESSED;
    a->unanswered = a->applicable = a->root.applicable;
    a->coverage = 0;
    a->band = SIZE_MAX;
    a->label = str_dup("");
    return a->label ? PATUH_OK : PATUH_ENOMEM;
}

/* Coverage and assessment of a scored agency against the batch's minimum. */
static void score_coverage(patuh_agency *a, double min_coverage)
{
    a->applicable = a->root.applicable;
    a->coverage =
        a->applicable ? (double)(a->applicable - a->unanswered) / (double)a->applicable : 1;
    /* the tolerance keeps 9 of 10 at a minimum of 0.9 */
    a->assessment = a->coverage + 1e-9 < min_coverage ? PATUH_INCOMPLETE : PATUH_ASSESSED;
}

/* ---- penalties (doc/scoring.md §15) -------------------------------------------------- */

double patuh_penalty_deduction(const patuh_rubric *rubric, const patuh_agency *agency,
                               const patuh_node *penalty)
{
    if (!rubric || !agency || !penalty || !penalty->is_penalty || !agency->root.scores)
        return 0;
    double p = agency->root.scores[penalty->index];
    return isnan(p) ? 0 : penalty->weight * (1 - p);
}

/* The total after every penalty's deduction, never below 0; NAN stays NAN. */
static double score_after_penalties(const patuh_rubric *rubric, const patuh_agency *a, double base)
{
    if (isnan(base) || rubric->n_penalties == 0)
        return base;
    double total = base;
    for (size_t i = 0; i < rubric->n_penalties; i++)
        total -= patuh_penalty_deduction(rubric, a, rubric->penalties[i]);
    return total > 0 ? total : 0;
}

/* Total, rounded total, band, critical cap, qualifiers and label from the unit scores. */
static patuh_status score_results(score_ctx *ctx)
{
    const patuh_rubric *rubric = ctx->rubric;
    patuh_agency *a = ctx->agency;
    double root = rubric->n_nodes ? a->root.scores[rubric->root->index] : NAN;
    a->base = isnan(root) ? NAN : root * rubric->max;
    a->total = score_after_penalties(rubric, a, a->base);
    a->rounded = isnan(a->total) ? NAN : patuh_round(a->total, rubric->decimals);
    a->band = patuh_rubric_band(rubric, a->rounded);
    a->unanswered = a->root.unanswered;
    patuh_status st = score_critical(ctx);
    if (st != PATUH_OK)
        return st;
    for (size_t q = 0; q < rubric->n_qualifiers && q < 64; q++) {
        if (score_qualifier_holds(ctx, q))
            a->qualifiers |= (uint64_t)1 << q;
    }
    return score_label(rubric, a);
}

/* The agency's one line about its missing answers (doc/scoring.md §4): not assessed, or how
 * many of its applicable answers are missing and for which indicators, in rubric order. */
static void score_warn_agency(const score_ctx *ctx, double min_coverage)
{
    enum { LISTED = 10 };
    const patuh_rubric *rubric = ctx->rubric;
    const patuh_agency *a = ctx->agency;
    if (a->assessment == PATUH_NOT_ASSESSED) {
        patuh_diags_add(ctx->diags, PATUH_SEV_WARNING, a->file, a->line, a->col,
                        "'%s': not assessed (no answers)", a->id);
        return;
    }
    if (a->unanswered == 0 || ctx->detail)
        return;
    char ids[512] = "";
    size_t used = 0, listed = 0, more = 0;
    for (size_t i = 0; i < rubric->n_indicators; i++) {
        if (!ctx->missing[i])
            continue;
        if (listed++ >= LISTED) {
            more++;
            continue;
        }
        int n = snprintf(ids + used, sizeof ids - used, "%s%s", used ? ", " : "",
                         rubric->indicators[i]->id);
        used = n > 0 && (size_t)n < sizeof ids - used ? used + (size_t)n : used;
    }
    char tail[64] = "";
    if (more)
        snprintf(tail, sizeof tail, " and %zu more", more);
    char why[96] = "";
    if (a->assessment == PATUH_INCOMPLETE)
        snprintf(why, sizeof why, ", incomplete: coverage %.1f %% below %.1f %%", a->coverage * 100,
                 min_coverage * 100);
    patuh_diags_add(ctx->diags, PATUH_SEV_WARNING, a->file, a->line, a->col,
                    "'%s': %zu of %zu unanswered (%s%s)%s", a->id, a->unanswered, a->applicable,
                    ids, tail, why);
}

/* Scores one agency of `batch`; gaps scores again without it (batch NULL): then every
 * missing answer is a warning at the agency and there is no minimum coverage. */
static patuh_status score_agency(const patuh_batch *batch, const patuh_rubric *rubric,
                                 patuh_agency *agency, const score_override *ov, size_t n_ov,
                                 const score_met *met, patuh_diags *diags)
{
    bool detail = batch ? batch->missing_detail : true;
    double min_coverage = batch ? batch->min_coverage : 0;
    score_ctx ctx = {.batch = batch,
                     .rubric = rubric,
                     .agency = agency,
                     .diags = diags,
                     .ov = ov,
                     .n_ov = n_ov,
                     .met_unit = met ? met->unit : NULL,
                     .met_section = met ? met->section : NULL};
    score_reset(agency);
    size_t n_ind = rubric->n_indicators ? rubric->n_indicators : 1;
    ctx.failed = calloc(n_ind, sizeof *ctx.failed);
    ctx.missing = calloc(n_ind, sizeof *ctx.missing);
    ctx.scratch = malloc(score_unit_depth(&agency->root) * 2 *
                         (rubric->n_nodes ? rubric->n_nodes : 1) * sizeof *ctx.scratch);
    bool not_assessed = score_any_applies(&ctx) && !score_unit_answered(&ctx, &agency->root);
    /* an agency without answers says so in one line, never one per indicator */
    ctx.detail = detail && !not_assessed;
    ctx.quiet = not_assessed;
    patuh_status st = ctx.failed && ctx.missing && ctx.scratch ? score_unit(&ctx, &agency->root, 0)
                                                               : PATUH_ENOMEM;
    if (st == PATUH_OK && not_assessed)
        st = score_not_assessed(rubric, agency);
    else if (st == PATUH_OK) {
        st = score_results(&ctx);
        score_coverage(agency, min_coverage);
    }
    if (st == PATUH_OK)
        score_warn_agency(&ctx, min_coverage);
    free(ctx.failed);
    free(ctx.missing);
    free(ctx.scratch);
    return st;
}

/* ---- ranking ------------------------------------------------------------------------ */

/* Rounded totals descending, NAN last; 0 when they tie. */
static int score_cmp_total(double x, double y)
{
    if (isnan(x) || isnan(y))
        return isnan(x) - isnan(y);
    return x > y ? -1 : x < y;
}

static bool score_same_total(double x, double y)
{
    return score_cmp_total(x, y) == 0;
}

/* Ranked agencies first, then the unranked incomplete ones, then those not assessed. The
 * class is kept in `rank` while sorting (score_rank sets the real ranks). */
static int score_class(const patuh_agency *a)
{
    return (int)a->rank;
}

static int score_cmp_agency(const void *pa, const void *pb)
{
    const patuh_agency *a = *(const patuh_agency *const *)pa;
    const patuh_agency *b = *(const patuh_agency *const *)pb;
    int c = score_class(a) - score_class(b);
    if (c == 0)
        c = score_cmp_total(a->rounded, b->rounded);
    if (c == 0)
        c = strcmp(a->name ? a->name : a->id, b->name ? b->name : b->id);
    if (c == 0)
        c = strcmp(a->id, b->id);
    return c;
}

/* Competition ranks (1, 2, 2, 4) over the sorted agencies, overall and per group. Agencies
 * without a group (-1) are ranked among themselves. */
static void score_rank(patuh_batch *batch)
{
    size_t seen[PATUH_MAX_GROUPS + 1] = {0}, last_rank[PATUH_MAX_GROUPS + 1] = {0};
    double last[PATUH_MAX_GROUPS + 1] = {0};
    for (size_t i = batch->n_ranked; i < batch->n_agencies; i++)
        batch->agencies[i]->rank = batch->agencies[i]->group_rank = 0;
    for (size_t i = 0; i < batch->n_ranked; i++) {
        patuh_agency *a = batch->agencies[i];
        patuh_agency *prev = i ? batch->agencies[i - 1] : NULL;
        a->rank = prev && score_same_total(prev->rounded, a->rounded) ? prev->rank : i + 1;
        size_t g = a->group >= 0 && a->group < PATUH_MAX_GROUPS ? (size_t)a->group + 1 : 0;
        seen[g]++;
        a->group_rank =
            seen[g] > 1 && score_same_total(last[g], a->rounded) ? last_rank[g] : seen[g];
        last[g] = a->rounded;
        last_rank[g] = a->group_rank;
    }
}

/* An agency of a rubric with groups must say its group: applicability and group ranks
 * depend on it. The group may come from any of the agency's files, so this is checked here,
 * after every file was read. */
static void score_check_group(const patuh_rubric *rubric, const patuh_agency *a, patuh_diags *diags)
{
    if (rubric->n_groups == 0 || a->group != -1)
        return; /* a group, or one given but unknown (-2), reported when it was read */
    char list[512];
    text_join((const char *const *)rubric->groups, rubric->n_groups, list, sizeof list);
    patuh_diags_add(diags, PATUH_SEV_ERROR, a->file, a->line, a->col,
                    "agency '%s' has no group, expected one of: %s", a->id, list);
}

/* Counts the agency in its class and keeps the class in `rank` for sorting: 0 ranked,
 * 1 incomplete and unranked, 2 not assessed. */
static void score_classify(patuh_batch *batch, patuh_agency *a)
{
    if (a->assessment == PATUH_NOT_ASSESSED) {
        batch->n_not_assessed++;
        a->rank = 2;
        return;
    }
    if (a->assessment == PATUH_INCOMPLETE)
        batch->n_incomplete++;
    bool ranked = a->assessment == PATUH_ASSESSED || batch->rank_incomplete;
    batch->n_ranked += ranked;
    a->rank = ranked ? 0 : 1;
}

/* ---- public ------------------------------------------------------------------------- */

patuh_status patuh_batch_score(patuh_batch *batch, patuh_diags *diags)
{
    if (!batch || !batch->rubric || !diags)
        return PATUH_EARG;
    size_t errors = diags->errors;
    batch->scored = false;
    /* a blank form or an empty `agencies:` list would give an empty ranking that looks like
     * success; after other errors (validate scores invalid input too) it would only repeat */
    if (batch->n_agencies == 0 && batch->n_inputs > 0 && diags->errors == 0)
        patuh_diags_add(diags, PATUH_SEV_ERROR, NULL, 0, 0,
                        "no agency in the inputs, expected answers for at least one agency");
    batch->n_ranked = batch->n_incomplete = batch->n_not_assessed = 0;
    for (size_t i = 0; i < batch->n_agencies; i++) {
        patuh_agency *a = batch->agencies[i];
        score_check_group(batch->rubric, a, diags);
        patuh_status st = score_agency(batch, batch->rubric, a, NULL, 0, NULL, diags);
        if (st == PATUH_OK)
            st = sampling_warn(batch, a, diags);
        if (st != PATUH_OK)
            return st;
        score_classify(batch, a);
    }
    /* answers proposed by `patuh scan` that no assessor's answer replaced (doc/formats.md
     * §3.10): counted where reports show warnings */
    for (size_t i = 0; i < batch->n_inputs; i++)
        if (batch->inputs[i].proposed && batch->inputs[i].proposed_used)
            patuh_diags_add(diags, PATUH_SEV_WARNING, batch->inputs[i].path, 0, 0,
                            "%zu answers proposed by 'patuh scan' are used unreviewed, expected "
                            "an assessor's answer for each",
                            batch->inputs[i].proposed_used);
    if (batch->n_agencies > 1)
        qsort(batch->agencies, batch->n_agencies, sizeof *batch->agencies, score_cmp_agency);
    score_rank(batch);
    batch->scored = true;
    return diags->errors > errors ? PATUH_EINVALID : PATUH_OK;
}

patuh_status score_leaf_nodes(const patuh_rubric *rubric, patuh_agency *agency, patuh_unit *leaf,
                              double *full, patuh_diags *diags)
{
    score_ctx ctx = {.rubric = rubric, .agency = agency, .diags = diags, .detail = true};
    size_t n_ind = rubric->n_indicators ? rubric->n_indicators : 1;
    ctx.failed = calloc(n_ind, sizeof *ctx.failed);
    ctx.missing = calloc(n_ind, sizeof *ctx.missing);
    patuh_status st = ctx.failed && ctx.missing ? score_leaf(&ctx, leaf, full) : PATUH_ENOMEM;
    free(ctx.failed);
    free(ctx.missing);
    return st;
}

patuh_status score_agency_override(const patuh_rubric *rubric, patuh_agency *agency,
                                   const score_override *ov, size_t n_ov, patuh_diags *diags)
{
    if (!rubric || !agency || !diags || (n_ov && !ov))
        return PATUH_EARG;
    /* the assessment is the batch's (its minimum), not that of the answers raised */
    patuh_assessment kept = agency->assessment;
    double coverage = agency->coverage;
    patuh_status st = score_agency(NULL, rubric, agency, ov, n_ov, NULL, diags);
    agency->assessment = kept;
    agency->coverage = coverage;
    return st;
}

patuh_status score_agency_met(const patuh_rubric *rubric, patuh_agency *agency,
                              const score_met *met, patuh_diags *diags)
{
    if (!rubric || !agency || !met || !diags)
        return PATUH_EARG;
    patuh_assessment kept = agency->assessment;
    double coverage = agency->coverage;
    patuh_status st = score_agency(NULL, rubric, agency, NULL, 0, met, diags);
    agency->assessment = kept;
    agency->coverage = coverage;
    return st;
}

double patuh_unit_score(const patuh_rubric *rubric, const patuh_unit *unit, const patuh_node *node)
{
    if (!rubric || !unit || !node || !unit->scores)
        return NAN;
    if (!unit->parent || !rubric->root)
        return node->index < rubric->n_nodes ? unit->scores[node->index] : NAN;
    if (node == rubric->root)
        return unit->scores[0];
    for (size_t i = 0; i < rubric->root->n_children; i++)
        if (rubric->root->children[i] == node)
            return unit->scores[1 + i];
    return NAN;
}

double report_node_score(const patuh_batch *batch, const patuh_agency *agency,
                         const patuh_node *node)
{
    return patuh_unit_score(batch->rubric, &agency->root, node) * batch->rubric->max;
}
