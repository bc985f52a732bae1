/* rubric.c — loads a rubric file (SPEC.md section 2) into a patuh_rubric: metadata, groups,
 * zones, answer scales, bands, the section/indicator tree with its synthetic root, and
 * qualifiers. Every problem is reported at the node that causes it, and checking goes on
 * past the first one so `patuh rubric check` can list them all. */
#include "model/model.h"
#include "yaml/yaml_tree.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { NAME_BUF = 160, WHAT_BUF = NAME_BUF + 48, LIST_BUF = 512 };

typedef struct rubric_ctx {
    const char *name; /* file name for messages */
    patuh_diags *diags;
    patuh_rubric *r;
    patuh_idmap *scale_names; /* named scale -> patuh_scale, keys borrowed from the scale */
    size_t n_named;           /* the first n_named of r->scales are the named ones */
    size_t nodes_cap, ind_cap, scales_cap;
    bool nomem;
} rubric_ctx;

/* How messages name a node: where = "section 'input'", subj = "'input'"; without an id
 * "a section" for both. */
typedef struct node_names {
    char where[NAME_BUF];
    char subj[NAME_BUF];
} node_names;

/* ---- small helpers ------------------------------------------------------------------ */

static char *rubric_dup(rubric_ctx *c, const char *s)
{
    char *d = str_dup(s);
    if (!d)
        c->nomem = true;
    return d;
}

/* The value of a required key, or NULL after reporting that it is missing. */
static const yt_node *rubric_need(rubric_ctx *c, const yt_node *map, const char *key,
                                  const char *where)
{
    const yt_node *v = yt_get(map, key);
    if (!v)
        yt_error(c->diags, c->name, map, "missing key '%s' in %s", key, where);
    return v;
}

/* Whether a node is of the kind wanted; reports "expected WANT for WHAT, got ...". */
static bool rubric_expect(rubric_ctx *c, const yt_node *node, yt_kind kind, const char *want,
                          const char *what)
{
    char buf[64];
    if (node && node->kind == kind)
        return true;
    if (node && node->kind == YT_SCALAR)
        yt_error(c->diags, c->name, node, "expected %s for %s, got '%s'", want, what,
                 yt_describe(node, buf, sizeof buf));
    else
        yt_error(c->diags, c->name, node, "expected %s for %s, got %s", want, what,
                 yt_describe(node, buf, sizeof buf));
    return false;
}

/* A copy of the text of `key` in `map`; NULL when absent, invalid (reported) or no memory. */
static char *rubric_text(rubric_ctx *c, const yt_node *map, const char *key, const char *where)
{
    const yt_node *v = yt_get(map, key);
    if (!v)
        return NULL;
    char what[WHAT_BUF];
    snprintf(what, sizeof what, "the %s of %s", key, where);
    const char *s = yt_to_string(v, c->name, what, c->diags);
    return s ? rubric_dup(c, s) : NULL;
}

/* A whole number in [lo, hi]; false after reporting. */
static bool rubric_int(rubric_ctx *c, const yt_node *node, const char *what, long lo, long hi,
                       long *out)
{
    double v;
    if (!yt_to_double(node, c->name, what, &v, c->diags))
        return false;
    if (v != floor(v) || v < (double)lo || v > (double)hi) {
        yt_error(c->diags, c->name, node, "expected a whole number %ld-%ld for %s, got '%s'", lo,
                 hi, what, node->scalar);
        return false;
    }
    *out = (long)v;
    return true;
}

typedef const char *(*name_at_fn)(const patuh_rubric *r, size_t i);

static const char *group_at(const patuh_rubric *r, size_t i)
{
    return r->groups[i];
}
static const char *zone_at(const patuh_rubric *r, size_t i)
{
    return r->zones[i].name;
}
static const char *band_at(const patuh_rubric *r, size_t i)
{
    return r->bands[i].id;
}
static const char *scale_at(const patuh_rubric *r, size_t i)
{
    return r->scales[i]->name;
}

/* "a, b, c" for messages; names that failed to load are left out. */
static const char *join_names(char *buf, size_t size, const patuh_rubric *r, size_t n,
                              name_at_fn at)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && used < size; i++) {
        const char *name = at(r, i);
        if (name)
            used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? ", " : "", name);
    }
    return buf;
}

static bool push_node(rubric_ctx *c, patuh_node ***arr, size_t *n, size_t *cap, patuh_node *node)
{
    if (*n == *cap) {
        size_t next = *cap ? *cap * 2 : 16;
        patuh_node **grown = realloc(*arr, next * sizeof *grown);
        if (!grown) {
            c->nomem = true;
            return false;
        }
        *arr = grown;
        *cap = next;
    }
    (*arr)[(*n)++] = node;
    return true;
}

/* ---- scales ------------------------------------------------------------------------- */

static void scale_free(patuh_scale *s)
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
    if (r->n_scales == c->scales_cap) {
        size_t next = c->scales_cap ? c->scales_cap * 2 : 8;
        patuh_scale **grown = realloc(r->scales, next * sizeof *grown);
        if (!grown)
            return c->nomem = true, NULL;
        r->scales = grown;
        c->scales_cap = next;
    }
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

/* One {value, label} of a list scale; the value is NAN when it is invalid. */
static void level_parse(rubric_ctx *c, patuh_level *level, const yt_node *item, const char *what)
{
    static const char *const keys[] = {"value", "label", NULL};
    char where[WHAT_BUF];
    snprintf(where, sizeof where, "a level of %s", what);
    level->value = NAN;
    if (!rubric_expect(c, item, YT_MAP, "a map with value and label", where))
        return;
    yt_check_keys(item, keys, c->name, where, c->diags);
    const yt_node *v = rubric_need(c, item, "value", where);
    if (v && !yt_to_double(v, c->name, where, &level->value, c->diags))
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
    snprintf(w, sizeof w, "the bounds of %s", what);
    if (!lo || !hi || !yt_to_double(lo, c->name, w, &s->min, c->diags) ||
        !yt_to_double(hi, c->name, w, &s->max, c->diags))
        return;
    if (s->min >= s->max) {
        yt_error(c->diags, c->name, lo, "min %g is not below max %g in %s", s->min, s->max, what);
        return;
    }
    s->target = s->max;
    if (target && yt_to_double(target, c->name, w, &s->target, c->diags) &&
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
    snprintf(w, sizeof w, "an item of %s", what);
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
    snprintf(w, sizeof w, "the items of %s", what);
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
    snprintf(w, sizeof w, "the need of %s", what);
    if (need && rubric_int(c, need, w, 1, (long)items->n, &n))
        s->need = (size_t)n;
}

/* A scale written out: a list of levels, {number: {...}} or {checklist: {...}}. */
static patuh_scale *scale_parse(rubric_ctx *c, const yt_node *spec, const char *name,
                                const char *what)
{
    bool is_form = spec->kind == YT_MAP && spec->n == 2 &&
                   (strcmp(spec->items[0]->scalar, "number") == 0 ||
                    strcmp(spec->items[0]->scalar, "checklist") == 0);
    if (spec->kind != YT_SEQ && !is_form) {
        char buf[64];
        yt_error(c->diags, c->name, spec,
                 "expected a list of levels, {number: ...} or {checklist: ...} for %s, got %s",
                 what, spec->kind == YT_MAP ? "a map" : yt_describe(spec, buf, sizeof buf));
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

static void scales_parse(rubric_ctx *c, const yt_node *map)
{
    if (!rubric_expect(c, map, YT_MAP, "a map of scale names to scales", "'scales'"))
        return;
    for (size_t i = 0; i + 1 < map->n && !c->nomem; i += 2) {
        char what[NAME_BUF];
        snprintf(what, sizeof what, "scale '%s'", map->items[i]->scalar);
        patuh_scale *s = scale_parse(c, map->items[i + 1], map->items[i]->scalar, what);
        if (s && !idmap_put(c->scale_names, s->name, s))
            c->nomem = true;
    }
    c->n_named = c->r->n_scales;
}

/* The named scale an indicator refers to, or NULL after reporting. */
static const patuh_scale *scale_named(rubric_ctx *c, const yt_node *ref, const char *subj)
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

/* ---- groups and zones --------------------------------------------------------------- */

static void groups_parse(rubric_ctx *c, const yt_node *seq)
{
    patuh_rubric *r = c->r;
    if (!rubric_expect(c, seq, YT_SEQ, "a list of group names", "'groups'"))
        return;
    if (seq->n > PATUH_MAX_GROUPS) {
        yt_error(c->diags, c->name, seq, "too many groups: %zu, expected at most %d", seq->n,
                 PATUH_MAX_GROUPS);
        return;
    }
    if (!(r->groups = calloc(seq->n ? seq->n : 1, sizeof *r->groups))) {
        c->nomem = true;
        return;
    }
    for (size_t i = 0; i < seq->n; i++) {
        const char *g = yt_to_string(seq->items[i], c->name, "a group", c->diags);
        if (!g)
            continue;
        int first = patuh_rubric_group(r, g);
        if (first >= 0) {
            const yt_node *at = seq->items[first];
            yt_error(c->diags, c->name, seq->items[i],
                     "duplicate group '%s' in groups, first given at %u:%u", g, at->line, at->col);
            continue;
        }
        if (!(r->groups[r->n_groups++] = rubric_dup(c, g)))
            return;
    }
}

static bool is_colour(const char *s)
{
    if (strlen(s) != 7 || s[0] != '#')
        return false;
    for (size_t i = 1; i < 7; i++)
        if (!strchr("0123456789abcdefABCDEF", s[i]))
            return false;
    return true;
}

static void zones_parse(rubric_ctx *c, const yt_node *map)
{
    patuh_rubric *r = c->r;
    if (!rubric_expect(c, map, YT_MAP, "a map of zone names to colours", "'zones'"))
        return;
    if (map->n == 0) {
        yt_error(c->diags, c->name, map, "the rubric has no zones, expected at least one");
        return;
    }
    if (!(r->zones = calloc(map->n / 2, sizeof *r->zones))) {
        c->nomem = true;
        return;
    }
    for (size_t i = 0; i + 1 < map->n && !c->nomem; i += 2) {
        const yt_node *v = map->items[i + 1];
        char buf[64];
        patuh_zone *z = &r->zones[r->n_zones++];
        z->name = rubric_dup(c, map->items[i]->scalar); /* kept so bands can still name it */
        if (v->kind == YT_SCALAR && is_colour(v->scalar))
            z->color = rubric_dup(c, v->scalar);
        else
            yt_error(c->diags, c->name, v, "expected a colour '#RRGGBB' for zone '%s', got '%s'",
                     map->items[i]->scalar, yt_describe(v, buf, sizeof buf));
    }
}

/* ---- bands -------------------------------------------------------------------------- */

static void band_zone(rubric_ctx *c, patuh_band *band, const yt_node *zone, const char *where)
{
    char list[LIST_BUF];
    char what[WHAT_BUF];
    snprintf(what, sizeof what, "the zone of %s", where);
    const char *name = yt_to_string(zone, c->name, what, c->diags);
    if (!name || c->r->n_zones == 0)
        return;
    for (size_t z = 0; z < c->r->n_zones; z++) {
        if (c->r->zones[z].name && strcmp(c->r->zones[z].name, name) == 0) {
            band->zone = z;
            return;
        }
    }
    yt_error(c->diags, c->name, zone, "zone '%s' of %s is not in zones, expected one of: %s", name,
             where, join_names(list, sizeof list, c->r, c->r->n_zones, zone_at));
}

/* Reports a band id that repeats one of the bands before it. */
static void band_check_id(rubric_ctx *c, const yt_node *seq, size_t i)
{
    const patuh_band *bands = c->r->bands;
    for (size_t j = 0; j < i; j++) {
        if (!bands[j].id || strcmp(bands[j].id, bands[i].id) != 0)
            continue;
        const yt_node *first = yt_get(seq->items[j], "id");
        yt_error(c->diags, c->name, yt_get(seq->items[i], "id"),
                 "duplicate band id '%s', first defined at %u:%u", bands[i].id, first->line,
                 first->col);
        return;
    }
}

static void band_parse(rubric_ctx *c, const yt_node *seq, size_t i)
{
    static const char *const keys[] = {"id", "label", "zone", "min", NULL};
    patuh_band *band = &c->r->bands[i];
    const yt_node *item = seq->items[i];
    band->min = NAN;
    if (!rubric_expect(c, item, YT_MAP, "a map with id, label, zone and min", "a band"))
        return;
    if (rubric_need(c, item, "id", "a band") && (band->id = rubric_text(c, item, "id", "a band")))
        band_check_id(c, seq, i);
    char where[NAME_BUF] = "a band";
    if (band->id)
        snprintf(where, sizeof where, "band '%s'", band->id);
    yt_check_keys(item, keys, c->name, where, c->diags);
    if (rubric_need(c, item, "label", where))
        band->label = rubric_text(c, item, "label", where);
    const yt_node *zone = rubric_need(c, item, "zone", where);
    if (zone)
        band_zone(c, band, zone, where);
    const yt_node *min = rubric_need(c, item, "min", where);
    char what[WHAT_BUF];
    snprintf(what, sizeof what, "the min of %s", where);
    if (min && !yt_to_double(min, c->name, what, &band->min, c->diags))
        band->min = NAN;
}

/* Equal mins, and a lowest min above 0; bands are still in file order here. */
static void bands_check(rubric_ctx *c, const yt_node *seq)
{
    const patuh_band *bands = c->r->bands;
    size_t lowest = SIZE_MAX;
    for (size_t i = 0; i < c->r->n_bands; i++) {
        if (isnan(bands[i].min))
            continue;
        for (size_t j = 0; j < i; j++) {
            if (bands[j].min == bands[i].min) {
                yt_error(c->diags, c->name, yt_get(seq->items[i], "min"),
                         "bands '%s' and '%s' have the same min %g", bands[j].id ? bands[j].id : "",
                         bands[i].id ? bands[i].id : "", bands[i].min);
                break;
            }
        }
        if (lowest == SIZE_MAX || bands[i].min < bands[lowest].min)
            lowest = i;
    }
    if (lowest != SIZE_MAX && bands[lowest].min > 0)
        yt_error(c->diags, c->name, yt_get(seq->items[lowest], "min"),
                 "bands must reach 0, the lowest min is %g", bands[lowest].min);
}

static int band_cmp(const void *a, const void *b)
{
    double x = ((const patuh_band *)a)->min, y = ((const patuh_band *)b)->min;
    return x > y ? -1 : x < y ? 1 : 0;
}

static void bands_parse(rubric_ctx *c, const yt_node *seq)
{
    patuh_rubric *r = c->r;
    if (!rubric_expect(c, seq, YT_SEQ, "a list of bands", "'bands'"))
        return;
    if (seq->n == 0) {
        yt_error(c->diags, c->name, seq, "the rubric has no bands, expected at least one");
        return;
    }
    if (!(r->bands = calloc(seq->n, sizeof *r->bands))) {
        c->nomem = true;
        return;
    }
    r->n_bands = seq->n;
    bool sortable = true;
    for (size_t i = 0; i < seq->n && !c->nomem; i++) {
        band_parse(c, seq, i);
        sortable = sortable && !isnan(r->bands[i].min);
    }
    bands_check(c, seq);
    if (sortable)
        qsort(r->bands, r->n_bands, sizeof *r->bands, band_cmp);
}

static void critical_cap_parse(rubric_ctx *c, const yt_node *node)
{
    char list[LIST_BUF];
    const char *id = yt_to_string(node, c->name, "'critical_cap'", c->diags);
    if (!id || c->r->n_bands == 0)
        return;
    for (size_t b = 0; b < c->r->n_bands; b++) {
        if (c->r->bands[b].id && strcmp(c->r->bands[b].id, id) == 0) {
            c->r->critical_cap = b;
            return;
        }
    }
    yt_error(c->diags, c->name, node, "critical_cap '%s' names no band, expected one of: %s", id,
             join_names(list, sizeof list, c->r, c->r->n_bands, band_at));
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
    node->index = r->n_nodes;
    node->parent = parent;
    node->line = at->line;
    node->col = at->col;
    if (!push_node(c, &r->nodes, &r->n_nodes, &c->nodes_cap, node)) {
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
    char where[32];
    snprintf(where, sizeof where, "%s %s", kind[0] == 'i' ? "an" : "a", kind);
    snprintf(names->where, sizeof names->where, "%s", where);
    snprintf(names->subj, sizeof names->subj, "%s", where);
    const yt_node *id = rubric_need(c, map, "id", where);
    if (!id || !(node->id = rubric_text(c, map, "id", where)))
        return;
    node->line = id->line;
    node->col = id->col;
    snprintf(names->where, sizeof names->where, "%s '%s'", kind, node->id);
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
    snprintf(what, sizeof what, "the weight of %s", names->subj);
    if (!w || !yt_to_double(w, c->name, what, &node->weight, c->diags))
        return;
    if (node->weight <= 0)
        yt_error(c->diags, c->name, w, "weight must be greater than 0 for %s, got '%s'",
                 names->subj, w->scalar);
}

static void child_parse(rubric_ctx *c, patuh_node *parent, const yt_node *item, bool indicator);

/* The items of `sections:` or `indicators:` of a section (or of the rubric). */
static void children_parse(rubric_ctx *c, patuh_node *parent, const yt_node *seq, bool indicator,
                           const char *where)
{
    char what[WHAT_BUF];
    snprintf(what, sizeof what, "the %s of %s", indicator ? "indicators" : "sections", where);
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

static void section_parse(rubric_ctx *c, patuh_node *node, const yt_node *map)
{
    static const char *const keys[] = {"id", "title", "weight", "sections", "indicators", NULL};
    node_names names;
    node_id(c, node, map, "section", &names);
    yt_check_keys(map, keys, c->name, names.where, c->diags);
    if (rubric_need(c, map, "title", names.where))
        node->title = rubric_text(c, map, "title", names.where);
    node_weight(c, node, map, &names);
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
    snprintf(what, sizeof what, "the scale of %s", names->subj);
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
    snprintf(what, sizeof what, "the applies_to of %s", names->subj);
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
    snprintf(what, sizeof what, "the na of %s", names->subj);
    if ((v = yt_get(map, "na")))
        yt_to_bool(v, c->name, what, &node->na, c->diags);
    snprintf(what, sizeof what, "the critical of %s", names->subj);
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
    static const char *const keys[] = {"id",       "title", "text",     "scale",
                                       "weight",   "na",    "critical", "applies_to",
                                       "guidance", "fix",   "evidence", NULL};
    patuh_rubric *r = c->r;
    node_names names;
    node->is_indicator = true;
    node->ind_index = r->n_indicators;
    if (!push_node(c, &r->indicators, &r->n_indicators, &c->ind_cap, node))
        return;
    node_id(c, node, map, "indicator", &names);
    yt_check_keys(map, keys, c->name, names.where, c->diags);
    indicator_texts(c, node, map, &names);
    indicator_scale(c, node, map, &names);
    node_weight(c, node, map, &names);
    indicator_flags(c, node, map, &names);
    indicator_applies(c, node, map, &names);
}

static void child_parse(rubric_ctx *c, patuh_node *parent, const yt_node *item, bool indicator)
{
    const char *what = indicator ? "an indicator" : "a section";
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

/* ---- qualifiers --------------------------------------------------------------------- */

/* The node a qualifier's `when` names, checked to be of the kind it says. */
static void qualifier_when(rubric_ctx *c, patuh_qualifier *q, const yt_node *when,
                           const char *where)
{
    static const char *const keys[] = {"section", "indicator", "min", NULL};
    char what[WHAT_BUF];
    snprintf(what, sizeof what, "the when of %s", where);
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
    const char *kind = sec ? "section" : "indicator";
    const char *id = yt_to_string(ref, c->name, what, c->diags);
    const patuh_node *node = id ? idmap_get(c->r->by_id, id) : NULL;
    if (id && !node)
        yt_error(c->diags, c->name, ref, "unknown %s '%s' in %s", kind, id, what);
    else if (node && node->is_indicator != (ind != NULL))
        yt_error(c->diags, c->name, ref, "'%s' in %s is %s, expected %s %s", id, what,
                 node->is_indicator ? "an indicator" : "a section", sec ? "a" : "an", kind);
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
    char where[NAME_BUF] = "a qualifier";
    if (rubric_need(c, item, "id", where) && (q->id = rubric_text(c, item, "id", where)))
        snprintf(where, sizeof where, "qualifier '%s'", q->id);
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
        r->max <= 0) {
        yt_error(c->diags, c->name, v, "max must be greater than 0, got '%s'", v->scalar);
        r->max = 100;
    }
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
        "patuh",        "id",         "title",     "authority", "year",  "source",
        "max",          "decimals",   "groups",    "scales",    "bands", "zones",
        "critical_cap", "qualifiers", "na_policy", "sections",  NULL};
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
    if ((v = yt_get(top, "qualifiers")) && !c->nomem)
        qualifiers_parse(c, v);
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
    free(r->indicators);
    free(r->scales);
    free(r->groups);
    free(r->bands);
    free(r->zones);
    free(r->qualifiers);
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

int patuh_rubric_group(const patuh_rubric *rubric, const char *name)
{
    for (size_t g = 0; rubric && name && g < rubric->n_groups; g++)
        if (rubric->groups[g] && strcmp(rubric->groups[g], name) == 0)
            return (int)g;
    return -1;
}

double patuh_node_share(const patuh_node *node)
{
    double share = 1;
    for (; node && node->parent; node = node->parent) {
        const patuh_node *parent = node->parent;
        double sum = 0;
        for (size_t i = 0; i < parent->n_children; i++)
            sum += parent->children[i]->weight;
        share *= sum > 0 ? node->weight / sum : 0;
    }
    return share;
}
