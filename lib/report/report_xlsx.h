/* report_xlsx.h — what the workbook writers (report_xlsx*.c) share: the writing context, cells
 * that fit the column widths, sheets with their print setup, header rows, colour scales and
 * opening and closing a workbook with its document properties. Internal to libpatuh. */
#ifndef PATUH_REPORT_XLSX_H
#define PATUH_REPORT_XLSX_H

#include "report/report.h"

#include <xlsxwriter.h>

#define XLSX_STR_MAX 32767 /* characters in a cell */
/* Rows of a listing sheet patuh writes (the answer rows of a form, the shortfalls of a gaps
 * workbook): libxlsxwriter keeps every cell of a workbook in memory, 1.5 to 2 KB a row, so
 * this bounds a workbook's memory to about 300 MB (doc/robustness.md, "Memory"). */
#define XLSX_ROWS_MAX    100000
#define XLSX_HEAD_WIDTH  12.0 /* a header wraps rather than widen its column past this */
#define XLSX_LINE_HEIGHT 15.0 /* points per line of wrapped text */
#define XLSX_WIDTH_MIN   6.0
#define XLSX_WIDTH_MAX   48.0

typedef struct xlsx_ctx {
    const patuh_batch *batch;   /* NULL for the comparison workbook */
    const patuh_rubric *rubric; /* NULL for the comparison workbook */
    const patuh_report_options *opt;
    int decimals; /* without a rubric: places of the score format */
    patuh_diags *diags;
    lxw_workbook *wb;
    lxw_format *head;     /* header row: bold, wrapped, top-aligned */
    lxw_format *head_num; /* the same, right-aligned over a column of numbers */
    lxw_format *title;    /* the first line of the title block */
    lxw_format *answer;   /* an answer value: always two decimals */
    lxw_format *bold, *score, *percent, *wrap, *whole, *top;
    lxw_format *signed_score, *signed_whole; /* changes, with their sign */
    lxw_format *text;                        /* plain text, indented one step */
    lxw_format *center;                      /* a short code such as a band: centred */
    lxw_format *num_left; /* a number among texts (the About sheet): left, indented as they */
    lxw_format **zones;   /* one per rubric zone; NULL where the colour is malformed */
    double *widths;       /* column widths of the sheet being written */
    size_t n_widths;
    unsigned head_lines; /* lines of the tallest wrapped header of the sheet */
    lxw_row_t head_row;  /* the header row of the sheet being written (0 unless a title block
                          * or a second header row comes first) */
    lxw_row_t head_rows; /* header rows from head_row, repeated on every printed page */
    int keep_cols;       /* printed across pages: columns 0..keep_cols repeated; -1 none */
    size_t print_cols;   /* only columns 0..print_cols-1 are printed; 0: all */
    lxw_error err;       /* the first error; writing stops there */
} xlsx_ctx;

void xlsx_fail(xlsx_ctx *x, lxw_error e);
/* The longest prefix of s of at most max bytes that ends on a UTF-8 character boundary. */
size_t xlsx_cut(const char *s, size_t max);
/* A text cell, cut to what Excel holds; NULL leaves the cell empty. */
void xlsx_str(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
              lxw_format *fmt);
/* A number cell; NAN leaves the cell empty. */
void xlsx_num(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v,
              lxw_format *fmt);
/* A score on 0..max, rounded and shown with rubric->decimals places; NAN stays empty. */
void xlsx_score(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v);
/* A header cell in row x->head_row: bold and wrapped; it widens its column up to
 * XLSX_HEAD_WIDTH. */
void xlsx_head_cell(xlsx_ctx *x, lxw_worksheet *ws, lxw_col_t col, const char *text);
/* The same over a column of numbers: right-aligned like them. */
void xlsx_head_num(xlsx_ctx *x, lxw_worksheet *ws, lxw_col_t col, const char *text);
/* A slug of the rubric ("kabupaten", "tanpa-malad") as a label: "Kabupaten", "Tanpa malad". */
const char *xlsx_label(const char *slug, char *buf, size_t size);
/* The report time in the local time of opt->utc_offset: "15 November 2023, 05.13 WIB
 * (UTC+07:00)"; seconds: "2023-11-15 05:13:20 WIB (UTC+07:00)". "" when out of range. */
void xlsx_local_time(const xlsx_ctx *x, bool iso, char *buf, size_t size);
/* Counts the lines a wrapped header takes, for the header row's height. */
void xlsx_head_lines(xlsx_ctx *x, const char *text);
/* The lines text of `width` characters takes wrapped in a column of `col_width` (1..20). */
unsigned xlsx_lines(size_t width, double col_width);
/* Sets a row's height for `lines` lines of wrapped text (nothing for one line): LibreOffice
 * does not grow a row for wrapped text by itself. */
void xlsx_wrap_row(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, unsigned lines);
/* Widens column col to at least w characters. */
void xlsx_fit(xlsx_ctx *x, lxw_col_t col, double w);
/* Narrows column col to at most w characters (its text wraps). */
void xlsx_cap(xlsx_ctx *x, lxw_col_t col, double w);

/* A new sheet named by a label, set up for print: A4 landscape, one page wide, the first
 * row repeated on every page. NULL after an error. */
lxw_worksheet *xlsx_sheet(xlsx_ctx *x, report_label_id label);
/* Print scale of a wide table: 11 pt cells print at 9.35 pt. */
#define XLSX_PRINT_SCALE 85
/* Prints a table too wide for one page across as many pages as it needs at
 * XLSX_PRINT_SCALE, columns 0..keep repeated on each, instead of one page wide. */
void xlsx_print_across(xlsx_ctx *x, lxw_worksheet *ws, lxw_col_t keep);
/* Column widths: begin before writing a sheet's cells, apply after. In a workbook of a
 * scored batch, applying also sets the print layout from the widths: portrait when the
 * table fits a portrait page, else landscape one page wide when that prints at 8 pt or
 * more, else across pages at XLSX_PRINT_SCALE with columns 0..x->keep_cols repeated. */
bool xlsx_widths_begin(xlsx_ctx *x, size_t cols);
void xlsx_widths_apply(xlsx_ctx *x, lxw_worksheet *ws);
/* A red-yellow-green colour scale over a range, fixed at lo, the middle and hi. */
void xlsx_color_scale(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t r0, lxw_col_t c0, lxw_row_t r1,
                      lxw_col_t c1, double lo, double hi);

/* The report time as "2023-11-14T22:13:20Z"; "" when out of range. */
void xlsx_time_text(int64_t t, char *buf, size_t size);
/* Opens a workbook at path (reported as `name`) with its formats and document properties:
 * title, subject (a label), author and company "patuh", keywords, comments and the
 * creation time opt->time (outside 0..PATUH_TIME_MAX: PATUH_EARG, nothing written).
 * zones/n_zones: colours for x->zones (may be 0). */
patuh_status xlsx_open(xlsx_ctx *x, const char *path, const char *name, const char *title,
                       report_label_id subject, const char *const *zone_colors, size_t n_zones,
                       patuh_diags *diags);
/* Closes the workbook and frees the context; the status of the whole write. */
patuh_status xlsx_close(xlsx_ctx *x, const char *name, patuh_diags *diags);

/* ---- sheets (report_xlsx_sheets.c) ----------------------------------------------------- */

void xlsx_summary(xlsx_ctx *x);
void xlsx_indicators(xlsx_ctx *x);
/* The gaps sheet: every gap of n agencies in order. */
void xlsx_gaps(xlsx_ctx *x, const patuh_gaps *gaps, size_t n);
/* The paths sheet: per agency the raises to the next band and the next zone. */
void xlsx_gap_paths(xlsx_ctx *x, const patuh_gaps *gaps, size_t n);
/* The Unit sheet: every unit and product with its total, band and zone
 * (report_xlsx_units.c). */
void xlsx_units(xlsx_ctx *x);
/* The ranking's Sampel cell of an agency (doc/scoring.md §14): "lengkap" when its assessment
 * misses nothing the method samples, else the number of shortfalls; empty when its group is
 * not sampled. */
void xlsx_sampling_cell(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                        const patuh_agency *a);
/* The About sheet of a scored batch (report_xlsx.c). */
void xlsx_about(xlsx_ctx *x);

/* ---- the answer form (template.c), blank or filled ------------------------------------ */

/* The cells of a filled answer row; NULL leaves a cell blank. */
typedef struct form_cells {
    const char *value, *evidence, *note;
} form_cells;

typedef struct form_fill {
    /* Fills the row of agency a (not NULL) for ind; the texts live until the next call. */
    void (*cells)(void *ctx, const patuh_agency *a, const patuh_node *ind, form_cells *out);
    void *ctx;
    const char *proposed_by; /* "scan": the form's answers are proposals (doc/formats.md §3.10) */
} form_fill;

/* The XLSX answer form of `patuh template` into tmp, one row per agency x leaf unit x
 * applicable indicator, its cells filled by `fill` (NULL: blank); `path` names it. */
patuh_status form_xlsx_write(const patuh_rubric *r, patuh_agency *const *agencies, size_t n,
                             const form_fill *fill, const char *tmp, const char *path,
                             const patuh_report_options *opt, patuh_diags *diags);

#endif
