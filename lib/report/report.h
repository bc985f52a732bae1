/* report.h — what the report writers (report*.c) share: one writer per format, the label
 * table in Indonesian and English, and small helpers for the values every report shows
 * (rounded numbers, band, zone, group names). Internal to libpatuh. */
#ifndef PATUH_REPORT_H
#define PATUH_REPORT_H

#include "calc/calc.h"

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
    REPORT_L_DECIMALS,
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
    REPORT_L_NO_TOTAL,
    REPORT_L_UNREACHABLE,
    REPORT_L_NO_GAPS,
    REPORT_L_POINTS,    /* the unit of a gain: points of the rubric's 0..max scale */
    REPORT_L_PER_LEVEL, /* head of a shortfall's gain per level */
    REPORT_L_ITEMS,     /* a checklist level: "3 butir" */
    REPORT_L_CAP_FIRST, /* why a path starts with the critical indicators */
    REPORT_L_RAISE,     /* "naikkan KN.3 dari 1 ke 3" */
    REPORT_L_FROM,
    REPORT_L_TO,
    REPORT_L_AT,
    REPORT_L_RESULT,
    REPORT_L_N_INDICATORS, /* "2 indikator" */
    REPORT_L_N_STEPS,      /* "3 langkah level" */
    REPORT_L_PATH,         /* gaps workbook and CSV: which path a row belongs to */
    REPORT_L_TARGET,
    REPORT_L_TARGET_LEVEL,
    REPORT_L_TARGET_LABEL,
    REPORT_L_STEPS,
    REPORT_L_GAIN_POINTS, /* a gain column's head, with its unit */
    REPORT_L_SHEET_PATHS,
    REPORT_L_RESULT_TOTAL,
    REPORT_L_RESULT_BAND,
    REPORT_L_NOTE,
    REPORT_L_MISSING,
    REPORT_L_SECTION,
    REPORT_L_SCORE,
    REPORT_L_WEIGHT,
    REPORT_L_SHARE,
    REPORT_L_CONTRIBUTION,
    REPORT_L_BASE,      /* the total before penalties (doc/scoring.md §15) */
    REPORT_L_DEDUCTION, /* what the penalties take off */
    REPORT_L_RESPONSES, /* gaps: a section short of responses (doc/scoring.md §16) */
    REPORT_L_COLLECT,   /* "kumpulkan 2 tanggapan lagi" */
    REPORT_L_MORE_RESPONSES,
    /* the workbook's other sheets */
    REPORT_L_SHEET_SUMMARY,
    REPORT_L_SHEET_INDICATORS,
    REPORT_L_SHEET_GAPS,
    REPORT_L_ALL,      /* the total row of the summary */
    REPORT_L_AGENCIES, /* count column of the summary */
    REPORT_L_CHART_TITLE,
    REPORT_L_FULL_MARKS, /* last row of the indicator sheet */
    REPORT_L_KEYWORDS,
    REPORT_L_COMMENTS,
    REPORT_L_GAPS_SUBJECT,
    REPORT_L_CRITICAL_HEAD,
    REPORT_L_GAPS_TOO_MANY, /* the gaps sheet of a batch too large to list */
    /* the comparison workbook */
    REPORT_L_SHEET_COMPARE,
    REPORT_L_SHEET_TRANSITIONS,
    REPORT_L_STATUS,
    REPORT_L_STATUS_BOTH,
    REPORT_L_STATUS_ADDED,
    REPORT_L_STATUS_REMOVED,
    REPORT_L_CHANGE,
    REPORT_L_RANK_CHANGE,
    REPORT_L_RISERS,
    REPORT_L_FALLERS,
    REPORT_L_COMPARE_SUBJECT,
    REPORT_L_FORM_SUBJECT, /* the answer form of `patuh template` */
    /* the narrow headers of the comparison table for the terminal */
    REPORT_L_T_MOVED,
    REPORT_L_T_NAME,
    /* the evidence workbook of `patuh scan` */
    REPORT_L_SCAN_SUBJECT,
    REPORT_L_SHEET_PROPOSALS,
    REPORT_L_SHEET_EVIDENCE,
    REPORT_L_SHEET_SITES,
    /* comparisons over two or more periods */
    REPORT_L_T_GROUP,
    REPORT_L_T_REGION,
    REPORT_L_T_RANK,
    REPORT_L_T_ZONE,
    REPORT_L_T_AGENCIES,
    REPORT_L_IN_BOTH,
    REPORT_L_RANK_AMONG,
    REPORT_L_METHOD_CHANGED,
    REPORT_L_SECTION_CHANGES,
    REPORT_L_SHEET_TREND,
    REPORT_L_TREND_TITLE,
    REPORT_L_TREND_NOTE,
    REPORT_L_MOVERS_TITLE,
    REPORT_L_STATUS_EARLIER,
    REPORT_L_BAND_CAPPED,
    REPORT_L_CRITICAL_FAILED_NOTE,
    /* coverage (doc/scoring.md §12) */
    REPORT_L_COVERAGE,
    REPORT_L_RANKED,
    REPORT_L_INCOMPLETE,
    REPORT_L_NOT_ASSESSED,
    REPORT_L_NOT_ASSESSED_HEAD, /* above the list of agencies not assessed */
    /* the Unit sheet (doc/scoring.md §13) */
    REPORT_L_SHEET_UNITS,
    REPORT_L_UNIT_NAME,
    REPORT_L_KIND,
    REPORT_L_KIND_UNIT,
    REPORT_L_KIND_PRODUCT,
    REPORT_L_UNITS_TOO_MANY,
    REPORT_L_PRODUCTS_SHORT,
    REPORT_L_SAMPLING,          /* the ranking's column of what an assessment is missing */
    REPORT_L_SAMPLING_COMPLETE, /* ... when it misses nothing */
    /* the ranking workbook (doc/formats.md §4.5) */
    REPORT_L_BOOK_RUBRIC,
    REPORT_L_BOOK_OFFICE,
    REPORT_L_BOOK_DATE,
    REPORT_L_LOCAL_TIME,
    REPORT_L_MEAN,
    REPORT_L_MEDIAN,
    REPORT_L_HIST_TITLE,
    REPORT_L_SCORE_RANGE,
    REPORT_L_SECTION_ID,
    REPORT_L_SECTION_LEVEL,
    REPORT_L_INDICATOR_ID,
    REPORT_L_SHEET_DATA,
    REPORT_L_YES,
    REPORT_L_NO_WORD,
    REPORT_L_AGENCY_LEVEL,
    REPORT_L_SCORE_PERCENT,
    REPORT_L_LOCATION,
    REPORT_L_COUNT /* sentinel */
} report_label_id;

/* The label's static text in `lang`; "" for an out-of-range label. */
const char *report_label(report_label_id label, patuh_lang lang);

/* ---- values shared by the writers ------------------------------------------------- */

/* A value on 0..max rounded to rubric->decimals; NAN stays NAN. */
double report_round(const patuh_rubric *rubric, double value);
/* The rounded value with exactly rubric->decimals places into buf; "" for NAN. */
const char *report_number(const patuh_rubric *rubric, double value, char *buf, size_t size);
/* The same with the language's decimal mark (Indonesian: a comma). */
const char *report_number_lang(const patuh_rubric *rubric, double value, patuh_lang lang, char *buf,
                               size_t size);
/* An answer value with up to four significant digits and the language's decimal mark. */
const char *report_value_lang(double value, patuh_lang lang, char *buf, size_t size);
/* A gain with its sign and unit: "+0,30 poin" (Indonesian), "+0.30 points" (English). */
const char *report_points(const patuh_rubric *rubric, double gain, patuh_lang lang, char *buf,
                          size_t size);
/* A leaf-or-not unit's score of a node on 0..max, unrounded; NAN when dropped. */
double report_unit_score(const patuh_rubric *rubric, const patuh_unit *unit,
                         const patuh_node *node);
const char *report_group(const patuh_rubric *rubric, const patuh_agency *agency);
const char *report_band_id(const patuh_rubric *rubric, const patuh_agency *agency);
const patuh_zone *report_zone(const patuh_rubric *rubric, const patuh_agency *agency);
/* The zone of band index `band`; NULL for SIZE_MAX (no band) or a band without a zone. */
const patuh_zone *report_band_zone(const patuh_rubric *rubric, size_t band);
/* Failed critical indicator ids joined by `sep` (caller frees); NULL when out of memory. */
char *report_critical_ids(const patuh_agency *agency, const char *sep);
/* Parses a zone colour "#RRGGBB" into 0xRRGGBB; false when malformed. */
bool report_color_rgb(const char *hex, unsigned *rgb);
/* A diagnostic as `FILE:LINE:COL: warning: TEXT` (caller frees); NULL when out of memory. */
char *report_diag_text(const patuh_diag *diag);
/* s for a terminal: itself, or when it holds control characters (an escape sequence in a
 * name) the escaped copy in buf (doc/robustness.md). NULL is "". The library's callers have
 * it as patuh_term_text. */
const char *report_term_text(const char *s, char *buf, size_t size);
/* The agency's assessment as a word of the reports ("diperingkat", "tidak lengkap", "belum
 * dinilai"); an incomplete agency ranked by --rank-incomplete reads as incomplete. */
const char *report_assessment(const patuh_agency *agency, patuh_lang lang);
/* Its id in CSV and JSON: "ranked", "incomplete", "not_assessed". */
const char *report_assessment_id(const patuh_agency *agency);
/* Coverage in percent with one decimal, "97.7 %", into buf. */
const char *report_coverage(const patuh_agency *agency, char *buf, size_t size);
/* "2 diperingkat, 0 tidak lengkap, 11 belum dinilai" (or English) into buf. */
const char *report_counts(const patuh_batch *batch, patuh_lang lang, char *buf, size_t size);
/* Whether the agency is counted in zone shares and ranked: rank > 0. */
bool report_ranked(const patuh_agency *agency);
/* Number of UTF-8 code points in s (display width for the table). */
size_t report_utf8_width(const char *s);

/* ---- CSV: one cell writer for every CSV (csv_cells.c) ---------------------------------- */

/* How a CSV is spelled (doc/formats.md §4.3). */
typedef struct report_csv_dialect {
    char sep;        /* between fields */
    char decimal;    /* the decimal mark of numbers */
    bool bom;        /* a UTF-8 byte order mark first */
    const char *eol; /* the line end */
    patuh_lang lang; /* column names, words and true/false: English ids or Indonesian */
} report_csv_dialect;

/* RFC 4180 with '.' and English ids; the Indonesian-Excel dialect (`--csv id`); the answer
 * form's (RFC 4180 with CRLF). */
extern const report_csv_dialect report_csv_en, report_csv_id, report_csv_form;

/* The dialect of a report: report_csv_id when opt->csv_id, else report_csv_en. */
const report_csv_dialect *report_csv_dialect_of(const patuh_report_options *opt);

/* A CSV being written: the stream (borrowed), its dialect and the cells of the row so far. */
typedef struct report_csv {
    FILE *out;
    const report_csv_dialect *d;
    size_t cells;
} report_csv;

/* Starts a CSV on out: writes the dialect's byte order mark. */
report_csv report_csv_start(FILE *out, const report_csv_dialect *d);
/* Each cell writes the separator before it. A text cell: quoted when it holds the separator,
 * ';', '"', CR or LF; text a spreadsheet would run as a formula (starting with = + - @, tab
 * or CR) gets a leading ' so it stays text. NULL is an empty cell. */
void report_csv_text(report_csv *c, const char *s);
/* A number formatted with '.' ("98.67", "-3", "" for none), with the dialect's mark. */
void report_csv_number(report_csv *c, const char *num);
void report_csv_int(report_csv *c, long long n);
/* true/false, or ya/tidak in Indonesian. */
void report_csv_bool(report_csv *c, bool v);
/* A word of a status, row or note column by its English id ("both", "gap", "top"), in
 * Indonesian when the dialect is; NULL is an empty cell. */
void report_csv_word(report_csv *c, const char *word);
/* A column by its English id ("total_2024"), or its Indonesian name ("Nilai 2024"). */
void report_csv_head(report_csv *c, const char *id);
void report_csv_heads(report_csv *c, const char *const *ids, size_t n);
void report_csv_empty(report_csv *c);
/* Ends the row with the dialect's line end. */
void report_csv_end(report_csv *c);

/* ---- the writers of the format table (formats.c): they only serialize --------------- */

/* What a report is of: a scored batch (ranking), with the gaps of n_gaps agencies (gaps), or
 * a comparison. */
typedef struct report_subject {
    const patuh_batch *batch;
    const patuh_gaps *gaps;      /* n_gaps agencies' gaps held at once, or NULL and: */
    patuh_gaps_source gaps_from; /* ... produced one at a time (patuh_gaps_write_each) */
    void *gaps_ctx;
    size_t n_gaps;
    const patuh_comparison *comparison;
} report_subject;

/* The k-th agency's gaps of s (held or produced; k rising by one from 0). */
patuh_status report_gaps_at(const report_subject *s, size_t k, const patuh_gaps **out);

/* A text writer: the whole report to a stream; opt is filled (never NULL). */
typedef patuh_status (*report_text_fn)(const report_subject *s, FILE *out,
                                       const patuh_report_options *opt, patuh_diags *diags);
/* A workbook writer: to `path` (the temporary path: the caller commits or removes it);
 * `name` is the path to use in messages. */
typedef patuh_status (*report_book_fn)(const report_subject *s, const char *path, const char *name,
                                       const patuh_report_options *opt, patuh_diags *diags);

patuh_status report_write_table(const report_subject *s, FILE *out, const patuh_report_options *opt,
                                patuh_diags *diags);
patuh_status report_write_csv(const report_subject *s, FILE *out, const patuh_report_options *opt,
                              patuh_diags *diags);
patuh_status report_write_json(const report_subject *s, FILE *out, const patuh_report_options *opt,
                               patuh_diags *diags);
/* The ranking workbook: ranking, summary, sections, indicators, the gaps opt->gaps lists
 * (patuh_gaps_compute_all) and About. */
patuh_status report_write_xlsx(const report_subject *s, const char *path, const char *name,
                               const patuh_report_options *opt, patuh_diags *diags);
patuh_status report_write_gaps_table(const report_subject *s, FILE *out,
                                     const patuh_report_options *opt, patuh_diags *diags);
patuh_status report_write_gaps_csv(const report_subject *s, FILE *out,
                                   const patuh_report_options *opt, patuh_diags *diags);
patuh_status report_write_gaps_json(const report_subject *s, FILE *out,
                                    const patuh_report_options *opt, patuh_diags *diags);
/* The gaps workbook of `patuh gaps`: the gaps sheet and About. */
patuh_status report_write_gaps_xlsx(const report_subject *s, const char *path, const char *name,
                                    const patuh_report_options *opt, patuh_diags *diags);
patuh_status report_write_compare_table(const report_subject *s, FILE *out,
                                        const patuh_report_options *opt, patuh_diags *diags);
patuh_status report_write_compare_csv(const report_subject *s, FILE *out,
                                      const patuh_report_options *opt, patuh_diags *diags);
patuh_status report_write_compare_json(const report_subject *s, FILE *out,
                                       const patuh_report_options *opt, patuh_diags *diags);
/* The comparison workbook: the comparison table with coloured zones, the zone transition
 * matrix with the biggest risers and fallers, and About. */
patuh_status report_write_compare_xlsx(const report_subject *s, const char *path, const char *name,
                                       const patuh_report_options *opt, patuh_diags *diags);
/* What became of an agency over the last step of a comparison. */
typedef enum report_compare_status_id {
    REPORT_CMP_BOTH,    /* in the last two periods */
    REPORT_CMP_ADDED,   /* in the last, not in the one before */
    REPORT_CMP_REMOVED, /* in the one before the last, not in the last */
    REPORT_CMP_EARLIER  /* only in earlier periods */
} report_compare_status_id;

report_compare_status_id report_compare_status(const patuh_comparison *c,
                                               const patuh_compare_row *row);
/* "both", "added", "removed" or "earlier" (CSV, JSON). */
const char *report_compare_status_key(report_compare_status_id status);
const char *report_compare_status_label(report_compare_status_id status, patuh_lang lang);
/* The agency a row stands for, where it was seen last. */
const patuh_report_agency *report_compare_latest(const patuh_comparison *c,
                                                 const patuh_compare_row *row);
/* The biggest movers of the last step: rows with a known change, largest rise first, equal
 * changes by id (caller frees); NULL when out of memory. */
const patuh_compare_row **report_compare_movers(const patuh_comparison *c, size_t *n);
/* A step's name from its periods: "2023→2024". */
const char *report_compare_step_name(const patuh_comparison *c, size_t step, char *buf,
                                     size_t size);

/* The evidence workbook of `patuh scan` into tmp (scan_xlsx.c); `path` names it in messages. */
patuh_status scan_write_xlsx(const patuh_scan *scan, const char *tmp, const char *path,
                             const patuh_report_options *opt, patuh_diags *diags);
/* The proposed answers as the XLSX answer form of `patuh template` (scan_xlsx.c). */
patuh_status scan_write_form(const patuh_scan *scan, const char *tmp, const char *path,
                             const patuh_report_options *opt, patuh_diags *diags);
/* The texts of a proposal (scan_write.c), the same in the YAML, the form and the workbook:
 * the agency of --agencies a site is, or NULL; one rule's evidence, "ITEM: PAGE | XPATH |
 * CAPTURED | sha256:HASH | SNIPPET" (caller frees; NULL when out of memory); the note
 * "proposed by scan: N of M found; not found: ..."; a list scale's proposed level ("2"). */
const patuh_agency *scan_listed_agency(const patuh_scan *scan, const char *id);
char *scan_evidence_text(const patuh_scan_rule *rule, const patuh_scan_evidence *ev);
const char *scan_note_text(const patuh_node *ind, const patuh_scan_evidence *found, char *buf,
                           size_t size);
const char *scan_level_text(const patuh_scan *scan, const patuh_scan_site *site,
                            const patuh_node *ind, char *buf, size_t size);

/* ---- YAML text (template.c), shared by the forms and the scan's proposed answers ---- */

/* A YAML double-quoted scalar, every line break YAML knows (LF, CR, NEL, U+2028, U+2029) and
 * control character escaped; NULL writes "". */
void yaml_str(FILE *out, const char *s);
/* Text on one line for a comment: every line break YAML knows and control character becomes
 * a space, so no text ends the comment early. */
void comment_text(FILE *out, const char *s);

#endif
