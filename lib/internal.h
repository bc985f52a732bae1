/* internal.h — what the modules of libpatuh share and callers never see: the answer slot,
 * the id map, the YAML tree with locations, file reading, hashing and small string helpers.
 * One helper for each job: look here before writing another. */
#ifndef PATUH_INTERNAL_H
#define PATUH_INTERNAL_H

#include "patuh.h"

/* ---- answers ------------------------------------------------------------------------ */

/* ANSWER_INVALID: an answer was given but refused (its error is reported); it scores 0 and
 * is not reported again as missing, and a second answer for the slot is still a duplicate. */
enum answer_state { ANSWER_MISSING = 0, ANSWER_VALUE, ANSWER_NA, ANSWER_INVALID };
enum { ANSWER_PAYLOAD_BITS = 26, ANSWER_MAX_DECIMALS = 3 };

/* One (unit, indicator) slot, 8 bytes: a national batch holds some 14 million of them, so
 * a value with at most three decimals is kept in the slot as payload / 10^decimals (level
 * values, counts, most numbers), any other in its agency's `numbers`, and where it was given
 * is one batch-wide line number (turned back into FILE:LINE or FILE:SHEET!CELL for
 * messages). */
struct patuh_answer {
    uint32_t at;           /* inputs[k].line_base + line of input k; 0 when not known */
    unsigned state : 2;    /* enum answer_state */
    unsigned evidence : 1; /* evidence was given */
    unsigned in_slot : 1;  /* the value is payload / 10^decimals, else numbers[payload] */
    unsigned decimals : 2;
    unsigned payload : ANSWER_PAYLOAD_BITS;
};

/* An answer slot read back: its state, evidence and value (0 unless ANSWER_VALUE). */
typedef struct answer_value {
    enum answer_state state;
    bool evidence;
    double value;
} answer_value;

/* Whether a unit holds an answer (a value, na or a refused one) for indicator `ind`. */
bool answer_given(const patuh_unit *unit, size_t ind);
/* The answer a unit of `agency` holds for indicator `ind` (ANSWER_MISSING when none). */
answer_value answer_get(const patuh_agency *agency, const patuh_unit *unit, size_t ind);

/* The normalised score in [0, 1] of an answer value on an indicator's scale. */
double score_normalise(const patuh_scale *scale, double value);

/* An answer that replaces what (unit, indicator) holds while scoring, for gains and fix
 * paths: it counts as the unit's own answer, so leaves that inherit from the unit see it. */
typedef struct score_override {
    const patuh_unit *unit;
    size_t ind; /* indicator index (node->ind_index) */
    answer_value answer;
} score_override;

/* Levels of units at and below `unit` (1 for a leaf). */
size_t score_unit_depth(const patuh_unit *unit);
/* Sorts overrides as score_agency_override needs them: by unit, then indicator. */
void score_override_sort(score_override *ov, size_t n);
/* Scores one agency again as patuh_batch_score does, with the overrides (sorted) in place;
 * fills its results (total, band, ...) but neither ranks nor reorders. Missing answers add
 * warnings to diags, so pass a scratch diags. Call with n_ov = 0 to restore the results. */
patuh_status score_agency_override(const patuh_rubric *rubric, patuh_agency *agency,
                                   const score_override *ov, size_t n_ov, patuh_diags *diags);
/* A leaf's score of every node (n_nodes into full, NAN = dropped out) as scoring computes
 * it, without overrides; missing answers add warnings to diags (pass a scratch one). */
patuh_status score_leaf_nodes(const patuh_rubric *rubric, patuh_agency *agency, patuh_unit *leaf,
                              double *full, patuh_diags *diags);

/* ---- tabular answers (CSV, XLSX): rows through the same checks as YAML ------------------ */

/* The columns of an answers table; an agencies table uses AGENCY (its id), AGENCY_NAME,
 * GROUP, REGION and PERIOD. TAB_HELPER columns (indicator text, guidance, choices) are
 * written by `patuh template` and ignored on reading. */
enum tab_field {
    TAB_AGENCY,
    TAB_UNIT,
    TAB_INDICATOR,
    TAB_VALUE,
    TAB_EVIDENCE,
    TAB_NOTE,
    TAB_AGENCY_NAME,
    TAB_GROUP,
    TAB_REGION,
    TAB_PERIOD,
    TAB_N_FIELDS,
    TAB_HELPER = TAB_N_FIELDS
};

typedef struct tab_cell {
    char *text;         /* NUL-terminated; NULL when the column is absent */
    unsigned line, col; /* CSV: line and column; XLSX: row and column number (A = 1) */
    bool decimal_comma; /* "2,5" may mean 2.5 (a quoted CSV field, or `;` as delimiter) */
} tab_cell;

typedef struct answers_ctx answers_ctx; /* one input being read (answers.c) */

/* The field a header names (English or Indonesian, case-insensitive), TAB_HELPER for a
 * column to ignore, or -1 when unknown. `agencies` selects the agencies table's names. */
int tab_header_field(const char *name, bool agencies);
/* The names expected in a header, for messages: "agency, unit, ..." (static). */
const char *tab_header_expected(bool agencies);
/* Sets where messages point: sheet NULL for text files (FILE:LINE:COL), else the sheet
 * whose cells they name (FILE:SHEET!CELL); `index` 0 = answers, 1 = agencies sheet, 2 = any
 * other sheet (the name is borrowed while it is read; no answer is stored from it). */
patuh_status answers_set_sheet(answers_ctx *c, const char *sheet, unsigned index);
/* Whether `id`, given at line/col (a CSV rubric column, a workbook's rubric cell), is the
 * batch's rubric id. When not, reports "answers are for rubric 'X', expected 'Y'" there,
 * once per input, and returns false: what it covers is not read. */
bool answers_rubric_check(answers_ctx *c, const char *id, unsigned line, unsigned col);
/* A located error in the input being read (line/col, or row/col on the current sheet). */
void answers_error(const answers_ctx *c, unsigned line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
const patuh_limits *answers_limits(const answers_ctx *c);
/* Applies one row: the agency (created or merged), its unit path, and the answer, each
 * checked exactly as in YAML. With `agencies`, the row only defines an agency. */
patuh_status answers_row(answers_ctx *c, tab_cell row[TAB_N_FIELDS], bool agencies);
/* The readers; they return PATUH_OK after reporting invalid input, else ENOMEM. */
patuh_status answers_read_csv(answers_ctx *c, const char *data, size_t len, bool agencies);
patuh_status answers_read_xlsx(answers_ctx *c, const char *data, size_t len);
/* "A", "B", ..., "AA": a column number as letters, then the row: "D7". */
void cell_name(unsigned row, unsigned col, char *buf, size_t size);

/* ---- strings ------------------------------------------------------------------------ */

char *str_dup(const char *s); /* NULL on NULL or out of memory */
char *str_ndup(const char *s, size_t n);
char *str_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
bool str_ends_with(const char *s, const char *suffix); /* case-insensitive */

/* ---- id map: string -> pointer, open addressing, keys borrowed ---------------------- */

typedef struct patuh_idmap patuh_idmap;
patuh_idmap *idmap_new(void);
void idmap_free(patuh_idmap *m);
void *idmap_get(const patuh_idmap *m, const char *key);
/* Borrows key (it must live as long as the map). false when out of memory. */
bool idmap_put(patuh_idmap *m, const char *key, void *value);
size_t idmap_count(const patuh_idmap *m);

/* ---- arena: many small blocks carved from a few large chunks, freed together ---------- */

typedef struct arena_chunk arena_chunk;
struct patuh_arena {
    arena_chunk *head;
};
/* `n` bytes aligned for any type, from chunks that double up to 256 KB; NULL when out of
 * memory. Nothing is freed alone. */
void *arena_alloc(patuh_arena *arena, size_t n);
/* A copy of a text in the arena; NULL when out of memory. */
char *arena_strdup(patuh_arena *arena, const char *s);
/* Empties the arena for reuse, keeping its largest chunk. */
void arena_reset(patuh_arena *arena);
/* Frees every chunk and the arena itself (allocated with calloc); accepts NULL. */
void arena_free(patuh_arena *arena);

/* ---- files -------------------------------------------------------------------------- */

/* Reads a whole file ("-" = standard input) up to lim->max_file_bytes. On error returns
 * PATUH_EIO or PATUH_EINVALID (too large) with a diagnostic naming the file. */
patuh_status file_read_all(const char *path, size_t max_bytes, char **data, size_t *len,
                           patuh_diags *diags);
void sha256_bytes(const void *data, size_t len, unsigned char out[32]);
void sha256_hex(const unsigned char digest[32], char out[65]);

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

/* ---- atomic writes ------------------------------------------------------------------ */

/* A temporary path in the directory of `path` (caller frees), for write-then-rename. */
char *atomic_temp_path(const char *path);
/* Renames tmp onto path; on failure removes tmp and reports. */
patuh_status atomic_commit(const char *tmp, const char *path, patuh_diags *diags);

/* Writes `path` through a temporary file beside it: `fn` writes the temporary, and only when
 * it succeeds is it renamed into place; otherwise it is removed and a file already at `path`
 * stays as it was. The one way every report and form is written. */
typedef patuh_status (*atomic_fn)(void *ctx, const char *tmp, const char *path, patuh_diags *diags);
patuh_status atomic_write(const char *path, atomic_fn fn, void *ctx, patuh_diags *diags);
/* For text: opens `tmp`, lets `fn` write the stream, then checks the writes and the close;
 * a failure is "cannot write 'PATH'" at path. Meant to be called from an atomic_fn. */
typedef patuh_status (*atomic_text_fn)(void *ctx, FILE *out, patuh_diags *diags);
patuh_status atomic_write_text(const char *tmp, const char *path, atomic_text_fn fn, void *ctx,
                               patuh_diags *diags);

/* ---- report helpers shared by the writers ------------------------------------------ */

/* Score of a node for an agency on the 0..max scale, unrounded; NAN when dropped. */
double report_node_score(const patuh_batch *batch, const patuh_agency *agency,
                         const patuh_node *node);

#endif
