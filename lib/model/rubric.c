/* rubric.c — loads a rubric file (doc/formats.md §2) into a patuh_rubric: metadata, groups,
 * zones, answer scales, bands, the section/indicator tree with its synthetic root, and
 * qualifiers. Every problem is reported at the node that causes it, and checking goes on
 * past the first one so `patuh rubric check` can list them all. */
#include "model/rubric_load.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static bool push_node(rubric_ctx *c, patuh_node ***arr, size_t *n, patuh_node *node)
{
    patuh_node **grown = array_room(*arr, *n, sizeof *grown);
    if (!grown) {
        c->nomem = true;
        return false;
    }
    *arr = grown;
    (*arr)[(*n)++] = node;
    return true;
}

/* ---- nodes -------------------------------------------------------------------------- */

static void node_free(patuh_node *node)
{
    if (!node)
        return;
    free(node->id);
    free(node->title);
    free(node->text);
    free(node->guidance);
    free(node->fix);
    scan_spec_free(node->scan);
    free(node->children);
    free(node);
}

/* A new node, added to rubric->nodes (pre-order) and to its parent's children. */
static patuh_node *node_new(rubric_ctx *c, patuh_node *parent, const yt_node *at)
{
    patuh_rubric *r = c->r;
    patuh_node *node = calloc(1, sizeof *node);
    if (!node) {
        c->nomem = true;
        return NULL;
    }
    node->weight = 1;
    node->ind_index = SIZE_MAX;
    node->resp_index = SIZE_MAX;
    node->index = r->n_nodes;
    node->parent = parent;
    node->line = at->line;
    node->col = at->col;
    if (!push_node(c, &r->nodes, &r->n_nodes, node)) {
        free(node);
        return NULL;
    }
    if (parent)
        parent->children[parent->n_children++] = node;
    return node;
}

/* Reads the id, registers it (reporting a duplicate) and fills in how messages name it. */
static void node_id(rubric_ctx *c, patuh_node *node, const yt_node *map, const char *kind,
                    node_names *names)
{
    bool indicator = kind[0] == 'i';
    char where[64];
    snprintf(where, sizeof where, "%s",
             indicator          ? patuh_tr("an indicator")
             : node->is_penalty ? patuh_tr("a penalty")
                                : patuh_tr("a section"));
    snprintf(names->where, sizeof names->where, "%s", where);
    snprintf(names->subj, sizeof names->subj, "%s", where);
    const yt_node *id = rubric_need(c, map, "id", where);
    if (!id || !(node->id = rubric_text(c, map, "id", where)))
        return;
    node->line = id->line;
    node->col = id->col;
    snprintf(names->where, sizeof names->where,
             indicator          ? patuh_tr("indicator '%s'")
             : node->is_penalty ? patuh_tr("penalty '%s'")
                                : patuh_tr("section '%s'"),
             node->id);
    snprintf(names->subj, sizeof names->subj, "'%s'", node->id);
    const patuh_node *first = idmap_get(c->r->by_id, node->id);
    if (first)
        yt_error(c->diags, c->name, id, "duplicate id '%s', first defined at %u:%u", node->id,
                 first->line, first->col);
    else if (!idmap_put(c->r->by_id, node->id, node))
        c->nomem = true;
}

static void node_weight(rubric_ctx *c, patuh_node *node, const yt_node *map,
                        const node_names *names)
{
    const yt_node *w = yt_get(map, "weight");
    char what[WHAT_BUF];
    snprintf(what, sizeof what, patuh_tr("the weight of %s"), names->subj);
    if (!w || !yt_to_double(w, c->name, what, &node->weight, c->diags))
        return;
    if (node->weight <= 0)
        yt_error(c->diags, c->name, w, "weight must be greater than 0 for %s, got '%s'",
                 names->subj, w->scalar);
    else if (node->weight < MODEL_WEIGHT_MIN || node->weight > MODEL_WEIGHT_MAX)
        yt_error(c->diags, c->name, w, "weight must be from 0.000001 to 1000000 for %s, got '%s'",
                 names->subj, w->scalar);
}

static void child_parse(rubric_ctx *c, patuh_node *parent, const yt_node *item, bool indicator);

/* The items of `sections:` or `indicators:` of a section (or of the rubric). */
static void children_parse(rubric_ctx *c, patuh_node *parent, const yt_node *seq, bool indicator,
                           const char *where)
{
    char what[WHAT_BUF];
    snprintf(what, sizeof what,
             indicator ? patuh_tr("the indicators of %s") : patuh_tr("the sections of %s"),
             patuh_tr_part(where));
    if (!rubric_expect(c, seq, YT_SEQ, indicator ? "a list of indicators" : "a list of sections",
                       what))
        return;
    for (size_t i = 0; i < seq->n && !c->nomem; i++)
        child_parse(c, parent, seq->items[i], indicator);
}

/* The number of child entries under `sections:` and `indicators:`; *malformed when one of
 * them is not a list (reported later, so an empty-section error would only repeat it). */
static size_t children_count(const yt_node *map, bool *malformed)
{
    const yt_node *s = yt_get(map, "sections"), *i = yt_get(map, "indicators");
    *malformed = (s && s->kind != YT_SEQ) || (i && i->kind != YT_SEQ);
    return (s && s->kind == YT_SEQ ? s->n : 0) + (i && i->kind == YT_SEQ ? i->n : 0);
}

/* `min_responses: N` (doc/scoring.md §16): below N responses the section scores 0. */
static void section_min_responses(rubric_ctx *c, patuh_node *node, const yt_node *map,
                                  const node_names *names)
{
    const yt_node *v = yt_get(map, "min_responses");
    char what[WHAT_BUF];
    long n;
    snprintf(what, sizeof what, patuh_tr("the min_responses of %s"), names->subj);
    if (!v || !rubric_int(c, v, what, 1, 1000000000, &n))
        return;
    node->min_responses = (size_t)n;
    node->resp_index = c->r->n_counted;
    push_node(c, &c->r->counted, &c->r->n_counted, node);
}

static void section_parse(rubric_ctx *c, patuh_node *node, const yt_node *map)
{
    static const char *const keys[] = {"id",         "title",         "weight", "sections",
                                       "indicators", "min_responses", NULL};
    node_names names;
    node_id(c, node, map, "section", &names);
    yt_check_keys(map, keys, c->name, names.where, c->diags);
    if (rubric_need(c, map, "title", names.where))
        node->title = rubric_text(c, map, "title", names.where);
    /* a penalty's weight is its size in points: there is no sensible default */
    if (!node->is_penalty || rubric_need(c, map, "weight", names.where))
        node_weight(c, node, map, &names);
    section_min_responses(c, node, map, &names);
    bool malformed;
    size_t n = children_count(map, &malformed);
    if (n == 0 && !malformed) {
        yt_error(c->diags, c->name, map, "%s is empty, expected sections or indicators",
                 names.where);
        return;
    }
    if (!(node->children = calloc(n ? n : 1, sizeof *node->children))) {
        c->nomem = true;
        return;
    }
    for (size_t i = 0; i + 1 < map->n && !c->nomem; i += 2) {
        const char *key = map->items[i]->scalar;
        if (strcmp(key, "sections") == 0 || strcmp(key, "indicators") == 0)
            children_parse(c, node, map->items[i + 1], key[0] == 'i', names.where);
    }
}

/* ---- indicators --------------------------------------------------------------------- */

static void indicator_scale(rubric_ctx *c, patuh_node *node, const yt_node *map,
                            const node_names *names)
{
    const yt_node *spec = rubric_need(c, map, "scale", names->where);
    if (!spec)
        return;
    if (spec->kind == YT_SCALAR) {
        node->scale = scale_named(c, spec, names->subj);
        return;
    }
    char what[WHAT_BUF];
    snprintf(what, sizeof what, patuh_tr("the scale of %s"), names->subj);
    node->scale = scale_parse(c, spec, NULL, what);
}

static uint64_t all_groups(size_t n)
{
    return n >= 64 ? UINT64_MAX : (UINT64_C(1) << n) - 1;
}

static void indicator_applies(rubric_ctx *c, patuh_node *node, const yt_node *map,
                              const node_names *names)
{
    patuh_rubric *r = c->r;
    const yt_node *seq = yt_get(map, "applies_to");
    node->applies = all_groups(r->n_groups);
    if (!seq)
        return;
    char what[WHAT_BUF], list[LIST_BUF];
    snprintf(what, sizeof what, patuh_tr("the applies_to of %s"), names->subj);
    if (!rubric_expect(c, seq, YT_SEQ, "a list of groups", what))
        return;
    if (r->n_groups == 0) {
        yt_error(c->diags, c->name, seq, "applies_to of %s needs groups, the rubric defines none",
                 names->subj);
        return;
    }
    if (seq->n == 0) {
        yt_error(c->diags, c->name, seq, "applies_to of %s is empty, expected at least one group",
                 names->subj);
        return;
    }
    node->applies = 0;
    for (size_t i = 0; i < seq->n; i++) {
        const char *g = yt_to_string(seq->items[i], c->name, what, c->diags);
        int at = g ? patuh_rubric_group(r, g) : -1;
        if (at >= 0)
            node->applies |= UINT64_C(1) << at;
        else if (g)
            yt_error(c->diags, c->name, seq->items[i],
                     "group '%s' in applies_to of %s is not in groups, expected one of: %s", g,
                     names->subj, join_names(list, sizeof list, r, r->n_groups, group_at));
    }
}

static void indicator_flags(rubric_ctx *c, patuh_node *node, const yt_node *map,
                            const node_names *names)
{
    char what[WHAT_BUF];
    const yt_node *v;
    snprintf(what, sizeof what, patuh_tr("the na of %s"), names->subj);
    if ((v = yt_get(map, "na")))
        yt_to_bool(v, c->name, what, &node->na, c->diags);
    snprintf(what, sizeof what, patuh_tr("the critical of %s"), names->subj);
    if ((v = yt_get(map, "critical")))
        yt_to_bool(v, c->name, what, &node->critical, c->diags);
    if (!(v = yt_get(map, "evidence")))
        return;
    char buf[64];
    if (v->kind == YT_SCALAR && strcmp(v->scalar, "required") == 0)
        node->evidence_required = true;
    else if (v->kind != YT_SCALAR || strcmp(v->scalar, "optional") != 0)
        yt_error(c->diags, c->name, v,
                 "expected required or optional for the evidence of %s, got '%s'", names->subj,
                 yt_describe(v, buf, sizeof buf));
}

/* The title and text: at least one; text falls back to the title. */
static void indicator_texts(rubric_ctx *c, patuh_node *node, const yt_node *map,
                            const node_names *names)
{
    node->title = rubric_text(c, map, "title", names->where);
    node->text = rubric_text(c, map, "text", names->where);
    if (!yt_get(map, "text") && !yt_get(map, "title"))
        yt_error(c->diags, c->name, map, "missing key 'text' in %s, expected text or title",
                 names->where);
    if (!node->text && node->title)
        node->text = rubric_dup(c, node->title);
    node->guidance = rubric_text(c, map, "guidance", names->where);
    node->fix = rubric_text(c, map, "fix", names->where);
}

static void indicator_parse(rubric_ctx *c, patuh_node *node, const yt_node *map)
{
    static const char *const keys[] = {"id",       "title",    "text",       "scale",    "weight",
                                       "na",       "critical", "applies_to", "guidance", "fix",
                                       "evidence", "scan",     NULL};
    patuh_rubric *r = c->r;
    node_names names;
    node->is_indicator = true;
    node->ind_index = r->n_indicators;
    if (!push_node(c, &r->indicators, &r->n_indicators, node))
        return;
    node_id(c, node, map, "indicator", &names);
    yt_check_keys(map, keys, c->name, names.where, c->diags);
    indicator_texts(c, node, map, &names);
    indicator_scale(c, node, map, &names);
    node_weight(c, node, map, &names);
    indicator_flags(c, node, map, &names);
    indicator_applies(c, node, map, &names);
    const yt_node *scan = yt_get(map, "scan");
    if (scan && !c->nomem)
        scan_spec_parse(c, node, scan, names.subj);
}

static void child_parse(rubric_ctx *c, patuh_node *parent, const yt_node *item, bool indicator)
{
    const char *what = indicator ? patuh_tr("an indicator") : patuh_tr("a section");
    if (!rubric_expect(c, item, YT_MAP, "a map", what))
        return;
    patuh_node *node = node_new(c, parent, item);
    if (!node)
        return;
    if (indicator)
        indicator_parse(c, node, item);
    else
        section_parse(c, node, item);
}

/* The synthetic root and the top-level sections under it. */
static void tree_parse(rubric_ctx *c, const yt_node *top)
{
    patuh_rubric *r = c->r;
    const yt_node *seq = rubric_need(c, top, "sections", "the rubric");
    patuh_node *root = node_new(c, NULL, top);
    if (!root)
        return;
    r->root = root;
    root->id = rubric_dup(c, r->id ? r->id : "");
    root->title = rubric_dup(c, r->title ? r->title : "");
    if (!seq || !rubric_expect(c, seq, YT_SEQ, "a list of sections", "'sections'"))
        return;
    if (seq->n == 0) {
        yt_error(c->diags, c->name, seq, "the rubric has no sections, expected at least one");
        return;
    }
    if (!(root->children = calloc(seq->n, sizeof *root->children))) {
        c->nomem = true;
        return;
    }
    for (size_t i = 0; i < seq->n && !c->nomem; i++)
        child_parse(c, root, seq->items[i], false);
}

/* ---- penalties (doc/scoring.md §15) -------------------------------------------------- */

/* Reports every critical indicator at or below a penalty's node. */
static void penalty_no_critical(rubric_ctx *c, const patuh_node *penalty, const patuh_node *node)
{
    if (node->is_indicator && node->critical)
        patuh_diags_add(c->diags, PATUH_SEV_ERROR, c->name, node->line, node->col,
                        "penalty '%s': critical indicators are not allowed in a penalty",
                        penalty->id);
    for (size_t i = 0; i < node->n_children; i++)
        penalty_no_critical(c, penalty, node->children[i]);
}

/* A penalty takes at most its weight off the total, so the weight is in points on 0..max. */
static void penalty_check(rubric_ctx *c, const patuh_node *penalty, const yt_node *map)
{
    const yt_node *w = yt_get(map, "weight");
    char weight[32], max[32];
    if (w && penalty->weight > c->r->max) {
        snprintf(weight, sizeof weight, "%g", penalty->weight);
        snprintf(max, sizeof max, "%g", c->r->max);
        yt_error(c->diags, c->name, w, "penalty '%s': weight %s is above the rubric's max %s",
                 penalty->id ? penalty->id : "", weight, max);
    }
    if (penalty->id)
        penalty_no_critical(c, penalty, penalty);
}

/* `penalties:` beside `sections:`: groups of indicators whose shortfall is deducted from the
 * total. Each is a node like a section but outside the root, so it takes no share of it. */
static void penalties_parse(rubric_ctx *c, const yt_node *seq)
{
    if (!rubric_expect(c, seq, YT_SEQ, "a list of penalties", "'penalties'"))
        return;
    for (size_t i = 0; i < seq->n && !c->nomem; i++) {
        const yt_node *item = seq->items[i];
        if (!rubric_expect(c, item, YT_MAP, "a map", patuh_tr("a penalty")))
            continue;
        patuh_node *node = node_new(c, NULL, item);
        if (!node || !push_node(c, &c->r->penalties, &c->r->n_penalties, node))
            return;
        node->is_penalty = true;
        section_parse(c, node, item);
        penalty_check(c, node, item);
    }
}

/* ---- qualifiers --------------------------------------------------------------------- */

/* The node a qualifier's `when` names, checked to be of the kind it says. */
static void qualifier_when(rubric_ctx *c, patuh_qualifier *q, const yt_node *when,
                           const char *where)
{
    static const char *const keys[] = {"section", "indicator", "min", NULL};
    char what[WHAT_BUF];
    snprintf(what, sizeof what, patuh_tr("the when of %s"), patuh_tr_part(where));
    if (!rubric_expect(c, when, YT_MAP, "a map with section or indicator and min", what))
        return;
    yt_check_keys(when, keys, c->name, what, c->diags);
    const yt_node *sec = yt_get(when, "section"), *ind = yt_get(when, "indicator");
    const yt_node *min = rubric_need(c, when, "min", what);
    char min_what[WHAT_BUF];
    snprintf(min_what, sizeof min_what, "the min of %s", where);
    if (min)
        yt_to_double(min, c->name, min_what, &q->min, c->diags);
    if (!sec == !ind) {
        yt_error(c->diags, c->name, when, "expected section or indicator in %s", what);
        return;
    }
    const yt_node *ref = sec ? sec : ind;
    const char *kind = sec ? patuh_tr("section") : patuh_tr("indicator");
    const char *id = yt_to_string(ref, c->name, what, c->diags);
    const patuh_node *node = id ? idmap_get(c->r->by_id, id) : NULL;
    if (id && !node)
        yt_error(c->diags, c->name, ref, "unknown %s '%s' in %s", kind, id, what);
    else if (node && node->is_indicator != (ind != NULL))
        yt_error(c->diags, c->name, ref, "'%s' in %s is %s, expected %s", id, what,
                 node->is_indicator ? patuh_tr("an indicator") : patuh_tr("a section"),
                 sec ? patuh_tr("a section") : patuh_tr("an indicator"));
    else
        q->node = node;
}

static void qualifier_parse(rubric_ctx *c, const yt_node *seq, size_t i)
{
    static const char *const keys[] = {"id", "label", "when", NULL};
    patuh_qualifier *q = &c->r->qualifiers[i];
    const yt_node *item = seq->items[i];
    if (!rubric_expect(c, item, YT_MAP, "a map with id, label and when", "a qualifier"))
        return;
    char where[NAME_BUF] = patuh_tr_noop("a qualifier");
    if (rubric_need(c, item, "id", where) && (q->id = rubric_text(c, item, "id", where)))
        snprintf(where, sizeof where, patuh_tr("qualifier '%s'"), q->id);
    for (size_t j = 0; q->id && j < i; j++)
        if (c->r->qualifiers[j].id && strcmp(c->r->qualifiers[j].id, q->id) == 0)
            yt_error(c->diags, c->name, yt_get(item, "id"), "duplicate qualifier id '%s'", q->id);
    yt_check_keys(item, keys, c->name, where, c->diags);
    if (rubric_need(c, item, "label", where))
        q->label = rubric_text(c, item, "label", where);
    const yt_node *when = rubric_need(c, item, "when", where);
    if (when)
        qualifier_when(c, q, when, where);
}

static void qualifiers_parse(rubric_ctx *c, const yt_node *seq)
{
    if (!rubric_expect(c, seq, YT_SEQ, "a list of qualifiers", "'qualifiers'"))
        return;
    if (seq->n > 64) {
        yt_error(c->diags, c->name, seq, "too many qualifiers: %zu, expected at most 64", seq->n);
        return;
    }
    if (seq->n && !(c->r->qualifiers = calloc(seq->n, sizeof *c->r->qualifiers))) {
        c->nomem = true;
        return;
    }
    c->r->n_qualifiers = seq->n;
    for (size_t i = 0; i < seq->n && !c->nomem; i++)
        qualifier_parse(c, seq, i);
}

/* ---- the rubric --------------------------------------------------------------------- */

static void version_parse(rubric_ctx *c, const yt_node *top)
{
    const yt_node *v = rubric_need(c, top, "patuh", "the rubric");
    char buf[64];
    if (v && v->kind == YT_SCALAR && !v->plain)
        yt_error(c->diags, c->name, v,
                 "expected format version %d for 'patuh', got the quoted text '%s', write it "
                 "without quotes",
                 PATUH_FORMAT_VERSION, yt_describe(v, buf, sizeof buf));
    else if (v && (v->kind != YT_SCALAR || strcmp(v->scalar, "1") != 0))
        yt_error(c->diags, c->name, v, "expected format version %d for 'patuh', got '%s'",
                 PATUH_FORMAT_VERSION, yt_describe(v, buf, sizeof buf));
}

/* `min_coverage`: the share of applicable indicators an agency must answer to be ranked
 * (doc/scoring.md §12), a number from 0 to 1. */
static void min_coverage_parse(rubric_ctx *c, const yt_node *v)
{
    double x;
    if (!yt_to_double(v, c->name, "'min_coverage'", &x, c->diags))
        return;
    if (x < 0 || x > 1)
        yt_error(c->diags, c->name, v, "expected a number from 0 to 1 for 'min_coverage', got '%s'",
                 v->scalar);
    else
        c->r->min_coverage = x;
}

static void numbers_parse(rubric_ctx *c, const yt_node *top)
{
    patuh_rubric *r = c->r;
    const yt_node *v;
    long n;
    if ((v = yt_get(top, "year")) && rubric_int(c, v, "'year'", 1000, 9999, &n))
        r->year = (int)n;
    if ((v = yt_get(top, "decimals")) && rubric_int(c, v, "'decimals'", 0, 6, &n))
        r->decimals = (int)n;
    if ((v = yt_get(top, "max")) && yt_to_double(v, c->name, "'max'", &r->max, c->diags) &&
        (r->max <= 0 || r->max > MODEL_MAX_MAX)) {
        yt_error(c->diags, c->name, v,
                 r->max <= 0 ? "max must be greater than 0, got '%s'"
                             : "max must be at most 1000000, got '%s'",
                 v->scalar);
        r->max = 100;
    }
    if ((v = yt_get(top, "min_coverage")))
        min_coverage_parse(c, v);
    if (!(v = yt_get(top, "na_policy")))
        return;
    char buf[64];
    if (v->kind == YT_SCALAR && strcmp(v->scalar, "full") == 0)
        r->na_policy = PATUH_NA_FULL;
    else if (v->kind != YT_SCALAR || strcmp(v->scalar, "exclude") != 0)
        yt_error(c->diags, c->name, v, "expected exclude or full for 'na_policy', got '%s'",
                 yt_describe(v, buf, sizeof buf));
}

static void meta_parse(rubric_ctx *c, const yt_node *top)
{
    static const char *const keys[] = {
        "patuh",        "id",         "title",     "authority", "year",         "source",
        "max",          "decimals",   "groups",    "scales",    "bands",        "zones",
        "critical_cap", "qualifiers", "na_policy", "sections",  "min_coverage", "unit_kinds",
        "coverage",     "penalties",  NULL};
    patuh_rubric *r = c->r;
    yt_check_keys(top, keys, c->name, "the rubric", c->diags);
    version_parse(c, top);
    if (rubric_need(c, top, "id", "the rubric"))
        r->id = rubric_text(c, top, "id", "the rubric");
    if (rubric_need(c, top, "title", "the rubric"))
        r->title = rubric_text(c, top, "title", "the rubric");
    r->authority = rubric_text(c, top, "authority", "the rubric");
    r->source = rubric_text(c, top, "source", "the rubric");
    numbers_parse(c, top);
}

/* Everything below the top-level mapping, in the order the parts depend on each other. */
static void rubric_parse(rubric_ctx *c, const yt_node *top)
{
    const yt_node *v;
    meta_parse(c, top);
    if ((v = yt_get(top, "groups")))
        groups_parse(c, v);
    if ((v = rubric_need(c, top, "zones", "the rubric")))
        zones_parse(c, v);
    if ((v = yt_get(top, "scales")))
        scales_parse(c, v);
    if ((v = rubric_need(c, top, "bands", "the rubric")))
        bands_parse(c, v);
    if ((v = yt_get(top, "critical_cap")))
        critical_cap_parse(c, v);
    if (!c->nomem)
        tree_parse(c, top);
    if ((v = yt_get(top, "penalties")) && !c->nomem)
        penalties_parse(c, v);
    if ((v = yt_get(top, "qualifiers")) && !c->nomem)
        qualifiers_parse(c, v);
    if ((v = yt_get(top, "unit_kinds")) && !c->nomem)
        unit_kinds_parse(c, v);
    if ((v = yt_get(top, "coverage")) && !c->nomem)
        coverage_parse(c, v);
}

static patuh_rubric *rubric_new(const char *name, const char *data, size_t len)
{
    patuh_rubric *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->max = 100;
    r->decimals = 2;
    r->critical_cap = SIZE_MAX;
    r->na_policy = PATUH_NA_EXCLUDE;
    sha256_bytes(data, len, r->sha256);
    if (!(r->path = str_dup(name)) || !(r->by_id = idmap_new())) {
        patuh_rubric_free(r);
        return NULL;
    }
    return r;
}

/* Checks the parsed document and builds the rubric from it. */
static double children_weight(const patuh_node *node)
{
    double sum = 0;
    for (size_t i = 0; i < node->n_children; i++)
        sum += node->children[i]->weight;
    return sum;
}

static patuh_status rubric_build(const char *name, const char *data, size_t len, const yt_node *top,
                                 patuh_rubric **out, patuh_diags *diags)
{
    size_t errors = diags->errors;
    rubric_ctx c = {.name = name, .diags = diags};
    patuh_status st = PATUH_ENOMEM;
    if (!(c.r = rubric_new(name, data, len)) || !(c.scale_names = idmap_new()))
        goto done;
    if (!top)
        patuh_diags_add(diags, PATUH_SEV_ERROR, name, 0, 0,
                        "the rubric is empty, expected a map with patuh, id, title, zones, "
                        "bands and sections");
    else if (rubric_expect(&c, top, YT_MAP, "a map", "the rubric"))
        rubric_parse(&c, top);
    st = c.nomem ? PATUH_ENOMEM : diags->errors > errors ? PATUH_EINVALID : PATUH_OK;
    for (size_t i = 0; st == PATUH_OK && i < c.r->n_nodes; i++)
        c.r->nodes[i]->children_weight = children_weight(c.r->nodes[i]);
    if (st == PATUH_OK && c.r->root)
        c.r->root->children_weight = children_weight(c.r->root);
done:
    idmap_free(c.scale_names);
    if (st == PATUH_OK)
        *out = c.r;
    else
        patuh_rubric_free(c.r);
    return st;
}

/* ---- public ------------------------------------------------------------------------- */

patuh_status patuh_rubric_load_buffer(const char *name, const char *data, size_t len,
                                      const patuh_limits *lim, patuh_rubric **out,
                                      patuh_diags *diags)
{
    if (!out)
        return PATUH_EARG;
    *out = NULL;
    if (!diags || (!data && len))
        return PATUH_EARG;
    patuh_limits defaults;
    if (!lim) {
        patuh_limits_default(&defaults);
        lim = &defaults;
    }
    if (!name)
        name = "-";
    yt_node *top = NULL;
    patuh_status st = yt_parse(name, data ? data : "", len, lim, &top, diags);
    if (st == PATUH_OK)
        st = rubric_build(name, data ? data : "", len, top, out, diags);
    yt_free(top);
    return st;
}

patuh_status patuh_rubric_load(const char *path, const patuh_limits *lim, patuh_rubric **out,
                               patuh_diags *diags)
{
    if (!out)
        return PATUH_EARG;
    *out = NULL;
    if (!path || !diags)
        return PATUH_EARG;
    patuh_limits defaults;
    if (!lim) {
        patuh_limits_default(&defaults);
        lim = &defaults;
    }
    char *data = NULL;
    size_t len = 0;
    patuh_status st = file_read_all(path, lim->max_file_bytes, &data, &len, diags);
    if (st == PATUH_OK)
        st = patuh_rubric_load_buffer(path, data, len, lim, out, diags);
    free(data);
    return st;
}

void patuh_rubric_free(patuh_rubric *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_nodes; i++)
        node_free(r->nodes[i]);
    for (size_t i = 0; i < r->n_scales; i++)
        scale_free(r->scales[i]);
    for (size_t i = 0; i < r->n_groups; i++)
        free(r->groups[i]);
    for (size_t i = 0; i < r->n_bands; i++) {
        free(r->bands[i].id);
        free(r->bands[i].label);
    }
    for (size_t i = 0; i < r->n_zones; i++) {
        free(r->zones[i].name);
        free(r->zones[i].color);
    }
    for (size_t i = 0; i < r->n_qualifiers; i++) {
        free(r->qualifiers[i].id);
        free(r->qualifiers[i].label);
    }
    free(r->nodes);
    free(r->penalties);
    free(r->counted);
    free(r->indicators);
    free(r->scales);
    free(r->groups);
    free(r->bands);
    free(r->zones);
    free(r->qualifiers);
    coverage_free(r);
    idmap_free(r->by_id);
    free(r->path);
    free(r->id);
    free(r->title);
    free(r->authority);
    free(r->source);
    free(r);
}

const patuh_node *patuh_rubric_find(const patuh_rubric *rubric, const char *id)
{
    if (!rubric || !id || !rubric->by_id)
        return NULL;
    return idmap_get(rubric->by_id, id);
}

const patuh_node *patuh_node_penalty(const patuh_node *node)
{
    while (node && node->parent)
        node = node->parent;
    return node && node->is_penalty ? node : NULL;
}

double patuh_node_share(const patuh_node *node)
{
    double share = 1;
    for (; node && node->parent; node = node->parent) {
        /* the sum kept at load: over every node, the shares cost O(nodes), not O(nodes^2) */
        double sum = node->parent->children_weight;
        if (sum <= 0)
            sum = children_weight(node->parent); /* a tree not built by the loader */
        share *= sum > 0 ? node->weight / sum : 0;
    }
    return share;
}
