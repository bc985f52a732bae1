/* patuh.h — the one public interface of libpatuh: load a rubric and answer files, score
 * and rank agencies, write reports. The library never prints and never exits: every call
 * returns a patuh_status and appends located diagnostics to a patuh_diags the caller owns.
 * Structures below are read-only for callers; the library owns and frees them. */
#ifndef PATUH_PATUH_H
#define PATUH_PATUH_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define PATUH_VERSION        "0.1.0"
#define PATUH_FORMAT_VERSION 1 /* the `patuh:` key of rubric and answer files */

/* ---- status ----------------------------------------------------------------------- */

/* Append-only: new codes go just above the sentinel. */
typedef enum patuh_status {
    PATUH_OK = 0,
    PATUH_EINVALID,    /* the input is invalid; the diagnostics say where and why */
    PATUH_EIO,         /* a file could not be read or written */
    PATUH_ENOMEM,      /* out of memory */
    PATUH_EARG,        /* the caller passed something the API does not accept */
    PATUH_STATUS_COUNT /* sentinel */
} patuh_status;

/* A static English sentence for a status; never NULL, also for out-of-range values. */
const char *patuh_strerror(patuh_status status);

/* ---- diagnostics -------------------------------------------------------------------- */

/* The gettext domain of every message: diagnostics are translated when they are added
 * (dgettext, so a program binds PATUH_TEXTDOMAIN to its locale folder to get them in the
 * user's language; unbound, they stay English). */
#define PATUH_TEXTDOMAIN "patuh"

/* A note says what was done that the user may not expect (a file skipped); it is neither an
 * error nor a warning, and --strict leaves it a note. */
typedef enum patuh_severity { PATUH_SEV_ERROR, PATUH_SEV_WARNING, PATUH_SEV_NOTE } patuh_severity;

typedef struct patuh_diag {
    patuh_severity severity;
    char *file;       /* owned; NULL when the problem has no file */
    unsigned line;    /* 1-based; 0 when unknown */
    unsigned col;     /* 1-based; 0 when unknown */
    char *sheet;      /* owned; XLSX sheet name, NULL for text files */
    char *cell;       /* owned; XLSX cell such as "D7", NULL for text files */
    char *message;    /* owned; lowercase, no full stop */
    size_t more_like; /* diagnostics like this one (the same message but for what it names, and
                       * the same severity) that came after it and were not stored, past
                       * `max_like`: shown as "... and N more like this" */
} patuh_diag;

struct patuh_diag_kinds; /* private: how many of each kind are stored */

typedef struct patuh_diags {
    patuh_diag *items; /* in the order they were found */
    size_t count, cap;
    size_t errors, warnings; /* counts, also of those past `max` that were not stored */
    size_t max;              /* store at most this many (0 = unlimited) */
    bool strict;             /* record warnings as errors (--strict) */
    size_t notes;            /* notes, counted apart from errors and warnings */
    size_t max_like;         /* store at most this many of one kind (0 = unlimited); the rest
                              * are counted in the last stored one's `more_like` */
    size_t folded;           /* the diagnostics counted in some `more_like` */
    struct patuh_diag_kinds *kinds;
} patuh_diags;

void patuh_diags_init(patuh_diags *d);
/* Frees every diagnostic; `d` may be reused after patuh_diags_init. Accepts NULL. */
void patuh_diags_release(patuh_diags *d);
/* Appends a located diagnostic; `file` is copied and may be NULL. Returns false only when
 * memory ran out (the counts are still updated). */
bool patuh_diags_add(patuh_diags *d, patuh_severity sev, const char *file, unsigned line,
                     unsigned col, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
bool patuh_diags_vadd(patuh_diags *d, patuh_severity sev, const char *file, unsigned line,
                      unsigned col, const char *fmt, va_list ap)
    __attribute__((format(printf, 6, 0)));
/* The same for a spreadsheet cell: `FILE:SHEET!CELL: error: TEXT`. */
bool patuh_diags_add_cell(patuh_diags *d, patuh_severity sev, const char *file, const char *sheet,
                          const char *cell, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
bool patuh_diags_vadd_cell(patuh_diags *d, patuh_severity sev, const char *file, const char *sheet,
                           const char *cell, const char *fmt, va_list ap)
    __attribute__((format(printf, 6, 0)));
/* Writes `FILE:LINE:COL: error: TEXT` (or the sheet form) into buf, NUL-terminated,
 * truncating if needed, control characters escaped ("\n", "\x1b"). Returns the length it
 * wanted, like snprintf. */
int patuh_diag_format(const patuh_diag *diag, char *buf, size_t size);

/* ---- limits ------------------------------------------------------------------------- */

/* Every parser is bounded; going over a limit is a located error, never an OOM. */
typedef struct patuh_limits {
    size_t max_file_bytes;   /* size of one input file */
    unsigned max_depth;      /* YAML nesting depth (collections) */
    size_t max_string;       /* bytes in one scalar / cell / field */
    size_t max_agencies;     /* agencies in one batch */
    size_t max_units;        /* units (all levels) in one batch */
    unsigned max_unit_depth; /* nesting of units below an agency */
    size_t max_diags;        /* diagnostics stored (the rest are only counted) */
    size_t max_like;         /* diagnostics of one kind stored (the rest: "N more like this") */
    size_t max_gaps;         /* shortfalls one agency's gaps, and a gaps workbook, may list */
    size_t max_xlsx_bytes;   /* uncompressed size of one entry of an XLSX workbook */
    unsigned max_xlsx_ratio; /* uncompressed / compressed size of one XLSX entry */
} patuh_limits;

/* Fills the documented defaults (see man/patuh.1, LIMITS). */
void patuh_limits_default(patuh_limits *lim);

/* ---- numbers ------------------------------------------------------------------------ */

/* Rounds half away from zero to `decimals` places. A relative tolerance of 1e-9 (at most a
 * thousandth of the last place) absorbs binary noise, so 78.99999999999999 rounds like 79
 * and 2.675 to 2.68; rounding a rounded number gives it back. */
double patuh_round(double x, int decimals);
/* Formats a rounded number with exactly `decimals` places ("88.00"); returns snprintf's
 * result. NAN prints as "". */
int patuh_format_number(double x, int decimals, char *buf, size_t size);

/* ---- rubric ------------------------------------------------------------------------- */

typedef enum patuh_scale_kind {
    PATUH_SCALE_LIST,     /* a list of allowed values, each with a label */
    PATUH_SCALE_NUMBER,   /* any number in [min, max], full marks at target */
    PATUH_SCALE_CHECKLIST /* named items; full marks at `need` items */
} patuh_scale_kind;

typedef struct patuh_level {
    double value;
    char *label;
} patuh_level;

typedef struct patuh_scale {
    char *name; /* NULL for an inline scale */
    patuh_scale_kind kind;
    patuh_level *levels; /* LIST: in file order */
    size_t n_levels;
    double min, max; /* LIST: lowest and highest level value; NUMBER: the bounds */
    double target;   /* NUMBER: full marks at or above (defaults to max) */
    bool ratio;      /* NUMBER, `normalise: ratio`: s = a / target, not
                      * (a - min) / (target - min); SKM's NRR x 25 needs it */
    char **items;    /* CHECKLIST: item names */
    size_t n_items;
    size_t need; /* CHECKLIST: items for full marks (defaults to n_items) */
    unsigned line, col;
} patuh_scale;

/* ---- scan rules: what `patuh scan` looks for on saved websites (doc/formats.md §2.8) ---- */

/* The part of a page a phrase must stand in. */
typedef enum patuh_scan_within {
    PATUH_WITHIN_ANY,          /* anywhere in the page's text */
    PATUH_WITHIN_HEADING,      /* h1-h6 */
    PATUH_WITHIN_TABLE_HEADER, /* th, or a cell of thead */
    PATUH_WITHIN_LIST,         /* li, dt, dd */
    PATUH_WITHIN_LINK,         /* the text of a link */
    PATUH_WITHIN_TITLE         /* the page's <title> */
} patuh_scan_within;

/* One item (checklist) or component (level scale) and the evidence that counts for it. */
typedef struct patuh_scan_rule {
    char *name;   /* checklist: the item's name; level scale: the component's */
    char **links; /* "lapor.go.id" (host or subdomain), "mailto:" (scheme), as written */
    size_t n_links;
    char **phrases; /* as written; matched case- and accent-insensitively on word bounds */
    size_t n_phrases;
    patuh_scan_within within;
    char *near;        /* NULL, or the heading above the phrase must hold this */
    char **folded;     /* the phrases folded as they are matched (n_phrases) */
    char *near_folded; /* `near` folded; NULL without near */
    unsigned line, col;
} patuh_scan_rule;

/* Level scales: at least `found` components found gives `value`. */
typedef struct patuh_scan_level {
    size_t found;
    double value;
} patuh_scan_level;

typedef struct patuh_scan_spec {
    patuh_scan_rule *rules; /* in file order */
    size_t n_rules;
    patuh_scan_level *levels; /* level scales: highest `found` first; the last has found 0 */
    size_t n_levels;
    unsigned line, col;
} patuh_scan_spec;

typedef struct patuh_node patuh_node;
struct patuh_node {
    char *id;
    char *title;   /* sections: title; indicators: title or NULL */
    double weight; /* > 0, default 1 */
    bool is_indicator;
    patuh_node *parent;    /* NULL for the root */
    patuh_node **children; /* sections only */
    size_t n_children;
    double children_weight; /* sections: the sum of the children's weights (set at load) */
    size_t index;           /* position in rubric->nodes */
    size_t ind_index;       /* indicators: position in rubric->indicators, else SIZE_MAX */
    unsigned line, col;
    /* indicators only */
    char *text;
    char *guidance;
    char *fix;
    const patuh_scale *scale; /* owned by the rubric */
    bool na;                  /* N/A is an allowed answer */
    bool critical;
    bool evidence_required; /* `evidence: required`: a positive answer wants evidence */
    uint64_t applies;       /* bit g set: applies to rubric->groups[g] */
    patuh_scan_spec *scan;  /* owned; NULL when the indicator has no `scan:` block */
    size_t min_responses;   /* sections: `min_responses`, 0 when none (doc/scoring.md §16) */
    size_t resp_index;      /* with min_responses: position in rubric->counted, else SIZE_MAX */
    bool is_penalty; /* an item of `penalties:` (doc/scoring.md §15): not under the root; its
                      * weight is the largest deduction, in points on 0..max */
};

typedef struct patuh_band {
    char *id;
    char *label;
    size_t zone; /* index into rubric->zones */
    double min;  /* on the 0..max scale */
} patuh_band;

typedef struct patuh_zone {
    char *name;  /* hijau, kuning, merah, ... */
    char *color; /* "#63BE7B" */
} patuh_zone;

typedef struct patuh_qualifier {
    char *id;
    char *label;
    const patuh_node *node; /* the section or indicator of the condition */
    double min;             /* section: rounded score on 0..max; indicator: answer value */
} patuh_qualifier;

/* A kind of unit the method samples (`unit_kinds:`): dinkes, puskesmas, ... */
typedef struct patuh_unit_kind {
    char *id;
    char *label;
} patuh_unit_kind;

/* How many units of one kind an agency must have (doc/scoring.md §14). */
typedef struct patuh_kind_need {
    size_t kind; /* index into rubric->unit_kinds */
    unsigned need;
} patuh_kind_need;

/* One `coverage:` entry: what the method samples in agencies of some groups. */
typedef struct patuh_coverage {
    uint64_t groups; /* bit g set: rubric->groups[g]; each group in at most one entry */
    patuh_kind_need *units;
    size_t n_units;
    unsigned products; /* products per unit of a listed kind (every unit without `units`); 0 */
} patuh_coverage;

typedef enum patuh_na_policy { PATUH_NA_EXCLUDE, PATUH_NA_FULL } patuh_na_policy;

#define PATUH_MAX_GROUPS 64

typedef struct patuh_rubric {
    char *path;               /* as given to the loader */
    unsigned char sha256[32]; /* of the file's bytes */
    char *id, *title, *authority, *source;
    int year;      /* 0 when absent */
    double max;    /* totals are reported on 0..max (default 100) */
    int decimals;  /* default 2 */
    char **groups; /* allowed agency groups; n_groups <= PATUH_MAX_GROUPS */
    size_t n_groups;
    patuh_scale **scales; /* named and inline, all owned */
    size_t n_scales;
    patuh_band *bands; /* sorted by min, highest first; the last has min <= 0 */
    size_t n_bands;
    patuh_zone *zones;
    size_t n_zones;
    size_t critical_cap; /* band index, SIZE_MAX when none */
    patuh_qualifier *qualifiers;
    size_t n_qualifiers;
    patuh_na_policy na_policy;
    patuh_node *root;   /* synthetic: id = rubric id, children = top-level sections */
    patuh_node **nodes; /* every node in pre-order, root first; node->index */
    size_t n_nodes;
    patuh_node **indicators; /* in pre-order; node->ind_index */
    size_t n_indicators;
    struct patuh_idmap *by_id;   /* internal */
    double min_coverage;         /* `min_coverage`, 0..1: below it an agency is incomplete
                                  * (doc/scoring.md §12); 0 when absent (no minimum) */
    patuh_unit_kind *unit_kinds; /* `unit_kinds:`, the kinds answers may give a unit */
    size_t n_unit_kinds;
    patuh_coverage *coverage; /* `coverage:`, what the method samples (doc/scoring.md §14) */
    size_t n_coverage;
    patuh_node **penalties; /* `penalties:` in file order (also in nodes), doc/scoring.md §15 */
    size_t n_penalties;
    patuh_node **counted; /* sections with `min_responses`, in pre-order (doc/scoring.md §16) */
    size_t n_counted;
} patuh_rubric;

/* Loads and checks a rubric. On PATUH_OK *out is set and owned by the caller
 * (patuh_rubric_free); otherwise *out is NULL and diags say every problem found. */
patuh_status patuh_rubric_load(const char *path, const patuh_limits *lim, patuh_rubric **out,
                               patuh_diags *diags);
/* The same from memory; `name` is used in messages. Borrows data. */
patuh_status patuh_rubric_load_buffer(const char *name, const char *data, size_t len,
                                      const patuh_limits *lim, patuh_rubric **out,
                                      patuh_diags *diags);
void patuh_rubric_free(patuh_rubric *rubric); /* accepts NULL */

/* A node by id, or NULL. */
const patuh_node *patuh_rubric_find(const patuh_rubric *rubric, const char *id);
/* The group's index, or -1. */
int patuh_rubric_group(const patuh_rubric *rubric, const char *name);
/* The band of a total rounded to rubric->decimals: the first band (highest min first)
 * whose min <= rounded; the last band for NAN. Before any critical cap. */
size_t patuh_rubric_band(const patuh_rubric *rubric, double rounded);
/* A node's effective weight: its share of the total in [0, 1] when nothing drops out; inside
 * a penalty, its share of the penalty. */
double patuh_node_share(const patuh_node *node);
/* The penalty a node is or stands in, or NULL (doc/scoring.md §15). */
const patuh_node *patuh_node_penalty(const patuh_node *node);

/* ---- agencies, units and results ---------------------------------------------------- */

typedef struct patuh_answer patuh_answer; /* internal: one answer slot */
typedef struct patuh_arena patuh_arena;   /* internal: where answer slots live */

typedef struct patuh_unit patuh_unit;
struct patuh_unit {
    char *id; /* the agency's id for the agency itself */
    char *name;
    char *path;         /* "dinkes/puskesmas-1"; "" for the agency itself */
    double weight;      /* default 1 */
    patuh_unit *parent; /* NULL for the agency itself */
    patuh_unit **units; /* sub-units in the order first seen */
    size_t n_units;
    patuh_answer *answers; /* internal: rubric->n_indicators slots, NULL when none */
    double *scores;        /* internal, after scoring: read with patuh_unit_score */
    size_t unanswered;     /* leaves: applicable indicators without an answer */
    size_t applicable;     /* leaves: applicable indicators (summed over leaves, as unanswered) */
    long *responses;       /* `responses:` per rubric->counted section, -1 when not given; NULL
                            * when the unit gives none (doc/scoring.md §16) */
};

/* What an agency's answers allow (doc/scoring.md §12). */
typedef enum patuh_assessment {
    PATUH_ASSESSED,    /* coverage at or above the minimum: scored and ranked */
    PATUH_INCOMPLETE,  /* "tidak lengkap": scored, ranked only with rank_incomplete */
    PATUH_NOT_ASSESSED /* "belum dinilai": no applicable indicator answered; not scored */
} patuh_assessment;

typedef struct patuh_agency {
    char *id, *name, *region, *period;
    char *website; /* agency lists: the hosts of its website, as given (doc/formats.md §3.9) */
    int group;     /* index into rubric->groups; -1 when not given, -2 when given
                    * but not one of the rubric's (already reported) */
    char *file;    /* where the agency was first defined */
    unsigned line, col;
    patuh_unit root; /* the agency itself: its answers and its units */
    /* results, after patuh_batch_score */
    double total;        /* 0..max, unrounded; NAN when everything dropped out */
    double rounded;      /* total rounded to rubric->decimals */
    size_t band;         /* index into rubric->bands (after the critical cap) */
    bool capped;         /* the critical cap lowered the band */
    uint64_t qualifiers; /* bit q set: rubric->qualifiers[q] holds */
    char *label;         /* band label followed by qualifier labels */
    size_t rank, group_rank;
    size_t unanswered;                  /* summed over leaf units */
    const patuh_node **critical_failed; /* failed critical indicators, rubric order */
    size_t n_critical_failed;
    double *numbers; /* internal: answer values that are not small whole numbers */
    size_t n_numbers;
    size_t applicable;           /* summed over leaf units */
    double coverage;             /* (applicable - unanswered) / applicable; 1 when none applies */
    patuh_assessment assessment; /* ranked agencies have rank > 0, the others rank 0 */
    double base; /* the total before penalties (doc/scoring.md §15); = total without any */
} patuh_agency;

typedef struct patuh_input {
    char *path; /* as given ("-" for standard input) */
    unsigned char sha256[32];
    char *sheets[2];      /* XLSX: its answers and agencies sheets as named; else NULL */
    uint32_t line_base;   /* internal: answers from it are at line_base + line, batch-wide */
    uint32_t lines;       /* internal: the last line (or row) an answer was read from */
    unsigned value_col;   /* internal: XLSX, the column of values on the answers sheet */
    bool proposed;        /* `proposed_by: scan`: its answers yield to an assessor's */
    size_t proposed_used; /* proposed: its answers still in use (not overridden) */
    unsigned blank_col;   /* internal: XLSX, the column where a blank value was seen */
    bool agency_list;     /* internal: read by patuh_batch_add_agencies */
} patuh_input;

typedef struct patuh_batch patuh_batch;

/* Told as each input file starts being read, so a caller can show progress. */
typedef void (*patuh_progress_fn)(void *ctx, const patuh_batch *batch, const char *path);

struct patuh_batch {
    const patuh_rubric *rubric; /* borrowed: must outlive the batch */
    patuh_limits limits;
    patuh_input *inputs; /* every file read, in reading order */
    size_t n_inputs;
    patuh_agency **agencies; /* in the order first seen; after scoring, in ranking order */
    size_t n_agencies;
    size_t n_units;   /* all units below agencies */
    size_t n_answers; /* answers read */
    bool scored;
    struct patuh_idmap *by_id;   /* internal: agency id -> agency */
    struct patuh_idmap *by_host; /* internal: website host (model/website.c) -> agency */
    patuh_arena *arena;          /* internal: the units' answer slots */
    patuh_progress_fn progress;  /* NULL: nobody is told (patuh_batch_set_progress) */
    void *progress_ctx;
    /* coverage (doc/scoring.md §12), set before patuh_batch_score */
    double min_coverage;  /* from the rubric by patuh_batch_new; 0 = no minimum */
    bool rank_incomplete; /* rank incomplete agencies too */
    bool missing_detail;  /* one warning per missing answer, not one line per agency */
    /* after scoring: how many agencies are ranked, incomplete and not assessed */
    size_t n_ranked, n_incomplete, n_not_assessed;
};

/* The agency a saved site's name gives (`patuh scan`, doc/formats.md §3.10 1): the agency
 * with that id, else the one whose website has that host (a leading `www.`, the case, a
 * scheme, port or path do not count); NULL when none. */
const patuh_agency *patuh_batch_find_site(const patuh_batch *batch, const char *name);

/* A new empty batch for a rubric (borrowed). NULL when out of memory. */
patuh_batch *patuh_batch_new(const patuh_rubric *rubric, const patuh_limits *lim);
void patuh_batch_free(patuh_batch *batch); /* accepts NULL */
/* Calls fn (borrowed, with ctx) as each input file starts being read; NULL stops it. */
void patuh_batch_set_progress(patuh_batch *batch, patuh_progress_fn fn, void *ctx);

/* Reads one input: a file (.yaml .yml .csv .xlsx), a directory (recursively, in sorted
 * order, for those extensions) or "-" (YAML from standard input). Problems go to diags;
 * reading goes on past invalid answers so every problem is listed. Returns PATUH_EINVALID
 * when diags gained an error, PATUH_EIO when a file could not be read. */
patuh_status patuh_batch_add_path(patuh_batch *batch, const char *path, patuh_diags *diags);
/* Reads answers from memory; `name` is used in messages and picks the reader as a path's
 * extension does in patuh_batch_add_path: .csv is CSV, .xlsx is a workbook, anything else
 * (.yaml, .yml, "-", no extension) YAML. Borrows data. */
patuh_status patuh_batch_add_buffer(patuh_batch *batch, const char *name, const char *data,
                                    size_t len, patuh_diags *diags);
/* Scores every agency, then ranks: fills the results and sorts batch->agencies into
 * ranking order: the ranked agencies, then the unranked incomplete ones, then those not
 * assessed (doc/scoring.md §12). Missing answers are reported as warnings (errors with
 * diags->strict): one line per agency, or one per answer with batch->missing_detail. */
patuh_status patuh_batch_score(patuh_batch *batch, patuh_diags *diags);
/* A unit's score of a node after scoring, normalised 0..1; NAN when it dropped out or is not
 * kept. An agency (its root unit) keeps every node; a sub-unit keeps its total (the rubric's
 * root) and its top-level sections, which is what reports show, so that memory follows
 * units and not units x nodes. */
double patuh_unit_score(const patuh_rubric *rubric, const patuh_unit *unit, const patuh_node *node);
/* The number of responses a unit has for a section with `min_responses`: its own count, else
 * its nearest ancestor's; -1 when none gives one (doc/scoring.md §16). */
long patuh_unit_responses(const patuh_unit *unit, const patuh_node *section);
/* What a penalty takes off an agency's total after scoring, in points on 0..max: its weight
 * x (1 - its score); 0 when its indicators all dropped out (doc/scoring.md §15). */
double patuh_penalty_deduction(const patuh_rubric *rubric, const patuh_agency *agency,
                               const patuh_node *penalty);

/* A unit's result after scoring (doc/scoring.md §13): its total on 0..max, that total
 * rounded to rubric->decimals, and the band of the rounded total by the agencies' bands
 * (no critical cap, no qualifiers: those are the agency's). Without a total (the unit
 * dropped out, or its agency was not assessed) total and rounded are NAN and band is
 * SIZE_MAX. Computed on request; nothing is stored per unit. */
typedef struct patuh_unit_result {
    double total, rounded;
    size_t band; /* index into rubric->bands, SIZE_MAX when none */
} patuh_unit_result;
patuh_unit_result patuh_unit_result_get(const patuh_rubric *rubric, const patuh_unit *unit);
/* What an agency's assessment is missing of what the method samples (doc/scoring.md §14):
 * the coverage entry of its group, the unit kinds with fewer units than it needs and the
 * units with fewer products. Only the shortfalls are listed. */
typedef struct patuh_kind_short {
    size_t kind; /* index into rubric->unit_kinds */
    unsigned need, have;
} patuh_kind_short;
typedef struct patuh_product_short {
    const patuh_unit *unit; /* borrowed from the agency */
    unsigned need, have;
} patuh_product_short;
typedef struct patuh_sampling {
    const patuh_coverage *entry; /* NULL: the rubric samples nothing for the agency's group */
    patuh_kind_short *units;
    size_t n_units;
    patuh_product_short *products;
    size_t n_products;
} patuh_sampling;
/* Fills *out (released with patuh_sampling_release, also after an error). */
patuh_status patuh_sampling_get(const patuh_rubric *rubric, const patuh_agency *agency,
                                patuh_sampling *out);
void patuh_sampling_release(patuh_sampling *s);
/* The shortfalls of *s counted: unit kinds short plus units short of products. */
size_t patuh_sampling_count(const patuh_sampling *s);
/* The products unit u of `agency` needs (0 when none are sampled for it) and has. */
unsigned patuh_unit_products_need(const patuh_rubric *rubric, const patuh_agency *agency,
                                  const patuh_unit *unit, unsigned *have);
/* The kind of a unit (its `kind:` in answers): an index into rubric->unit_kinds; -1 when none. */
int patuh_unit_kind_index(const patuh_unit *unit);

/* Whether a unit is a product (doc/scoring.md §13): a leaf below a unit of the agency, not
 * a direct unit of the agency. */
bool patuh_unit_is_product(const patuh_unit *unit);

/* ---- reports ------------------------------------------------------------------------ */

/* s for a terminal: itself, or when it holds control characters (an escape sequence in a
 * name or a rubric title) the escaped copy in buf ("\x1b", "\n"), cut to size. NULL is "".
 * Every text patuh prints goes through it (doc/robustness.md). */
const char *patuh_term_text(const char *s, char *buf, size_t size);

typedef enum patuh_format {
    PATUH_FMT_TABLE,
    PATUH_FMT_CSV,
    PATUH_FMT_JSON,
    PATUH_FMT_XLSX
} patuh_format;

/* What a report is of: the ranking of `patuh score`, the gaps of `patuh gaps`, the
 * comparison of `patuh compare`. */
typedef enum patuh_report_kind {
    PATUH_REPORT_RANKING,
    PATUH_REPORT_GAPS,
    PATUH_REPORT_COMPARISON
} patuh_report_kind;

typedef enum patuh_lang { PATUH_LANG_ID, PATUH_LANG_EN } patuh_lang;

/* The last second a report may record: 9999-12-31 23:59:59 UTC, the last day a workbook's
 * date holds. A later (or negative) report time is PATUH_EARG from the XLSX writers. */
#define PATUH_TIME_MAX INT64_C(253402300799)

typedef struct patuh_report_options {
    patuh_lang lang;
    const char *options;         /* the command's options as text, for the About sheet */
    int64_t time;                /* seconds since the epoch, 0 to PATUH_TIME_MAX */
    int32_t utc_offset;          /* seconds east of UTC of the local time at `time`: the
                                  * workbook's date is local (doc/formats.md §4.5) */
    const char *title;           /* workbook title (--title); NULL: the rubric's title */
    const char *office;          /* assessing office and region (--office); may be NULL */
    const patuh_diags *warnings; /* listed in the About sheet and the JSON; may be NULL */
    bool color;                  /* table: ANSI colours for zones */
    bool csv_id; /* CSV for spreadsheets in the Indonesian locale: BOM, ';', decimal comma,
                  * Indonesian headers (doc/formats.md §4.3); false: RFC 4180 with '.' */
    /* the ranking workbook's gaps sheet: batch->n_agencies items in ranking order from
     * patuh_gaps_compute_all (borrowed); NULL: the sheet says they were left out */
    const struct patuh_gaps *gaps;
} patuh_report_options;

/* The format named by a path's extension (.xlsx .json .csv, else table). */
patuh_format patuh_format_from_path(const char *path);
/* Parses "table", "csv", "json", "xlsx"; false when unknown. */
bool patuh_format_parse(const char *name, patuh_format *out);
/* "table", "csv", "json", "xlsx"; "" for a format that is not one of them. */
const char *patuh_format_name(patuh_format format);
/* Whether a kind of report has a writer for a format. */
bool patuh_format_supported(patuh_report_kind kind, patuh_format format);
/* The formats a kind of report is written in, for messages: "table, csv, json or xlsx". */
const char *patuh_format_list(patuh_report_kind kind);

/* Writes a report of a scored batch to `path` through a temporary file in the same
 * directory, renamed into place only on success: a failed run leaves an existing file
 * untouched. A file read since the start of the process (or patuh_inputs_forget) is refused
 * with PATUH_EARG; a device or FIFO is written in place (doc/robustness.md). */
patuh_status patuh_report_write(const patuh_batch *batch, patuh_format format, const char *path,
                                const patuh_report_options *opt, patuh_diags *diags);
/* Removes the temporary file of a report being written by patuh_report_write, if any.
 * Async-signal-safe: a SIGINT or SIGTERM handler calls it so an interrupted run leaves no
 * temporary file behind (the existing report is untouched either way). */
void patuh_report_abandon(void);
/* Forgets the files read so far: until then no report or form is written over one of them.
 * Frees what was kept to know them. */
void patuh_inputs_forget(void);
/* Writes a text report (table, csv, json) to an open stream. XLSX needs a path. */
patuh_status patuh_report_write_stream(const patuh_batch *batch, patuh_format format, FILE *out,
                                       const patuh_report_options *opt, patuh_diags *diags);

/* ---- gaps: what to fix first, and explaining a total -------------------------------- */

/* One level a shortfall's answer can be raised to, and what that alone gives. */
typedef struct patuh_gap_step {
    double value;      /* the answer value of that level */
    const char *label; /* the level's label (list scales, borrowed); NULL otherwise */
    unsigned steps;    /* level steps from the current answer: 1 = the next level that
                        * scores more (a checklist: one more item) */
    double gain;       /* exact rise of the unrounded total when raised to it */
} patuh_gap_step;

/* One shortfall: an applicable answer below full marks, or a missing one. */
typedef struct patuh_gap {
    const patuh_node *indicator;
    const patuh_unit *unit; /* where the answer is given (an agency-level answer inherited by
                             * units is one gap there); for a missing answer, the leaf */
    double value;           /* the answer as given; NAN when missing */
    bool critical;          /* a critical indicator: while below full marks it caps the band */
    double gain;            /* exact rise of the unrounded total when raised to full marks */
    patuh_gap_step *steps;  /* every level above the answer that scores more, lowest first;
                             * the last is full marks (gain == .gain) */
    size_t n_steps;
} patuh_gap;

/* One answer raised on a path: gaps->items[gap] to its steps[step]. */
typedef struct patuh_gap_raise {
    size_t gap;
    size_t step;
} patuh_gap_raise;

/* The smallest set of level raises that lifts the agency to a target band
 * (doc/scoring.md §9.4): fewest answers raised, then fewest level steps. */
typedef struct patuh_gap_path {
    size_t target;           /* band index aimed at; SIZE_MAX when there is none (already top) */
    bool reachable;          /* false when even every answer at full marks falls short */
    bool capped;             /* the critical cap stands in the way: the raises start with every
                              * failed critical answer at full marks */
    patuh_gap_raise *raises; /* the raises (owned), failed critical ones first, then in the
                              * order of the gaps; empty when unreachable */
    size_t n_raises;
    unsigned steps; /* level steps of all raises together */
    double total;   /* the unrounded total after the raises (every answer at full marks
                     * when unreachable) */
    size_t band;    /* the band they give */
} patuh_gap_path;

/* A leaf with fewer responses than a section's `min_responses`, so the section scores 0 there
 * (doc/scoring.md §16): collect need - have more (have -1: no count given). */
typedef struct patuh_gap_responses {
    const patuh_node *section;
    const patuh_unit *unit;
    long have;
    size_t need;
    double gain; /* exact rise of the unrounded total with the minimum reached */
} patuh_gap_responses;

typedef struct patuh_gaps {
    const patuh_agency *agency;     /* borrowed */
    patuh_gap_responses *responses; /* owned; largest gain first, then unit order */
    size_t n_responses;
    patuh_gap *items; /* failed critical first, then largest gain first, ties in
                       * rubric order, then unit order */
    size_t count;
    patuh_gap_step *step_pool; /* owns every item's steps, one block (a gap is 56 bytes and
                                * its steps 32 each: a heap block per gap cost more) */
    patuh_gap_path next_band;  /* the band above the current one */
    patuh_gap_path next_zone;  /* the lowest band in a better zone than the current one */
} patuh_gaps;

/* Lists an agency's gaps with their gains (from the weights, in one pass) and the paths to
 * the next band and zone (by scoring the agency again with the run of answers raised; the
 * batch must be scored; the agency's results are restored before returning). On PATUH_OK *out owns
 * its items: release with patuh_gaps_release. */
patuh_status patuh_gaps_compute(patuh_batch *batch, patuh_agency *agency, patuh_gaps *out,
                                patuh_diags *diags);
void patuh_gaps_release(patuh_gaps *gaps); /* accepts NULL */
/* Every agency's gaps in ranking order, for the ranking workbook's gaps sheet
 * (patuh_report_options.gaps): *out has batch->n_agencies items, freed with
 * patuh_gaps_free_all. *out is NULL, with a warning, when the batch is too large for a
 * sheet to list every gap (then `patuh gaps --agency ID` lists them). */
patuh_status patuh_gaps_compute_all(patuh_batch *batch, patuh_gaps **out, patuh_diags *diags);
void patuh_gaps_free_all(patuh_gaps *all, size_t n); /* accepts NULL */

/* One top-level section's part of an agency's total: score on 0..max, weight, its share
 * of the total (weight over the weights of the sections that did not drop out) and its
 * contribution, so the contributions add up to the total. A penalty's row (section->is_penalty,
 * after the sections) has its weight in points, share 0 and minus its deduction as its
 * contribution (doc/scoring.md §15): the sum is the total before the clamp at 0. */
typedef struct patuh_explain_row {
    const patuh_node *section;
    double score; /* 0..max, unrounded; NAN when dropped */
    double weight;
    double share;        /* 0..1; 0 when dropped */
    double contribution; /* on 0..max */
} patuh_explain_row;

/* Fills *rows (caller frees with free()) with one row per top-level section, then one per
 * penalty. */
patuh_status patuh_explain(const patuh_batch *batch, const patuh_agency *agency,
                           patuh_explain_row **rows, size_t *n_rows, patuh_diags *diags);

/* Reads a list of agencies without answers (for `patuh template --agencies`): a CSV with the
 * columns id, name, group, region, period (English or Indonesian headers), or YAML: a list of
 * maps with those keys, bare or under `agencies:`. Problems go to diags as for answers. */
patuh_status patuh_batch_add_agencies(patuh_batch *batch, const char *path, patuh_diags *diags);

/* ---- templates ---------------------------------------------------------------------- */

/* The answer rows a form of the batch has: agency x leaf unit x applicable indicator (the
 * indicators when the batch has no agencies). */
size_t patuh_template_rows(const patuh_batch *batch);
/* Writes a blank answer form for the batch's rubric, one row per agency x leaf unit x
 * applicable indicator (one row per indicator when the batch has no agencies). The format
 * follows the extension: .xlsx (dropdowns, protected helper columns; its creation time is
 * opt->time, so the same time gives the same bytes; a text longer than a cell holds is cut,
 * with a warning), .yaml/.yml or .csv. Written through a temporary file renamed into place.
 * opt may be NULL (time 0). */
patuh_status patuh_template_write(const patuh_batch *batch, const char *path,
                                  const patuh_report_options *opt, patuh_diags *diags);

/* Writes gaps (from patuh_gaps_compute, n agencies) as a table, CSV, JSON or XLSX to `path`
 * through a temporary file, or (not XLSX) to standard output when path is NULL or "-". */
patuh_status patuh_gaps_write(const patuh_batch *batch, const patuh_gaps *gaps, size_t n,
                              patuh_format format, const char *path,
                              const patuh_report_options *opt, patuh_diags *diags);
/* Gaps handed to a writer one agency at a time (patuh_gaps_write_each): fills *out with the
 * k-th agency's gaps (k = 0, 1, ... in order, each asked once), valid until the next call or
 * the end of the write; the source owns and releases them. A status other than PATUH_OK
 * stops the write. */
typedef patuh_status (*patuh_gaps_source)(void *ctx, size_t k, const patuh_gaps **out);
/* As patuh_gaps_write for the table, CSV and JSON, but the n agencies' gaps come from
 * `source` one at a time, so memory holds one agency's gaps, not the run's
 * (doc/robustness.md, Memory). XLSX is refused: a workbook's sheets pass over the gaps twice. */
patuh_status patuh_gaps_write_each(const patuh_batch *batch, size_t n, patuh_gaps_source source,
                                   void *ctx, patuh_format format, const char *path,
                                   const patuh_report_options *opt, patuh_diags *diags);
/* Writes the explanation of one agency's total as a table to a stream. */
patuh_status patuh_explain_write(const patuh_batch *batch, const patuh_agency *agency, FILE *out,
                                 const patuh_report_options *opt, patuh_diags *diags);

/* ---- compare: reports of two or more periods ----------------------------------------- */

typedef struct patuh_report_agency {
    char *id, *name, *group, *region, *band, *zone; /* "" when absent */
    double total;                                   /* NAN when null */
    size_t rank;                                    /* 0 when absent */
    double *sections; /* per section of the report (report->sections); NAN when absent */
} patuh_report_agency;

/* What `compare` reads back from a JSON report of `patuh score`. */
typedef struct patuh_report_data {
    char *path;
    char *rubric_id, *rubric_title; /* "" when absent */
    int decimals;                   /* the rubric's, for printing totals */
    char *period;                   /* the report's period label (doc/scoring.md §11, item 2) */
    char **sections;                /* top-level section ids, in the first agency's order */
    size_t n_sections;
    patuh_report_agency *agencies; /* in the report's (ranking) order */
    size_t n;
    struct patuh_idmap *by_id; /* internal: agency id -> agency; each id is there once */
} patuh_report_data;

/* Reads a JSON report; invalid JSON is a located error, and a file that is not JSON (a
 * workbook, CSV) an error saying how to write one. On PATUH_OK the caller owns *out. */
patuh_status patuh_report_read(const char *path, const patuh_limits *lim, patuh_report_data **out,
                               patuh_diags *diags);
/* The same from memory; `name` is used in messages. Borrows data. */
patuh_status patuh_report_read_buffer(const char *name, const char *data, size_t len,
                                      patuh_report_data **out, patuh_diags *diags);
void patuh_report_data_free(patuh_report_data *report); /* accepts NULL */

/* One agency across the periods. A step k (1 .. n_periods-1) goes from period k-1 to k. */
typedef struct patuh_compare_row {
    const patuh_report_agency **at; /* per period; NULL where the agency is absent */
    size_t *rank_from, *rank_to;    /* per step (index k-1): the ranks at periods k-1 and k
                                     * among the agencies in both; 0 unless in both */
} patuh_compare_row;

typedef struct patuh_comparison {
    const patuh_report_data **reports; /* borrowed, oldest first */
    size_t n_periods;
    patuh_compare_row *rows; /* the last report's order, then the others, latest seen first */
    size_t n_rows;
    size_t *n_both;      /* per step: agencies in both periods */
    bool method_changed; /* the rubric differs between some periods (compared with force) */
    const char **zones;  /* zone names, in order of first appearance (last, then previous) */
    size_t n_zones;
    size_t *matrix; /* the last step: [from zone * n_zones + to zone], agencies in both */
} patuh_comparison;

/* Matches agencies by id over n >= 2 reports, oldest first. Reports whose periods are
 * years out of order are an error; so are different rubric ids, unless `force`. */
patuh_status patuh_compare(const patuh_report_data *const *reports, size_t n, bool force,
                           patuh_comparison **out, patuh_diags *diags);
void patuh_comparison_free(patuh_comparison *comparison); /* accepts NULL */
/* The change of total over a step: the total at period k minus at k-1; NAN unless both
 * are known. */
double patuh_compare_change(const patuh_compare_row *row, size_t step);
/* Places moved up over a step among the agencies in both periods; 0 unless in both. */
long patuh_compare_rank_change(const patuh_compare_row *row, size_t step);
/* The change of top-level section `section` (an id) over a step; NAN unless known in both. */
double patuh_compare_section_change(const patuh_comparison *c, const patuh_compare_row *row,
                                    size_t step, const char *section);
/* Writes the comparison as a table, CSV, JSON or XLSX to `path` through a temporary file,
 * or (not XLSX) to standard output when path is NULL or "-". */
patuh_status patuh_compare_write(const patuh_comparison *comparison, patuh_format format,
                                 const char *path, const patuh_report_options *opt,
                                 patuh_diags *diags);

/* ---- scan: answers proposed from saved websites (doc/formats.md §3.10) ---------------- */

/* Every reader of a saved site is bounded; going over is a located error. */
typedef struct patuh_scan_limits {
    size_t max_page_bytes;   /* one saved page, or one WARC record's body */
    size_t max_pages;        /* pages read from one site */
    size_t max_record_bytes; /* one WARC record, uncompressed */
    unsigned max_ratio;      /* a WARC file: uncompressed / compressed size */
} patuh_scan_limits;

void patuh_scan_limits_default(patuh_scan_limits *lim);

/* Where a rule was first met: what an auditor needs to find it again. */
typedef struct patuh_scan_evidence {
    char *page;      /* the URL of a WARC record, or the saved file's path; NULL: not found */
    char *captured;  /* "2023-11-14T22:13:20Z": WARC-Date, or the file's time */
    char *xpath;     /* the element, as libxml2's xmlGetNodePath writes it */
    char *snippet;   /* its text (or the link's address), whitespace collapsed, cut short */
    char sha256[65]; /* of the page's bytes, hex */
} patuh_scan_evidence;

/* What was skipped in a site, and why. */
typedef enum patuh_scan_note_kind {
    PATUH_SCAN_NOTE_DIR_LINK,   /* a symbolic link to a directory, not followed */
    PATUH_SCAN_NOTE_PDF,        /* a PDF file or record, listed, not parsed */
    PATUH_SCAN_NOTE_LINKED_PDF, /* a link to a PDF, listed, not parsed */
    PATUH_SCAN_NOTE_COMPRESSED, /* a WARC record compressed as `other`, not read */
    PATUH_SCAN_NOTE_CHUNKED,    /* a WARC record with a malformed chunked body */
    PATUH_SCAN_NOTE_SAME,       /* a page with the bytes of page `other`, skipped */
    PATUH_SCAN_NOTE_NOT_HTML,   /* not read as HTML */
    PATUH_SCAN_NOTE_JS_SHELL,   /* only a JavaScript shell: needs a browser, check by hand */
    PATUH_SCAN_NOTE_KINDS
} patuh_scan_note_kind;

typedef struct patuh_scan_note {
    patuh_scan_note_kind kind;
    char *subject; /* the page, record or link */
    char *other;   /* the first page with the same bytes, the encoding; else NULL */
    char *text;    /* in English: "'a.html': the same bytes as 'b.html', skipped" */
} patuh_scan_note;

/* A note's text in English or Indonesian (patuh_scan_note_text in rubric_scan.c). */
const char *patuh_scan_note_text(const patuh_scan_note *note, patuh_lang lang, char *buf,
                                 size_t size);

typedef struct patuh_scan_site {
    char *path;                       /* as given */
    char *agency;                     /* the agency's id */
    size_t pages, duplicates, others; /* pages read; identical pages skipped; not pages */
    patuh_scan_note *notes;           /* what was skipped and why, sorted by their text */
    size_t n_notes;
    patuh_scan_evidence *found; /* scan->n_slots items: one per rule, rubric order */
} patuh_scan_site;

typedef struct patuh_scan {
    const patuh_rubric *rubric; /* borrowed */
    patuh_scan_limits limits;
    int64_t clamp;     /* a file's time later than this (SOURCE_DATE_EPOCH) is given as this */
    size_t *slot_base; /* per indicator (ind_index): its first slot, SIZE_MAX without scan */
    size_t n_slots;
    patuh_scan_site *sites; /* in the order given */
    size_t n_sites;
    const patuh_batch *agencies; /* borrowed, may be NULL: names and groups of agencies */
} patuh_scan;

/* A new scan for a rubric (borrowed); NULL when out of memory. lim may be NULL (defaults). */
patuh_scan *patuh_scan_new(const patuh_rubric *rubric, const patuh_scan_limits *lim);
void patuh_scan_free(patuh_scan *scan); /* accepts NULL */
/* Reads one saved site: a directory of pages or a WARC file (.warc, .warc.gz). Problems go
 * to diags; PATUH_EINVALID when diags gained an error. */
patuh_status patuh_scan_add_site(patuh_scan *scan, const char *path, patuh_diags *diags);
/* One site from memory (borrowed): a WARC file when `name` ends in .warc or .warc.gz, else a
 * single HTML page called `name`. For tests and fuzzing; the same checks as a file. */
patuh_status patuh_scan_add_buffer(patuh_scan *scan, const char *name, const char *data, size_t len,
                                   patuh_diags *diags);
/* The answer a site's findings propose for an indicator with a `scan:` block: a checklist's
 * count, or a list scale's level. */
double patuh_scan_value(const patuh_scan *scan, const patuh_scan_site *site,
                        const patuh_node *indicator);
/* Writes the proposed answers as YAML (`proposed_by: scan`, doc/formats.md §3.10), or for a
 * .xlsx path the evidence workbook, through a temporary file renamed into place. */
patuh_status patuh_scan_write(const patuh_scan *scan, const char *path,
                              const patuh_report_options *opt, patuh_diags *diags);
/* Writes the proposed answers as the XLSX answer form of `patuh template` (a .xlsx path):
 * every applicable indicator a row, those with a `scan:` block filled in (value, evidence,
 * note), marked "proposed by: scan" under the rubric id so `patuh score` reads them as
 * proposals (doc/formats.md §3.10 7). */
patuh_status patuh_scan_write_form(const patuh_scan *scan, const char *path,
                                   const patuh_report_options *opt, patuh_diags *diags);
/* The proposed answers as YAML to an open stream. */
patuh_status patuh_scan_write_stream(const patuh_scan *scan, FILE *out, patuh_diags *diags);

#endif
