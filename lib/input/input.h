/* input.h — the input layer: the batch of agencies and their answer slots, and the readers
 * that fill it (YAML, CSV, XLSX; files, folders, standard input). Uses model and below. */
#ifndef PATUH_INPUT_H
#define PATUH_INPUT_H

#include "model/model.h"

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

#endif
