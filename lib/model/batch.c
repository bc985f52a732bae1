/* batch.c — the batch that readers fill: its inputs, agencies (merged by id) and units
 * (merged by path), with located messages for the input being read. Every reader hands
 * agencies and units over as plain records (model.h); what they say must agree with what
 * was given before, in any file. */
#include "model/model.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- texts as read ------------------------------------------------------------------ */

bool in_text_is_null(const in_text *t)
{
    return t->shape == IN_NULL || (t->shape == IN_TEXT && t->plain && text_is_null(t->text));
}

const char *in_text_describe(const in_text *t, char *buf, size_t size)
{
    if (t->shape == IN_NULL)
        return patuh_tr("nothing");
    if (t->shape == IN_LIST)
        return patuh_tr("a list");
    if (t->shape == IN_MAP)
        return patuh_tr("a map");
    if (strlen(t->text) > 40)
        snprintf(buf, size, "%.40s...", t->text);
    else
        snprintf(buf, size, "%s", t->text);
    return buf;
}

const char *in_text_quoted(const in_text *t, char *buf, size_t size)
{
    char inner[64];
    if (t->shape != IN_TEXT)
        return in_text_describe(t, buf, size);
    snprintf(buf, size, "'%s'", in_text_describe(t, inner, sizeof inner));
    return buf;
}

bool in_text_number(const in_text *t, double *out)
{
    return t->shape == IN_TEXT && t->plain && text_to_number(t->text, out) == TEXT_NUMBER;
}

bool in_text_is_na(const in_text *t)
{
    char first = t->shape == IN_TEXT && t->plain ? t->text[0] : '\0';
    if (first != 'n' && first != 'N')
        return false; /* the common case, a number, without two strcasecmp */
    return strcasecmp(t->text, "na") == 0 || strcasecmp(t->text, "n/a") == 0;
}

/* ---- messages ----------------------------------------------------------------------- */

/* Reports at a line and column, or at the cell they name on the sheet being read. */
static void ans_vreport(const answers_ctx *c, patuh_severity sev, unsigned line, unsigned col,
                        const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

static void ans_vreport(const answers_ctx *c, patuh_severity sev, unsigned line, unsigned col,
                        const char *fmt, va_list ap)
{
    char cell[24];
    if (!c->sheet || line == 0) { /* a text file, or a whole part of a workbook */
        patuh_diags_vadd(c->diags, sev, c->name, c->sheet ? 0 : line, c->sheet ? 0 : col, fmt, ap);
        return;
    }
    cell_name(line, col, cell, sizeof cell);
    patuh_diags_vadd_cell(c->diags, sev, c->name, c->sheet, cell, fmt, ap);
}

void answers_error(const answers_ctx *c, unsigned line, unsigned col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ans_vreport(c, PATUH_SEV_ERROR, line, col, fmt, ap);
    va_end(ap);
}

void answers_verror(const answers_ctx *c, unsigned line, unsigned col, const char *fmt, va_list ap)
{
    ans_vreport(c, PATUH_SEV_ERROR, line, col, fmt, ap);
}

void answers_warning(const answers_ctx *c, unsigned line, unsigned col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ans_vreport(c, PATUH_SEV_WARNING, line, col, fmt, ap);
    va_end(ap);
}

const patuh_limits *answers_limits(const answers_ctx *c)
{
    return &c->batch->limits;
}

/* "FILE:LINE:COL", or "FILE:SHEET!CELL" for a place in a workbook. */
const char *batch_where_text(const patuh_batch *batch, uint32_t file, unsigned line, unsigned col,
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

static ans_where where_of(const answers_ctx *c, const in_text *t)
{
    return (ans_where){c->file, t->line, t->col, c->sheet_index};
}

/* "agency-id" or "agency-id/unit/path", for messages. */
const char *batch_unit_label(const ans_agency *a, const patuh_unit *u, char *buf, size_t size)
{
    if (u->path && u->path[0])
        snprintf(buf, size, "%s/%s", a->pub.id, u->path);
    else
        snprintf(buf, size, "%s", a->pub.id);
    return buf;
}

/* Reports a value that differs from the one given first. */
static void conflict(const answers_ctx *c, const in_text *t, const char *what, const char *kind,
                     const char *subject, const char *now, const char *before, const ans_where *at)
{
    char place[512];
    answers_error(
        c, t->line, t->col, "conflicting %s '%s' for %s '%s', first given as '%s' at %s", what, now,
        patuh_tr(kind), subject, before,
        batch_where_text(c->batch, at->file, at->line, at->col, at->sheet, place, sizeof place));
}

/* The text of t, or an error "expected text for WHAT, got ..." and NULL. */
static const char *text_of(const answers_ctx *c, const in_text *t, const char *what)
{
    char buf[64];
    if (t->shape == IN_TEXT && !in_text_is_null(t))
        return t->text;
    answers_error(c, t->line, t->col, "expected text for %s, got %s", what,
                  in_text_is_null(t) ? patuh_tr("nothing") : in_text_describe(t, buf, sizeof buf));
    return NULL;
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
    batch->min_coverage = rubric->min_coverage;
    if (lim)
        batch->limits = *lim;
    else
        patuh_limits_default(&batch->limits);
    batch->by_id = idmap_new();
    batch->by_host = idmap_new();
    batch->arena = calloc(1, sizeof *batch->arena);
    if (!batch->by_id || !batch->by_host || !batch->arena) {
        idmap_free(batch->by_id);
        idmap_free(batch->by_host);
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
    free(unit->responses);
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
    free(a->pub.website);
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
    idmap_free(batch->by_host);
    arena_free(batch->arena);
    free(batch);
}

void patuh_batch_set_progress(patuh_batch *batch, patuh_progress_fn fn, void *ctx)
{
    batch->progress = fn;
    batch->progress_ctx = ctx;
}

patuh_status answers_input_add(answers_ctx *c, const char *path, const char *data, size_t len)
{
    patuh_batch *batch = c->batch;
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
    c->file = (uint32_t)batch->n_inputs++;
    return PATUH_OK;
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

/* ---- agencies ----------------------------------------------------------------------- */

/* A new agency, not yet in the batch, given at line/col (none: 0). NULL when out of memory. */
static ans_agency *agency_alloc(const char *id, const answers_ctx *c, unsigned line, unsigned col)
{
    ans_agency *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    char cell[24];
    a->pub.id = str_dup(id);
    if (c->sheet && line) { /* a workbook: the place is a cell, "FILE:SHEET!CELL" */
        cell_name(line, col, cell, sizeof cell);
        a->pub.file = str_printf("%s:%s!%s", c->name, c->sheet, cell);
    } else {
        a->pub.file = str_dup(c->name);
        a->pub.line = line;
        a->pub.col = col;
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

ans_agency *agency_scratch(const answers_ctx *c)
{
    ans_agency *a = agency_alloc("?", c, 0, 0);
    if (a)
        a->scratch = true;
    return a;
}

void agency_scratch_free(ans_agency *a)
{
    agency_free(a);
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
static patuh_status merge_text(const answers_ctx *c, const in_text *value, patuh_arena *arena,
                               char **field, ans_where *at, const char *what, const char *kind,
                               const char *subject)
{
    if (in_text_is_null(value))
        return PATUH_OK;
    if (value->shape != IN_TEXT) { /* the message is formatted only when it is needed */
        char desc[160];
        snprintf(desc, sizeof desc, patuh_tr("the %s of %s '%s'"), what, patuh_tr(kind), subject);
        text_of(c, value, desc);
        return PATUH_OK;
    }
    if (*field) {
        if (strcmp(*field, value->text) != 0)
            conflict(c, value, what, kind, subject, value->text, *field, at);
        return PATUH_OK;
    }
    if (!(*field = arena ? arena_strdup(arena, value->text) : str_dup(value->text)))
        return PATUH_ENOMEM;
    *at = where_of(c, value);
    return PATUH_OK;
}

static void merge_group(const answers_ctx *c, ans_agency *a, const in_text *value)
{
    const patuh_rubric *rubric = c->batch->rubric;
    char desc[160], list[512];
    if (in_text_is_null(value))
        return;
    snprintf(desc, sizeof desc, patuh_tr("the group of agency '%s'"), a->pub.id);
    const char *text = text_of(c, value, desc);
    if (!text || rubric->n_groups == 0)
        return;
    int group = patuh_rubric_group(rubric, text);
    if (group < 0) {
        answers_error(
            c, value->line, value->col, "unknown group '%s' for agency '%s', expected one of: %s",
            text, a->pub.id,
            text_join((const char *const *)rubric->groups, rubric->n_groups, list, sizeof list));
        if (a->pub.group == -1)
            a->pub.group = -2; /* given and reported: the scorer says nothing more */
    } else if (a->pub.group < 0) {
        a->pub.group = group;
        a->group_at = where_of(c, value);
    } else if (a->pub.group != group) {
        conflict(c, value, "group", patuh_tr_noop("agency"), a->pub.id, text,
                 rubric->groups[a->pub.group], &a->group_at);
    }
}

static patuh_status agency_fields(const answers_ctx *c, ans_agency *a, const agency_record *rec)
{
    const char *id = a->pub.id;
    patuh_status st = merge_text(c, &rec->name, NULL, &a->pub.name, &a->name_at, "name",
                                 patuh_tr_noop("agency"), id);
    if (st == PATUH_OK)
        st = merge_text(c, &rec->region, NULL, &a->pub.region, &a->region_at, "region", "agency",
                        id);
    if (st == PATUH_OK)
        st = merge_text(c, &rec->period, NULL, &a->pub.period, &a->period_at, "period", "agency",
                        id);
    bool had_website = a->pub.website != NULL;
    if (st == PATUH_OK)
        st = merge_text(c, &rec->website, NULL, &a->pub.website, &a->website_at, "website",
                        "agency", id);
    if (st == PATUH_OK && !had_website && a->pub.website)
        st = website_register(c, a, &rec->website);
    merge_group(c, a, &rec->group);
    return st;
}

/* Whether an agency or unit id holds no character that shows as nothing: two ids that differ
 * only by one (a zero-width space, an NBSP for a space, an accent written apart) would be two
 * agencies or units that look like one (doc/robustness.md, "Ids that look alike"). */
static bool id_visible(const answers_ctx *c, unsigned line, unsigned col, const char *id, bool unit)
{
    bool accent = false;
    unsigned cp = text_invisible(id, &accent);
    if (!cp)
        return true;
    char shown[160];
    text_show_invisible(id, shown, sizeof shown);
    if (accent && unit)
        answers_error(c, line, col,
                      "unit id '%s' holds the combining accent U+%04X (decomposed text), expected "
                      "each accented letter as one character",
                      shown, cp);
    else if (accent)
        answers_error(c, line, col,
                      "agency id '%s' holds the combining accent U+%04X (decomposed text), "
                      "expected each accented letter as one character",
                      shown, cp);
    else if (unit)
        answers_error(c, line, col,
                      "unit id '%s' holds the invisible character U+%04X, expected only "
                      "characters that can be seen",
                      shown, cp);
    else
        answers_error(c, line, col,
                      "agency id '%s' holds the invisible character U+%04X, expected only "
                      "characters that can be seen",
                      shown, cp);
    return false;
}

/* An agency id is what reports and matching go by: not blank, without control characters (an
 * escape sequence in an id reached the terminal raw) and without invisible ones. The same rule
 * for every format. */
static bool agency_id_ok(const answers_ctx *c, const agency_record *rec, const char *id)
{
    char shown[96];
    if (id[strspn(id, " \t")] == '\0') {
        answers_error(c, rec->id.line, rec->id.col,
                      "agency id is blank, expected a code such as 'kab-lebak'");
        return false;
    }
    if (text_has_control(id)) {
        text_escape(id, shown, sizeof shown);
        answers_error(c, rec->id.line, rec->id.col,
                      "agency id '%s' holds a control character, expected printable text", shown);
        return false;
    }
    return id_visible(c, rec->id.line, rec->id.col, id, false);
}

patuh_status agency_resolve(const answers_ctx *c, const agency_record *rec, ans_agency **out)
{
    *out = NULL;
    const char *id = text_of(c, &rec->id, patuh_tr("the agency id"));
    if (!id || !agency_id_ok(c, rec, id))
        return PATUH_OK;
    ans_agency *a = idmap_get(c->batch->by_id, id);
    if (!a) {
        if (c->batch->n_agencies >= c->batch->limits.max_agencies) {
            answers_error(c, rec->line, rec->col, "more agencies than the limit of %zu",
                          c->batch->limits.max_agencies);
            return PATUH_OK;
        }
        if (!(a = agency_alloc(id, c, rec->line, rec->col)))
            return PATUH_ENOMEM;
        if (agency_add(c->batch, a) != PATUH_OK) {
            agency_free(a);
            return PATUH_ENOMEM;
        }
    }
    *out = a;
    return agency_fields(c, a, rec);
}

/* ---- units -------------------------------------------------------------------------- */

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

/* A unit id follows the agency id's rules on what it may hold (blank is the unit reader's). */
static bool unit_id_ok(const answers_ctx *c, unsigned line, unsigned col, const char *id)
{
    if (text_has_control(id)) {
        char shown[96];
        text_escape(id, shown, sizeof shown);
        answers_error(c, line, col,
                      "unit id '%s' holds a control character, expected printable text", shown);
        return false;
    }
    return id_visible(c, line, col, id, true);
}

patuh_status unit_find_or_add(const answers_ctx *c, ans_agency *a, patuh_unit *parent,
                              const char *id, unsigned line, unsigned col, ans_unit **out)
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
    else if (!unit_id_ok(c, line, col, id))
        ;
    else if (!a->scratch && c->batch->n_units >= c->batch->limits.max_units)
        answers_error(c, line, col, "more units than the limit of %zu", c->batch->limits.max_units);
    else
        st = unit_new(c, a, parent, path, out);
    if (path != buf)
        free(path);
    return st;
}

static void unit_weight(const answers_ctx *c, ans_unit *u, const in_text *value, const char *label)
{
    char desc[300], now[32], before[32], got[64];
    double w = 0;
    if (in_text_is_null(value))
        return;
    snprintf(desc, sizeof desc, patuh_tr("the weight of unit '%s'"), label);
    text_number kind =
        value->shape == IN_TEXT && value->plain ? text_to_number(value->text, &w) : TEXT_NOT_NUMBER;
    if (kind == TEXT_NOT_NUMBER) {
        answers_error(c, value->line, value->col, "expected a number for %s, got '%s'", desc,
                      in_text_describe(value, got, sizeof got));
        return;
    }
    if (kind == TEXT_OUT_OF_RANGE) {
        answers_error(c, value->line, value->col, "number '%s' for %s is out of range", value->text,
                      desc);
        return;
    }
    if (w <= 0) {
        answers_error(c, value->line, value->col, "expected a weight > 0 for unit '%s', got '%s'",
                      label, value->text);
    } else if (w < MODEL_WEIGHT_MIN || w > MODEL_WEIGHT_MAX) { /* as a rubric's weights */
        answers_error(c, value->line, value->col,
                      "expected a weight from 0.000001 to 1000000 for unit '%s', got '%s'", label,
                      value->text);
    } else if (!u->weight_given) {
        u->pub.weight = w;
        u->weight_given = true;
        u->weight_at = where_of(c, value);
    } else if (w != u->pub.weight) {
        snprintf(now, sizeof now, "%g", w);
        snprintf(before, sizeof before, "%g", u->pub.weight);
        conflict(c, value, "weight", patuh_tr_noop("unit"), label, now, before, &u->weight_at);
    }
}

int unit_kind_of(const patuh_unit *unit)
{
    /* every unit below an agency is an ans_unit, and pub comes first; the agency has none */
    return unit && unit->parent ? (int)((const ans_unit *)unit)->kind - 1 : -1;
}

patuh_status unit_kind_merge(const answers_ctx *c, ans_agency *a, ans_unit *u, const in_text *kind)
{
    const patuh_rubric *rubric = c->batch->rubric;
    char label[256], desc[300], list[512];
    if (in_text_is_null(kind))
        return PATUH_OK;
    batch_unit_label(a, &u->pub, label, sizeof label);
    snprintf(desc, sizeof desc, patuh_tr("the kind of unit '%s'"), label);
    const char *text = text_of(c, kind, desc);
    if (!text)
        return PATUH_OK;
    int k = rubric_unit_kind(rubric, text);
    if (k < 0 && rubric->n_unit_kinds == 0)
        answers_error(c, kind->line, kind->col,
                      "unknown unit kind '%s' for '%s', expected none: the rubric has no "
                      "'unit_kinds'",
                      text, label);
    else if (k < 0) {
        const char **ids = malloc(rubric->n_unit_kinds * sizeof *ids);
        if (!ids)
            return PATUH_ENOMEM;
        for (size_t i = 0; i < rubric->n_unit_kinds; i++)
            ids[i] = rubric->unit_kinds[i].id;
        text_join(ids, rubric->n_unit_kinds, list, sizeof list);
        free(ids);
        answers_error(c, kind->line, kind->col,
                      "unknown unit kind '%s' for '%s', expected one of: %s", text, label, list);
    } else if (u->kind && u->kind != (uint16_t)(k + 1))
        answers_error(c, kind->line, kind->col,
                      "conflicting kind '%s' for unit '%s', first given as '%s'", text, label,
                      rubric->unit_kinds[u->kind - 1].id);
    else
        u->kind = (uint16_t)(k + 1);
    return PATUH_OK;
}

patuh_status unit_merge(const answers_ctx *c, ans_agency *a, ans_unit *u, const in_text *name,
                        const in_text *weight)
{
    char label[256];
    batch_unit_label(a, &u->pub, label, sizeof label);
    patuh_status st =
        merge_text(c, name, c->batch->arena, &u->pub.name, &u->name_at, "name", "unit", label);
    unit_weight(c, u, weight, label);
    return st;
}
