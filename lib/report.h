/* report.h — what the report writers (report*.c) share: one writer per format, the label
 * table in Indonesian and English, and small helpers for the values every report shows
 * (rounded numbers, band, zone, group names). Internal to libpatuh. */
#ifndef PATUH_REPORT_H
#define PATUH_REPORT_H

#include "internal.h"

/* Every fixed text a report shows; report_label() gives it in one language. */
typedef enum report_label_id {
    REPORT_L_RANK,
    REPORT_L_GROUP_RANK,
    REPORT_L_GROUP_RANK_SHORT, /* narrow table header */
    REPORT_L_ID,
    REPORT_L_NAME,
    REPORT_L_GROUP,
    REPORT_L_REGION,
    REPORT_L_PERIOD,
    REPORT_L_TOTAL,
    REPORT_L_BAND,
    REPORT_L_LABEL,
    REPORT_L_ZONE,
    REPORT_L_UNANSWERED,
    REPORT_L_CRITICAL_FAILED,
    REPORT_L_SHEET_RANKING,
    REPORT_L_SHEET_SECTIONS,
    REPORT_L_SHEET_ABOUT,
    REPORT_L_ABOUT_ITEM,
    REPORT_L_ABOUT_VALUE,
    REPORT_L_VERSION,
    REPORT_L_RUBRIC_ID,
    REPORT_L_RUBRIC_TITLE,
    REPORT_L_AUTHORITY,
    REPORT_L_YEAR,
    REPORT_L_RUBRIC_FILE,
    REPORT_L_SHA256,
    REPORT_L_INPUT,
    REPORT_L_OPTIONS,
    REPORT_L_TIME,
    REPORT_L_N_AGENCIES,
    REPORT_L_N_UNITS,
    REPORT_L_N_ANSWERS,
    REPORT_L_N_WARNINGS,
    REPORT_L_WARNING,
    REPORT_L_SUBJECT,
    /* gaps and explain */
    REPORT_L_NO,
    REPORT_L_INDICATOR,
    REPORT_L_UNIT,
    REPORT_L_ANSWER,
    REPORT_L_GAIN,
    REPORT_L_FIX,
    REPORT_L_CRITICAL,
    REPORT_L_CAPPED,
    REPORT_L_NEXT_BAND,
    REPORT_L_NEXT_ZONE,
    REPORT_L_TOP_BAND,
    REPORT_L_TOP_ZONE,
    REPORT_L_FIXES,
    REPORT_L_UNREACHABLE,
    REPORT_L_NO_GAPS,
    REPORT_L_MISSING,
    REPORT_L_SECTION,
    REPORT_L_SCORE,
    REPORT_L_WEIGHT,
    REPORT_L_SHARE,
    REPORT_L_CONTRIBUTION,
    REPORT_L_COUNT /* sentinel */
} report_label_id;

/* The label's static text in `lang`; "" for an out-of-range label. */
const char *report_label(report_label_id label, patuh_lang lang);

/* ---- values shared by the writers ------------------------------------------------- */

/* A value on 0..max rounded to rubric->decimals; NAN stays NAN. */
double report_round(const patuh_rubric *rubric, double value);
/* The rounded value with exactly rubric->decimals places into buf; "" for NAN. */
const char *report_number(const patuh_rubric *rubric, double value, char *buf, size_t size);
/* A leaf-or-not unit's score of a node on 0..max, unrounded; NAN when dropped. */
double report_unit_score(const patuh_rubric *rubric, const patuh_unit *unit,
                         const patuh_node *node);
const char *report_group(const patuh_rubric *rubric, const patuh_agency *agency);
const char *report_band_id(const patuh_rubric *rubric, const patuh_agency *agency);
const patuh_zone *report_zone(const patuh_rubric *rubric, const patuh_agency *agency);
/* Failed critical indicator ids joined by `sep` (caller frees); NULL when out of memory. */
char *report_critical_ids(const patuh_agency *agency, const char *sep);
/* Parses a zone colour "#RRGGBB" into 0xRRGGBB; false when malformed. */
bool report_color_rgb(const char *hex, unsigned *rgb);
/* A diagnostic as `FILE:LINE:COL: warning: TEXT` (caller frees); NULL when out of memory. */
char *report_diag_text(const patuh_diag *diag);
/* Number of UTF-8 code points in s (display width for the table). */
size_t report_utf8_width(const char *s);

/* ---- the writers: batch is scored, opt is filled (never NULL) ---------------------- */

patuh_status report_write_table(const patuh_batch *batch, FILE *out,
                                const patuh_report_options *opt, patuh_diags *diags);
patuh_status report_write_csv(const patuh_batch *batch, FILE *out,
                              const patuh_report_options *opt, patuh_diags *diags);
patuh_status report_write_json(const patuh_batch *batch, FILE *out,
                               const patuh_report_options *opt, patuh_diags *diags);
patuh_status report_write_gaps_table(const patuh_batch *batch, const patuh_gaps *gaps,
                                     size_t n, FILE *out, const patuh_report_options *opt);
patuh_status report_write_gaps_json(const patuh_batch *batch, const patuh_gaps *gaps,
                                    size_t n, FILE *out);
/* Writes the workbook to `path` (the temporary path: the caller commits or removes it).
 * `name` is the path to use in messages. */
patuh_status report_write_xlsx(const patuh_batch *batch, const char *path, const char *name,
                               const patuh_report_options *opt, patuh_diags *diags);

#endif
