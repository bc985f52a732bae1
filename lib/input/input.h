/* input.h — the input layer: the readers that fill a batch (YAML, CSV, XLSX; files, folders,
 * standard input), each handing the model plain records. Uses model and below. */
#ifndef PATUH_INPUT_H
#define PATUH_INPUT_H

#include "model/model.h"

/* ---- tabular answers (CSV, XLSX): rows through the same checks as YAML ------------------ */

/* The columns of an answers table; an agencies table uses AGENCY (its id), AGENCY_NAME,
 * GROUP, REGION, PERIOD, UNIT, UNIT_NAME and WEBSITE. TAB_HELPER columns (indicator text, guidance,
 * choices) are written by `patuh template` and ignored on reading. */
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
    TAB_UNIT_NAME, /* the unit's name (the form prefills it) */
    TAB_UNIT_KIND, /* the unit's kind, one of the rubric's unit_kinds (doc/formats.md §3.5) */
    TAB_WEBSITE,   /* agency lists: the hosts of its website (doc/formats.md §3.9) */
    TAB_N_FIELDS,
    TAB_HELPER = TAB_N_FIELDS
};

typedef struct tab_cell {
    char *text;         /* NUL-terminated; NULL when the column is absent */
    unsigned line, col; /* CSV: line and column; XLSX: row and column number (A = 1) */
    bool decimal_comma; /* "2,5" may mean 2.5 (a quoted CSV field, or `;` as delimiter) */
} tab_cell;

/* The field a header names (English or Indonesian, case-insensitive), TAB_HELPER for a
 * column to ignore, or -1 when unknown. `agencies` selects the agencies table's names. */
int tab_header_field(const char *name, bool agencies);
/* The names expected in a header, for messages: "agency/instansi, unit/..." (static). */
const char *tab_header_expected(bool agencies);
/* Whether a header must name the field: agency, indicator, value (the id for agencies);
 * a table without unit, evidence or note columns reads them as empty. */
bool tab_field_required(int field, bool agencies);
/* The field's English name ("value"), for messages. */
const char *tab_field_name(int field, bool agencies);
/* The required names, for messages (static). */
const char *tab_required_expected(bool agencies);
/* Applies one row: the agency (created or merged), its unit path, and the answer, each
 * checked exactly as in YAML. With `agencies`, the row only defines an agency. */
patuh_status answers_row(answers_ctx *c, tab_cell row[TAB_N_FIELDS], bool agencies);
/* The readers; they return PATUH_OK after reporting invalid input, else ENOMEM. YAML
 * answers (yaml_answers.c); a YAML list of agencies for `patuh template --agencies`. */
patuh_status answers_read_yaml(answers_ctx *c, const char *data, size_t len);
patuh_status answers_read_agency_list(answers_ctx *c, const char *data, size_t len);
patuh_status answers_read_csv(answers_ctx *c, const char *data, size_t len, bool agencies);
patuh_status answers_read_xlsx(answers_ctx *c, const char *data, size_t len);

/* ---- reports read back (report_xlsx_read.c) ------------------------------------------- */

/* patuh's own ranking workbook in memory (borrowed) into r (the caller's, zeroed; its path
 * set): rubric id and title, the period (NULL when neither the agencies nor the rubric's
 * year give one), decimals, sections and agencies in ranking order; r->by_id is left to the
 * caller. PATUH_EINVALID after reporting, located SHEET!CELL under `name`. */
patuh_status report_read_xlsx(const char *name, const char *data, size_t len,
                              const patuh_limits *lim, patuh_report_data *r, patuh_diags *diags);

#endif
