/* units.c — results per unit and per product (doc/scoring.md §13): a unit's total, rounded
 * total and band, computed on request from the scores scoring keeps per unit, so a batch of
 * a million units holds nothing more than before; and what an assessment is missing of
 * what the method samples (`coverage:`, doc/scoring.md §14), also computed on request. */
#include "calc/calc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

patuh_unit_result patuh_unit_result_get(const patuh_rubric *rubric, const patuh_unit *unit)
{
    patuh_unit_result r = {.total = NAN, .rounded = NAN, .band = SIZE_MAX};
    if (!rubric || !unit || !rubric->root)
        return r;
    double s = patuh_unit_score(rubric, unit, rubric->root);
    if (isnan(s))
        return r; /* dropped out, or the agency was not assessed: no band either */
    r.total = s * rubric->max;
    r.rounded = patuh_round(r.total, rubric->decimals);
    r.band = patuh_rubric_band(rubric, r.rounded);
    return r;
}

bool patuh_unit_is_product(const patuh_unit *unit)
{
    return unit && unit->n_units == 0 && unit->parent && unit->parent->parent;
}

/* ---- what the method samples (doc/scoring.md §14) ----------------------------------- */

int patuh_unit_kind_index(const patuh_unit *unit)
{
    return unit_kind_of(unit);
}

/* The coverage entry of the agency's group, or NULL. */
static const patuh_coverage *units_entry(const patuh_rubric *rubric, const patuh_agency *agency)
{
    if (agency->group < 0 || agency->group >= PATUH_MAX_GROUPS)
        return NULL;
    for (size_t i = 0; i < rubric->n_coverage; i++)
        if (rubric->coverage[i].groups >> agency->group & 1)
            return &rubric->coverage[i];
    return NULL;
}

/* Whether the entry asks unit u for products: a unit of a listed kind, or, when the entry
 * lists no kinds, any unit that is not itself a product. */
static bool units_wants_products(const patuh_coverage *entry, const patuh_unit *u)
{
    if (!entry || entry->products == 0 || !u->parent)
        return false;
    if (entry->n_units == 0)
        return !patuh_unit_is_product(u);
    int kind = unit_kind_of(u);
    for (size_t i = 0; i < entry->n_units; i++)
        if ((int)entry->units[i].kind == kind)
            return true;
    return false;
}

/* A unit's products: its direct sub-units that are leaves. */
static unsigned units_products(const patuh_unit *u)
{
    unsigned n = 0;
    for (size_t i = 0; i < u->n_units; i++)
        n += u->units[i]->n_units == 0;
    return n;
}

unsigned patuh_unit_products_need(const patuh_rubric *rubric, const patuh_agency *agency,
                                  const patuh_unit *unit, unsigned *have)
{
    const patuh_coverage *entry = rubric && agency ? units_entry(rubric, agency) : NULL;
    *have = unit ? units_products(unit) : 0;
    return unit && units_wants_products(entry, unit) ? entry->products : 0;
}

/* Counts every unit below u by kind into counts[], and lists the units short of products. */
static patuh_status units_walk(const patuh_coverage *entry, const patuh_unit *u, unsigned *counts,
                               patuh_sampling *out)
{
    for (size_t i = 0; i < u->n_units; i++) {
        const patuh_unit *sub = u->units[i];
        int kind = unit_kind_of(sub);
        if (kind >= 0)
            counts[kind]++;
        unsigned have = units_products(sub);
        if (units_wants_products(entry, sub) && have < entry->products) {
            patuh_product_short *list =
                array_room(out->products, out->n_products, sizeof *out->products);
            if (!list)
                return PATUH_ENOMEM;
            out->products = list;
            list[out->n_products++] =
                (patuh_product_short){.unit = sub, .need = entry->products, .have = have};
        }
        patuh_status st = units_walk(entry, sub, counts, out);
        if (st != PATUH_OK)
            return st;
    }
    return PATUH_OK;
}

patuh_status patuh_sampling_get(const patuh_rubric *rubric, const patuh_agency *agency,
                                patuh_sampling *out)
{
    memset(out, 0, sizeof *out);
    if (!rubric || !agency)
        return PATUH_EARG;
    const patuh_coverage *entry = out->entry = units_entry(rubric, agency);
    if (!entry)
        return PATUH_OK;
    unsigned *counts = calloc(rubric->n_unit_kinds ? rubric->n_unit_kinds : 1, sizeof *counts);
    if (entry->n_units && !(out->units = calloc(entry->n_units, sizeof *out->units)))
        counts = (free(counts), NULL);
    patuh_status st = counts ? units_walk(entry, &agency->root, counts, out) : PATUH_ENOMEM;
    for (size_t i = 0; st == PATUH_OK && i < entry->n_units; i++) {
        const patuh_kind_need *n = &entry->units[i];
        if (counts[n->kind] < n->need)
            out->units[out->n_units++] =
                (patuh_kind_short){.kind = n->kind, .need = n->need, .have = counts[n->kind]};
    }
    free(counts);
    return st;
}

void patuh_sampling_release(patuh_sampling *s)
{
    if (!s)
        return;
    free(s->units);
    free(s->products);
    memset(s, 0, sizeof *s);
}

size_t patuh_sampling_count(const patuh_sampling *s)
{
    return s->n_units + s->n_products;
}

/* One warning (an error with --strict) per shortfall, at the agency. */
static bool sampling_warn_each(const patuh_rubric *rubric, const patuh_agency *a,
                               const patuh_sampling *s, patuh_diags *diags)
{
    bool ok = true;
    for (size_t i = 0; ok && i < s->n_units; i++)
        ok = patuh_diags_add(diags, PATUH_SEV_WARNING, a->file, a->line, a->col,
                             "'%s' (%s) has %u of %u units of kind '%s' the method samples", a->id,
                             rubric->groups[a->group], s->units[i].have, s->units[i].need,
                             rubric->unit_kinds[s->units[i].kind].id);
    for (size_t i = 0; ok && i < s->n_products; i++)
        ok = patuh_diags_add(diags, PATUH_SEV_WARNING, a->file, a->line, a->col,
                             "unit '%s/%s' has %u of %u products the method samples", a->id,
                             s->products[i].unit->path, s->products[i].have, s->products[i].need);
    return ok;
}

/* Appends one shortfall to the agency's line: "puskesmas 0/2", "dpmptsp 1/2 products". */
static void sampling_item(char *buf, size_t size, size_t *used, const char *what, unsigned have,
                          unsigned need, bool products)
{
    int n = snprintf(buf + *used, size - *used, "%s%s %u/%u%s%s", *used ? ", " : "", what, have,
                     need, products ? " " : "", products ? patuh_tr("products") : "");
    *used = n > 0 && (size_t)n < size - *used ? *used + (size_t)n : *used;
}

/* The agency's one line (as for missing answers, doc/scoring.md §4): its shortfalls, the
 * first ten listed. */
static bool sampling_warn_line(const patuh_rubric *rubric, const patuh_agency *a,
                               const patuh_sampling *s, patuh_diags *diags)
{
    enum { LISTED = 10 };
    char list[512] = "", tail[64] = "";
    size_t used = 0, n = patuh_sampling_count(s);
    for (size_t i = 0; i < s->n_units && i < LISTED; i++)
        sampling_item(list, sizeof list, &used, rubric->unit_kinds[s->units[i].kind].id,
                      s->units[i].have, s->units[i].need, false);
    for (size_t i = 0; i < s->n_products && s->n_units + i < LISTED; i++)
        sampling_item(list, sizeof list, &used, s->products[i].unit->path, s->products[i].have,
                      s->products[i].need, true);
    if (n > LISTED)
        snprintf(tail, sizeof tail, patuh_tr(" and %zu more"), n - LISTED);
    return patuh_diags_add(diags, PATUH_SEV_WARNING, a->file, a->line, a->col,
                           "'%s' (%s) is short of what the method samples: %s%s", a->id,
                           rubric->groups[a->group], list, tail);
}

patuh_status sampling_warn(const patuh_batch *batch, const patuh_agency *a, patuh_diags *diags)
{
    const patuh_rubric *rubric = batch->rubric;
    if (rubric->n_coverage == 0 || a->assessment == PATUH_NOT_ASSESSED)
        return PATUH_OK; /* an agency without answers says so in its one line */
    patuh_sampling s;
    patuh_status st = patuh_sampling_get(rubric, a, &s);
    if (st == PATUH_OK && patuh_sampling_count(&s) > 0) {
        bool ok = batch->missing_detail ? sampling_warn_each(rubric, a, &s, diags)
                                        : sampling_warn_line(rubric, a, &s, diags);
        st = ok ? PATUH_OK : PATUH_ENOMEM;
    }
    patuh_sampling_release(&s);
    return st;
}
