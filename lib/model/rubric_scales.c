/* rubric_scales.c — the answer scales of a rubric: a list of levels, a number with its
 * bounds and target, or a checklist of items; named under `scales:` or written in place. */
#include "model/rubric_load.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- scales ------------------------------------------------------------------------- */

void scale_free(patuh_scale *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_levels; i++)
        free(s->levels[i].label);
    for (size_t i = 0; i < s->n_items; i++)
        free(s->items[i]);
    free(s->levels);
    free(s->items);
    free(s->name);
    free(s);
}

/* A new scale owned by the rubric (so it is freed whatever happens next). */
static patuh_scale *scale_new(rubric_ctx *c, const yt_node *spec, const char *name)
{
    patuh_rubric *r = c->r;
    patuh_scale **grown = array_room(r->scales, r->n_scales, sizeof *grown);
    if (!grown)
        return c->nomem = true, NULL;
    r->scales = grown;
    patuh_scale *s = calloc(1, sizeof *s);
    if (!s || (name && !(s->name = str_dup(name)))) {
        free(s);
        return c->nomem = true, NULL;
    }
    s->line = spec->line;
    s->col = spec->col;
    r->scales[r->n_scales++] = s;
    return s;
}

/* A number of a scale (a level's value, a bound, a target) within +-MODEL_VALUE_MAX. */
static bool scale_value(rubric_ctx *c, const yt_node *node, const char *what, double *out)
{
    if (!yt_to_double(node, c->name, what, out, c->diags))
        return false;
    if (fabs(*out) <= MODEL_VALUE_MAX)
        return true;
    yt_error(c->diags, c->name, node,
             "number '%s' for %s is out of range, expected -1000000000000 to 1000000000000",
             node->scalar, what);
    return false;
}

/* One {value, label} of a list scale; the value is NAN when it is invalid. */
static void level_parse(rubric_ctx *c, patuh_level *level, const yt_node *item, const char *what)
{
    static const char *const keys[] = {"value", "label", NULL};
    char where[WHAT_BUF];
    snprintf(where, sizeof where, patuh_tr("a level of %s"), patuh_tr_part(what));
    level->value = NAN;
    if (!rubric_expect(c, item, YT_MAP, "a map with value and label", where))
        return;
    yt_check_keys(item, keys, c->name, where, c->diags);
    const yt_node *v = rubric_need(c, item, "value", where);
    if (v && !scale_value(c, v, where, &level->value))
        level->value = NAN;
    if (yt_get(item, "label"))
        level->label = rubric_text(c, item, "label", where);
    else if (!isnan(level->value) && !(level->label = str_printf("%g", level->value)))
        c->nomem = true; /* without a label, the value is its own label */
}

/* Reports a level value that repeats an earlier one. */
static void level_check_unique(rubric_ctx *c, const patuh_scale *s, const yt_node *seq, size_t i,
                               const char *what)
{
    for (size_t j = 0; j < i; j++) {
        if (s->levels[j].value != s->levels[i].value)
            continue;
        const yt_node *first = yt_get(seq->items[j], "value");
        yt_error(c->diags, c->name, yt_get(seq->items[i], "value"),
                 "duplicate value %g in %s, first given at %u:%u", s->levels[i].value, what,
                 first->line, first->col);
        return;
    }
}

static void scale_list(rubric_ctx *c, patuh_scale *s, const yt_node *seq, const char *what)
{
    s->kind = PATUH_SCALE_LIST;
    if (seq->n == 0) {
        yt_error(c->diags, c->name, seq, "%s has no levels, expected a list of value and label",
                 what);
        return;
    }
    if (!(s->levels = calloc(seq->n, sizeof *s->levels))) {
        c->nomem = true;
        return;
    }
    s->n_levels = seq->n;
    s->min = INFINITY;
    s->max = -INFINITY;
    for (size_t i = 0; i < seq->n; i++) {
        level_parse(c, &s->levels[i], seq->items[i], what);
        if (isnan(s->levels[i].value))
            continue;
        level_check_unique(c, s, seq, i, what);
        s->min = fmin(s->min, s->levels[i].value);
        s->max = fmax(s->max, s->levels[i].value);
    }
}

/* `normalise: range` (the default, (a - min) / (target - min)) or `ratio` (a / target),
 * for methods such as SKM whose lowest answer still earns a share of the maximum. */
static void scale_normalise(rubric_ctx *c, patuh_scale *s, const yt_node *node, const char *what)
{
    if (!node)
        return;
    const char *mode = yt_to_string(node, c->name, "normalise", c->diags);
    if (!mode)
        return;
    if (strcmp(mode, "ratio") == 0)
        s->ratio = true;
    else if (strcmp(mode, "range") != 0)
        yt_error(c->diags, c->name, node, "unknown normalise '%s' in %s, expected range or ratio",
                 mode, what);
    if (s->ratio && s->min < 0)
        yt_error(c->diags, c->name, node, "normalise ratio in %s needs min 0 or more, got %g", what,
                 s->min);
}

static void scale_number(rubric_ctx *c, patuh_scale *s, const yt_node *map, const char *what)
{
    static const char *const keys[] = {"min", "max", "target", "normalise", NULL};
    s->kind = PATUH_SCALE_NUMBER;
    if (!rubric_expect(c, map, YT_MAP, "a map with min, max and target", what))
        return;
    yt_check_keys(map, keys, c->name, what, c->diags);
    const yt_node *lo = rubric_need(c, map, "min", what);
    const yt_node *hi = rubric_need(c, map, "max", what);
    const yt_node *target = yt_get(map, "target");
    char w[WHAT_BUF];
    snprintf(w, sizeof w, patuh_tr("the bounds of %s"), patuh_tr_part(what));
    if (!lo || !hi || !scale_value(c, lo, w, &s->min) || !scale_value(c, hi, w, &s->max))
        return;
    if (s->min >= s->max) {
        yt_error(c->diags, c->name, lo, "min %g is not below max %g in %s", s->min, s->max, what);
        return;
    }
    s->target = s->max;
    if (target && scale_value(c, target, w, &s->target) &&
        (s->target <= s->min || s->target > s->max))
        yt_error(c->diags, c->name, target,
                 "target %g of %s is out of range, expected above %g and at most %g", s->target,
                 what, s->min, s->max);
    scale_normalise(c, s, yt_get(map, "normalise"), what);
}

/* The item names of a checklist, each unique. */
static void checklist_items(rubric_ctx *c, patuh_scale *s, const yt_node *seq, const char *what)
{
    char w[WHAT_BUF];
    snprintf(w, sizeof w, patuh_tr("an item of %s"), patuh_tr_part(what));
    if (!(s->items = calloc(seq->n, sizeof *s->items))) {
        c->nomem = true;
        return;
    }
    for (size_t i = 0; i < seq->n; i++) {
        const char *item = yt_to_string(seq->items[i], c->name, w, c->diags);
        for (size_t j = 0; item && j < i; j++) {
            if (seq->items[j]->scalar && strcmp(seq->items[j]->scalar, item) == 0) {
                yt_error(c->diags, c->name, seq->items[i],
                         "duplicate item '%s' in %s, first given at %u:%u", item, what,
                         seq->items[j]->line, seq->items[j]->col);
                break;
            }
        }
        if (item && !(s->items[s->n_items++] = rubric_dup(c, item)))
            return;
    }
}

static void scale_checklist(rubric_ctx *c, patuh_scale *s, const yt_node *map, const char *what)
{
    static const char *const keys[] = {"items", "need", NULL};
    s->kind = PATUH_SCALE_CHECKLIST;
    if (!rubric_expect(c, map, YT_MAP, "a map with items and need", what))
        return;
    yt_check_keys(map, keys, c->name, what, c->diags);
    const yt_node *items = rubric_need(c, map, "items", what);
    char w[WHAT_BUF];
    snprintf(w, sizeof w, patuh_tr("the items of %s"), patuh_tr_part(what));
    if (!items || !rubric_expect(c, items, YT_SEQ, "a list of item names", w))
        return;
    if (items->n == 0) {
        yt_error(c->diags, c->name, items, "%s has no items, expected at least one", what);
        return;
    }
    checklist_items(c, s, items, what);
    s->need = items->n;
    const yt_node *need = yt_get(map, "need");
    long n;
    snprintf(w, sizeof w, patuh_tr("the need of %s"), patuh_tr_part(what));
    if (need && rubric_int(c, need, w, 1, (long)items->n, &n))
        s->need = (size_t)n;
}

/* A scale written out: a list of levels, {number: {...}} or {checklist: {...}}. */
patuh_scale *scale_parse(rubric_ctx *c, const yt_node *spec, const char *name, const char *what)
{
    bool is_form = spec->kind == YT_MAP && spec->n == 2 &&
                   (strcmp(spec->items[0]->scalar, "number") == 0 ||
                    strcmp(spec->items[0]->scalar, "checklist") == 0);
    if (spec->kind != YT_SEQ && !is_form) {
        char buf[64];
        yt_error(c->diags, c->name, spec,
                 "expected a list of levels, {number: ...} or {checklist: ...} for %s, got %s",
                 what,
                 spec->kind == YT_MAP ? patuh_tr("a map") : yt_describe(spec, buf, sizeof buf));
        return NULL;
    }
    patuh_scale *s = scale_new(c, spec, name);
    if (!s)
        return NULL;
    if (spec->kind == YT_SEQ)
        scale_list(c, s, spec, what);
    else if (strcmp(spec->items[0]->scalar, "number") == 0)
        scale_number(c, s, spec->items[1], what);
    else
        scale_checklist(c, s, spec->items[1], what);
    return s;
}

void scales_parse(rubric_ctx *c, const yt_node *map)
{
    if (!rubric_expect(c, map, YT_MAP, "a map of scale names to scales", "'scales'"))
        return;
    for (size_t i = 0; i + 1 < map->n && !c->nomem; i += 2) {
        char what[NAME_BUF];
        snprintf(what, sizeof what, patuh_tr("scale '%s'"), map->items[i]->scalar);
        patuh_scale *s = scale_parse(c, map->items[i + 1], map->items[i]->scalar, what);
        if (s && !idmap_put(c->scale_names, s->name, s))
            c->nomem = true;
    }
    c->n_named = c->r->n_scales;
}

/* The named scale an indicator refers to, or NULL after reporting. */
const patuh_scale *scale_named(rubric_ctx *c, const yt_node *ref, const char *subj)
{
    if (yt_is_null(ref)) {
        yt_error(c->diags, c->name, ref, "expected a scale for %s, got nothing", subj);
        return NULL;
    }
    const patuh_scale *s = idmap_get(c->scale_names, ref->scalar);
    if (s)
        return s;
    char list[LIST_BUF];
    if (c->n_named == 0)
        yt_error(c->diags, c->name, ref,
                 "unknown scale '%s' for %s, the rubric defines no named scales", ref->scalar,
                 subj);
    else
        yt_error(c->diags, c->name, ref, "unknown scale '%s' for %s, expected one of: %s",
                 ref->scalar, subj, join_names(list, sizeof list, c->r, c->n_named, scale_at));
    return NULL;
}
