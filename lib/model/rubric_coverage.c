/* rubric_coverage.c — `unit_kinds:` and `coverage:`, what an assessment method samples: the
 * kinds of unit answers may name and, per set of groups, how many units of each kind and how
 * many products per unit an agency must have (doc/formats.md §2.10, doc/scoring.md §14). */
#include "model/rubric_load.h"

#include <stdlib.h>
#include <string.h>

/* The most units of a kind or products per unit one entry may ask for. */
#define COVERAGE_NEED_MAX 1000
/* The most unit kinds a rubric may list (a unit keeps its kind in 16 bits). */
#define UNIT_KINDS_MAX 1000

const char *unit_kind_at(const patuh_rubric *r, size_t i)
{
    return r->unit_kinds[i].id;
}

/* The index of kind `id`, or -1. */
int rubric_unit_kind(const patuh_rubric *r, const char *id)
{
    for (size_t k = 0; k < r->n_unit_kinds; k++)
        if (r->unit_kinds[k].id && strcmp(r->unit_kinds[k].id, id) == 0)
            return (int)k;
    return -1;
}

/* A kind id: not empty, no '/' (unit paths use it) and no white space. */
static bool unit_kind_id_ok(const char *id)
{
    return id[0] && !strpbrk(id, "/ \t\r\n");
}

void unit_kinds_parse(rubric_ctx *c, const yt_node *map)
{
    patuh_rubric *r = c->r;
    if (!rubric_expect(c, map, YT_MAP, "a map of unit kinds to their names", "'unit_kinds'"))
        return;
    if (map->n / 2 > UNIT_KINDS_MAX) {
        yt_error(c->diags, c->name, map, "too many unit kinds: %zu, expected at most %d",
                 map->n / 2, UNIT_KINDS_MAX);
        return;
    }
    if (!(r->unit_kinds = calloc(map->n / 2 ? map->n / 2 : 1, sizeof *r->unit_kinds))) {
        c->nomem = true;
        return;
    }
    for (size_t i = 0; i + 1 < map->n && !c->nomem; i += 2) {
        const yt_node *key = map->items[i];
        char what[WHAT_BUF];
        if (!unit_kind_id_ok(key->scalar)) {
            yt_error(c->diags, c->name, key,
                     "expected a unit kind without '/' or spaces in 'unit_kinds', got '%s'",
                     key->scalar);
            continue;
        }
        snprintf(what, sizeof what, patuh_tr("the name of unit kind '%s'"), key->scalar);
        const char *label = yt_to_string(map->items[i + 1], c->name, what, c->diags);
        if (!label)
            continue;
        patuh_unit_kind *k = &r->unit_kinds[r->n_unit_kinds++];
        k->id = rubric_dup(c, key->scalar);
        k->label = rubric_dup(c, label);
    }
}

/* A count of 1..COVERAGE_NEED_MAX; 0 after reporting. */
static unsigned coverage_count(rubric_ctx *c, const yt_node *v, const char *what)
{
    long n;
    return rubric_int(c, v, what, 1, COVERAGE_NEED_MAX, &n) ? (unsigned)n : 0;
}

/* The entry's `groups:`: each one of the rubric's, and in no earlier entry (`taken`). */
static void coverage_groups(rubric_ctx *c, patuh_coverage *cov, const yt_node *seq, uint64_t *taken)
{
    char list[LIST_BUF];
    if (!rubric_expect(c, seq, YT_SEQ, "a list of groups", "'groups' of a coverage entry"))
        return;
    for (size_t i = 0; i < seq->n; i++) {
        const char *g = yt_to_string(seq->items[i], c->name, "a group", c->diags);
        if (!g)
            continue;
        int k = patuh_rubric_group(c->r, g);
        if (k < 0)
            yt_error(c->diags, c->name, seq->items[i],
                     "unknown group '%s' in coverage, expected one of: %s", g,
                     join_names(list, sizeof list, c->r, c->r->n_groups, group_at));
        else if (*taken >> k & 1)
            yt_error(c->diags, c->name, seq->items[i],
                     "group '%s' is in two coverage entries, expected it in one", g);
        else {
            cov->groups |= (uint64_t)1 << k;
            *taken |= (uint64_t)1 << k;
        }
    }
}

/* The entry's `units:`, a map of unit kind to the number of units an agency must have. */
static void coverage_units(rubric_ctx *c, patuh_coverage *cov, const yt_node *map)
{
    char list[LIST_BUF];
    if (!rubric_expect(c, map, YT_MAP, "a map of unit kinds to counts",
                       "'units' of a coverage entry"))
        return;
    if (!(cov->units = calloc(map->n / 2 ? map->n / 2 : 1, sizeof *cov->units))) {
        c->nomem = true;
        return;
    }
    for (size_t i = 0; i + 1 < map->n; i += 2) {
        const char *id = map->items[i]->scalar;
        int k = rubric_unit_kind(c->r, id);
        if (k < 0) {
            yt_error(c->diags, c->name, map->items[i],
                     "unknown unit kind '%s' in coverage, expected one of: %s", id,
                     c->r->n_unit_kinds
                         ? join_names(list, sizeof list, c->r, c->r->n_unit_kinds, unit_kind_at)
                         : patuh_tr("a kind listed in 'unit_kinds'"));
            continue;
        }
        char what[WHAT_BUF];
        snprintf(what, sizeof what, "'%s' in coverage", id);
        unsigned need = coverage_count(c, map->items[i + 1], what);
        if (need)
            cov->units[cov->n_units++] = (patuh_kind_need){.kind = (size_t)k, .need = need};
    }
}

static void coverage_entry(rubric_ctx *c, patuh_coverage *cov, const yt_node *item, uint64_t *taken)
{
    static const char *const keys[] = {"groups", "units", "products", NULL};
    if (!rubric_expect(c, item, YT_MAP, "a map", "a coverage entry"))
        return;
    yt_check_keys(item, keys, c->name, patuh_tr("a coverage entry"), c->diags);
    const yt_node *v;
    if ((v = rubric_need(c, item, "groups", patuh_tr("a coverage entry"))))
        coverage_groups(c, cov, v, taken);
    if ((v = yt_get(item, "units")))
        coverage_units(c, cov, v);
    if ((v = yt_get(item, "products")))
        cov->products = coverage_count(c, v, "'products'");
    if (!yt_get(item, "units") && !yt_get(item, "products"))
        yt_error(c->diags, c->name, item,
                 "a coverage entry samples nothing, expected 'units' or 'products'");
}

void coverage_parse(rubric_ctx *c, const yt_node *seq)
{
    patuh_rubric *r = c->r;
    if (!rubric_expect(c, seq, YT_SEQ, "a list of coverage entries", "'coverage'"))
        return;
    if (!(r->coverage = calloc(seq->n ? seq->n : 1, sizeof *r->coverage))) {
        c->nomem = true;
        return;
    }
    uint64_t taken = 0;
    for (size_t i = 0; i < seq->n && !c->nomem; i++)
        coverage_entry(c, &r->coverage[r->n_coverage++], seq->items[i], &taken);
}

void coverage_free(patuh_rubric *r)
{
    for (size_t i = 0; i < r->n_unit_kinds; i++) {
        free(r->unit_kinds[i].id);
        free(r->unit_kinds[i].label);
    }
    free(r->unit_kinds);
    for (size_t i = 0; i < r->n_coverage; i++)
        free(r->coverage[i].units);
    free(r->coverage);
}
