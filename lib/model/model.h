/* model.h — the model layer: the rubric (its tree, scales, groups and bands, public in
 * patuh.h) and what the layers above need of it that callers never see. Uses base (rubric.c also
 * reads YAML). */
#ifndef PATUH_MODEL_H
#define PATUH_MODEL_H

#include "base/base.h"

#include <stdarg.h>

/* ---- the numbers a rubric may hold (doc/robustness.md) ------------------------------- */

/* Weights (of sections, indicators and units) from 1e-6 to 1e6 and `max` up to 1e6, so with
 * at most 6 decimals a total has at most 12 significant digits of the 15 a double keeps;
 * scale values and bounds within +-1e12, so a range (max - min) never overflows. */
#define MODEL_WEIGHT_MIN 1e-6
#define MODEL_WEIGHT_MAX 1e6
#define MODEL_MAX_MAX    1e6
#define MODEL_VALUE_MAX  1e12

/* ---- scales ------------------------------------------------------------------------ */

/* The normalised score in [0, 1] of an answer value on an indicator's scale. */
double scale_score(const patuh_scale *scale, double value);

/* ---- unit kinds --------------------------------------------------------------------- */

/* The index of unit kind `id` in rubric->unit_kinds, or -1. */
int rubric_unit_kind(const patuh_rubric *r, const char *id);

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
/* Where a unit (or, without one, its nearest ancestor) left indicator `ind` blank: an empty
 * value cell or a null value, recorded while reading. `sheet` is NULL for text files. */
typedef struct answer_where {
    const char *file, *sheet;
    unsigned line;
    char cell[24];
} answer_where;
bool answer_blank_where(const patuh_batch *batch, const patuh_unit *unit, size_t ind,
                        answer_where *out);

/* ---- reading into the batch: where, and the plain records readers hand over ----------- */

/* Where a value was first given, for "first given at" messages. */
typedef struct ans_where {
    uint32_t file; /* index into batch->inputs */
    unsigned line, col;
    unsigned sheet; /* XLSX: 0 = the answers sheet, 1 = the agencies sheet */
} ans_where;

/* The library's agency with what merging needs. `pub` comes first, so a pointer to it is a
 * pointer to the whole and free() of it frees the whole. Readers hold it as a handle. */
typedef struct ans_agency {
    patuh_agency pub;
    patuh_idmap *units; /* unit path -> ans_unit; keys are the units' paths */
    ans_where name_at, group_at, region_at, period_at, website_at;
    bool scratch; /* stands in for an agency that failed to load: checked, never kept */
} ans_agency;

typedef struct ans_unit {
    patuh_unit pub;
    ans_where name_at, weight_at;
    bool weight_given;
    uint16_t kind; /* 1 + index into rubric->unit_kinds; 0 when not given (no room taken:
                    * it sits in the padding after weight_given) */
} ans_unit;

/* A unit's kind (`kind:` in answers) as an index into rubric->unit_kinds; -1 when none. */
int unit_kind_of(const patuh_unit *unit);

/* One input being read: the batch it fills and where its messages point. The memo is the
 * table reader's (the previous row's agency and unit with the cells they came from, reused
 * while rows repeat them and reading them said nothing; empty key: nothing to reuse). */
typedef struct answers_ctx {
    patuh_batch *batch;
    patuh_diags *diags;
    const char *name;  /* for messages */
    uint32_t file;     /* index into batch->inputs */
    const char *sheet; /* XLSX: the sheet being read (locations are row and column) */
    unsigned sheet_index;
    bool wrong_rubric; /* "answers are for rubric ..." was reported for this input */
    ans_agency *row_agency;
    patuh_unit *row_unit;
    char row_agency_key[512], row_unit_key[256];
} answers_ctx;

/* A text as a reader found it: nothing (absent, or YAML's null), a text, or for YAML a list
 * or a map where a text may be expected (so the message can say "got a list"). */
typedef enum in_shape { IN_NULL, IN_TEXT, IN_LIST, IN_MAP } in_shape;
typedef struct in_text {
    in_shape shape;
    const char *text;   /* IN_TEXT */
    bool plain;         /* unquoted, so `na` and numbers mean what they say (a table cell is) */
    unsigned line, col; /* where it is (row and column on a sheet) */
} in_text;

/* One answer as read, whatever the format: `ID: value` or `ID: {value, evidence, note}` in
 * YAML, a row in a table. */
typedef struct answer_record {
    in_text indicator;    /* the indicator id (answers_indicator found it) */
    in_text value;        /* IN_LIST: the checklist items are `items` */
    const in_text *items; /* a checklist's item names, as given */
    size_t n_items;
    bool evidence, note; /* given and not empty */
    bool refused;        /* the reader reported a problem with it: it holds its slot as refused */
    unsigned line, col;  /* the answer as a whole, where its warnings point */
} answer_record;

/* An agency as read: its id and its fields. */
typedef struct agency_record {
    in_text id;
    in_text name, group, region, period;
    in_text website;    /* agency lists only (doc/formats.md §3.9) */
    unsigned line, col; /* where the agency is given */
} agency_record;

/* Located messages in the input being read (line/col, or row/col on the current sheet). */
void answers_error(const answers_ctx *c, unsigned line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void answers_warning(const answers_ctx *c, unsigned line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void answers_verror(const answers_ctx *c, unsigned line, unsigned col, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));
const patuh_limits *answers_limits(const answers_ctx *c);
/* Describes a text for messages: the text (cut at 40 bytes), "a list", "a map", "nothing";
 * in_text_quoted puts a text in quotes: 'text'. */
const char *in_text_describe(const in_text *t, char *buf, size_t size);
const char *in_text_quoted(const in_text *t, char *buf, size_t size);
/* Nothing: absent, or an unquoted null (`~`, `null`, empty). */
bool in_text_is_null(const in_text *t);
/* The number a plain text is, without reporting anything. */
bool in_text_number(const in_text *t, double *out);
/* `na` or `n/a`, unquoted. */
bool in_text_is_na(const in_text *t);

/* Records an input (its path and the hash of its bytes) and points c at it. */
patuh_status answers_input_add(answers_ctx *c, const char *path, const char *data, size_t len);
/* Sets where messages point: sheet NULL for text files (FILE:LINE:COL), else the sheet
 * whose cells they name (FILE:SHEET!CELL); `index` 0 = answers, 1 = agencies sheet, 2 = any
 * other sheet (the name is borrowed while it is read; no answer is stored from it). */
patuh_status answers_set_sheet(answers_ctx *c, const char *sheet, unsigned index);
/* Whether `id`, given at line/col (a CSV rubric column, a workbook's rubric cell), is the
 * batch's rubric id. When not, reports "answers are for rubric 'X', expected 'Y'" there,
 * once per input, and returns false: what it covers is not read. */
bool answers_rubric_check(answers_ctx *c, const char *id, unsigned line, unsigned col);

/* The agency an agency record names, created or merged (name, region, period and group must
 * agree with what was given before). *out is NULL when over the limit (reported). */
patuh_status agency_resolve(const answers_ctx *c, const agency_record *rec, ans_agency **out);
/* Registers the hosts of a's website (just set from `value`, for messages): each must be a
 * host and no other agency's (model/website.c). */
patuh_status website_register(const answers_ctx *c, ans_agency *a, const in_text *value);
/* A stand-in for an agency that failed to load, so its answers are still checked; freed
 * with agency_scratch_free. NULL when out of memory. */
ans_agency *agency_scratch(const answers_ctx *c);
void agency_scratch_free(ans_agency *a);
/* The unit at parent/id below agency a, found or added; *out is NULL when over the limit
 * (reported at line/col). */
patuh_status unit_find_or_add(const answers_ctx *c, ans_agency *a, patuh_unit *parent,
                              const char *id, unsigned line, unsigned col, ans_unit **out);
/* A unit's kind (`kind:`): one of the rubric's unit_kinds, the same as given before. */
patuh_status unit_kind_merge(const answers_ctx *c, ans_agency *a, ans_unit *u, const in_text *kind);
/* A unit's name and weight, which must agree with what was given before. */
patuh_status unit_merge(const answers_ctx *c, ans_agency *a, ans_unit *u, const in_text *name,
                        const in_text *weight);
/* Checks one answer against its indicator's scale and stores it in unit u's slot: unknown
 * indicators, values off the scale, duplicates and missing notes or evidence are reported. */
patuh_status answer_put(const answers_ctx *c, ans_agency *a, patuh_unit *u, const patuh_node *ind,
                        const answer_record *rec);
/* Stores unit u's count of responses for a section with `min_responses` (doc/scoring.md
 * §16); an unknown section, a count that is not a whole number 0..1e9 or a second, different
 * count is reported. */
patuh_status responses_put(const answers_ctx *c, patuh_unit *u, const in_text *section,
                           const in_text *count);
/* The indicator an answer names: NULL, reported, when unknown or a section. */
const patuh_node *answers_indicator(const answers_ctx *c, const in_text *id);
/* For messages (batch.c): "FILE:LINE:COL" or "FILE:SHEET!CELL"; "agency/unit/path". */
const char *batch_where_text(const patuh_batch *batch, uint32_t file, unsigned line, unsigned col,
                             unsigned sheet, char *buf, size_t size);
const char *batch_unit_label(const ans_agency *a, const patuh_unit *u, char *buf, size_t size);

#endif
