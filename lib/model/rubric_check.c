/* rubric_check.c — the located checks every part of the rubric loader uses on YAML values (a
 * required key, a kind of node, a text, a whole number) and the lists of names in its
 * messages. */
#include "model/rubric_load.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

char *rubric_dup(rubric_ctx *c, const char *s)
{
    char *d = str_dup(s);
    if (!d)
        c->nomem = true;
    return d;
}

/* The value of a required key, or NULL after reporting that it is missing. */
const yt_node *rubric_need(rubric_ctx *c, const yt_node *map, const char *key, const char *where)
{
    const yt_node *v = yt_get(map, key);
    if (!v)
        yt_error(c->diags, c->name, map, "missing key '%s' in %s", key, patuh_tr_part(where));
    return v;
}

/* Whether a node is of the kind wanted; reports "expected WANT for WHAT, got ...". */
bool rubric_expect(rubric_ctx *c, const yt_node *node, yt_kind kind, const char *want,
                   const char *what)
{
    char buf[64];
    if (node && node->kind == kind)
        return true;
    if (node && node->kind == YT_SCALAR)
        yt_error(c->diags, c->name, node, "expected %s for %s, got '%s'", patuh_tr_part(want),
                 patuh_tr_part(what), yt_describe(node, buf, sizeof buf));
    else
        yt_error(c->diags, c->name, node, "expected %s for %s, got %s", patuh_tr_part(want),
                 patuh_tr_part(what), yt_describe(node, buf, sizeof buf));
    return false;
}

/* A copy of the text of `key` in `map`; NULL when absent, invalid (reported) or no memory. */
char *rubric_text(rubric_ctx *c, const yt_node *map, const char *key, const char *where)
{
    const yt_node *v = yt_get(map, key);
    if (!v)
        return NULL;
    char what[WHAT_BUF];
    snprintf(what, sizeof what, patuh_tr("the %s of %s"), key, patuh_tr_part(where));
    const char *s = yt_to_string(v, c->name, what, c->diags);
    return s ? rubric_dup(c, s) : NULL;
}

/* A whole number in [lo, hi]; false after reporting. */
bool rubric_int(rubric_ctx *c, const yt_node *node, const char *what, long lo, long hi, long *out)
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

const char *group_at(const patuh_rubric *r, size_t i)
{
    return r->groups[i];
}
const char *zone_at(const patuh_rubric *r, size_t i)
{
    return r->zones[i].name;
}
const char *band_at(const patuh_rubric *r, size_t i)
{
    return r->bands[i].id;
}
const char *scale_at(const patuh_rubric *r, size_t i)
{
    return r->scales[i]->name;
}

/* "a, b, c" for messages; names that failed to load are left out. */
const char *join_names(char *buf, size_t size, const patuh_rubric *r, size_t n, name_at_fn at)
{
    tbuf t;
    tb_init(&t, buf, size);
    for (size_t i = 0; i < n; i++)
        if (at(r, i))
            tb_item(&t, ", ", "%s", at(r, i));
    return buf;
}
