/* yaml_answers.c — the YAML answer reader: one agency (`agency:` with `answers:` and nested
 * `units:`) or a list under `agencies:`, streamed item by item so memory follows agencies and
 * units, not answers; and the YAML agency lists of `patuh template --agencies`. It checks the
 * shape of the YAML (maps, lists, keys) and hands agencies, units and answers to the model as
 * plain records. */
#include "input/input.h"
#include "yaml/yaml_tree.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A node as the model reads it: nothing, a text, a list or a map. */
static in_text text_of_node(const yt_node *node)
{
    if (!node)
        return (in_text){.shape = IN_NULL};
    in_shape shape = node->kind == YT_SCALAR ? IN_TEXT : node->kind == YT_SEQ ? IN_LIST : IN_MAP;
    return (in_text){shape, node->kind == YT_SCALAR ? node->scalar : NULL, node->plain, node->line,
                     node->col};
}

static void yaml_error(const answers_ctx *c, const yt_node *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void yaml_error(const answers_ctx *c, const yt_node *node, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    answers_verror(c, node ? node->line : 0, node ? node->col : 0, fmt, ap);
    va_end(ap);
}

/* A node for messages: 'text' for a scalar, "a list" or "a map" otherwise. */
static const char *quoted(const yt_node *node, char *buf, size_t size)
{
    in_text t = text_of_node(node);
    return in_text_quoted(&t, buf, size);
}

/* A plain scalar that is a finite number, without reporting anything. */
static bool yaml_number(const yt_node *node, double *out)
{
    in_text t = text_of_node(node);
    return in_text_number(&t, out);
}

/* ---- agencies ----------------------------------------------------------------------- */

/* The agency an `agency:` map names, created or merged. *out is NULL when it is invalid. */
/* An agency map; an agency list's (`list`) may also give its `website` (doc/formats.md §3.9). */
static patuh_status agency_map(const answers_ctx *c, const yt_node *node, bool list,
                               ans_agency **out)
{
    static const char *const keys[] = {"id", "name", "group", "region", "period", NULL};
    static const char *const list_keys[] = {"id",     "name",    "group", "region",
                                            "period", "website", NULL};
    char buf[64];
    *out = NULL;
    if (node->kind != YT_MAP) {
        yaml_error(c, node,
                   "expected a map with the agency's id, name and group for 'agency', got %s",
                   quoted(node, buf, sizeof buf));
        return PATUH_OK;
    }
    yt_check_keys(node, list ? list_keys : keys, c->name, "'agency'", c->diags);
    const yt_node *idnode = yt_get(node, "id");
    if (!idnode) {
        yaml_error(c, node, "missing key 'id' in 'agency'");
        return PATUH_OK;
    }
    agency_record rec = {.id = text_of_node(idnode),
                         .name = text_of_node(yt_get(node, "name")),
                         .group = text_of_node(yt_get(node, "group")),
                         .region = text_of_node(yt_get(node, "region")),
                         .period = text_of_node(yt_get(node, "period")),
                         .website = text_of_node(list ? yt_get(node, "website") : NULL),
                         .line = node->line,
                         .col = node->col};
    return agency_resolve(c, &rec, out);
}

/* `assessor:` is kept in the file only; it must be text. */
static void assessor_check(const answers_ctx *c, const yt_node *node)
{
    if (!yt_is_null(node))
        yt_to_string(node, c->name, "'assessor'", c->diags);
}

/* ---- answers ------------------------------------------------------------------------ */

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
        yaml_error(c, node, "expected a text or a list of texts for the evidence of '%s', got %s",
                   ind->id, quoted(node, got, sizeof got));
        return false;
    }
    *has = node->kind == YT_SEQ ? node->n > 0 : node->len > 0;
    return true;
}

/* The keys beside `value` in an answer map: evidence and note. */
static bool answer_extras(const answers_ctx *c, const patuh_node *ind, const yt_node *map,
                          answer_record *rec)
{
    static const char *const keys[] = {"value", "evidence", "note", NULL};
    char where[128];
    bool ok = yt_check_keys(map, keys, c->name, NULL, c->diags); /* where: only when needed */
    if (!ok) {
        snprintf(where, sizeof where, patuh_tr("the answer for '%s'"), ind->id);
        yt_check_keys(map, keys, c->name, where, c->diags);
    }
    ok = evidence_read(c, ind, yt_get(map, "evidence"), &rec->evidence) && ok;
    const yt_node *note = yt_get(map, "note");
    if (!yt_is_null(note)) {
        snprintf(where, sizeof where, patuh_tr("the note of '%s'"), ind->id);
        const char *text = yt_to_string(note, c->name, where, c->diags);
        rec->note = text && *text;
        ok = text && ok;
    }
    return ok;
}

/* `ID: value` or `ID: {value, evidence, note}`, handed to the model as a record. */
static patuh_status answer_read(const answers_ctx *c, ans_agency *a, patuh_unit *u,
                                const yt_node *key, const yt_node *value)
{
    answer_record rec = {.indicator = text_of_node(key), .line = value->line, .col = value->col};
    const patuh_node *ind = answers_indicator(c, &rec.indicator);
    if (!ind)
        return PATUH_OK;
    const yt_node *v = value;
    if (value->kind == YT_MAP) {
        rec.refused = !answer_extras(c, ind, value, &rec);
        v = yt_get(value, "value");
    }
    rec.value = text_of_node(v);
    in_text few[16], *items = few;
    if (v && v->kind == YT_SEQ) {
        if (v->n > sizeof few / sizeof few[0] && !(items = malloc(v->n * sizeof *items)))
            return PATUH_ENOMEM;
        for (size_t i = 0; i < v->n; i++)
            items[i] = text_of_node(v->items[i]);
        rec.items = items;
        rec.n_items = v->n;
    }
    patuh_status st = answer_put(c, a, u, ind, &rec);
    if (items != few)
        free(items);
    return st;
}

static patuh_status answers_map(const answers_ctx *c, ans_agency *a, patuh_unit *u,
                                const yt_node *node)
{
    char got[80];
    if (yt_is_null(node))
        return PATUH_OK;
    if (node->kind != YT_MAP) {
        yaml_error(c, node, "expected a map of indicator ids to answers for 'answers', got %s",
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

/* `responses: {SECTION: N}` next to a unit's answers (doc/scoring.md §16). */
static patuh_status responses_map(const answers_ctx *c, patuh_unit *u, const yt_node *node)
{
    char got[80];
    if (yt_is_null(node))
        return PATUH_OK;
    if (node->kind != YT_MAP) {
        yaml_error(c, node, "expected a map of section ids to counts for 'responses', got %s",
                   quoted(node, got, sizeof got));
        return PATUH_OK;
    }
    for (size_t i = 0; i + 1 < node->n; i += 2) {
        in_text section = text_of_node(node->items[i]), count = text_of_node(node->items[i + 1]);
        patuh_status st = responses_put(c, u, &section, &count);
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
        yaml_error(c, node, "missing key 'id' in a unit");
        return NULL;
    }
    const char *id = yt_to_string(idnode, c->name, patuh_tr("a unit id"), c->diags);
    if (id && strchr(id, '/')) {
        yaml_error(c, idnode,
                   "unit id '%s' contains '/', expected an id without '/' (nest units with "
                   "'units')",
                   id);
        return NULL;
    }
    return id;
}

static patuh_status unit_read(const answers_ctx *c, ans_agency *a, patuh_unit *parent,
                              const yt_node *node, unsigned depth)
{
    static const char *const keys[] = {"id",      "name",  "weight",    "kind",
                                       "answers", "units", "responses", NULL};
    char got[80];
    if (node->kind != YT_MAP) {
        yaml_error(c, node, "expected a map for a unit, got %s", quoted(node, got, sizeof got));
        return PATUH_OK;
    }
    yt_check_keys(node, keys, c->name, patuh_tr("a unit"), c->diags);
    const char *id = unit_id(c, node);
    if (!id)
        return PATUH_OK;
    if (depth > c->batch->limits.max_unit_depth) {
        yaml_error(c, node, "units nest deeper than the limit of %u levels",
                   c->batch->limits.max_unit_depth);
        return PATUH_OK;
    }
    ans_unit *u;
    patuh_status st = unit_find_or_add(c, a, parent, id, node->line, node->col, &u);
    if (st != PATUH_OK || !u)
        return st;
    in_text name = text_of_node(yt_get(node, "name"));
    in_text weight = text_of_node(yt_get(node, "weight"));
    in_text kind = text_of_node(yt_get(node, "kind"));
    st = unit_merge(c, a, u, &name, &weight);
    if (st == PATUH_OK)
        st = unit_kind_merge(c, a, u, &kind);
    if (st == PATUH_OK)
        st = answers_map(c, a, &u->pub, yt_get(node, "answers"));
    if (st == PATUH_OK)
        st = responses_map(c, &u->pub, yt_get(node, "responses"));
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
        yaml_error(c, node, "expected a list of units for 'units', got %s",
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
    static const char *const keys[] = {"agency", "assessor", "answers", "units", "responses", NULL};
    char got[80];
    if (item->kind != YT_MAP) {
        yaml_error(c, item,
                   "expected a map with 'agency' and its answers for an item of 'agencies', got "
                   "%s",
                   quoted(item, got, sizeof got));
        return PATUH_OK;
    }
    yt_check_keys(item, keys, c->name, patuh_tr("an item of 'agencies'"), c->diags);
    const yt_node *node = yt_get(item, "agency");
    ans_agency *a = NULL, *scratch = NULL;
    patuh_status st = PATUH_OK;
    if (!node)
        yaml_error(c, item, "missing key 'agency' in an item of 'agencies'");
    else
        st = agency_map(c, node, false, &a);
    assessor_check(c, yt_get(item, "assessor"));
    if (st == PATUH_OK && !a && !(a = scratch = agency_scratch(c)))
        st = PATUH_ENOMEM;
    if (st == PATUH_OK)
        st = answers_map(c, a, &a->pub.root, yt_get(item, "answers"));
    if (st == PATUH_OK)
        st = responses_map(c, &a->pub.root, yt_get(item, "responses"));
    if (st == PATUH_OK)
        st = units_list(c, a, &a->pub.root, yt_get(item, "units"), 1);
    agency_scratch_free(scratch);
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
    yt_node *pending_responses;
    bool saw_patuh, saw_rubric;
    bool skip;          /* the file is for another rubric: its data is not read */
    unsigned line, col; /* where the top-level mapping starts: its first key */
} yaml_top;

/* What a failed reader call means, as the reader says: memory ran out, or an error it
 * reported. In this part of the file PATUH_EINVALID means "stop reading this file". */
static patuh_status reader_failed(const yaml_top *t)
{
    return yt_reader_status(t->r) == PATUH_ENOMEM ? PATUH_ENOMEM : PATUH_EINVALID;
}

static patuh_status top_value(yaml_top *t, yt_node **value)
{
    return yt_reader_value(t->r, value) > 0 ? PATUH_OK : reader_failed(t);
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
    yaml_error(t->c, key,
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
    if (value->kind == YT_SCALAR && !value->plain)
        yaml_error(t->c, value,
                   "expected the number %d for 'patuh', got the text \"%s\" (write "
                   "it without quotes)",
                   PATUH_FORMAT_VERSION, yt_describe(value, got, sizeof got));
    else if (!yaml_number(value, &version) || version != PATUH_FORMAT_VERSION)
        yaml_error(t->c, value, "unsupported format 'patuh: %s', expected 'patuh: %d'",
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
        yaml_error(t->c, value, "answers are for rubric '%s', expected '%s'", id, expected);
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
        st = responses_map(t->c, &a->pub.root, t->pending_responses);
    if (st == PATUH_OK)
        st = units_list(t->c, a, &a->pub.root, t->pending_units, 1);
    yt_free(t->pending_answers);
    yt_free(t->pending_units);
    yt_free(t->pending_responses);
    t->pending_answers = t->pending_units = t->pending_responses = NULL;
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
        st = agency_map(t->c, value, false, &t->agency);
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

static patuh_status top_responses(yaml_top *t, const yt_node *key)
{
    if (!top_enter(t, key, TOP_ONE))
        return top_skip(t);
    yt_node *value;
    patuh_status st = top_value(t, &value);
    if (st != PATUH_OK)
        return st;
    if (!t->agency) {
        yt_free(t->pending_responses);
        t->pending_responses = value;
        return PATUH_OK;
    }
    st = responses_map(t->c, &t->agency->pub.root, value);
    yt_free(value);
    return st;
}

/* Reads a top-level list item by item (each item a whole subtree, freed after use). A value
 * that is not a list goes whole to `whole`. */
static patuh_status top_stream(yaml_top *t, top_item_fn each, top_item_fn whole)
{
    unsigned line, col;
    int rc = yt_reader_begin_seq(t->r, &line, &col);
    if (rc < 0)
        return reader_failed(t);
    patuh_status st = PATUH_OK;
    yt_node *node = NULL;
    if (rc == 0) {
        if ((st = top_value(t, &node)) == PATUH_OK)
            st = whole(t, node);
        yt_free(node);
        return st;
    }
    while (st == PATUH_OK) {
        rc = yt_reader_next_item(t->r, &node);
        if (rc <= 0)
            return rc == 0 ? PATUH_OK : reader_failed(t);
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
        yaml_error(t->c, node, "expected a list of agencies for 'agencies', got %s",
                   quoted(node, got, sizeof got));
    return PATUH_OK;
}

static patuh_status top_agencies(yaml_top *t, const yt_node *key)
{
    if (!top_enter(t, key, TOP_MANY))
        return top_skip(t);
    return top_stream(t, top_agency_item, top_agencies_whole);
}

/* `proposed_by: scan`: the file's answers were proposed by `patuh scan` and yield to an
 * assessor's (doc/formats.md §3.10); said before any answer, so each is stored knowing it. */
static patuh_status top_proposed_by(yaml_top *t, const yt_node *key)
{
    yt_node *value;
    patuh_status st = top_value(t, &value);
    if (st != PATUH_OK)
        return st;
    char got[80];
    if (t->mode != TOP_NONE)
        yaml_error(t->c, key, "'proposed_by' comes after '%s', expected it before any answer",
                   t->mode_key);
    else if (value->kind != YT_SCALAR || strcmp(value->scalar, "scan") != 0)
        yaml_error(t->c, value, "expected 'scan' for 'proposed_by', got %s",
                   quoted(value, got, sizeof got));
    else
        t->c->batch->inputs[t->c->file].proposed = true;
    yt_free(value);
    return PATUH_OK;
}

static const struct top_key {
    const char *name;
    patuh_status (*read)(yaml_top *t, const yt_node *key);
} top_keys[] = {
    {"patuh", top_patuh},       {"rubric", top_rubric},           {"agency", top_agency},
    {"assessor", top_assessor}, {"answers", top_answers},         {"units", top_units},
    {"agencies", top_agencies}, {"proposed_by", top_proposed_by}, {"responses", top_responses},
};

static patuh_status top_key(yaml_top *t, const yt_node *key)
{
    for (size_t i = 0; i < sizeof top_keys / sizeof top_keys[0]; i++)
        if (strcmp(key->scalar, top_keys[i].name) == 0)
            return top_keys[i].read(t, key);
    yaml_error(t->c, key,
               "unknown key '%s' at the top of the file, expected one of: patuh, rubric, agency, "
               "assessor, answers, units, agencies, proposed_by, responses",
               key->scalar);
    return top_skip(t);
}

static patuh_status top_loop(yaml_top *t)
{
    for (;;) {
        yt_node *key;
        int rc = yt_reader_next_key(t->r, &key);
        if (rc < 0)
            return reader_failed(t);
        if (rc == 0)
            return yt_reader_end(t->r) == 0 ? PATUH_OK : reader_failed(t);
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

patuh_status answers_read_yaml(answers_ctx *c, const char *data, size_t len)
{
    yaml_top t = {.c = c};
    if (!(t.r = yt_reader_new(c->name, data, len, &c->batch->limits, c->diags)))
        return PATUH_ENOMEM;
    patuh_status st = PATUH_OK;
    int rc = yt_reader_begin_map(t.r);
    if (rc == 0)
        patuh_diags_add(c->diags, PATUH_SEV_ERROR, c->name, 0, 0,
                        "empty file, expected patuh answers");
    else if (rc < 0)
        st = reader_failed(&t);
    else if ((st = top_loop(&t)) == PATUH_OK)
        st = top_finish(&t);
    yt_free(t.pending_answers);
    yt_free(t.pending_units);
    yt_free(t.pending_responses);
    agency_scratch_free(t.scratch);
    yt_reader_free(t.r);
    return st == PATUH_EINVALID ? PATUH_OK : st;
}

/* ---- agency lists (patuh template --agencies) --------------------------------------- */

/* One item of a YAML agency list: {id, name, ...} or {agency: {id, name, ...}}. */
static patuh_status agency_list_item(const answers_ctx *c, const yt_node *item)
{
    ans_agency *a;
    const yt_node *inner = item->kind == YT_MAP ? yt_get(item, "agency") : NULL;
    return agency_map(c, inner ? inner : item, true, &a);
}

patuh_status answers_read_agency_list(answers_ctx *c, const char *data, size_t len)
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
