/* yaml_tree.h — the YAML layer: libyaml events turned into a tree of nodes with locations,
 * whole or streamed key by key, and the located conversions of its scalars. Uses base. */
#ifndef PATUH_YAML_TREE_H
#define PATUH_YAML_TREE_H

#include "base/base.h"

/* ---- YAML tree (libyaml events -> nodes with locations) ---------------------------- */

typedef enum yt_kind { YT_SCALAR, YT_SEQ, YT_MAP } yt_kind;

typedef struct yt_node yt_node;
struct yt_node {
    yt_kind kind;
    unsigned line, col; /* 1-based start of the node */
    char *scalar;       /* YT_SCALAR: the text, NUL-terminated */
    size_t len;
    bool plain;         /* YT_SCALAR: unquoted (so `na`, `~`, numbers mean what they say) */
    yt_node **items;    /* YT_SEQ: the items; YT_MAP: key, value, key, value, ... */
    size_t n;           /* number of entries in items */
    patuh_arena *arena; /* internal: on the root of a tree from the reader, what yt_free frees */
};

/* Parses one YAML document into a tree. Rejects aliases, duplicate keys, depth over
 * lim->max_depth and scalars over lim->max_string, each with a located error. An empty
 * document gives *root == NULL and PATUH_OK. */
patuh_status yt_parse(const char *name, const char *data, size_t len, const patuh_limits *lim,
                      yt_node **root, patuh_diags *diags);
/* Frees a whole tree given its root (one call, however large); a no-op for other nodes. */
void yt_free(yt_node *node);

/* Streaming reader for large files: the top-level mapping key by key, and a sequence value
 * item by item, each value read as a whole subtree. */
typedef struct yt_reader yt_reader;
yt_reader *yt_reader_new(const char *name, const char *data, size_t len, const patuh_limits *lim,
                         patuh_diags *diags);
void yt_reader_free(yt_reader *r);
/* Expects the document to start with a mapping. 1 = it does, 0 = empty document,
 * -1 = error (reported). */
int yt_reader_begin_map(yt_reader *r);
/* The next key of the current mapping: 1 = *key set (caller frees), 0 = end of mapping,
 * -1 = error (reported). */
int yt_reader_next_key(yt_reader *r, yt_node **key);
/* The value after a key, as a whole subtree (caller frees). -1 on error, else 1. */
int yt_reader_value(yt_reader *r, yt_node **value);
/* Instead of yt_reader_value: when the value is a sequence, enter it and return 1 with
 * line and col at its start; when it is not, return 0 and leave it to yt_reader_value. */
int yt_reader_begin_seq(yt_reader *r, unsigned *line, unsigned *col);
/* The next item of the entered sequence: 1 = *item set, 0 = end, -1 = error. */
int yt_reader_next_item(yt_reader *r, yt_node **item);
/* Instead of yt_free for a tree the reader gave: frees it, keeping its memory for the next
 * tree (streamed items would otherwise allocate and free their chunks one by one). */
void yt_reader_recycle(yt_reader *r, yt_node *tree);
/* Why a call above returned -1: PATUH_ENOMEM when memory ran out (nothing is reported),
 * PATUH_EINVALID after a reported error; PATUH_OK while nothing failed. */
patuh_status yt_reader_status(const yt_reader *r);
/* After the top-level mapping ends: 0 when the stream ends cleanly, -1 on error
 * (for example a second document). */
int yt_reader_end(yt_reader *r);

/* Lookups and conversions; every failing conversion adds a located error in `name`. */
const yt_node *yt_get(const yt_node *map, const char *key);
bool yt_is_null(const yt_node *node); /* ~, null, empty plain scalar */
bool yt_to_double(const yt_node *node, const char *name, const char *what, double *out,
                  patuh_diags *diags); /* finite numbers only */
bool yt_to_bool(const yt_node *node, const char *name, const char *what, bool *out,
                patuh_diags *diags);
const char *yt_to_string(const yt_node *node, const char *name, const char *what,
                         patuh_diags *diags); /* a scalar's text, else error + NULL */
/* Reports every key of `map` that is not in the NULL-terminated `allowed` list:
 * "unknown key 'x' in <where>, expected one of: a, b, c". Returns false if any. With
 * `where` NULL it only checks, reporting nothing (to format `where` only when needed). */
bool yt_check_keys(const yt_node *map, const char *const *allowed, const char *name,
                   const char *where, patuh_diags *diags);
/* Adds a located error at a node. */
void yt_error(patuh_diags *diags, const char *name, const yt_node *node, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void yt_warning(patuh_diags *diags, const char *name, const yt_node *node, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Describes a node for messages: the scalar's text (cut at 40 bytes), "a list", "a map". */
const char *yt_describe(const yt_node *node, char *buf, size_t size);

#endif
