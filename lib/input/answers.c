/* answers.c — reads answer files into a batch: YAML with one agency or a list of agencies
 * (streamed item by item, so memory follows agencies and units, not answers), directories in
 * sorted order, and the check of every answer against its indicator's scale. Agencies merge
 * by id and units by path across files; a second answer for the same slot is an error. */
#include "input/input.h"
#include "yaml/yaml_tree.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* Directories nest at most this deep below the path given (symbolic links may loop). */
enum { ANSWERS_MAX_DIR_DEPTH = 32 };

/* Where a value was first given, for "first given at" messages. */
typedef struct ans_where {
    uint32_t file; /* index into batch->inputs */
    unsigned line, col;
    unsigned sheet; /* XLSX: 0 = the answers sheet, 1 = the agencies sheet */
} ans_where;

/* The library's agency and unit with what merging needs. `pub` comes first, so a pointer
 * to it is a pointer to the whole and free() of it frees the whole. */
typedef struct ans_agency {
    patuh_agency pub;
    patuh_idmap *units; /* unit path -> ans_unit; keys are the units' paths */
    ans_where name_at, group_at, region_at, period_at;
    bool scratch; /* stands in for an agency that failed to load: checked, never kept */
} ans_agency;

typedef struct ans_unit {
    patuh_unit pub;
    ans_where name_at, weight_at;
    bool weight_given;
} ans_unit;

/* One input being read. */
struct answers_ctx {
    patuh_batch *batch;
    patuh_diags *diags;
    const char *name;  /* for messages */
    uint32_t file;     /* index into batch->inputs */
    const char *sheet; /* XLSX: the sheet being read (locations are row and column) */
    unsigned sheet_index;
    bool wrong_rubric; /* "answers are for rubric ..." was reported for this input */
    /* Tables: the previous row's agency and unit with the cells they were read from, reused
     * while rows repeat those cells and reading them said nothing (a table repeats an
     * agency's cells on every one of its rows). Empty key: nothing to reuse. */
    ans_agency *row_agency;
    patuh_unit *row_unit;
    char row_agency_key[512], row_unit_key[256];
};

/* An answer as read, before it is stored. */
typedef struct ans_parsed {
    enum answer_state state;
    double value;
    bool evidence, note;
} ans_parsed;

/* ---- small helpers ------------------------------------------------------------------ */

/* `arr` (n items) with room for one more: the same pointer, a larger copy, or NULL when out
 * of memory (arr untouched). Arrays double whenever n reaches a power of two. */
static void *array_room(void *arr, size_t n, size_t size)
{
    if (n & (n - 1))
        return arr;
    return realloc(arr, (n ? n * 2 : 1) * size);
}

/* The most serious of two outcomes: ENOMEM, then EIO, then EINVALID, then OK. */
static patuh_status status_worst(patuh_status a, patuh_status b)
{
    static const int rank[PATUH_STATUS_COUNT] = {[PATUH_OK] = 0,
                                                 [PATUH_EARG] = 0,
                                                 [PATUH_EINVALID] = 1,
                                                 [PATUH_EIO] = 2,
                                                 [PATUH_ENOMEM] = 3};
    return rank[b] > rank[a] ? b : a;
}

/* The outcome of a public call: a failure to read or allocate, else whether errors grew. */
static patuh_status status_final(patuh_status st, const patuh_diags *diags, size_t errors)
{
    if (st == PATUH_ENOMEM || st == PATUH_EIO)
        return st;
    return diags->errors > errors ? PATUH_EINVALID : PATUH_OK;
}

/* A node for messages: 'text' for a scalar, "a list" or "a map" otherwise. */
static const char *quoted(const yt_node *node, char *buf, size_t size)
{
    char inner[64];
    if (!node || node->kind != YT_SCALAR)
        return yt_describe(node, buf, size);
    snprintf(buf, size, "'%s'", yt_describe(node, inner, sizeof inner));
    return buf;
}

/* A plain scalar that is a finite number, without reporting anything. */
static bool node_number(const yt_node *node, double *out)
{
    if (!node || node->kind != YT_SCALAR || !node->plain)
        return false;
    patuh_diags quiet;
    patuh_diags_init(&quiet);
    bool ok = yt_to_double(node, "", "", out, &quiet);
    patuh_diags_release(&quiet);
    return ok;
}

/* Joins texts with ", " into buf, ending with "..." when they do not fit. */
static const char *join_texts(char *const *texts, size_t n, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", texts[i]);
    if (used >= size && size > 4)
        memcpy(buf + size - 4, "...", 4);
    return buf;
}

/* Reports at a line and column, or at the cell they name on the sheet being read. */
static void ans_vreport(const answers_ctx *c, patuh_severity sev, unsigned line, unsigned col,
                        const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

static void ans_vreport(const answers_ctx *c, patuh_severity sev, unsigned line, unsigned col,
                        const char *fmt, va_list ap)
{
    char cell[24], text[2048];
    if (!c->sheet || line == 0) { /* a text file, or a whole part of a workbook */
        patuh_diags_vadd(c->diags, sev, c->name, c->sheet ? 0 : line, c->sheet ? 0 : col, fmt, ap);
        return;
    }
    vsnprintf(text, sizeof text, fmt, ap);
    cell_name(line, col, cell, sizeof cell);
    patuh_diags_add_cell(c->diags, sev, c->name, c->sheet, cell, "%s", text);
}

static void ans_error(const answers_ctx *c, const yt_node *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void ans_warning(const answers_ctx *c, const yt_node *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void ans_error(const answers_ctx *c, const yt_node *node, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ans_vreport(c, PATUH_SEV_ERROR, node ? node->line : 0, node ? node->col : 0, fmt, ap);
    va_end(ap);
}

static void ans_warning(const answers_ctx *c, const yt_node *node, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ans_vreport(c, PATUH_SEV_WARNING, node ? node->line : 0, node ? node->col : 0, fmt, ap);
    va_end(ap);
}

void answers_error(const answers_ctx *c, unsigned line, unsigned col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ans_vreport(c, PATUH_SEV_ERROR, line, col, fmt, ap);
    va_end(ap);
}

const patuh_limits *answers_limits(const answers_ctx *c)
{
    return &c->batch->limits;
}

void cell_name(unsigned row, unsigned col, char *buf, size_t size)
{
    char letters[8];
    size_t n = 0;
    for (unsigned k = col; k > 0 && n < sizeof letters; k = (k - 1) / 26)
        letters[n++] = (char)('A' + (k - 1) % 26);
    size_t used = 0;
    while (n > 0 && used + 1 < size)
        buf[used++] = letters[--n];
    snprintf(buf + used, size - used, "%u", row);
}

/* "FILE:LINE:COL", or "FILE:SHEET!CELL" for a place in a workbook. */
static const char *where_text(const patuh_batch *batch, uint32_t file, unsigned line, unsigned col,
                              unsigned sheet, char *buf, size_t size)
{
    const patuh_input *in = &batch->inputs[file];
    char cell[24];
    if (sheet < 2 && in->sheets[sheet]) {
        cell_name(line, col, cell, sizeof cell);
        snprintf(buf, size, "%s:%s!%s", in->path, in->sheets[sheet], cell);
    } else {
        snprintf(buf, size, "%s:%u:%u", in->path, line, col);
    }
    return buf;
}

/* Where a slot's answer was given, from its batch-wide line: "FILE:LINE", or the cell on a
 * workbook's answers sheet; NULL when not known (beyond 2^32 lines of input). */
static const char *slot_where_text(const patuh_batch *batch, uint32_t at, char *buf, size_t size)
{
    if (at == 0 || batch->n_inputs == 0)
        return NULL;
    size_t lo = 0, hi = batch->n_inputs; /* the last input whose line_base is below at */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (batch->inputs[mid].line_base < at)
            lo = mid;
        else
            hi = mid;
    }
    const patuh_input *in = &batch->inputs[lo];
    unsigned line = at - in->line_base;
    if (in->sheets[0])
        return where_text(batch, (uint32_t)lo, line, in->value_col, 0, buf, size);
    snprintf(buf, size, "%s:%u", in->path, line);
    return buf;
}

static ans_where where_of(const answers_ctx *c, const yt_node *node)
{
    return (ans_where){c->file, node->line, node->col, c->sheet_index};
}

/* "agency-id" or "agency-id/unit/path", for messages. */
static const char *unit_label(const ans_agency *a, const patuh_unit *u, char *buf, size_t size)
{
    if (u->path && u->path[0])
        snprintf(buf, size, "%s/%s", a->pub.id, u->path);
    else
        snprintf(buf, size, "%s", a->pub.id);
    return buf;
}

/* Reports a value that differs from the one given first. */
static void conflict(const answers_ctx *c, const yt_node *node, const char *what, const char *kind,
                     const char *subject, const char *now, const char *before, const ans_where *at)
{
    char place[512];
    ans_error(c, node, "conflicting %s '%s' for %s '%s', first given as '%s' at %s", what, now,
              kind, subject, before,
              where_text(c->batch, at->file, at->line, at->col, at->sheet, place, sizeof place));
}

/* ---- the batch ---------------------------------------------------------------------- */

patuh_batch *patuh_batch_new(const patuh_rubric *rubric, const patuh_limits *lim)
{
    if (!rubric)
        return NULL;
    patuh_batch *batch = calloc(1, sizeof *batch);
    if (!batch)
        return NULL;
    batch->rubric = rubric;
    if (lim)
        batch->limits = *lim;
    else
        patuh_limits_default(&batch->limits);
    batch->by_id = idmap_new();
    batch->arena = calloc(1, sizeof *batch->arena);
    if (!batch->by_id || !batch->arena) {
        idmap_free(batch->by_id);
        free(batch->arena);
        free(batch);
        return NULL;
    }
    return batch;
}

/* Frees what a unit and its sub-units own outside the batch's arena: their lists of
 * sub-units. Sub-units, their texts, answers and scores live in the arena; the agency's
 * own unit (`root`) is freed with the agency. */
static void unit_release(patuh_unit *unit)
{
    for (size_t i = 0; i < unit->n_units; i++)
        unit_release(unit->units[i]); /* the ans_unit itself lives in the batch's arena */
    free(unit->units);
}

static void agency_free(ans_agency *a)
{
    if (!a)
        return;
    unit_release(&a->pub.root);
    free(a->pub.root.id);
    free(a->pub.root.path);
    free(a->pub.root.scores);
    free(a->pub.id);
    free(a->pub.name);
    free(a->pub.region);
    free(a->pub.period);
    free(a->pub.file);
    free(a->pub.label);
    free(a->pub.critical_failed);
    free(a->pub.numbers);
    idmap_free(a->units);
    free(a);
}

void patuh_batch_free(patuh_batch *batch)
{
    if (!batch)
        return;
    for (size_t i = 0; i < batch->n_agencies; i++)
        agency_free((ans_agency *)batch->agencies[i]);
    free(batch->agencies);
    for (size_t i = 0; i < batch->n_inputs; i++) {
        free(batch->inputs[i].path);
        free(batch->inputs[i].sheets[0]);
        free(batch->inputs[i].sheets[1]);
    }
    free(batch->inputs);
    idmap_free(batch->by_id);
    arena_free(batch->arena);
    free(batch);
}

/* Records an input with the hash of its bytes; its index goes into every answer from it. */
static patuh_status input_add(patuh_batch *batch, const char *path, const char *data, size_t len,
                              uint32_t *index)
{
    if (batch->n_inputs >= UINT32_MAX)
        return PATUH_ENOMEM;
    patuh_input *inputs = array_room(batch->inputs, batch->n_inputs, sizeof *inputs);
    if (!inputs)
        return PATUH_ENOMEM;
    batch->inputs = inputs;
    if (batch->progress)
        batch->progress(batch->progress_ctx, batch, path);
    patuh_input *in = &inputs[batch->n_inputs];
    memset(in, 0, sizeof *in);
    if (batch->n_inputs > 0) { /* its lines follow the previous input's (saturating) */
        const patuh_input *prev = in - 1;
        in->line_base = prev->line_base + (prev->lines < UINT32_MAX - prev->line_base
                                               ? prev->lines
                                               : UINT32_MAX - prev->line_base);
    }
    if (!(in->path = str_dup(path)))
        return PATUH_ENOMEM;
    sha256_bytes(data, len, in->sha256);
    *index = (uint32_t)batch->n_inputs++;
    return PATUH_OK;
}

/* ---- agencies ----------------------------------------------------------------------- */

/* A new agency, not yet in the batch. NULL when out of memory. */
static ans_agency *agency_alloc(const char *id, const answers_ctx *c, const yt_node *node)
{
    ans_agency *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    char cell[24];
    a->pub.id = str_dup(id);
    if (c->sheet && node) { /* a workbook: the place is a cell, "FILE:SHEET!CELL" */
        cell_name(node->line, node->col, cell, sizeof cell);
        a->pub.file = str_printf("%s:%s!%s", c->name, c->sheet, cell);
    } else {
        a->pub.file = str_dup(c->name);
        a->pub.line = node ? node->line : 0;
        a->pub.col = node ? node->col : 0;
    }
    a->pub.group = -1;
    a->pub.total = a->pub.rounded = NAN;
    a->pub.root.id = str_dup(id);
    a->pub.root.path = str_dup("");
    a->pub.root.weight = 1;
    a->units = idmap_new();
    if (!a->pub.id || !a->pub.file || !a->pub.root.id || !a->pub.root.path || !a->units) {
        agency_free(a);
        return NULL;
    }
    return a;
}

/* A stand-in for an agency that failed to load, so its answers are still checked. */
static ans_agency *agency_scratch(const answers_ctx *c)
{
    ans_agency *a = agency_alloc("?", c, NULL);
    if (a)
        a->scratch = true;
    return a;
}

static patuh_status agency_add(patuh_batch *batch, ans_agency *a)
{
    patuh_agency **list = array_room(batch->agencies, batch->n_agencies, sizeof *list);
    if (!list)
        return PATUH_ENOMEM;
    batch->agencies = list;
    if (!idmap_put(batch->by_id, a->pub.id, a))
        return PATUH_ENOMEM;
    list[batch->n_agencies++] = &a->pub;
    return PATUH_OK;
}

/* Sets a text field the first time it is given; later it must be the same. */
static patuh_status merge_text(const answers_ctx *c, const yt_node *value, patuh_arena *arena,
                               char **field, ans_where *at, const char *what, const char *kind,
                               const char *subject)
{
    if (yt_is_null(value))
        return PATUH_OK;
    const char *text = value->kind == YT_SCALAR ? value->scalar : NULL;
    if (!text) { /* the message is formatted only when it is needed: this runs per row */
        char desc[160];
        snprintf(desc, sizeof desc, "the %s of %s '%s'", what, kind, subject);
        yt_to_string(value, c->name, desc, c->diags);
        return PATUH_OK;
    }
    if (*field) {
        if (strcmp(*field, text) != 0)
            conflict(c, value, what, kind, subject, text, *field, at);
        return PATUH_OK;
    }
    if (!(*field = arena ? arena_strdup(arena, text) : str_dup(text)))
        return PATUH_ENOMEM;
    *at = where_of(c, value);
    return PATUH_OK;
}

static void merge_group(const answers_ctx *c, ans_agency *a, const yt_node *value)
{
    const patuh_rubric *rubric = c->batch->rubric;
    char desc[160], list[512];
    if (yt_is_null(value))
        return;
    snprintf(desc, sizeof desc, "the group of agency '%s'", a->pub.id);
    const char *text = yt_to_string(value, c->name, desc, c->diags);
    if (!text || rubric->n_groups == 0)
        return;
    int group = patuh_rubric_group(rubric, text);
    if (group < 0) {
        ans_error(c, value, "unknown group '%s' for agency '%s', expected one of: %s", text,
                  a->pub.id, join_texts(rubric->groups, rubric->n_groups, list, sizeof list));
        if (a->pub.group == -1)
            a->pub.group = -2; /* given and reported: the scorer says nothing more */
    } else if (a->pub.group < 0) {
        a->pub.group = group;
        a->group_at = where_of(c, value);
    } else if (a->pub.group != group) {
        conflict(c, value, "group", "agency", a->pub.id, text, rubric->groups[a->pub.group],
                 &a->group_at);
    }
}

static patuh_status agency_fields(const answers_ctx *c, ans_agency *a, const yt_node *node)
{
    const char *id = a->pub.id;
    patuh_status st =
        merge_text(c, yt_get(node, "name"), NULL, &a->pub.name, &a->name_at, "name", "agency", id);
    if (st == PATUH_OK)
        st = merge_text(c, yt_get(node, "region"), NULL, &a->pub.region, &a->region_at, "region",
                        "agency", id);
    if (st == PATUH_OK)
        st = merge_text(c, yt_get(node, "period"), NULL, &a->pub.period, &a->period_at, "period",
                        "agency", id);
    merge_group(c, a, yt_get(node, "group"));
    return st;
}

/* The agency an `agency:` map names, created or merged. *out is NULL when it is invalid. */
static patuh_status agency_resolve(const answers_ctx *c, const yt_node *node, ans_agency **out)
{
    static const char *const keys[] = {"id", "name", "group", "region", "period", NULL};
    char buf[64];
    *out = NULL;
    if (node->kind != YT_MAP) {
        ans_error(c, node,
                  "expected a map with the agency's id, name and group for 'agency', got %s",
                  quoted(node, buf, sizeof buf));
        return PATUH_OK;
    }
    yt_check_keys(node, keys, c->name, "'agency'", c->diags);
    const yt_node *idnode = yt_get(node, "id");
    if (!idnode) {
        ans_error(c, node, "missing key 'id' in 'agency'");
        return PATUH_OK;
    }
    const char *id = yt_to_string(idnode, c->name, "the agency id", c->diags);
    if (!id)
        return PATUH_OK;
    ans_agency *a = idmap_get(c->batch->by_id, id);
    if (!a) {
        if (c->batch->n_agencies >= c->batch->limits.max_agencies) {
            ans_error(c, node, "more agencies than the limit of %zu",
                      c->batch->limits.max_agencies);
            return PATUH_OK;
        }
        if (!(a = agency_alloc(id, c, node)))
            return PATUH_ENOMEM;
        if (agency_add(c->batch, a) != PATUH_OK) {
            agency_free(a);
            return PATUH_ENOMEM;
        }
    }
    *out = a;
    return agency_fields(c, a, node);
}

/* `assessor:` is kept in the file only; it must be text. */
static void assessor_check(const answers_ctx *c, const yt_node *node)
{
    if (!yt_is_null(node))
        yt_to_string(node, c->name, "'assessor'", c->diags);
}

/* ---- answers ------------------------------------------------------------------------ */

static const patuh_node *indicator_of(const answers_ctx *c, const yt_node *key)
{
    const patuh_rubric *rubric = c->batch->rubric;
    const patuh_node *node = patuh_rubric_find(rubric, key->scalar);
    if (!node) {
        ans_error(c, key, "unknown indicator '%s', expected an indicator id of rubric '%s'",
                  key->scalar, rubric->id);
    } else if (!node->is_indicator) {
        ans_error(c, key, "'%s' is a section, expected an indicator id of rubric '%s'", key->scalar,
                  rubric->id);
        node = NULL;
    }
    return node;
}

static bool is_na(const yt_node *node)
{
    char first = node->kind == YT_SCALAR && node->plain ? node->scalar[0] : '\0';
    if (first != 'n' && first != 'N')
        return false; /* the common case, a number, without two strcasecmp */
    return strcasecmp(node->scalar, "na") == 0 || strcasecmp(node->scalar, "n/a") == 0;
}

/* "0, 1, 2, 3": the values of a list scale. */
static const char *levels_text(const patuh_scale *scale, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < scale->n_levels && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%g", i ? ", " : "",
                                 scale->levels[i].value);
    if (used >= size && size > 4)
        memcpy(buf + size - 4, "...", 4);
    return buf;
}

/* A quoted scalar that would be a number unquoted: `"86"` where 86 was meant. */
static bool quoted_number(const yt_node *v)
{
    if (!v || v->kind != YT_SCALAR || v->plain)
        return false;
    yt_node plain = *v;
    plain.plain = true;
    return node_number(&plain, &(double){0});
}

/* Reports a quoted number: `expected WHAT for 'ID', got the text "86" (...)`. */
static void quoted_number_error(const answers_ctx *c, const patuh_node *ind, const yt_node *v,
                                const char *what)
{
    char got[64];
    ans_error(c, v, "expected %s for '%s', got the text \"%s\" (write numbers without quotes)",
              what, ind->id, yt_describe(v, got, sizeof got));
}

static bool list_value(const answers_ctx *c, const patuh_node *ind, const yt_node *v, double *out)
{
    const patuh_scale *scale = ind->scale;
    char levels[256], got[80], what[300];
    double x = 0;
    if (quoted_number(v)) {
        snprintf(what, sizeof what, "one of %s", levels_text(scale, levels, sizeof levels));
        quoted_number_error(c, ind, v, what);
        return false;
    }
    if (v->kind == YT_SCALAR && !node_number(v, &x)) {
        ans_error(c, v, "expected a value %g-%g for '%s', got %s", scale->min, scale->max, ind->id,
                  quoted(v, got, sizeof got));
        return false;
    }
    for (size_t i = 0; v->kind == YT_SCALAR && i < scale->n_levels; i++) {
        if (scale->levels[i].value == x) {
            *out = x;
            return true;
        }
    }
    ans_error(c, v, "expected one of %s for '%s', got %s",
              levels_text(scale, levels, sizeof levels), ind->id, quoted(v, got, sizeof got));
    return false;
}

static bool number_value(const answers_ctx *c, const patuh_node *ind, const yt_node *v, double *out)
{
    const patuh_scale *scale = ind->scale;
    char got[80], what[80];
    double x;
    if (node_number(v, &x) && x >= scale->min && x <= scale->max) {
        *out = x;
        return true;
    }
    if (quoted_number(v)) {
        snprintf(what, sizeof what, "a number %g-%g", scale->min, scale->max);
        quoted_number_error(c, ind, v, what);
        return false;
    }
    ans_error(c, v, "expected a value %g-%g for '%s', got %s", scale->min, scale->max, ind->id,
              quoted(v, got, sizeof got));
    return false;
}

/* One name of a checklist list: known, and not already given earlier in the list. */
static bool checklist_item(const answers_ctx *c, const patuh_node *ind, const yt_node *list,
                           size_t i)
{
    const patuh_scale *scale = ind->scale;
    const yt_node *item = list->items[i];
    char got[80], names[512];
    if (item->kind != YT_SCALAR) {
        ans_error(c, item, "expected a checklist item name for '%s', got %s", ind->id,
                  quoted(item, got, sizeof got));
        return false;
    }
    size_t k = 0;
    while (k < scale->n_items && strcmp(scale->items[k], item->scalar) != 0)
        k++;
    if (k == scale->n_items) {
        ans_error(c, item, "unknown checklist item %s for '%s', expected one of: %s",
                  quoted(item, got, sizeof got), ind->id,
                  join_texts(scale->items, scale->n_items, names, sizeof names));
        return false;
    }
    for (size_t j = 0; j < i; j++) {
        const yt_node *earlier = list->items[j];
        if (earlier->kind == YT_SCALAR && strcmp(earlier->scalar, item->scalar) == 0) {
            ans_error(c, item, "duplicate checklist item %s for '%s'",
                      quoted(item, got, sizeof got), ind->id);
            return false;
        }
    }
    return true;
}

static bool checklist_value(const answers_ctx *c, const patuh_node *ind, const yt_node *v,
                            double *out)
{
    const patuh_scale *scale = ind->scale;
    char got[80];
    double x;
    if (v->kind == YT_SEQ) {
        bool ok = true;
        for (size_t i = 0; i < v->n; i++)
            ok = checklist_item(c, ind, v, i) && ok;
        *out = (double)v->n;
        return ok;
    }
    if (node_number(v, &x) && x >= 0 && x <= (double)scale->n_items && x == floor(x)) {
        *out = x;
        return true;
    }
    if (quoted_number(v)) {
        snprintf(got, sizeof got, "a count 0-%zu or a list of items", scale->n_items);
        quoted_number_error(c, ind, v, got);
        return false;
    }
    ans_error(c, v, "expected a count 0-%zu or a list of items for '%s', got %s", scale->n_items,
              ind->id, quoted(v, got, sizeof got));
    return false;
}

/* A value allowed by the indicator's scale; reports and returns false otherwise. */
static bool value_parse(const answers_ctx *c, const patuh_node *ind, const yt_node *v, double *out)
{
    switch (ind->scale->kind) {
    case PATUH_SCALE_LIST: return list_value(c, ind, v, out);
    case PATUH_SCALE_NUMBER: return number_value(c, ind, v, out);
    case PATUH_SCALE_CHECKLIST: return checklist_value(c, ind, v, out);
    }
    return false;
}

/* Evidence is a text or a list of texts; true when it is valid. */
static bool evidence_read(const answers_ctx *c, const patuh_node *ind, const yt_node *node,
                          bool *has)
{
    char got[80];
    *has = false;
    if (yt_is_null(node))
        return true;
    bool ok = node->kind != YT_MAP;
    for (size_t i = 0; ok && node->kind == YT_SEQ && i < node->n; i++)
        ok = node->items[i]->kind == YT_SCALAR;
    if (!ok) {
        ans_error(c, node, "expected a text or a list of texts for the evidence of '%s', got %s",
                  ind->id, quoted(node, got, sizeof got));
        return false;
    }
    *has = node->kind == YT_SEQ ? node->n > 0 : node->len > 0;
    return true;
}

/* The keys beside `value` in an answer map: evidence and note. */
static bool answer_extras(const answers_ctx *c, const patuh_node *ind, const yt_node *map,
                          ans_parsed *p)
{
    static const char *const keys[] = {"value", "evidence", "note", NULL};
    char where[128];
    bool ok = yt_check_keys(map, keys, c->name, NULL, c->diags); /* where: only when needed */
    if (!ok) {
        snprintf(where, sizeof where, "the answer for '%s'", ind->id);
        yt_check_keys(map, keys, c->name, where, c->diags);
    }
    ok = evidence_read(c, ind, yt_get(map, "evidence"), &p->evidence) && ok;
    const yt_node *note = yt_get(map, "note");
    if (!yt_is_null(note)) {
        snprintf(where, sizeof where, "the note of '%s'", ind->id);
        const char *text = yt_to_string(note, c->name, where, c->diags);
        p->note = text && *text;
        ok = text && ok;
    }
    return ok;
}

/* Reads an answer: a number, na, null, a checklist list, or a map with value, evidence and
 * note. False when something was reported (nothing is stored then). */
static bool answer_parse(const answers_ctx *c, const patuh_node *ind, const yt_node *value,
                         ans_parsed *p)
{
    memset(p, 0, sizeof *p);
    const yt_node *v = value;
    bool ok = true;
    if (value->kind == YT_MAP) {
        ok = answer_extras(c, ind, value, p);
        v = yt_get(value, "value");
    }
    if (yt_is_null(v) || (v->kind == YT_SCALAR && v->len == 0))
        return ok; /* missing, also when quoted empty: not stored */
    if (is_na(v)) {
        if (!ind->na) {
            ans_error(c, v, "'%s' does not allow na", ind->id);
            return false;
        }
        p->state = ANSWER_NA;
        return ok;
    }
    if (!value_parse(c, ind, v, &p->value))
        return false;
    p->state = ANSWER_VALUE;
    return ok;
}

static void answer_warn(const answers_ctx *c, const patuh_node *ind, const yt_node *value,
                        const ans_parsed *p)
{
    if (p->state == ANSWER_NA && !p->note)
        ans_warning(c, value, "na for '%s' has no note saying why", ind->id);
    if (p->state == ANSWER_VALUE && ind->evidence_required && !p->evidence &&
        scale_score(ind->scale, p->value) > 0)
        ans_warning(c, value, "'%s' has no evidence", ind->id);
}

/* The batch-wide line of a line of the input being read (0 beyond 2^32 lines), and the
 * input's last line with an answer, so the next input's lines follow it. */
static uint32_t slot_at(const answers_ctx *c, unsigned line)
{
    patuh_input *in = &c->batch->inputs[c->file];
    if (line > in->lines)
        in->lines = line;
    return line <= UINT32_MAX - in->line_base ? in->line_base + line : 0;
}

static const double slot_scale[ANSWER_MAX_DECIMALS + 1] = {1, 10, 100, 1000};

/* Keeps a value in the slot when it is k / 10^d for a small k and d <= 3: decoding divides
 * the same way, so it gives back the very same double. Anything else goes to the agency's
 * numbers. False when out of memory or when the agency has more numbers than a slot can
 * index (answer_store tells which). */
static bool slot_put_value(ans_agency *a, patuh_answer *slot, double value)
{
    const double max = (double)(((uint32_t)1 << ANSWER_PAYLOAD_BITS) - 1);
    for (unsigned d = 0; d <= ANSWER_MAX_DECIMALS && !signbit(value); d++) {
        double k = round(value * slot_scale[d]);
        if (k <= max && k / slot_scale[d] == value) {
            slot->in_slot = 1;
            slot->decimals = d;
            slot->payload = (uint32_t)k;
            return true;
        }
    }
    if (a->pub.n_numbers > max)
        return false;
    double *numbers = array_room(a->pub.numbers, a->pub.n_numbers, sizeof *numbers);
    if (!numbers)
        return false;
    a->pub.numbers = numbers;
    numbers[a->pub.n_numbers] = value;
    slot->in_slot = 0;
    slot->payload = (uint32_t)a->pub.n_numbers++;
    return true;
}

bool answer_given(const patuh_unit *unit, size_t ind)
{
    return unit->answers && unit->answers[ind].state != ANSWER_MISSING;
}

answer_value answer_get(const patuh_agency *agency, const patuh_unit *unit, size_t ind)
{
    if (!answer_given(unit, ind))
        return (answer_value){.state = ANSWER_MISSING};
    const patuh_answer *slot = &unit->answers[ind];
    answer_value v = {.state = (enum answer_state)slot->state, .evidence = slot->evidence};
    if (slot->state == ANSWER_VALUE)
        v.value = slot->in_slot ? slot->payload / slot_scale[slot->decimals]
                                : agency->numbers[slot->payload];
    return v;
}

/* Puts the answer into its slot; *stored is false when the slot was taken. */
static patuh_status answer_store(const answers_ctx *c, ans_agency *a, patuh_unit *u,
                                 const patuh_node *ind, const yt_node *key, const ans_parsed *p,
                                 bool *stored)
{
    const patuh_batch *batch = c->batch;
    char label[256], place[512];
    *stored = false;
    if (!u->answers) { /* from the arena: millions of small arrays would slow malloc down */
        size_t n = batch->rubric->n_indicators ? batch->rubric->n_indicators : 1;
        if (!(u->answers = arena_alloc(batch->arena, n * sizeof *u->answers)))
            return PATUH_ENOMEM;
        memset(u->answers, 0, n * sizeof *u->answers);
    }
    patuh_answer *slot = &u->answers[ind->ind_index];
    if (slot->state != ANSWER_MISSING) {
        const char *first = slot_where_text(batch, slot->at, place, sizeof place);
        ans_error(c, key, "duplicate answer for '%s' in '%s', first given %s%s", ind->id,
                  unit_label(a, u, label, sizeof label), first ? "at " : "earlier",
                  first ? first : "");
        return PATUH_OK;
    }
    if (p->state == ANSWER_VALUE && !slot_put_value(a, slot, p->value)) {
        if (a->pub.n_numbers < ((size_t)1 << ANSWER_PAYLOAD_BITS))
            return PATUH_ENOMEM;
        ans_error(c, key,
                  "agency '%s' has more than %zu answers with more than three decimals, "
                  "expected at most that many",
                  a->pub.id, (size_t)1 << ANSWER_PAYLOAD_BITS);
        return PATUH_OK;
    }
    slot->state = (unsigned)p->state;
    slot->evidence = p->evidence;
    slot->at = slot_at(c, key->line);
    if (c->sheet)
        c->batch->inputs[c->file].value_col = key->col;
    if (!a->scratch && p->state != ANSWER_INVALID)
        c->batch->n_answers++; /* answers accepted; refused ones only hold their place */
    *stored = true;
    return PATUH_OK;
}

static patuh_status answer_read(const answers_ctx *c, ans_agency *a, patuh_unit *u,
                                const yt_node *key, const yt_node *value)
{
    const patuh_node *ind = indicator_of(c, key);
    ans_parsed p;
    bool stored = false;
    if (!ind)
        return PATUH_OK;
    if (!answer_parse(c, ind, value, &p))
        p = (ans_parsed){.state = ANSWER_INVALID};
    else if (p.state == ANSWER_MISSING)
        return PATUH_OK;
    patuh_status st = answer_store(c, a, u, ind, key, &p, &stored);
    if (stored && p.state != ANSWER_INVALID)
        answer_warn(c, ind, value, &p);
    return st;
}

static patuh_status answers_map(const answers_ctx *c, ans_agency *a, patuh_unit *u,
                                const yt_node *node)
{
    char got[80];
    if (yt_is_null(node))
        return PATUH_OK;
    if (node->kind != YT_MAP) {
        ans_error(c, node, "expected a map of indicator ids to answers for 'answers', got %s",
                  quoted(node, got, sizeof got));
        return PATUH_OK;
    }
    for (size_t i = 0; i + 1 < node->n; i += 2) {
        patuh_status st = answer_read(c, a, u, node->items[i], node->items[i + 1]);
        if (st != PATUH_OK)
            return st;
    }
    return PATUH_OK;
}

/* ---- units -------------------------------------------------------------------------- */

static patuh_status units_list(const answers_ctx *c, ans_agency *a, patuh_unit *parent,
                               const yt_node *node, unsigned depth);

/* A unit's id: text without '/'. NULL when reported. */
static const char *unit_id(const answers_ctx *c, const yt_node *node)
{
    const yt_node *idnode = yt_get(node, "id");
    if (!idnode) {
        ans_error(c, node, "missing key 'id' in a unit");
        return NULL;
    }
    const char *id = yt_to_string(idnode, c->name, "a unit id", c->diags);
    if (id && strchr(id, '/')) {
        ans_error(c, idnode,
                  "unit id '%s' contains '/', expected an id without '/' (nest units with 'units')",
                  id);
        return NULL;
    }
    return id;
}

/* A new unit at `path` (its last segment is the id), with room for the scores a sub-unit
 * keeps; all of it from the batch's arena, since a national batch has 300,000 units. */
static patuh_status unit_new(const answers_ctx *c, ans_agency *a, patuh_unit *parent,
                             const char *path, ans_unit **out)
{
    patuh_arena *arena = c->batch->arena;
    const patuh_node *root = c->batch->rubric->root;
    size_t n_scores = 1 + (root ? root->n_children : 0);
    ans_unit *u = arena_alloc(arena, sizeof *u);
    patuh_unit **list = array_room(parent->units, parent->n_units, sizeof *list);
    if (list)
        parent->units = list;
    if (!u || !list)
        return PATUH_ENOMEM;
    memset(u, 0, sizeof *u);
    u->pub.path = arena_strdup(arena, path);
    u->pub.scores = arena_alloc(arena, n_scores * sizeof *u->pub.scores);
    if (!u->pub.path || !u->pub.scores || !idmap_put(a->units, u->pub.path, u))
        return PATUH_ENOMEM;
    char *slash = strrchr(u->pub.path, '/');
    u->pub.id = slash ? slash + 1 : u->pub.path;
    u->pub.weight = 1;
    u->pub.parent = parent;
    list[parent->n_units++] = &u->pub;
    if (!a->scratch)
        c->batch->n_units++;
    *out = u;
    return PATUH_OK;
}

/* The unit at parent/id, found or added. *out is NULL when over the limit (reported). */
static patuh_status unit_find_or_add(const answers_ctx *c, ans_agency *a, patuh_unit *parent,
                                     const char *id, const yt_node *node, ans_unit **out)
{
    char buf[256]; /* the path is looked up for every unit item and every table row */
    *out = NULL;
    size_t need = strlen(parent->path) + 1 + strlen(id) + 1;
    char *path = need <= sizeof buf ? buf : malloc(need);
    if (!path)
        return PATUH_ENOMEM;
    snprintf(path, need, "%s%s%s", parent->path, parent->path[0] ? "/" : "", id);
    patuh_status st = PATUH_OK;
    if ((*out = idmap_get(a->units, path)))
        ;
    else if (!a->scratch && c->batch->n_units >= c->batch->limits.max_units)
        ans_error(c, node, "more units than the limit of %zu", c->batch->limits.max_units);
    else
        st = unit_new(c, a, parent, path, out);
    if (path != buf)
        free(path);
    return st;
}

static void unit_weight(const answers_ctx *c, ans_unit *u, const yt_node *value, const char *label)
{
    char desc[300], now[32], before[32];
    double w;
    if (yt_is_null(value))
        return;
    snprintf(desc, sizeof desc, "the weight of unit '%s'", label);
    if (!yt_to_double(value, c->name, desc, &w, c->diags))
        return;
    if (w <= 0) {
        ans_error(c, value, "expected a weight > 0 for unit '%s', got '%s'", label, value->scalar);
    } else if (!u->weight_given) {
        u->pub.weight = w;
        u->weight_given = true;
        u->weight_at = where_of(c, value);
    } else if (w != u->pub.weight) {
        snprintf(now, sizeof now, "%g", w);
        snprintf(before, sizeof before, "%g", u->pub.weight);
        conflict(c, value, "weight", "unit", label, now, before, &u->weight_at);
    }
}

static patuh_status unit_read(const answers_ctx *c, ans_agency *a, patuh_unit *parent,
                              const yt_node *node, unsigned depth)
{
    static const char *const keys[] = {"id", "name", "weight", "answers", "units", NULL};
    char got[80], label[256];
    if (node->kind != YT_MAP) {
        ans_error(c, node, "expected a map for a unit, got %s", quoted(node, got, sizeof got));
        return PATUH_OK;
    }
    yt_check_keys(node, keys, c->name, "a unit", c->diags);
    const char *id = unit_id(c, node);
    if (!id)
        return PATUH_OK;
    if (depth > c->batch->limits.max_unit_depth) {
        ans_error(c, node, "units nest deeper than the limit of %u levels",
                  c->batch->limits.max_unit_depth);
        return PATUH_OK;
    }
    ans_unit *u;
    patuh_status st = unit_find_or_add(c, a, parent, id, node, &u);
    if (st != PATUH_OK || !u)
        return st;
    unit_label(a, &u->pub, label, sizeof label);
    st = merge_text(c, yt_get(node, "name"), c->batch->arena, &u->pub.name, &u->name_at, "name",
                    "unit", label);
    unit_weight(c, u, yt_get(node, "weight"), label);
    if (st == PATUH_OK)
        st = answers_map(c, a, &u->pub, yt_get(node, "answers"));
    if (st == PATUH_OK)
        st = units_list(c, a, &u->pub, yt_get(node, "units"), depth + 1);
    return st;
}

static patuh_status units_list(const answers_ctx *c, ans_agency *a, patuh_unit *parent,
                               const yt_node *node, unsigned depth)
{
    char got[80];
    if (yt_is_null(node))
        return PATUH_OK;
    if (node->kind != YT_SEQ) {
        ans_error(c, node, "expected a list of units for 'units', got %s",
                  quoted(node, got, sizeof got));
        return PATUH_OK;
    }
    for (size_t i = 0; i < node->n; i++) {
        patuh_status st = unit_read(c, a, parent, node->items[i], depth);
        if (st != PATUH_OK)
            return st;
    }
    return PATUH_OK;
}

/* One item of `agencies:`: agency, assessor, answers, units. */
static patuh_status agency_item(const answers_ctx *c, const yt_node *item)
{
    static const char *const keys[] = {"agency", "assessor", "answers", "units", NULL};
    char got[80];
    if (item->kind != YT_MAP) {
        ans_error(c, item,
                  "expected a map with 'agency' and its answers for an item of 'agencies', got %s",
                  quoted(item, got, sizeof got));
        return PATUH_OK;
    }
    yt_check_keys(item, keys, c->name, "an item of 'agencies'", c->diags);
    const yt_node *node = yt_get(item, "agency");
    ans_agency *a = NULL, *scratch = NULL;
    patuh_status st = PATUH_OK;
    if (!node)
        ans_error(c, item, "missing key 'agency' in an item of 'agencies'");
    else
        st = agency_resolve(c, node, &a);
    assessor_check(c, yt_get(item, "assessor"));
    if (st == PATUH_OK && !a && !(a = scratch = agency_scratch(c)))
        st = PATUH_ENOMEM;
    if (st == PATUH_OK)
        st = answers_map(c, a, &a->pub.root, yt_get(item, "answers"));
    if (st == PATUH_OK)
        st = units_list(c, a, &a->pub.root, yt_get(item, "units"), 1);
    agency_free(scratch);
    return st;
}

/* ---- the top of a YAML file, streamed key by key ------------------------------------ */

enum top_mode { TOP_NONE, TOP_ONE, TOP_MANY };

typedef struct yaml_top {
    answers_ctx *c;
    yt_reader *r;
    enum top_mode mode;
    const char *mode_key; /* the key that chose the mode */
    ans_agency *agency;   /* one-agency form: the agency, or the scratch stand-in */
    ans_agency *scratch;
    yt_node *pending_answers, *pending_units; /* met before `agency:` */
    bool saw_patuh, saw_rubric;
    bool skip;          /* the file is for another rubric: its data is not read */
    unsigned line, col; /* where the top-level mapping starts: its first key */
} yaml_top;

/* What a failed reader call means: an error it reported, or memory running out. In this
 * part of the file PATUH_EINVALID means "stop reading this file". */
static patuh_status reader_failed(const yaml_top *t, size_t errors)
{
    return t->c->diags->errors > errors ? PATUH_EINVALID : PATUH_ENOMEM;
}

static patuh_status top_value(yaml_top *t, yt_node **value)
{
    size_t errors = t->c->diags->errors;
    return yt_reader_value(t->r, value) > 0 ? PATUH_OK : reader_failed(t, errors);
}

typedef patuh_status (*top_item_fn)(yaml_top *t, const yt_node *node);

static patuh_status top_stream(yaml_top *t, top_item_fn each, top_item_fn whole);

static patuh_status top_ignore(yaml_top *t, const yt_node *node)
{
    (void)t;
    (void)node;
    return PATUH_OK;
}

/* Reads and drops a value that is not wanted; a list item by item, as it may be long. */
static patuh_status top_skip(yaml_top *t)
{
    return top_stream(t, top_ignore, top_ignore);
}

/* Whether a data key may be read: the file is for this rubric, and the key fits the form
 * (one agency, or `agencies:`) chosen by the first data key. */
static bool top_enter(yaml_top *t, const yt_node *key, enum top_mode mode)
{
    if (t->skip)
        return false;
    if (t->mode == TOP_NONE) {
        t->mode = mode;
        t->mode_key = mode == TOP_MANY ? "agencies" : "agency";
    }
    if (t->mode == mode)
        return true;
    ans_error(t->c, key,
              "'%s' cannot be used beside '%s', expected either 'agency' with its answers or a "
              "list under 'agencies'",
              key->scalar, t->mode_key);
    return false;
}

static patuh_status top_patuh(yaml_top *t, const yt_node *key)
{
    (void)key;
    yt_node *value;
    patuh_status st = top_value(t, &value);
    if (st != PATUH_OK)
        return st;
    char got[80];
    double version;
    t->saw_patuh = true;
    if (!node_number(value, &version) || version != PATUH_FORMAT_VERSION)
        ans_error(t->c, value, "unsupported format 'patuh: %s', expected 'patuh: %d'",
                  yt_describe(value, got, sizeof got), PATUH_FORMAT_VERSION);
    yt_free(value);
    return PATUH_OK;
}

static patuh_status top_rubric(yaml_top *t, const yt_node *key)
{
    (void)key;
    yt_node *value;
    patuh_status st = top_value(t, &value);
    if (st != PATUH_OK)
        return st;
    const char *expected = t->c->batch->rubric->id;
    const char *id = yt_to_string(value, t->c->name, "'rubric'", t->c->diags);
    t->saw_rubric = true;
    if (id && strcmp(id, expected) != 0) {
        ans_error(t->c, value, "answers are for rubric '%s', expected '%s'", id, expected);
        t->skip = true;
    }
    yt_free(value);
    return PATUH_OK;
}

/* Answers and units met before `agency:`, now that the agency is known. */
static patuh_status top_flush(yaml_top *t)
{
    ans_agency *a = t->agency;
    patuh_status st = answers_map(t->c, a, &a->pub.root, t->pending_answers);
    if (st == PATUH_OK)
        st = units_list(t->c, a, &a->pub.root, t->pending_units, 1);
    yt_free(t->pending_answers);
    yt_free(t->pending_units);
    t->pending_answers = t->pending_units = NULL;
    return st;
}

static patuh_status top_use_scratch(yaml_top *t)
{
    if (!(t->scratch = agency_scratch(t->c)))
        return PATUH_ENOMEM;
    t->agency = t->scratch;
    return PATUH_OK;
}

static patuh_status top_agency(yaml_top *t, const yt_node *key)
{
    if (!top_enter(t, key, TOP_ONE))
        return top_skip(t);
    yt_node *value;
    patuh_status st = top_value(t, &value);
    if (st == PATUH_OK)
        st = agency_resolve(t->c, value, &t->agency);
    yt_free(value);
    if (st == PATUH_OK && !t->agency)
        st = top_use_scratch(t);
    return st == PATUH_OK ? top_flush(t) : st;
}

static patuh_status top_assessor(yaml_top *t, const yt_node *key)
{
    if (!top_enter(t, key, TOP_ONE))
        return top_skip(t);
    yt_node *value;
    patuh_status st = top_value(t, &value);
    if (st == PATUH_OK)
        assessor_check(t->c, value);
    yt_free(value);
    return st;
}

static patuh_status top_answers(yaml_top *t, const yt_node *key)
{
    if (!top_enter(t, key, TOP_ONE))
        return top_skip(t);
    yt_node *value;
    patuh_status st = top_value(t, &value);
    if (st != PATUH_OK)
        return st;
    if (!t->agency) {
        t->pending_answers = value;
        return PATUH_OK;
    }
    st = answers_map(t->c, t->agency, &t->agency->pub.root, value);
    yt_free(value);
    return st;
}

/* Reads a top-level list item by item (each item a whole subtree, freed after use). A value
 * that is not a list goes whole to `whole`. */
static patuh_status top_stream(yaml_top *t, top_item_fn each, top_item_fn whole)
{
    unsigned line, col;
    size_t errors = t->c->diags->errors;
    int rc = yt_reader_begin_seq(t->r, &line, &col);
    if (rc < 0)
        return reader_failed(t, errors);
    patuh_status st = PATUH_OK;
    yt_node *node = NULL;
    if (rc == 0) {
        if ((st = top_value(t, &node)) == PATUH_OK)
            st = whole(t, node);
        yt_free(node);
        return st;
    }
    while (st == PATUH_OK) {
        errors = t->c->diags->errors;
        rc = yt_reader_next_item(t->r, &node);
        if (rc <= 0)
            return rc == 0 ? PATUH_OK : reader_failed(t, errors);
        st = each(t, node);
        yt_reader_recycle(t->r, node);
    }
    return st;
}

static patuh_status top_unit_item(yaml_top *t, const yt_node *node)
{
    return unit_read(t->c, t->agency, &t->agency->pub.root, node, 1);
}

static patuh_status top_units_whole(yaml_top *t, const yt_node *node)
{
    return units_list(t->c, t->agency, &t->agency->pub.root, node, 1);
}

static patuh_status top_units(yaml_top *t, const yt_node *key)
{
    if (!top_enter(t, key, TOP_ONE))
        return top_skip(t);
    if (t->agency)
        return top_stream(t, top_unit_item, top_units_whole);
    return top_value(t, &t->pending_units);
}

static patuh_status top_agency_item(yaml_top *t, const yt_node *node)
{
    return agency_item(t->c, node);
}

static patuh_status top_agencies_whole(yaml_top *t, const yt_node *node)
{
    char got[80];
    if (!yt_is_null(node))
        ans_error(t->c, node, "expected a list of agencies for 'agencies', got %s",
                  quoted(node, got, sizeof got));
    return PATUH_OK;
}

static patuh_status top_agencies(yaml_top *t, const yt_node *key)
{
    if (!top_enter(t, key, TOP_MANY))
        return top_skip(t);
    return top_stream(t, top_agency_item, top_agencies_whole);
}

static const struct top_key {
    const char *name;
    patuh_status (*read)(yaml_top *t, const yt_node *key);
} top_keys[] = {
    {"patuh", top_patuh},       {"rubric", top_rubric},   {"agency", top_agency},
    {"assessor", top_assessor}, {"answers", top_answers}, {"units", top_units},
    {"agencies", top_agencies},
};

static patuh_status top_key(yaml_top *t, const yt_node *key)
{
    for (size_t i = 0; i < sizeof top_keys / sizeof top_keys[0]; i++)
        if (strcmp(key->scalar, top_keys[i].name) == 0)
            return top_keys[i].read(t, key);
    ans_error(t->c, key,
              "unknown key '%s' at the top of the file, expected one of: patuh, rubric, agency, "
              "assessor, answers, units, agencies",
              key->scalar);
    return top_skip(t);
}

static patuh_status top_loop(yaml_top *t)
{
    for (;;) {
        yt_node *key;
        size_t errors = t->c->diags->errors;
        int rc = yt_reader_next_key(t->r, &key);
        if (rc < 0)
            return reader_failed(t, errors);
        if (rc == 0)
            return yt_reader_end(t->r) == 0 ? PATUH_OK : reader_failed(t, errors);
        if (!t->line) {
            t->line = key->line;
            t->col = key->col;
        }
        patuh_status st = top_key(t, key);
        yt_free(key);
        if (st != PATUH_OK)
            return st;
    }
}

/* What is missing once the whole file has been read. */
static patuh_status top_finish(yaml_top *t)
{
    const answers_ctx *c = t->c;
    if (t->skip)
        return PATUH_OK;
    if (!t->saw_patuh)
        patuh_diags_add(c->diags, PATUH_SEV_ERROR, c->name, 0, 0,
                        "missing key 'patuh', expected 'patuh: %d' at the top of the file",
                        PATUH_FORMAT_VERSION);
    if (!t->saw_rubric)
        patuh_diags_add(c->diags, PATUH_SEV_ERROR, c->name, 0, 0,
                        "missing key 'rubric', expected 'rubric: %s' at the top of the file",
                        c->batch->rubric->id);
    if (t->mode == TOP_NONE)
        patuh_diags_add(c->diags, PATUH_SEV_ERROR, c->name, 0, 0,
                        "no agency in the file, expected 'agency' or 'agencies'");
    if (t->mode != TOP_ONE || t->agency)
        return PATUH_OK;
    patuh_diags_add(c->diags, PATUH_SEV_ERROR, c->name, t->line ? t->line : 1, t->col ? t->col : 1,
                    "missing key 'agency', expected the agency these answers are for");
    patuh_status st = top_use_scratch(t);
    return st == PATUH_OK ? top_flush(t) : st;
}

static patuh_status answers_read_yaml(answers_ctx *c, const char *data, size_t len)
{
    yaml_top t = {.c = c};
    size_t errors = c->diags->errors;
    if (!(t.r = yt_reader_new(c->name, data, len, &c->batch->limits, c->diags)))
        return PATUH_ENOMEM;
    patuh_status st = PATUH_OK;
    int rc = yt_reader_begin_map(t.r);
    if (rc == 0)
        patuh_diags_add(c->diags, PATUH_SEV_ERROR, c->name, 0, 0,
                        "empty file, expected patuh answers");
    else if (rc < 0)
        st = reader_failed(&t, errors);
    else if ((st = top_loop(&t)) == PATUH_OK)
        st = top_finish(&t);
    yt_free(t.pending_answers);
    yt_free(t.pending_units);
    agency_free(t.scratch);
    yt_reader_free(t.r);
    return st == PATUH_EINVALID ? PATUH_OK : st;
}

/* ---- tables: CSV and XLSX rows through the checks above ----------------------------- */

/* Header names: English first (it is the name in messages), then Indonesian. A name is
 * compared case-insensitively, spaces and dashes read as '_'. */
static const struct tab_name {
    const char *names[4];
    int field;
} tab_answer_names[] =
    {
        {{"agency", "instansi", "id_instansi"}, TAB_AGENCY},
        {{"unit", "unit_layanan"}, TAB_UNIT},
        {{"indicator", "indikator"}, TAB_INDICATOR},
        {{"value", "nilai"}, TAB_VALUE},
        {{"evidence", "bukti"}, TAB_EVIDENCE},
        {{"note", "catatan"}, TAB_NOTE},
        {{"agency_name", "nama_instansi"}, TAB_AGENCY_NAME},
        {{"group", "kelompok"}, TAB_GROUP},
        {{"region", "wilayah"}, TAB_REGION},
        {{"period", "periode"}, TAB_PERIOD},
        {{"indicator_text", "teks_indikator"}, TAB_HELPER},
        {{"guidance", "panduan"}, TAB_HELPER},
        {{"choices", "pilihan"}, TAB_HELPER},
        {{NULL}, -1},
},
  tab_agency_names[] = {
      {{"id", "agency", "instansi", "id_instansi"}, TAB_AGENCY},
      {{"name", "nama", "agency_name", "nama_instansi"}, TAB_AGENCY_NAME},
      {{"group", "kelompok"}, TAB_GROUP},
      {{"region", "wilayah"}, TAB_REGION},
      {{"period", "periode"}, TAB_PERIOD},
      {{NULL}, -1},
};

/* `a` equals `b` ignoring case, with ' ' and '-' in `a` read as '_'. */
static bool header_eq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = (*a == ' ' || *a == '-') ? '_' : *a;
        if (tolower((unsigned char)x) != *b)
            return false;
    }
    return !*a && !*b;
}

int tab_header_field(const char *name, bool agencies)
{
    const struct tab_name *t = agencies ? tab_agency_names : tab_answer_names;
    for (; t->names[0]; t++)
        for (size_t i = 0; i < 4 && t->names[i]; i++)
            if (header_eq(name, t->names[i]))
                return t->field;
    return -1;
}

const char *tab_header_expected(bool agencies)
{
    return agencies ? "id, name, group, region, period"
                    : "agency, unit, indicator, value, evidence, note, agency_name, group, "
                      "region, period";
}

patuh_status answers_set_sheet(answers_ctx *c, const char *sheet, unsigned index)
{
    char **name = &c->batch->inputs[c->file].sheets[index < 2 ? index : 0];
    c->sheet = index < 2 ? NULL : sheet; /* another sheet: borrowed, never stored */
    c->sheet_index = index;
    if (!sheet || index >= 2)
        return PATUH_OK;
    if (!*name && !(*name = str_dup(sheet)))
        return PATUH_ENOMEM;
    c->sheet = *name;
    return PATUH_OK;
}

bool answers_rubric_check(answers_ctx *c, const char *id, unsigned line, unsigned col)
{
    const char *expected = c->batch->rubric->id;
    if (strcmp(id, expected) == 0)
        return true;
    if (!c->wrong_rubric)
        answers_error(c, line, col, "answers are for rubric '%s', expected '%s'", id, expected);
    c->wrong_rubric = true;
    return false;
}

static bool tab_has(const tab_cell *cell)
{
    return cell->text && cell->text[0];
}

/* Strips the spaces around a cell's text, in place. */
static void tab_trim(tab_cell *cell)
{
    if (!cell->text)
        return;
    char *s = cell->text, *start = s;
    while (*start == ' ' || *start == '\t' || *start == '\r' || *start == '\n')
        start++;
    size_t n = strlen(start);
    while (n > 0 && strchr(" \t\r\n", start[n - 1]))
        n--;
    memmove(s, start, n);
    s[n] = '\0';
}

/* A cell as a plain scalar, so `na`, empty and numbers mean what they say in YAML. */
static void tab_scalar(yt_node *node, const tab_cell *cell, char *text)
{
    *node = (yt_node){.kind = YT_SCALAR,
                      .line = cell->line,
                      .col = cell->col,
                      .scalar = text,
                      .len = strlen(text),
                      .plain = true};
}

/* "2,5" read as 2.5 where a comma may be a decimal comma. */
static void tab_decimal_comma(tab_cell *cell)
{
    char *s = cell->text, *comma = s ? strchr(s, ',') : NULL;
    if (!comma || !cell->decimal_comma || strchr(comma + 1, ','))
        return;
    size_t i = (*s == '-' || *s == '+');
    bool digits = true;
    for (; s[i]; i++)
        digits = digits && (isdigit((unsigned char)s[i]) || s + i == comma);
    if (digits && comma > s && isdigit((unsigned char)comma[-1]) &&
        isdigit((unsigned char)comma[1]))
        *comma = '.';
}

static const enum tab_field tab_agency_fields[] = {TAB_AGENCY, TAB_AGENCY_NAME, TAB_GROUP,
                                                   TAB_REGION, TAB_PERIOD};

/* The row's agency through agency_resolve, as if written `agency: {id: ..., name: ...}`. */
static patuh_status tab_agency(const answers_ctx *c, tab_cell *row, ans_agency **out)
{
    static char k_id[] = "id", k_name[] = "name", k_group[] = "group", k_region[] = "region",
                k_period[] = "period";
    static char *const keys[] = {k_id, k_name, k_group, k_region, k_period};
    yt_node nodes[10], *items[10], map;
    size_t n = 0;
    for (size_t i = 0; i < 5; i++) {
        tab_cell *cell = &row[tab_agency_fields[i]];
        if (!cell->text)
            continue;
        tab_scalar(&nodes[n], cell, keys[i]);
        items[n] = &nodes[n];
        n++;
        tab_scalar(&nodes[n], cell, cell->text);
        items[n] = &nodes[n];
        n++;
    }
    map = (yt_node){.kind = YT_MAP,
                    .line = row[TAB_AGENCY].line,
                    .col = row[TAB_AGENCY].col,
                    .items = items,
                    .n = n};
    return agency_resolve(c, &map, out);
}

/* The unit a path such as `dinkes/puskesmas-1` names, found or added level by level. */
static patuh_status tab_unit(const answers_ctx *c, ans_agency *a, tab_cell *cell, patuh_unit **out)
{
    yt_node node;
    char *text = cell->text;
    size_t n = strlen(text);
    *out = NULL;
    tab_scalar(&node, cell, text);
    if (text[0] == '/' || text[n - 1] == '/' || strstr(text, "//")) {
        ans_error(c, &node,
                  "unit path '%s' has an empty part, expected unit ids separated by "
                  "'/'",
                  text);
        return PATUH_OK;
    }
    char *copy = str_dup(text);
    if (!copy)
        return PATUH_ENOMEM;
    patuh_unit *u = &a->pub.root;
    patuh_status st = PATUH_OK;
    unsigned depth = 0;
    for (char *part = copy, *slash; u && part && st == PATUH_OK; part = slash) {
        if ((slash = strchr(part, '/')))
            *slash++ = '\0';
        if (++depth > c->batch->limits.max_unit_depth) {
            ans_error(c, &node, "units nest deeper than the limit of %u levels",
                      c->batch->limits.max_unit_depth);
            u = NULL;
            break;
        }
        ans_unit *au;
        st = unit_find_or_add(c, a, u, part, &node, &au);
        u = au ? &au->pub : NULL;
    }
    free(copy);
    *out = st == PATUH_OK ? u : NULL;
    return st;
}

/* A checklist's `item; item` as a list of names; anything else stays one scalar. */
static patuh_status tab_items(const patuh_node *ind, const tab_cell *cell, yt_node *value,
                              yt_node **nodes, yt_node ***ptrs)
{
    char *text = cell->text;
    *nodes = NULL;
    *ptrs = NULL;
    if (!ind || !ind->is_indicator || ind->scale->kind != PATUH_SCALE_CHECKLIST ||
        node_number(value, &(double){0}) || is_na(value) || !text[0])
        return PATUH_OK;
    size_t n = 1;
    for (const char *s = text; *s; s++)
        n += *s == ';';
    if (!(*nodes = calloc(n, sizeof **nodes)) || !(*ptrs = calloc(n, sizeof **ptrs))) {
        free(*nodes);
        return PATUH_ENOMEM;
    }
    size_t k = 0;
    for (char *part = text, *semi; part; part = semi) {
        if ((semi = strchr(part, ';')))
            *semi++ = '\0';
        tab_cell piece = {.text = part, .line = cell->line, .col = cell->col};
        tab_trim(&piece);
        if (!part[0])
            continue;
        tab_scalar(&(*nodes)[k], &piece, part);
        (*ptrs)[k] = &(*nodes)[k];
        k++;
    }
    *value =
        (yt_node){.kind = YT_SEQ, .line = cell->line, .col = cell->col, .items = *ptrs, .n = k};
    return PATUH_OK;
}

/* The answer of a row, as if written `ID: {value: ..., evidence: ..., note: ...}`. */
static patuh_status tab_answer(const answers_ctx *c, ans_agency *a, patuh_unit *u, tab_cell *row)
{
    static char k_value[] = "value", k_evidence[] = "evidence", k_note[] = "note";
    static char *const keys[] = {k_value, k_evidence, k_note};
    static const enum tab_field fields[] = {TAB_VALUE, TAB_EVIDENCE, TAB_NOTE};
    yt_node key, nodes[6], *items[6], map, *list = NULL, **ptrs = NULL;
    size_t n = 0;
    tab_decimal_comma(&row[TAB_VALUE]);
    tab_scalar(&key, &row[TAB_INDICATOR], row[TAB_INDICATOR].text);
    for (size_t i = 0; i < 3; i++) {
        tab_cell *cell = &row[fields[i]];
        if (!tab_has(cell))
            continue;
        tab_scalar(&nodes[n], cell, keys[i]);
        items[n] = &nodes[n];
        tab_scalar(&nodes[n + 1], cell, cell->text);
        items[n + 1] = &nodes[n + 1];
        if (fields[i] == TAB_VALUE && tab_items(patuh_rubric_find(c->batch->rubric, key.scalar),
                                                cell, &nodes[n + 1], &list, &ptrs) != PATUH_OK)
            return PATUH_ENOMEM;
        n += 2;
    }
    map = (yt_node){.kind = YT_MAP,
                    .line = row[TAB_VALUE].line,
                    .col = row[TAB_VALUE].col,
                    .items = items,
                    .n = n};
    patuh_status st = answer_read(c, a, u, &key, &map);
    free(list);
    free(ptrs);
    return st;
}

/* A row without an agency id: blank, or an error when it says something. */
static void tab_no_agency(const answers_ctx *c, tab_cell *row, bool agencies)
{
    static const enum tab_field answer_fields[] = {TAB_VALUE, TAB_EVIDENCE, TAB_NOTE};
    bool said = false;
    for (size_t i = 1; agencies && i < 5; i++)
        said = said || tab_has(&row[tab_agency_fields[i]]);
    for (size_t i = 0; !agencies && i < 3; i++)
        said = said || tab_has(&row[answer_fields[i]]);
    if (said)
        answers_error(c, row[TAB_AGENCY].line, row[TAB_AGENCY].col,
                      "missing agency id in this row, expected the id of the agency the row "
                      "is for");
}

/* The cells of a row joined into `key` (a field absent is \x1e, fields end with \x1f);
 * false when they do not fit. */
static bool tab_row_key(const tab_cell *row, const enum tab_field *fields, size_t n, char *key,
                        size_t size)
{
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        const char *text = row[fields[i]].text ? row[fields[i]].text : "\x1e";
        size_t len = strlen(text);
        if (used + len + 2 > size)
            return false;
        memcpy(key + used, text, len);
        used += len;
        key[used++] = '\x1f';
    }
    key[used] = '\0';
    return true;
}

static size_t tab_said(const answers_ctx *c)
{
    return c->diags->errors + c->diags->warnings;
}

/* The row's agency: the previous row's when the agency cells repeat, else tab_agency.
 * *out is NULL when the agency failed to load. */
static patuh_status tab_row_agency(answers_ctx *c, tab_cell *row, ans_agency **out)
{
    char key[sizeof c->row_agency_key];
    bool keyed = tab_row_key(row, tab_agency_fields, 5, key, sizeof key);
    if (keyed && c->row_agency && strcmp(key, c->row_agency_key) == 0) {
        *out = c->row_agency;
        return PATUH_OK;
    }
    size_t said = tab_said(c);
    patuh_status st = tab_agency(c, row, out);
    c->row_agency = st == PATUH_OK && keyed && *out && tab_said(c) == said ? *out : NULL;
    if (c->row_agency)
        memcpy(c->row_agency_key, key, sizeof key);
    c->row_unit = NULL;
    return st;
}

/* The row's unit below agency a: the previous row's when the unit cell repeats, else
 * tab_unit. *out is NULL when the path was refused. */
static patuh_status tab_row_unit(answers_ctx *c, ans_agency *a, tab_cell *row, patuh_unit **out)
{
    static const enum tab_field unit_field[] = {TAB_UNIT};
    char key[sizeof c->row_unit_key];
    bool keyed = a == c->row_agency && tab_row_key(row, unit_field, 1, key, sizeof key);
    if (keyed && c->row_unit && strcmp(key, c->row_unit_key) == 0) {
        *out = c->row_unit;
        return PATUH_OK;
    }
    size_t said = tab_said(c);
    patuh_status st = tab_unit(c, a, &row[TAB_UNIT], out);
    c->row_unit = st == PATUH_OK && keyed && *out && tab_said(c) == said ? *out : NULL;
    if (c->row_unit)
        memcpy(c->row_unit_key, key, sizeof key);
    return st;
}

static patuh_status tab_row_answer(answers_ctx *c, ans_agency *a, tab_cell *row)
{
    patuh_unit *u = &a->pub.root;
    if (tab_has(&row[TAB_UNIT])) {
        patuh_status st = tab_row_unit(c, a, row, &u);
        if (st != PATUH_OK || !u)
            return st;
    }
    if (tab_has(&row[TAB_INDICATOR]))
        return tab_answer(c, a, u, row);
    if (tab_has(&row[TAB_VALUE]) || tab_has(&row[TAB_EVIDENCE]) || tab_has(&row[TAB_NOTE]))
        answers_error(c, row[TAB_INDICATOR].line, row[TAB_INDICATOR].col,
                      "missing indicator id in this row, expected the indicator the answer "
                      "is for");
    return PATUH_OK;
}

patuh_status answers_row(answers_ctx *c, tab_cell row[TAB_N_FIELDS], bool agencies)
{
    for (size_t i = 0; i < TAB_N_FIELDS; i++)
        tab_trim(&row[i]);
    if (!tab_has(&row[TAB_AGENCY])) {
        tab_no_agency(c, row, agencies);
        return PATUH_OK;
    }
    ans_agency *a = NULL, *scratch = NULL;
    patuh_status st = tab_row_agency(c, row, &a);
    if (st != PATUH_OK || agencies)
        return st;
    if (!a && !(a = scratch = agency_scratch(c)))
        return PATUH_ENOMEM;
    st = tab_row_answer(c, a, row);
    agency_free(scratch);
    return st;
}

/* ---- agency lists (patuh template --agencies) --------------------------------------- */

/* One item of a YAML agency list: {id, name, ...} or {agency: {id, name, ...}}. */
static patuh_status agency_list_item(const answers_ctx *c, const yt_node *item)
{
    ans_agency *a;
    const yt_node *inner = item->kind == YT_MAP ? yt_get(item, "agency") : NULL;
    return agency_resolve(c, inner ? inner : item, &a);
}

static patuh_status agency_list_yaml(answers_ctx *c, const char *data, size_t len)
{
    yt_node *root = NULL;
    char got[80];
    patuh_status st = yt_parse(c->name, data, len, &c->batch->limits, &root, c->diags);
    if (st != PATUH_OK)
        return st == PATUH_ENOMEM ? st : PATUH_OK;
    const yt_node *list = root && root->kind == YT_MAP ? yt_get(root, "agencies") : root;
    if (!list || list->kind != YT_SEQ) {
        patuh_diags_add(c->diags, PATUH_SEV_ERROR, c->name, root ? root->line : 0,
                        root ? root->col : 0,
                        "expected a list of agencies (id, name, group, region, period), got %s",
                        root ? quoted(list ? list : root, got, sizeof got) : "an empty file");
        yt_free(root);
        return PATUH_OK;
    }
    for (size_t i = 0; i < list->n && st == PATUH_OK; i++)
        st = agency_list_item(c, list->items[i]);
    yt_free(root);
    return st;
}

patuh_status patuh_batch_add_agencies(patuh_batch *batch, const char *path, patuh_diags *diags)
{
    if (!batch || !path || !diags)
        return PATUH_EARG;
    size_t errors = diags->errors;
    char *data;
    size_t len;
    patuh_status st = file_read_all(path, batch->limits.max_file_bytes, &data, &len, diags);
    if (st != PATUH_OK)
        return st;
    answers_ctx c = {.batch = batch, .diags = diags, .name = path};
    st = input_add(batch, path, data, len, &c.file);
    if (st == PATUH_OK && str_ends_with(path, ".csv"))
        st = answers_read_csv(&c, data, len, true);
    else if (st == PATUH_OK)
        st = agency_list_yaml(&c, data, len);
    free(data);
    return status_final(st, diags, errors);
}

/* ---- inputs: buffers, files, directories -------------------------------------------- */

typedef patuh_status (*answers_reader)(answers_ctx *c, const char *data, size_t len);

static patuh_status answers_read_csv_answers(answers_ctx *c, const char *data, size_t len)
{
    return answers_read_csv(c, data, len, false);
}

static const struct answers_format {
    const char *ext;
    answers_reader read;
} answers_formats[] = {
    {".yaml", answers_read_yaml},
    {".yml", answers_read_yaml},
    {".csv", answers_read_csv_answers},
    {".xlsx", answers_read_xlsx},
};

/* The reader for a path's extension; NULL when it has none of ours. */
static answers_reader reader_for(const char *path)
{
    for (size_t i = 0; i < sizeof answers_formats / sizeof answers_formats[0]; i++)
        if (str_ends_with(path, answers_formats[i].ext))
            return answers_formats[i].read;
    return NULL;
}

static patuh_status read_input(patuh_batch *batch, const char *name, const char *data, size_t len,
                               answers_reader read, patuh_diags *diags)
{
    answers_ctx c = {.batch = batch, .diags = diags, .name = name};
    patuh_status st = input_add(batch, name, data, len, &c.file);
    return st == PATUH_OK ? read(&c, data, len) : st;
}

patuh_status patuh_batch_add_buffer(patuh_batch *batch, const char *name, const char *data,
                                    size_t len, patuh_diags *diags)
{
    if (!batch || !name || !diags || (!data && len))
        return PATUH_EARG;
    size_t errors = diags->errors;
    if (len > batch->limits.max_file_bytes) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, name, 0, 0,
                        "file is larger than the limit of %zu bytes", batch->limits.max_file_bytes);
        return PATUH_EINVALID;
    }
    answers_reader read = reader_for(name);
    patuh_status st =
        read_input(batch, name, data ? data : "", len, read ? read : answers_read_yaml, diags);
    return status_final(st, diags, errors);
}

/* One file; an extension that is not ours is read as YAML, like standard input. */
static patuh_status add_file(patuh_batch *batch, const char *path, patuh_diags *diags)
{
    char *data;
    size_t len;
    patuh_status st = file_read_all(path, batch->limits.max_file_bytes, &data, &len, diags);
    if (st != PATUH_OK)
        return st;
    answers_reader read = strcmp(path, "-") == 0 ? NULL : reader_for(path);
    st = read_input(batch, path, data, len, read ? read : answers_read_yaml, diags);
    free(data);
    return st;
}

typedef struct path_list {
    char **items;
    size_t n;
} path_list;

static patuh_status list_dir(const char *dir, unsigned depth, path_list *out, patuh_diags *diags);

/* One directory entry: a directory to walk, an answer file to keep (takes `path`). */
static patuh_status list_entry(char *path, unsigned depth, path_list *out, patuh_diags *diags)
{
    struct stat sb;
    patuh_status st = PATUH_OK;
    if (stat(path, &sb) != 0) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, path, 0, 0, "cannot read '%s': %s", path,
                        strerror(errno));
        st = PATUH_EIO;
    } else if (S_ISDIR(sb.st_mode) && depth >= ANSWERS_MAX_DIR_DEPTH) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, path, 0, 0,
                        "directories nest deeper than the limit of %d levels",
                        ANSWERS_MAX_DIR_DEPTH);
    } else if (S_ISDIR(sb.st_mode)) {
        st = list_dir(path, depth + 1, out, diags);
    } else if (S_ISREG(sb.st_mode) && reader_for(path)) {
        char **items = array_room(out->items, out->n, sizeof *items);
        if (!items) {
            free(path);
            return PATUH_ENOMEM;
        }
        out->items = items;
        items[out->n++] = path;
        return PATUH_OK;
    }
    free(path);
    return st;
}

/* Collects the answer files below `dir`, skipping hidden entries. */
static patuh_status list_dir(const char *dir, unsigned depth, path_list *out, patuh_diags *diags)
{
    DIR *d = opendir(dir);
    if (!d) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, dir, 0, 0, "cannot read '%s': %s", dir,
                        strerror(errno));
        return PATUH_EIO;
    }
    size_t n = strlen(dir);
    bool slash = n > 0 && dir[n - 1] == '/';
    patuh_status st = PATUH_OK;
    struct dirent *e;
    while (st != PATUH_ENOMEM && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *path = str_printf("%s%s%s", dir, slash ? "" : "/", e->d_name);
        st = path ? status_worst(st, list_entry(path, depth, out, diags)) : PATUH_ENOMEM;
    }
    closedir(d);
    return st;
}

static int path_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every answer file below a directory, read in sorted order. */
static patuh_status add_directory(patuh_batch *batch, const char *dir, patuh_diags *diags)
{
    path_list list = {0};
    patuh_status st = list_dir(dir, 0, &list, diags);
    if (st != PATUH_ENOMEM && list.n == 0 && st == PATUH_OK)
        patuh_diags_add(diags, PATUH_SEV_ERROR, dir, 0, 0,
                        "no answer files in '%s', expected *.yaml, *.yml, *.csv or *.xlsx files",
                        dir);
    if (list.n)
        qsort(list.items, list.n, sizeof *list.items, path_cmp);
    for (size_t i = 0; i < list.n && st != PATUH_ENOMEM; i++)
        st = status_worst(st, add_file(batch, list.items[i], diags));
    for (size_t i = 0; i < list.n; i++)
        free(list.items[i]);
    free(list.items);
    return st;
}

void patuh_batch_set_progress(patuh_batch *batch, patuh_progress_fn fn, void *ctx)
{
    batch->progress = fn;
    batch->progress_ctx = ctx;
}

patuh_status patuh_batch_add_path(patuh_batch *batch, const char *path, patuh_diags *diags)
{
    if (!batch || !path || !diags)
        return PATUH_EARG;
    size_t errors = diags->errors;
    struct stat sb;
    patuh_status st;
    if (strcmp(path, "-") != 0 && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
        st = add_directory(batch, path, diags);
    else
        st = add_file(batch, path, diags);
    return status_final(st, diags, errors);
}
