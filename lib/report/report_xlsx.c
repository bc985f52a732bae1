/* report_xlsx.c — the ranking as an Excel workbook (libxlsxwriter 1.1.4, doc/formats.md §4.5):
 * a title block over the ranking as an Excel table with zones filled in their colours, the
 * summary, a sheet of every section score, the indicators, the gaps, the long Data sheet for
 * pivot tables and an About sheet that says what produced the file. Strings, sheet names and ranges
 * are checked before libxlsxwriter sees them, so it never prints; the creation time comes from
 * opt->time (SOURCE_DATE_EPOCH), so the same inputs give a byte-identical file. */
#include "report/report_xlsx.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum ranking_col {
    R_RANK,
    R_GROUP_RANK,
    R_ID,
    R_NAME,
    R_GROUP,
    R_REGION,
    R_TOTAL,
    R_BAND,
    R_LABEL,
    R_ZONE,
    R_STATUS, /* printed when an agency is not ranked: it says why its rank is empty */
    R_UNANSWERED,
    R_CRITICAL,
    R_COVERAGE,
    R_SAMPLING, /* only when the rubric has coverage (doc/scoring.md §14) */
    R_COLS
};

static const report_label_id ranking_heads[R_COLS] = {
    REPORT_L_RANK,
    REPORT_L_GROUP_RANK,
    REPORT_L_ID,
    REPORT_L_NAME,
    REPORT_L_GROUP,
    REPORT_L_REGION,
    REPORT_L_TOTAL,
    REPORT_L_BAND,
    REPORT_L_LABEL,
    REPORT_L_ZONE,
    REPORT_L_STATUS,
    REPORT_L_UNANSWERED,
    REPORT_L_CRITICAL_FAILED,
    REPORT_L_COVERAGE,
    REPORT_L_SAMPLING,
};

/* ---- the ranking sheet ------------------------------------------------------------- */

/* An Excel table of `cols` columns headed by labels over rows first..last (first: the header
 * row), with filters; bit c of `numeric` right-aligns the header of a column of numbers. */
static void xlsx_table(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t first, lxw_row_t last,
                       const report_label_id *heads, size_t cols, uint32_t numeric)
{
    lxw_table_column colv[32], *colp[33];
    if (cols > 32 || x->err != LXW_NO_ERROR)
        return;
    memset(colv, 0, sizeof colv);
    for (size_t c = 0; c < cols; c++) {
        /* libxlsxwriter copies the header and only reads it */
        colv[c].header = (char *)report_label(heads[c], x->opt->lang);
        colv[c].header_format = numeric >> c & 1 ? x->head_num : x->head;
        double w = (double)report_utf8_width(colv[c].header) + 2.0; /* filter button */
        xlsx_fit(x, (lxw_col_t)c, w < XLSX_HEAD_WIDTH ? w : XLSX_HEAD_WIDTH);
        xlsx_head_lines(x, colv[c].header);
        colp[c] = &colv[c];
    }
    colp[cols] = NULL;
    lxw_table_options options = {
        .style_type = LXW_TABLE_STYLE_TYPE_MEDIUM, .style_type_number = 2, .columns = colp};
    xlsx_fail(x, worksheet_add_table(ws, first, 0, last > first ? last : first + 1,
                                     (lxw_col_t)(cols - 1), &options));
}

static void ranking_row(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, const patuh_agency *a)
{
    const patuh_rubric *rubric = x->rubric;
    const patuh_zone *zone = report_zone(rubric, a);
    lxw_format *fill = zone ? x->zones[zone - rubric->zones] : NULL;
    char group[256], zname[256];
    if (report_ranked(a)) { /* unranked: the cells stay empty (doc/scoring.md §12) */
        xlsx_num(x, ws, row, R_RANK, (double)a->rank, NULL);
        xlsx_num(x, ws, row, R_GROUP_RANK, (double)a->group_rank, NULL);
    }
    xlsx_str(x, ws, row, R_ID, a->id, NULL);
    xlsx_str(x, ws, row, R_NAME, a->name, NULL);
    xlsx_str(x, ws, row, R_GROUP, xlsx_label(report_group(rubric, a), group, sizeof group), NULL);
    xlsx_str(x, ws, row, R_REGION, a->region, NULL);
    xlsx_score(x, ws, row, R_TOTAL, a->total);
    xlsx_str(x, ws, row, R_BAND, report_band_id(rubric, a), x->center);
    xlsx_str(x, ws, row, R_LABEL, a->label, NULL);
    xlsx_str(x, ws, row, R_ZONE, zone ? xlsx_label(zone->name, zname, sizeof zname) : NULL, fill);
    xlsx_str(x, ws, row, R_STATUS, report_assessment(a, x->opt->lang), NULL);
    xlsx_num(x, ws, row, R_UNANSWERED, (double)a->unanswered, NULL);
    char *critical = report_critical_ids(a, ", ");
    if (!critical)
        xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    else if (*critical)
        xlsx_str(x, ws, row, R_CRITICAL, critical, NULL);
    free(critical);
    xlsx_num(x, ws, row, R_COVERAGE, a->coverage, x->percent);
    if (rubric->n_coverage)
        xlsx_sampling_cell(x, ws, row, R_SAMPLING, a);
}

/* The periods of the agencies, each once in the order met, joined by ", ". */
static void book_periods(const patuh_batch *batch, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < batch->n_agencies && used + 1 < size; i++) {
        const char *p = batch->agencies[i]->period;
        bool seen = !p || !*p;
        for (size_t j = 0; j < i && !seen; j++)
            seen = batch->agencies[j]->period && strcmp(batch->agencies[j]->period, p) == 0;
        if (seen)
            continue;
        int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "", p);
        used = n < 0 ? size : used + (size_t)n;
    }
}

/* One line of the title block: "Label: text". */
static void book_line(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t *row, report_label_id label,
                      const char *text)
{
    if (!text || !*text)
        return;
    char *line = str_printf("%s: %s", report_label(label, x->opt->lang), text);
    if (!line)
        xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    xlsx_str(x, ws, (*row)++, 0, line, x->text);
    free(line);
}

/* The title block above the ranking: title, rubric, period, office, date. Returns the row
 * of the table's header, one blank row below it. */
static lxw_row_t book_title(xlsx_ctx *x, lxw_worksheet *ws)
{
    const patuh_rubric *rubric = x->rubric;
    lxw_row_t row = 0;
    char text[1024];
    xlsx_str(x, ws, row, 0, x->opt->title ? x->opt->title : rubric->title, x->title);
    if (x->err == LXW_NO_ERROR)
        xlsx_fail(x, worksheet_set_row(ws, row++, 21, NULL));
    if (rubric->year)
        snprintf(text, sizeof text, "%s (%s, %d)", rubric->title, rubric->id, rubric->year);
    else
        snprintf(text, sizeof text, "%s (%s)", rubric->title, rubric->id);
    book_line(x, ws, &row, REPORT_L_BOOK_RUBRIC, text);
    book_periods(x->batch, text, sizeof text);
    book_line(x, ws, &row, REPORT_L_PERIOD, text);
    book_line(x, ws, &row, REPORT_L_BOOK_OFFICE, x->opt->office);
    xlsx_local_time(x, false, text, sizeof text);
    book_line(x, ws, &row, REPORT_L_BOOK_DATE, text);
    return row + 1;
}

/* Below the ranking (a blank row apart, outside the table), one line per agency whose band
 * the critical cap lowered: on paper the failed indicators' column is not printed, and a
 * total of 90 beside a C must explain itself (doc/scoring.md §7.2). */
static void ranking_cap_notes(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row)
{
    for (size_t i = 0; i < x->batch->n_agencies && x->err == LXW_NO_ERROR; i++) {
        const patuh_agency *a = x->batch->agencies[i];
        if (!a->capped)
            continue;
        char *ids = report_critical_ids(a, ", ");
        char *line =
            ids ? str_printf("* %s: %s %s, %s: %s", a->id,
                             report_label(REPORT_L_BAND_CAPPED, x->opt->lang),
                             report_band_id(x->rubric, a),
                             report_label(REPORT_L_CRITICAL_FAILED_NOTE, x->opt->lang), ids)
                : NULL;
        if (!line)
            xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        else
            xlsx_str(x, ws, row++, 0, line, x->text);
        free(line);
        free(ids);
    }
}

static void xlsx_ranking(xlsx_ctx *x)
{
    size_t cols = x->rubric->n_coverage ? R_COLS : R_SAMPLING;
    lxw_worksheet *ws = xlsx_sheet(x, REPORT_L_SHEET_RANKING);
    if (!ws)
        return;
    lxw_row_t head = book_title(x, ws); /* before the widths: the block overflows, not widens */
    if (!xlsx_widths_begin(x, cols))
        return;
    x->head_row = head;
    for (size_t i = 0; i < x->batch->n_agencies; i++)
        ranking_row(x, ws, head + (lxw_row_t)(i + 1), x->batch->agencies[i]);
    uint32_t numeric =
        1u << R_RANK | 1u << R_GROUP_RANK | 1u << R_TOTAL | 1u << R_UNANSWERED | 1u << R_COVERAGE;
    xlsx_table(x, ws, head, head + (lxw_row_t)x->batch->n_agencies, ranking_heads, cols, numeric);
    ranking_cap_notes(x, ws, head + (lxw_row_t)x->batch->n_agencies + 2);
    worksheet_freeze_panes(ws, head + 1, 0);
    x->keep_cols = R_NAME;
    /* printed: rank to zone, and the status when an agency is not ranked; the counts are for
     * filters */
    bool all_ranked = true;
    for (size_t i = 0; i < x->batch->n_agencies; i++)
        all_ranked = all_ranked && report_ranked(x->batch->agencies[i]);
    x->print_cols = all_ranked ? R_STATUS : R_STATUS + 1;
    xlsx_widths_apply(x, ws);
}

/* ---- the sections sheet: every section (pre-order) per agency ---------------------- */

static bool xlsx_is_section(const patuh_rubric *rubric, size_t i)
{
    return i > 0 && !rubric->nodes[i]->is_indicator;
}

/* A section shown on the Sections sheet: not the only child of a section, whose score it
 * repeats. */
static bool xlsx_section_shown(const patuh_rubric *rubric, size_t i)
{
    const patuh_node *parent = xlsx_is_section(rubric, i) ? rubric->nodes[i]->parent : NULL;
    return parent && (parent == rubric->root || parent->n_children > 1);
}

/* Two header rows: the sections' titles above, their ids below in the row that carries the
 * filters. */
static void sections_header(xlsx_ctx *x, lxw_worksheet *ws)
{
    const patuh_rubric *rubric = x->rubric;
    patuh_lang lang = x->opt->lang;
    xlsx_str(x, ws, 1, 0, report_label(REPORT_L_RANK, lang), x->head_num);
    xlsx_str(x, ws, 1, 1, report_label(REPORT_L_ID, lang), x->head);
    xlsx_str(x, ws, 1, 2, report_label(REPORT_L_NAME, lang), x->head);
    lxw_col_t col = 3;
    for (size_t i = 0; i < rubric->n_nodes && x->err == LXW_NO_ERROR; i++) {
        if (!xlsx_section_shown(rubric, i))
            continue;
        const patuh_node *node = rubric->nodes[i];
        xlsx_head_num(x, ws, col, node->title ? node->title : node->id);
        xlsx_str(x, ws, 1, col++, node->id, x->head_num);
    }
}

static void sections_row(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, const patuh_agency *a)
{
    const patuh_rubric *rubric = x->rubric;
    if (report_ranked(a))
        xlsx_num(x, ws, row, 0, (double)a->rank, NULL);
    xlsx_str(x, ws, row, 1, a->id, NULL);
    xlsx_str(x, ws, row, 2, a->name, NULL);
    lxw_col_t col = 3;
    for (size_t i = 0; i < rubric->n_nodes; i++)
        if (xlsx_section_shown(rubric, i))
            xlsx_score(x, ws, row, col++, report_node_score(x->batch, a, rubric->nodes[i]));
}

static void xlsx_sections(xlsx_ctx *x)
{
    size_t cols = 3;
    for (size_t i = 0; i < x->rubric->n_nodes; i++)
        cols += xlsx_section_shown(x->rubric, i);
    lxw_worksheet *ws = xlsx_sheet(x, REPORT_L_SHEET_SECTIONS);
    if (!ws || !xlsx_widths_begin(x, cols))
        return;
    x->head_rows = 2;
    sections_header(x, ws);
    for (size_t i = 0; i < x->batch->n_agencies; i++)
        sections_row(x, ws, (lxw_row_t)(i + 2), x->batch->agencies[i]);
    lxw_row_t last = (lxw_row_t)x->batch->n_agencies + 1;
    if (x->err == LXW_NO_ERROR)
        xlsx_fail(x, worksheet_autofilter(ws, 1, 0, last, (lxw_col_t)(cols - 1)));
    xlsx_color_scale(x, ws, 2, 3, last, (lxw_col_t)(cols - 1), 0, x->rubric->max);
    worksheet_freeze_panes(ws, 2, 3);
    x->keep_cols = 2;
    xlsx_widths_apply(x, ws);
}

/* ---- the data sheet: one row per agency and section, for pivot tables ---------------- */

enum data_col {
    D_ID,
    D_NAME,
    D_GROUP,
    D_REGION,
    D_PERIOD,
    D_SECTION_ID,
    D_SECTION,
    D_SCORE,
    D_BAND,
    D_ZONE,
    D_LEVEL,
    D_COLS
};

static const report_label_id data_heads[D_COLS] = {
    REPORT_L_ID,     REPORT_L_NAME,       REPORT_L_GROUP,         REPORT_L_REGION,
    REPORT_L_PERIOD, REPORT_L_SECTION_ID, REPORT_L_SECTION,       REPORT_L_TOTAL,
    REPORT_L_BAND,   REPORT_L_ZONE,       REPORT_L_SECTION_LEVEL,
};

/* How deep a section lies: 1 for a top-level section. */
static unsigned data_level(const patuh_node *node)
{
    unsigned level = 0;
    for (const patuh_node *n = node; n && n->parent; n = n->parent)
        level++;
    return level;
}

/* A period: a number when it is one (a year such as 2024), else its text. */
static void data_period(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, const char *period)
{
    size_t n = period ? strspn(period, "0123456789") : 0;
    if (n > 0 && n <= 9 && period[n] == '\0')
        xlsx_num(x, ws, row, D_PERIOD, strtod(period, NULL), x->whole);
    else
        xlsx_str(x, ws, row, D_PERIOD, period, NULL);
}

static void data_row(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, const patuh_agency *a,
                     const patuh_node *node)
{
    const patuh_rubric *r = x->rubric;
    char group[256], zone[256];
    double score = report_node_score(x->batch, a, node);
    xlsx_str(x, ws, row, D_ID, a->id, NULL);
    xlsx_str(x, ws, row, D_NAME, a->name, NULL);
    xlsx_str(x, ws, row, D_GROUP, xlsx_label(report_group(r, a), group, sizeof group), NULL);
    xlsx_str(x, ws, row, D_REGION, a->region, NULL);
    data_period(x, ws, row, a->period);
    xlsx_str(x, ws, row, D_SECTION_ID, node->id, NULL);
    xlsx_str(x, ws, row, D_SECTION, node->title ? node->title : node->id, NULL);
    xlsx_score(x, ws, row, D_SCORE, score);
    if (!isnan(score)) { /* the section's own band and zone by the rubric's bands, no cap */
        const patuh_band *band = &r->bands[patuh_rubric_band(r, report_round(r, score))];
        const patuh_zone *z = &r->zones[band->zone];
        xlsx_str(x, ws, row, D_BAND, band->id, x->center);
        xlsx_str(x, ws, row, D_ZONE, xlsx_label(z->name, zone, sizeof zone), x->zones[band->zone]);
    }
    xlsx_num(x, ws, row, D_LEVEL, (double)data_level(node), NULL);
}

static void xlsx_data(xlsx_ctx *x)
{
    const patuh_rubric *r = x->rubric;
    lxw_worksheet *ws = xlsx_sheet(x, REPORT_L_SHEET_DATA);
    if (!ws || !xlsx_widths_begin(x, D_COLS))
        return;
    lxw_row_t row = 1;
    size_t cut = 0;
    for (size_t k = 0; k < x->batch->n_agencies; k++)
        for (size_t i = 0; i < r->n_nodes; i++) {
            if (!xlsx_is_section(r, i))
                continue;
            if (row > XLSX_ROWS_MAX) { /* a listing sheet's bound */
                cut++;
                continue;
            }
            data_row(x, ws, row++, x->batch->agencies[k], r->nodes[i]);
        }
    if (cut)
        patuh_diags_add(x->diags, PATUH_SEV_WARNING, NULL, 0, 0,
                        "%zu rows left off the '%s' sheet, expected at most %d rows", cut,
                        report_label(REPORT_L_SHEET_DATA, x->opt->lang), XLSX_ROWS_MAX);
    xlsx_table(x, ws, 0, row - 1, data_heads, D_COLS, 1u << D_SCORE | 1u << D_LEVEL);
    worksheet_freeze_panes(ws, 1, 0);
    x->keep_cols = D_NAME;
    xlsx_widths_apply(x, ws);
}

/* ---- the About sheet ---------------------------------------------------------------- */

typedef struct about_sheet {
    xlsx_ctx *x;
    lxw_worksheet *ws;
    lxw_row_t row;
} about_sheet;

/* One row: a label, a text and an optional second text. Stops before the last row. */
static void about_text(about_sheet *s, report_label_id label, const char *text, const char *extra)
{
    if (s->row >= LXW_ROW_MAX)
        return;
    xlsx_str(s->x, s->ws, s->row, 0, report_label(label, s->x->opt->lang), s->x->bold);
    xlsx_str(s->x, s->ws, s->row, 1, text, NULL);
    xlsx_str(s->x, s->ws, s->row, 2, extra, NULL);
    s->row++;
}

static void about_count(about_sheet *s, report_label_id label, double n)
{
    if (s->row >= LXW_ROW_MAX)
        return;
    xlsx_str(s->x, s->ws, s->row, 0, report_label(label, s->x->opt->lang), s->x->bold);
    xlsx_num(s->x, s->ws, s->row, 1, n, s->x->num_left);
    s->row++;
}

static void about_rubric(about_sheet *s)
{
    const patuh_rubric *rubric = s->x->rubric;
    char hex[65];
    sha256_hex(rubric->sha256, hex);
    about_text(s, REPORT_L_VERSION, PATUH_VERSION, NULL);
    about_text(s, REPORT_L_RUBRIC_ID, rubric->id, NULL);
    about_text(s, REPORT_L_RUBRIC_TITLE, rubric->title, NULL);
    if (rubric->authority)
        about_text(s, REPORT_L_AUTHORITY, rubric->authority, NULL);
    if (rubric->year)
        about_count(s, REPORT_L_YEAR, rubric->year);
    about_count(s, REPORT_L_DECIMALS, rubric->decimals); /* compare reads them back */
    about_text(s, REPORT_L_RUBRIC_FILE, rubric->path, NULL);
    about_text(s, REPORT_L_SHA256, hex, NULL);
}

static void about_run(about_sheet *s)
{
    const patuh_batch *batch = s->x->batch;
    const patuh_diags *warnings = s->x->opt->warnings;
    char hex[65], when[96];
    char sum[80];
    for (size_t i = 0; i < batch->n_inputs; i++) {
        sha256_hex(batch->inputs[i].sha256, hex);
        snprintf(sum, sizeof sum, "SHA-256 %s", hex);
        about_text(s, REPORT_L_INPUT, batch->inputs[i].path, sum);
    }
    about_text(s, REPORT_L_OPTIONS, s->x->opt->options ? s->x->opt->options : "", NULL);
    xlsx_local_time(s->x, true, when, sizeof when);
    about_text(s, REPORT_L_LOCAL_TIME, when, NULL);
    about_count(s, REPORT_L_N_AGENCIES, (double)batch->n_agencies);
    about_count(s, REPORT_L_N_UNITS, (double)batch->n_units);
    about_count(s, REPORT_L_N_ANSWERS, (double)batch->n_answers);
    about_count(s, REPORT_L_N_WARNINGS, (double)(warnings ? warnings->count : 0));
}

/* Where a warning points: "FILE:LINE:COL" or "FILE, SHEET!CELL"; caller frees. */
static char *about_where(const patuh_diag *d)
{
    const char *file = d->file ? d->file : "";
    if (d->sheet && d->cell)
        return str_printf("%s, %s!%s", file, d->sheet, d->cell);
    if (d->line && d->col)
        return str_printf("%s:%u:%u", file, d->line, d->col);
    if (d->line)
        return str_printf("%s:%u", file, d->line);
    return str_dup(file);
}

/* Each warning: its text, then where it points (the text is in the language of messages:
 * --lang, else the locale). */
static void about_warnings(about_sheet *s)
{
    const patuh_diags *warnings = s->x->opt->warnings;
    for (size_t i = 0; warnings && i < warnings->count && s->x->err == LXW_NO_ERROR; i++) {
        char *where = about_where(&warnings->items[i]);
        if (!where)
            xlsx_fail(s->x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        about_text(s, REPORT_L_WARNING, warnings->items[i].message, where);
        free(where);
    }
}

void xlsx_about(xlsx_ctx *x)
{
    about_sheet s = {x, xlsx_sheet(x, REPORT_L_SHEET_ABOUT), 1};
    if (!s.ws || !xlsx_widths_begin(x, 3))
        return;
    patuh_lang lang = x->opt->lang;
    xlsx_head_cell(x, s.ws, 0, report_label(REPORT_L_ABOUT_ITEM, lang));
    xlsx_head_cell(x, s.ws, 1, report_label(REPORT_L_ABOUT_VALUE, lang));
    xlsx_head_cell(x, s.ws, 2, report_label(REPORT_L_NOTE, lang));
    about_rubric(&s);
    about_run(&s);
    about_warnings(&s);
    if (x->err == LXW_NO_ERROR)
        xlsx_fail(x, worksheet_autofilter(s.ws, 0, 0, s.row - 1, 2));
    worksheet_freeze_panes(s.ws, 1, 0);
    xlsx_widths_apply(x, s.ws);
}

/* ---- the workbooks ------------------------------------------------------------------ */

/* Refuses what does not fit in a worksheet, before anything is written: the agencies as
 * rows, the sections and the indicators as columns. */
static patuh_status xlsx_check_size(const patuh_batch *batch, const char *name, size_t *n_sections,
                                    patuh_diags *diags)
{
    const patuh_rubric *rubric = batch->rubric;
    *n_sections = 0;
    for (size_t i = 0; i < rubric->n_nodes; i++)
        *n_sections += xlsx_is_section(rubric, i);
    size_t cols = *n_sections > rubric->n_indicators ? *n_sections : rubric->n_indicators;
    if (batch->n_agencies + 1 >= LXW_ROW_MAX) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, name, 0, 0,
                        "too many agencies for one worksheet: %zu, expected at most %d",
                        batch->n_agencies, LXW_ROW_MAX - 2);
        return PATUH_EINVALID;
    }
    if (cols + R_COLS > LXW_COL_MAX) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, name, 0, 0,
                        "too many sections or indicators for one worksheet: %zu, expected at "
                        "most %d",
                        cols, LXW_COL_MAX - R_COLS);
        return PATUH_EINVALID;
    }
    return PATUH_OK;
}

/* The zone colours of the rubric, for xlsx_open; caller frees. */
static const char **xlsx_rubric_colors(const patuh_rubric *rubric)
{
    const char **colors = calloc(rubric->n_zones ? rubric->n_zones : 1, sizeof *colors);
    for (size_t z = 0; colors && z < rubric->n_zones; z++)
        colors[z] = rubric->zones[z].color;
    return colors;
}

static patuh_status xlsx_begin(xlsx_ctx *x, const patuh_batch *batch, const char *path,
                               const char *name, report_label_id subject,
                               const patuh_report_options *opt, patuh_diags *diags)
{
    size_t n_sections;
    patuh_status st = xlsx_check_size(batch, name, &n_sections, diags);
    if (st != PATUH_OK)
        return st;
    const char **colors = xlsx_rubric_colors(batch->rubric);
    if (!colors)
        return PATUH_ENOMEM;
    memset(x, 0, sizeof *x);
    x->batch = batch;
    x->rubric = batch->rubric;
    x->opt = opt;
    st = xlsx_open(x, path, name, batch->rubric->title, subject, colors, batch->rubric->n_zones,
                   diags);
    free(colors);
    return st;
}

patuh_status report_write_xlsx(const report_subject *s, const char *path, const char *name,
                               const patuh_report_options *opt, patuh_diags *diags)
{
    const patuh_batch *batch = s->batch;
    const patuh_gaps *gaps = opt->gaps;
    xlsx_ctx x;
    patuh_status st = xlsx_begin(&x, batch, path, name, REPORT_L_SUBJECT, opt, diags);
    if (st == PATUH_OK) {
        xlsx_ranking(&x);
        xlsx_summary(&x);
        xlsx_sections(&x);
        xlsx_indicators(&x);
        xlsx_units(&x);
        xlsx_gaps(&x, gaps, gaps ? batch->n_agencies : 0);
        xlsx_data(&x);
        xlsx_about(&x);
        st = xlsx_close(&x, name, diags);
    }
    return st;
}

patuh_status report_write_gaps_xlsx(const report_subject *s, const char *path, const char *name,
                                    const patuh_report_options *opt, patuh_diags *diags)
{
    const patuh_batch *batch = s->batch;
    const patuh_gaps *gaps = s->gaps;
    size_t n = s->n_gaps;
    xlsx_ctx x;
    patuh_status st = xlsx_begin(&x, batch, path, name, REPORT_L_GAPS_SUBJECT, opt, diags);
    if (st != PATUH_OK)
        return st;
    xlsx_gaps(&x, gaps, n);
    xlsx_gap_paths(&x, gaps, n);
    xlsx_about(&x);
    return xlsx_close(&x, name, diags);
}
