/* rubric_load.h — what the parts of the rubric loader (rubric.c, rubric_scales.c,
 * rubric_bands.c) share: the loading context, the located checks of YAML values and the
 * parsers of each part. Internal to model/. */
#ifndef PATUH_RUBRIC_LOAD_H
#define PATUH_RUBRIC_LOAD_H

#include "model/model.h"
#include "yaml/yaml_tree.h"

enum { NAME_BUF = 160, WHAT_BUF = NAME_BUF + 48, LIST_BUF = 512 };

typedef struct rubric_ctx {
    const char *name; /* file name for messages */
    patuh_diags *diags;
    patuh_rubric *r;
    patuh_idmap *scale_names; /* named scale -> patuh_scale, keys borrowed from the scale */
    size_t n_named;           /* the first n_named of r->scales are the named ones */
    bool nomem;
} rubric_ctx;

/* How messages name a node: where = "section 'input'", subj = "'input'"; without an id
 * "a section" for both. */
typedef struct node_names {
    char where[NAME_BUF];
    char subj[NAME_BUF];
} node_names;

/* ---- checks of YAML values (rubric_check.c); each reports what is wrong at the node -------- */

char *rubric_dup(rubric_ctx *c, const char *s);
/* The value of a required key, or NULL after reporting that it is missing. */
const yt_node *rubric_need(rubric_ctx *c, const yt_node *map, const char *key, const char *where);
/* Whether a node is of the kind wanted; reports "expected WANT for WHAT, got ...". */
bool rubric_expect(rubric_ctx *c, const yt_node *node, yt_kind kind, const char *want,
                   const char *what);
/* A copy of the text of `key` in `map`; NULL when absent, invalid (reported) or no memory. */
char *rubric_text(rubric_ctx *c, const yt_node *map, const char *key, const char *where);
/* A whole number in [lo, hi]; false after reporting. */
bool rubric_int(rubric_ctx *c, const yt_node *node, const char *what, long lo, long hi, long *out);

/* "a, b, c" for messages; names that failed to load are left out. */
typedef const char *(*name_at_fn)(const patuh_rubric *r, size_t i);
const char *join_names(char *buf, size_t size, const patuh_rubric *r, size_t n, name_at_fn at);
const char *group_at(const patuh_rubric *r, size_t i);
const char *zone_at(const patuh_rubric *r, size_t i);
const char *band_at(const patuh_rubric *r, size_t i);
const char *scale_at(const patuh_rubric *r, size_t i);

/* ---- scales (rubric_scales.c) ---------------------------------------------------------- */

void scale_free(patuh_scale *s);
/* `scales:`, the named scales indicators refer to. */
void scales_parse(rubric_ctx *c, const yt_node *map);
/* A scale written out: a list of levels, {number: {...}} or {checklist: {...}}. */
patuh_scale *scale_parse(rubric_ctx *c, const yt_node *spec, const char *name, const char *what);
/* An indicator's scale by name, one of `scales:`. */
const patuh_scale *scale_named(rubric_ctx *c, const yt_node *ref, const char *subj);

/* ---- groups, zones and bands (rubric_bands.c) ------------------------------------------ */

void groups_parse(rubric_ctx *c, const yt_node *seq);
void zones_parse(rubric_ctx *c, const yt_node *map);
void bands_parse(rubric_ctx *c, const yt_node *seq);
void critical_cap_parse(rubric_ctx *c, const yt_node *node);

/* ---- unit kinds and coverage (rubric_coverage.c) -------------------------------------- */

void unit_kinds_parse(rubric_ctx *c, const yt_node *map);
/* `coverage:`, after `groups:` and `unit_kinds:`. */
void coverage_parse(rubric_ctx *c, const yt_node *seq);
/* Frees the unit kinds and coverage entries (not the rubric). */
void coverage_free(patuh_rubric *r);
const char *unit_kind_at(const patuh_rubric *r, size_t i);

/* ---- scan rules (rubric_scan.c) ------------------------------------------------------- */

/* An indicator's `scan:` block, after its scale; `subj` names the indicator. */
void scan_spec_parse(rubric_ctx *c, patuh_node *node, const yt_node *map, const char *subj);
void scan_spec_free(patuh_scan_spec *spec); /* accepts NULL */

#endif
