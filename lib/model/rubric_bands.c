/* rubric_bands.c — the groups, zones and bands of a rubric, and the critical cap: what turns
 * a total into a band and a zone. */
#include "model/rubric_load.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- groups and zones --------------------------------------------------------------- */

void groups_parse(rubric_ctx *c, const yt_node *seq)
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

void zones_parse(rubric_ctx *c, const yt_node *map)
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
    snprintf(what, sizeof what, patuh_tr("the zone of %s"), patuh_tr_part(where));
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
        snprintf(where, sizeof where, patuh_tr("band '%s'"), band->id);
    yt_check_keys(item, keys, c->name, where, c->diags);
    if (rubric_need(c, item, "label", where))
        band->label = rubric_text(c, item, "label", where);
    const yt_node *zone = rubric_need(c, item, "zone", where);
    if (zone)
        band_zone(c, band, zone, where);
    const yt_node *min = rubric_need(c, item, "min", where);
    char what[WHAT_BUF];
    snprintf(what, sizeof what, patuh_tr("the min of %s"), patuh_tr_part(where));
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
    for (size_t i = 0; i < c->r->n_bands; i++)
        if (bands[i].min > c->r->max)
            yt_warning(c->diags, c->name, yt_get(seq->items[i], "min"),
                       "band '%s' can never be reached: its min %g is above max %g",
                       bands[i].id ? bands[i].id : "", bands[i].min, c->r->max);
}

static int band_cmp(const void *a, const void *b)
{
    double x = ((const patuh_band *)a)->min, y = ((const patuh_band *)b)->min;
    return x > y ? -1 : x < y ? 1 : 0;
}

void bands_parse(rubric_ctx *c, const yt_node *seq)
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

void critical_cap_parse(rubric_ctx *c, const yt_node *node)
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

int patuh_rubric_group(const patuh_rubric *rubric, const char *name)
{
    for (size_t g = 0; rubric && name && g < rubric->n_groups; g++)
        if (rubric->groups[g] && strcmp(rubric->groups[g], name) == 0)
            return (int)g;
    return -1;
}
