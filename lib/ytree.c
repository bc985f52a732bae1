/* ytree.c — turns libyaml's event stream into small trees of nodes that remember their line
 * and column, under the parser limits (depth, string length; aliases refused, duplicate keys
 * refused). A streaming reader hands out the top-level mapping key by key so that a file of
 * thousands of agencies is held one agency at a time. */
#include "internal.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

struct yt_reader {
    yaml_parser_t parser;
    const char *name;
    const char *data; /* the input, to place errors libyaml gives as a byte offset */
    size_t len;
    const patuh_limits *lim;
    patuh_diags *diags;
    yaml_event_t peeked;
    bool has_peek;
    bool failed;
    patuh_idmap *top_keys; /* duplicate detection for the streamed top-level mapping */
    char **keys;           /* owned key texts behind top_keys */
    size_t n_keys;
};

/* Small maps are checked for duplicate keys by scanning; larger ones through an id map. */
enum { YT_SCAN_KEYS = 16 };

/* ---- messages ----------------------------------------------------------------------- */

static void yt_vreport(patuh_diags *diags, patuh_severity sev, const char *name,
                       const yt_node *node, const char *fmt, va_list ap)
    __attribute__((format(printf, 5, 0)));

static void yt_vreport(patuh_diags *diags, patuh_severity sev, const char *name,
                       const yt_node *node, const char *fmt, va_list ap)
{
    patuh_diags_vadd(diags, sev, name, node ? node->line : 0, node ? node->col : 0, fmt, ap);
}

void yt_error(patuh_diags *diags, const char *name, const yt_node *node, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    yt_vreport(diags, PATUH_SEV_ERROR, name, node, fmt, ap);
    va_end(ap);
}

void yt_warning(patuh_diags *diags, const char *name, const yt_node *node, const char *fmt,
                ...)
{
    va_list ap;
    va_start(ap, fmt);
    yt_vreport(diags, PATUH_SEV_WARNING, name, node, fmt, ap);
    va_end(ap);
}

const char *yt_describe(const yt_node *node, char *buf, size_t size)
{
    if (!node)
        return "nothing";
    if (node->kind == YT_SEQ)
        return "a list";
    if (node->kind == YT_MAP)
        return "a map";
    if (node->len > 40)
        snprintf(buf, size, "%.40s...", node->scalar);
    else
        snprintf(buf, size, "%s", node->scalar);
    return buf;
}

/* ---- events ------------------------------------------------------------------------- */

/* Line and column (1-based, in characters) of a byte offset into the input. */
static void offset_to_mark(const yt_reader *r, size_t offset, unsigned *line, unsigned *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < offset && i < r->len; i++) {
        unsigned char c = (unsigned char)r->data[i];
        if (c == '\n')
            *line += 1, *col = 1;
        else if ((c & 0xC0) != 0x80)
            *col += 1; /* continuation bytes of UTF-8 do not start a character */
    }
}

/* The reader rejects bytes before any YAML is seen: it gives an offset, not a mark. */
static void reader_bytes_error(yt_reader *r)
{
    yaml_parser_t *p = &r->parser;
    unsigned line, col;
    offset_to_mark(r, p->problem_offset, &line, &col);
    unsigned value = (unsigned)p->problem_value;
    if (p->problem && strstr(p->problem, "control characters"))
        patuh_diags_add(r->diags, PATUH_SEV_ERROR, r->name, line, col,
                        "invalid YAML: control character 0x%02X is not allowed, expected text", value);
    else if (value <= 0xFF && p->problem_value >= 0)
        patuh_diags_add(r->diags, PATUH_SEV_ERROR, r->name, line, col,
                        "invalid UTF-8: %s 0x%02X, expected text saved as UTF-8",
                        p->problem ? p->problem : "invalid byte", value);
    else
        patuh_diags_add(r->diags, PATUH_SEV_ERROR, r->name, line, col,
                        "invalid UTF-8: %s, expected text saved as UTF-8",
                        p->problem ? p->problem : "invalid byte");
}

static void reader_parse_error(yt_reader *r)
{
    yaml_parser_t *p = &r->parser;
    const char *problem = p->problem ? p->problem : "unreadable input";
    unsigned line = (unsigned)p->problem_mark.line + 1, col = (unsigned)p->problem_mark.column + 1;
    if (p->error == YAML_MEMORY_ERROR)
        patuh_diags_add(r->diags, PATUH_SEV_ERROR, r->name, 0, 0, "out of memory reading YAML");
    else if (p->error == YAML_READER_ERROR)
        reader_bytes_error(r);
    else if (p->context)
        patuh_diags_add(r->diags, PATUH_SEV_ERROR, r->name, line, col, "invalid YAML: %s %s",
                        problem, p->context);
    else
        patuh_diags_add(r->diags, PATUH_SEV_ERROR, r->name, line, col, "invalid YAML: %s",
                        problem);
}

/* The next event (the peeked one first). false after a reported parse error. */
static bool next_event(yt_reader *r, yaml_event_t *ev)
{
    if (r->failed)
        return false;
    if (r->has_peek) {
        *ev = r->peeked;
        r->has_peek = false;
        return true;
    }
    if (!yaml_parser_parse(&r->parser, ev)) {
        reader_parse_error(r);
        r->failed = true;
        return false;
    }
    return true;
}

static void fail_at(yt_reader *r, const yaml_event_t *ev, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void fail_at(yt_reader *r, const yaml_event_t *ev, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    patuh_diags_vadd(r->diags, PATUH_SEV_ERROR, r->name, (unsigned)ev->start_mark.line + 1,
                     (unsigned)ev->start_mark.column + 1, fmt, ap);
    va_end(ap);
    r->failed = true;
}

/* ---- tree building ------------------------------------------------------------------ */

void yt_free(yt_node *node)
{
    if (!node)
        return;
    for (size_t i = 0; i < node->n; i++)
        yt_free(node->items[i]);
    free(node->items);
    free(node->scalar);
    free(node);
}

static yt_node *node_new(yt_kind kind, const yaml_event_t *ev)
{
    yt_node *node = calloc(1, sizeof *node);
    if (!node)
        return NULL;
    node->kind = kind;
    node->line = (unsigned)ev->start_mark.line + 1;
    node->col = (unsigned)ev->start_mark.column + 1;
    return node;
}

static bool node_append(yt_node *node, yt_node *item, size_t *cap)
{
    if (node->n == *cap) {
        size_t next = *cap ? *cap * 2 : 4;
        yt_node **items = realloc(node->items, next * sizeof *items);
        if (!items)
            return false;
        node->items = items;
        *cap = next;
    }
    node->items[node->n++] = item;
    return true;
}

static yt_node *build_node(yt_reader *r, yaml_event_t *ev, unsigned depth);

static yt_node *build_scalar(yt_reader *r, yaml_event_t *ev)
{
    if (ev->data.scalar.length > r->lim->max_string) {
        fail_at(r, ev, "text is longer than the limit of %zu bytes", r->lim->max_string);
        return NULL;
    }
    yt_node *node = node_new(YT_SCALAR, ev);
    if (!node)
        return NULL;
    node->len = ev->data.scalar.length;
    node->scalar = str_ndup((const char *)ev->data.scalar.value, node->len);
    node->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    if (!node->scalar) {
        free(node);
        return NULL;
    }
    return node;
}

/* Reports a key that repeats an earlier one of the same mapping. */
static bool key_is_duplicate(yt_reader *r, const yt_node *map, const yt_node *key,
                             patuh_idmap *seen)
{
    const yt_node *first = NULL;
    if (seen) {
        first = idmap_get(seen, key->scalar);
    } else {
        for (size_t i = 0; i + 1 < map->n && !first; i += 2)
            if (strcmp(map->items[i]->scalar, key->scalar) == 0)
                first = map->items[i];
    }
    if (!first)
        return false;
    patuh_diags_add(r->diags, PATUH_SEV_ERROR, r->name, key->line, key->col,
                    "duplicate key '%s', first given at %u:%u", key->scalar, first->line,
                    first->col);
    return true;
}

/* Builds the entries of a mapping or sequence until its end event. */
static bool build_children(yt_reader *r, yt_node *node, unsigned depth)
{
    size_t cap = 0;
    patuh_idmap *seen = NULL;
    bool ok = false;
    yaml_event_t ev;
    yaml_event_type_t end = node->kind == YT_MAP ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT;
    for (;;) {
        if (!next_event(r, &ev))
            goto done;
        if (ev.type == end) {
            yaml_event_delete(&ev);
            break;
        }
        bool is_key = node->kind == YT_MAP && node->n % 2 == 0;
        if (is_key && ev.type != YAML_SCALAR_EVENT) {
            fail_at(r, &ev, "expected a text key, got %s",
                    ev.type == YAML_SEQUENCE_START_EVENT ? "a list" : "a map");
            yaml_event_delete(&ev);
            goto done;
        }
        yt_node *child = build_node(r, &ev, depth + 1);
        if (!child)
            goto done;
        if (is_key && key_is_duplicate(r, node, child, seen)) {
            r->failed = true;
            yt_free(child);
            goto done;
        }
        if (!node_append(node, child, &cap)) {
            yt_free(child);
            goto done;
        }
        if (is_key && node->n / 2 == YT_SCAN_KEYS) {
            if (!(seen = idmap_new()))
                goto done;
            for (size_t i = 0; i < node->n; i += 2)
                if (!idmap_put(seen, node->items[i]->scalar, node->items[i]))
                    goto done;
        } else if (is_key && seen && !idmap_put(seen, child->scalar, child)) {
            goto done;
        }
    }
    ok = true;
done:
    idmap_free(seen);
    return ok;
}

/* Builds the whole value that starts with `ev` (which it consumes). NULL on error. */
static yt_node *build_node(yt_reader *r, yaml_event_t *ev, unsigned depth)
{
    yt_node *node = NULL;
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        node = build_scalar(r, ev);
        break;
    case YAML_ALIAS_EVENT:
        fail_at(r, ev, "YAML aliases are not supported, write the value out");
        break;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        if (depth > r->lim->max_depth) {
            fail_at(r, ev, "nesting is deeper than the limit of %u levels", r->lim->max_depth);
            break;
        }
        node = node_new(ev->type == YAML_MAPPING_START_EVENT ? YT_MAP : YT_SEQ, ev);
        if (node && !build_children(r, node, depth)) {
            yt_free(node);
            node = NULL;
        }
        break;
    default:
        fail_at(r, ev, "unexpected YAML structure");
        break;
    }
    yaml_event_delete(ev);
    return node;
}

/* ---- the reader --------------------------------------------------------------------- */

yt_reader *yt_reader_new(const char *name, const char *data, size_t len,
                         const patuh_limits *lim, patuh_diags *diags)
{
    yt_reader *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    if (!yaml_parser_initialize(&r->parser)) {
        free(r);
        return NULL;
    }
    yaml_parser_set_input_string(&r->parser, (const unsigned char *)data, len);
    r->name = name;
    r->data = data;
    r->len = len;
    r->lim = lim;
    r->diags = diags;
    return r;
}

void yt_reader_free(yt_reader *r)
{
    if (!r)
        return;
    if (r->has_peek)
        yaml_event_delete(&r->peeked);
    yaml_parser_delete(&r->parser);
    idmap_free(r->top_keys);
    for (size_t i = 0; i < r->n_keys; i++)
        free(r->keys[i]);
    free(r->keys);
    free(r);
}

/* Consumes the stream start and the document start. 1 = a document, 0 = empty stream. */
static int begin_document(yt_reader *r)
{
    yaml_event_t ev;
    for (;;) {
        if (!next_event(r, &ev))
            return -1;
        yaml_event_type_t type = ev.type;
        yaml_event_delete(&ev);
        if (type == YAML_DOCUMENT_START_EVENT)
            return 1;
        if (type == YAML_STREAM_END_EVENT)
            return 0;
    }
}

int yt_reader_begin_map(yt_reader *r)
{
    int doc = begin_document(r);
    if (doc <= 0)
        return doc;
    yaml_event_t ev;
    if (!next_event(r, &ev))
        return -1;
    if (ev.type == YAML_MAPPING_START_EVENT) {
        yaml_event_delete(&ev);
        r->top_keys = idmap_new();
        return r->top_keys ? 1 : -1;
    }
    bool empty = ev.type == YAML_SCALAR_EVENT && ev.data.scalar.length == 0 &&
                 ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    if (!empty)
        fail_at(r, &ev, "expected a map of keys at the top of the file, got %s",
                ev.type == YAML_SEQUENCE_START_EVENT ? "a list" : "a single value");
    yaml_event_delete(&ev);
    return empty ? 0 : -1;
}

static bool remember_top_key(yt_reader *r, const yt_node *key)
{
    const char *first = idmap_get(r->top_keys, key->scalar);
    if (first) {
        unsigned line = 0, col = 0;
        sscanf(first + strlen(first) + 1, "%u:%u", &line, &col);
        patuh_diags_add(r->diags, PATUH_SEV_ERROR, r->name, key->line, key->col,
                        "duplicate key '%s', first given at %u:%u", key->scalar, line, col);
        r->failed = true;
        return false;
    }
    /* the copy keeps "key\0line:col" so a later duplicate can name the first place */
    char where[32];
    int n = snprintf(where, sizeof where, "%u:%u", key->line, key->col);
    char *copy = malloc(key->len + 1 + (size_t)n + 1);
    char **keys = realloc(r->keys, (r->n_keys + 1) * sizeof *keys);
    if (!copy || !keys) {
        free(copy);
        if (keys)
            r->keys = keys;
        return false;
    }
    r->keys = keys;
    memcpy(copy, key->scalar, key->len + 1);
    memcpy(copy + key->len + 1, where, (size_t)n + 1);
    r->keys[r->n_keys++] = copy;
    return idmap_put(r->top_keys, copy, copy);
}

int yt_reader_next_key(yt_reader *r, yt_node **key)
{
    *key = NULL;
    yaml_event_t ev;
    if (!next_event(r, &ev))
        return -1;
    if (ev.type == YAML_MAPPING_END_EVENT) {
        yaml_event_delete(&ev);
        return 0;
    }
    if (ev.type != YAML_SCALAR_EVENT) {
        fail_at(r, &ev, "expected a text key, got %s",
                ev.type == YAML_SEQUENCE_START_EVENT ? "a list" : "a map");
        yaml_event_delete(&ev);
        return -1;
    }
    *key = build_node(r, &ev, 1);
    if (!*key)
        return -1;
    if (!remember_top_key(r, *key)) {
        yt_free(*key);
        *key = NULL;
        return -1;
    }
    return 1;
}

int yt_reader_value(yt_reader *r, yt_node **value)
{
    yaml_event_t ev;
    *value = NULL;
    if (!next_event(r, &ev))
        return -1;
    *value = build_node(r, &ev, 1);
    return *value ? 1 : -1;
}

int yt_reader_begin_seq(yt_reader *r, unsigned *line, unsigned *col)
{
    yaml_event_t ev;
    if (!next_event(r, &ev))
        return -1;
    if (ev.type != YAML_SEQUENCE_START_EVENT) {
        r->peeked = ev;
        r->has_peek = true;
        return 0;
    }
    *line = (unsigned)ev.start_mark.line + 1;
    *col = (unsigned)ev.start_mark.column + 1;
    yaml_event_delete(&ev);
    return 1;
}

int yt_reader_next_item(yt_reader *r, yt_node **item)
{
    yaml_event_t ev;
    *item = NULL;
    if (!next_event(r, &ev))
        return -1;
    if (ev.type == YAML_SEQUENCE_END_EVENT) {
        yaml_event_delete(&ev);
        return 0;
    }
    *item = build_node(r, &ev, 2);
    return *item ? 1 : -1;
}

int yt_reader_end(yt_reader *r)
{
    yaml_event_t ev;
    if (!next_event(r, &ev))
        return -1;
    yaml_event_type_t type = ev.type;
    yaml_event_delete(&ev);
    if (type != YAML_DOCUMENT_END_EVENT)
        return -1;
    if (!next_event(r, &ev))
        return -1;
    if (ev.type == YAML_DOCUMENT_START_EVENT) {
        fail_at(r, &ev, "expected one YAML document, found a second one");
        yaml_event_delete(&ev);
        return -1;
    }
    yaml_event_delete(&ev);
    return 0;
}

patuh_status yt_parse(const char *name, const char *data, size_t len, const patuh_limits *lim,
                      yt_node **root, patuh_diags *diags)
{
    *root = NULL;
    size_t errors = diags->errors;
    yt_reader *r = yt_reader_new(name, data, len, lim, diags);
    if (!r)
        return PATUH_ENOMEM;
    patuh_status st = PATUH_OK;
    int doc = begin_document(r);
    if (doc > 0 && yt_reader_value(r, root) > 0) {
        if (yt_reader_end(r) < 0) {
            yt_free(*root);
            *root = NULL;
        }
    }
    if (diags->errors > errors)
        st = PATUH_EINVALID;
    else if (doc != 0 && !*root)
        st = PATUH_ENOMEM;
    yt_reader_free(r);
    return st;
}

/* ---- lookups and conversions -------------------------------------------------------- */

const yt_node *yt_get(const yt_node *map, const char *key)
{
    if (!map || map->kind != YT_MAP)
        return NULL;
    for (size_t i = 0; i + 1 < map->n; i += 2)
        if (strcmp(map->items[i]->scalar, key) == 0)
            return map->items[i + 1];
    return NULL;
}

bool yt_is_null(const yt_node *node)
{
    if (!node)
        return true;
    if (node->kind != YT_SCALAR || !node->plain)
        return false;
    const char *s = node->scalar;
    return !*s || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 || strcmp(s, "Null") == 0 ||
           strcmp(s, "NULL") == 0;
}

/* A YAML number: [+-] digits [. digits] [e [+-] digits], or [+-] . digits [...]. */
static bool looks_numeric(const char *s)
{
    if (*s == '+' || *s == '-')
        s++;
    size_t digits = 0;
    while (isdigit((unsigned char)*s))
        s++, digits++;
    if (*s == '.') {
        s++;
        while (isdigit((unsigned char)*s))
            s++, digits++;
    }
    if (!digits)
        return false;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        if (!isdigit((unsigned char)*s))
            return false;
        while (isdigit((unsigned char)*s))
            s++;
    }
    return *s == '\0';
}

bool yt_to_double(const yt_node *node, const char *name, const char *what, double *out,
                  patuh_diags *diags)
{
    char buf[64];
    if (!node || node->kind != YT_SCALAR || !node->plain || !looks_numeric(node->scalar)) {
        yt_error(diags, name, node, "expected a number for %s, got '%s'", what,
                 yt_describe(node, buf, sizeof buf));
        return false;
    }
    double v = strtod(node->scalar, NULL);
    if (!isfinite(v)) {
        yt_error(diags, name, node, "number '%s' for %s is out of range", node->scalar, what);
        return false;
    }
    *out = v;
    return true;
}

bool yt_to_bool(const yt_node *node, const char *name, const char *what, bool *out,
                patuh_diags *diags)
{
    static const char *const truths[] = {"true", "yes", "on"};
    static const char *const lies[] = {"false", "no", "off"};
    char buf[64];
    if (node && node->kind == YT_SCALAR && node->plain) {
        for (size_t i = 0; i < 3; i++) {
            if (strcasecmp(node->scalar, truths[i]) == 0)
                return *out = true;
            if (strcasecmp(node->scalar, lies[i]) == 0)
                return !(*out = false);
        }
    }
    yt_error(diags, name, node, "expected true or false for %s, got '%s'", what,
             yt_describe(node, buf, sizeof buf));
    return false;
}

const char *yt_to_string(const yt_node *node, const char *name, const char *what,
                         patuh_diags *diags)
{
    char buf[64];
    if (node && node->kind == YT_SCALAR && !yt_is_null(node))
        return node->scalar;
    yt_error(diags, name, node, "expected text for %s, got %s", what,
             yt_is_null(node) ? "nothing" : yt_describe(node, buf, sizeof buf));
    return NULL;
}

bool yt_check_keys(const yt_node *map, const char *const *allowed, const char *name,
                   const char *where, patuh_diags *diags)
{
    bool ok = true;
    for (size_t i = 0; map && map->kind == YT_MAP && i + 1 < map->n; i += 2) {
        const yt_node *key = map->items[i];
        size_t k = 0;
        while (allowed[k] && strcmp(allowed[k], key->scalar) != 0)
            k++;
        if (allowed[k])
            continue;
        char list[512] = "";
        size_t used = 0;
        for (size_t j = 0; allowed[j] && used < sizeof list; j++)
            used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", j ? ", " : "",
                                     allowed[j]);
        yt_error(diags, name, key, "unknown key '%s' in %s, expected one of: %s", key->scalar,
                 where, list);
        ok = false;
    }
    return ok;
}
