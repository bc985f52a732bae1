/* ytree.c — turns libyaml's event stream into small trees of nodes that remember their line
 * and column, under the parser limits (depth, string length; aliases refused, duplicate keys
 * refused). A streaming reader hands out the top-level mapping key by key so that a file of
 * thousands of agencies is held one agency at a time. */
#include "yaml/yaml_tree.h"

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
    bool failed;           /* an error was reported: reading stops */
    bool nomem;            /* memory ran out (never guessed from the error count) */
    patuh_idmap *top_keys; /* duplicate detection for the streamed top-level mapping */
    char **keys;           /* owned key texts behind top_keys */
    size_t n_keys;
    patuh_arena *arena; /* of the tree being built */
    patuh_arena *spare; /* of a tree given back with yt_reader_recycle, for the next one */
    yt_node **stack;    /* items of the open mappings and sequences, innermost last */
    size_t stack_n, stack_cap;
    struct yt_seen *seen; /* keys of the large mappings of the tree being built */
    size_t seen_n, seen_cap;
    size_t maps; /* mappings begun: numbers them for `seen` */
};

/* Small maps are checked for duplicate keys by scanning; larger ones through a hash table
 * that every mapping of the reader shares, each slot marked with its mapping's number, and
 * that empties when a tree is handed out (no allocation per mapping). */
enum { YT_SCAN_KEYS = 16 };

typedef struct yt_seen {
    const yt_node *key; /* NULL: a free slot */
    uint64_t hash;
    size_t map;
} yt_seen;

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

void yt_warning(patuh_diags *diags, const char *name, const yt_node *node, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    yt_vreport(diags, PATUH_SEV_WARNING, name, node, fmt, ap);
    va_end(ap);
}

const char *yt_describe(const yt_node *node, char *buf, size_t size)
{
    if (!node)
        return patuh_tr("nothing");
    if (node->kind == YT_SEQ)
        return patuh_tr("a list");
    if (node->kind == YT_MAP)
        return patuh_tr("a map");
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
    const unsigned char *d = (const unsigned char *)r->data;
    bool utf32 = r->len >= 4 && ((d[0] == 0 && d[1] == 0) || (d[2] == 0 && d[3] == 0));
    if (utf32 && p->problem_offset < 4) /* "control character 0x00" would not say why */
        patuh_diags_add(r->diags, PATUH_SEV_ERROR, r->name, 1, 1,
                        "the file looks like UTF-32 text, expected UTF-8 (or UTF-16)");
    else if (p->problem && strstr(p->problem, "control characters"))
        patuh_diags_add(r->diags, PATUH_SEV_ERROR, r->name, line, col,
                        "invalid YAML: control character 0x%02X is not allowed, expected text",
                        value);
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
        r->nomem = true;
    else if (p->error == YAML_READER_ERROR)
        reader_bytes_error(r);
    else if (p->context)
        patuh_diags_add(r->diags, PATUH_SEV_ERROR, r->name, line, col, "invalid YAML: %s %s",
                        problem, p->context);
    else
        patuh_diags_add(r->diags, PATUH_SEV_ERROR, r->name, line, col, "invalid YAML: %s", problem);
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

/* Every tree the reader hands out lives in one arena (util.c): nodes, texts and item arrays
 * are carved from a few large chunks, and yt_free on the root releases the chunks. Item
 * arrays are collected on the reader's stack and copied once, at their exact size. */

/* Frees a tree given its root (the reader sets `arena` there); other nodes are part of a
 * tree and freed with it, so for them this does nothing. */
void yt_free(yt_node *node)
{
    if (!node || !node->arena)
        return;
    arena_free(node->arena);
}

/* A node, with `extra` bytes after it for a scalar's text. */
static yt_node *node_new(yt_reader *r, yt_kind kind, const yaml_event_t *ev, size_t extra)
{
    yt_node *node = arena_alloc(r->arena, sizeof *node + extra);
    if (!node) {
        r->nomem = true;
        return NULL;
    }
    *node = (yt_node){.kind = kind,
                      .line = (unsigned)ev->start_mark.line + 1,
                      .col = (unsigned)ev->start_mark.column + 1};
    return node;
}

/* Pushes a finished child on the reader's stack of items under construction. */
static bool stack_push(yt_reader *r, yt_node *item)
{
    if (r->stack_n == r->stack_cap) {
        size_t next = r->stack_cap ? r->stack_cap * 2 : 64;
        yt_node **stack = realloc(r->stack, next * sizeof *stack);
        if (!stack) {
            r->nomem = true;
            return false;
        }
        r->stack = stack;
        r->stack_cap = next;
    }
    r->stack[r->stack_n++] = item;
    return true;
}

/* Moves the items above `base` on the stack into the node, at their exact count. */
static bool stack_pop_into(yt_reader *r, yt_node *node, size_t base)
{
    size_t n = r->stack_n - base;
    r->stack_n = base;
    if (n == 0)
        return true;
    node->items = arena_alloc(r->arena, n * sizeof *node->items);
    if (!node->items) {
        r->nomem = true;
        return false;
    }
    memcpy(node->items, r->stack + base, n * sizeof *node->items);
    node->n = n;
    return true;
}

static yt_node *build_node(yt_reader *r, yaml_event_t *ev, unsigned depth);

static yt_node *build_scalar(yt_reader *r, yaml_event_t *ev)
{
    if (ev->data.scalar.length > r->lim->max_string) {
        fail_at(r, ev, "text is longer than the limit of %zu bytes", r->lim->max_string);
        return NULL;
    }
    /* "\0" in double quotes: the reader refuses a NUL byte itself, so no other style has one */
    if (ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE &&
        memchr(ev->data.scalar.value, '\0', ev->data.scalar.length)) {
        fail_at(r, ev, "text holds a NUL character, expected text without one");
        return NULL;
    }
    yt_node *node = node_new(r, YT_SCALAR, ev, ev->data.scalar.length + 1);
    if (!node)
        return NULL;
    node->len = ev->data.scalar.length;
    node->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    node->scalar = (char *)(node + 1);
    memcpy(node->scalar, ev->data.scalar.value, node->len);
    node->scalar[node->len] = '\0';
    return node;
}

static uint64_t seen_hash(const yt_node *key)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < key->len; i++)
        h = (h ^ (unsigned char)key->scalar[i]) * 1099511628211ull;
    return h ^ (h >> 29);
}

/* Whether two scalars hold the same text: the length first, then the last byte (keys such as
 * IN.1 and IN.2 differ there), then the rest. */
static bool same_text(const yt_node *a, const yt_node *b)
{
    size_t n = a->len;
    return n == b->len && (n == 0 || (a->scalar[n - 1] == b->scalar[n - 1] &&
                                      memcmp(a->scalar, b->scalar, n) == 0));
}

/* The slot of `key` in mapping `map`, or the free slot where it would go. */
static yt_seen *seen_find(yt_seen *slots, size_t cap, const yt_node *key, uint64_t hash, size_t map)
{
    size_t i = (size_t)hash & (cap - 1);
    while (slots[i].key &&
           (slots[i].hash != hash || slots[i].map != map || !same_text(slots[i].key, key)))
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

/* Keeps the table at most half full. */
static bool seen_room(yt_reader *r)
{
    if ((r->seen_n + 1) * 2 <= r->seen_cap)
        return true;
    size_t cap = r->seen_cap ? r->seen_cap * 2 : 128;
    yt_seen *slots = calloc(cap, sizeof *slots);
    if (!slots) {
        r->nomem = true;
        return false;
    }
    for (size_t i = 0; i < r->seen_cap; i++)
        if (r->seen[i].key)
            *seen_find(slots, cap, r->seen[i].key, r->seen[i].hash, r->seen[i].map) = r->seen[i];
    free(r->seen);
    r->seen = slots;
    r->seen_cap = cap;
    return true;
}

/* The earlier key of mapping `map` with the same text, after adding `key` when there is
 * none. *ok is false when memory ran out. */
static const yt_node *seen_add(yt_reader *r, const yt_node *key, size_t map, bool *ok)
{
    *ok = seen_room(r);
    if (!*ok)
        return NULL;
    uint64_t hash = seen_hash(key);
    yt_seen *slot = seen_find(r->seen, r->seen_cap, key, hash, map);
    if (slot->key)
        return slot->key;
    *slot = (yt_seen){.key = key, .hash = hash, .map = map};
    r->seen_n++;
    return NULL;
}

static void seen_clear(yt_reader *r)
{
    if (r->seen_n)
        memset(r->seen, 0, r->seen_cap * sizeof *r->seen);
    r->seen_n = 0;
}

/* When the mapping that just ended holds every entry of the table, takes its keys out in
 * the reverse order of their insertion (which keeps every probe chain whole), so the table
 * stays as small as the largest mapping and seen_clear has nothing to do. */
static void seen_forget(yt_reader *r, size_t base, size_t map)
{
    size_t keys = (r->stack_n - base) / 2;
    if (keys <= YT_SCAN_KEYS || r->seen_n != keys)
        return;
    for (size_t i = r->stack_n - 2;; i -= 2) {
        const yt_node *key = r->stack[i];
        *seen_find(r->seen, r->seen_cap, key, seen_hash(key), map) = (yt_seen){0};
        if (i == base)
            break;
    }
    r->seen_n = 0;
}

/* Whether `key` repeats an earlier key of mapping `map`, whose entries so far are on the
 * stack from `base`; reports it. Past YT_SCAN_KEYS keys the mapping's keys go through the
 * shared table. *ok is false when memory ran out. */
static bool key_is_duplicate(yt_reader *r, size_t base, const yt_node *key, size_t map, bool *ok)
{
    const yt_node *first = NULL;
    size_t keys = (r->stack_n - base) / 2;
    *ok = true;
    for (size_t i = base; keys == YT_SCAN_KEYS && *ok && i < r->stack_n; i += 2)
        seen_add(r, r->stack[i], map, ok);
    if (keys >= YT_SCAN_KEYS) {
        if (*ok)
            first = seen_add(r, key, map, ok);
    } else {
        for (size_t i = base; i + 1 < r->stack_n && !first; i += 2)
            if (same_text(r->stack[i], key))
                first = r->stack[i];
    }
    if (!first)
        return false;
    patuh_diags_add(r->diags, PATUH_SEV_ERROR, r->name, key->line, key->col,
                    "duplicate key '%s', first given at %u:%u", key->scalar, first->line,
                    first->col);
    return true;
}

/* The next entry of a mapping or sequence: 1 = pushed, 0 = the end event, -1 = failure. */
static int build_entry(yt_reader *r, yt_node *node, size_t base, unsigned depth, size_t map)
{
    yaml_event_t ev;
    if (!next_event(r, &ev))
        return -1;
    if (ev.type == (node->kind == YT_MAP ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT)) {
        yaml_event_delete(&ev);
        return 0;
    }
    bool is_key = node->kind == YT_MAP && (r->stack_n - base) % 2 == 0;
    if (is_key && ev.type != YAML_SCALAR_EVENT) {
        fail_at(r, &ev, "expected a text key, got %s",
                ev.type == YAML_SEQUENCE_START_EVENT ? patuh_tr("a list") : patuh_tr("a map"));
        yaml_event_delete(&ev);
        return -1;
    }
    yt_node *child = build_node(r, &ev, depth + 1);
    if (!child)
        return -1;
    bool ok = true;
    if (is_key && key_is_duplicate(r, base, child, map, &ok)) {
        r->failed = true;
        return -1;
    }
    return ok && stack_push(r, child) ? 1 : -1;
}

/* Builds the entries of a mapping or sequence until its end event. */
static bool build_children(yt_reader *r, yt_node *node, unsigned depth)
{
    size_t base = r->stack_n, map = ++r->maps;
    int rc;
    while ((rc = build_entry(r, node, base, depth, map)) > 0)
        continue;
    if (rc < 0) {
        r->stack_n = base;
        return false;
    }
    if (node->kind == YT_MAP)
        seen_forget(r, base, map);
    return stack_pop_into(r, node, base);
}

/* The tag of a node, when written: patuh reads none, so it is an error, not a silent no-op
 * (`!!python/object` looked meaningful and was ignored). An anchor alone has no effect
 * (man/patuh.1); aliases are refused below. */
static bool tag_ok(yt_reader *r, const yaml_event_t *ev)
{
    const yaml_char_t *tag = NULL;
    if (ev->type == YAML_SCALAR_EVENT)
        tag = ev->data.scalar.tag;
    else if (ev->type == YAML_SEQUENCE_START_EVENT)
        tag = ev->data.sequence_start.tag;
    else if (ev->type == YAML_MAPPING_START_EVENT)
        tag = ev->data.mapping_start.tag;
    if (tag)
        fail_at(r, ev, "YAML tags are not supported ('%.60s'), write the value without one",
                (const char *)tag);
    return !tag;
}

/* Builds the whole value that starts with `ev` (which it consumes). NULL on error. */
static yt_node *build_node(yt_reader *r, yaml_event_t *ev, unsigned depth)
{
    yt_node *node = NULL;
    if (!tag_ok(r, ev)) {
        yaml_event_delete(ev); /* consumed, as on every path */
        return NULL;
    }
    switch (ev->type) {
    case YAML_SCALAR_EVENT: node = build_scalar(r, ev); break;
    case YAML_ALIAS_EVENT:
        fail_at(r, ev, "YAML aliases are not supported, write the value out");
        break;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        if (depth > r->lim->max_depth) {
            fail_at(r, ev, "nesting is deeper than the limit of %u levels", r->lim->max_depth);
            break;
        }
        node = node_new(r, ev->type == YAML_MAPPING_START_EVENT ? YT_MAP : YT_SEQ, ev, 0);
        if (node && !build_children(r, node, depth))
            node = NULL; /* freed with the arena */
        break;
    default: fail_at(r, ev, "unexpected YAML structure"); break;
    }
    yaml_event_delete(ev);
    return node;
}

/* A tree handed to the caller, in an arena of its own that its root carries. */
static yt_node *build_tree(yt_reader *r, yaml_event_t *ev, unsigned depth)
{
    patuh_arena *arena = r->spare ? r->spare : calloc(1, sizeof *arena);
    r->spare = NULL;
    if (!arena) {
        r->nomem = true;
        yaml_event_delete(ev);
        return NULL;
    }
    r->arena = arena;
    yt_node *root = build_node(r, ev, depth);
    r->arena = NULL;
    seen_clear(r);
    if (!root) {
        arena_free(arena);
        return NULL;
    }
    root->arena = arena;
    return root;
}

/* ---- the reader --------------------------------------------------------------------- */

yt_reader *yt_reader_new(const char *name, const char *data, size_t len, const patuh_limits *lim,
                         patuh_diags *diags)
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

void yt_reader_recycle(yt_reader *r, yt_node *tree)
{
    patuh_arena *arena = tree ? tree->arena : NULL; /* the tree lives in it */
    if (!arena)
        return;
    if (r->spare) {
        arena_free(arena);
        return;
    }
    arena_reset(arena);
    r->spare = arena;
}

void yt_reader_free(yt_reader *r)
{
    if (!r)
        return;
    if (r->has_peek)
        yaml_event_delete(&r->peeked);
    yaml_parser_delete(&r->parser);
    idmap_free(r->top_keys);
    free(r->stack);
    free(r->seen);
    arena_free(r->spare);
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
        r->nomem = !r->top_keys;
        return r->top_keys ? 1 : -1;
    }
    bool empty = ev.type == YAML_SCALAR_EVENT && ev.data.scalar.length == 0 &&
                 ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    if (!empty)
        fail_at(r, &ev, "expected a map of keys at the top of the file, got %s",
                ev.type == YAML_SEQUENCE_START_EVENT ? patuh_tr("a list")
                                                     : patuh_tr("a single value"));
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
    char **keys = array_room(r->keys, r->n_keys, sizeof *keys);
    if (!copy || !keys) {
        free(copy);
        if (keys)
            r->keys = keys;
        r->nomem = true;
        return false;
    }
    r->keys = keys;
    memcpy(copy, key->scalar, key->len + 1);
    memcpy(copy + key->len + 1, where, (size_t)n + 1);
    r->keys[r->n_keys++] = copy;
    if (!idmap_put(r->top_keys, copy, copy))
        r->nomem = true;
    return !r->nomem;
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
                ev.type == YAML_SEQUENCE_START_EVENT ? patuh_tr("a list") : patuh_tr("a map"));
        yaml_event_delete(&ev);
        return -1;
    }
    *key = build_tree(r, &ev, 1);
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
    *value = build_tree(r, &ev, 1);
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
    *item = build_tree(r, &ev, 2);
    return *item ? 1 : -1;
}

patuh_status yt_reader_status(const yt_reader *r)
{
    return r->nomem ? PATUH_ENOMEM : r->failed ? PATUH_EINVALID : PATUH_OK;
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
    if (r->nomem)
        st = PATUH_ENOMEM;
    else if (r->failed || diags->errors > errors)
        st = PATUH_EINVALID;
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
    return node->kind == YT_SCALAR && node->plain && text_is_null(node->scalar);
}

bool yt_to_double(const yt_node *node, const char *name, const char *what, double *out,
                  patuh_diags *diags)
{
    char buf[64];
    bool plain = node && node->kind == YT_SCALAR && node->plain;
    text_number kind = plain ? text_to_number(node->scalar, out) : TEXT_NOT_NUMBER;
    if (kind == TEXT_NOT_NUMBER)
        yt_error(diags, name, node, "expected a number for %s, got '%s'", patuh_tr_part(what),
                 yt_describe(node, buf, sizeof buf));
    else if (kind == TEXT_OUT_OF_RANGE)
        yt_error(diags, name, node, "number '%s' for %s is out of range", node->scalar,
                 patuh_tr_part(what));
    return kind == TEXT_NUMBER;
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
    yt_error(diags, name, node, "expected true or false for %s, got '%s'", patuh_tr_part(what),
             yt_describe(node, buf, sizeof buf));
    return false;
}

const char *yt_to_string(const yt_node *node, const char *name, const char *what,
                         patuh_diags *diags)
{
    char buf[64];
    if (node && node->kind == YT_SCALAR && !yt_is_null(node))
        return node->scalar;
    yt_error(diags, name, node, "expected text for %s, got %s", patuh_tr_part(what),
             yt_is_null(node) ? patuh_tr("nothing") : yt_describe(node, buf, sizeof buf));
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
        ok = false;
        if (!where)
            break; /* only asked whether every key is allowed */
        char list[512];
        text_join(allowed, SIZE_MAX, list, sizeof list);
        yt_error(diags, name, key, "unknown key '%s' in %s, expected one of: %s", key->scalar,
                 patuh_tr_part(where), list);
    }
    return ok;
}
