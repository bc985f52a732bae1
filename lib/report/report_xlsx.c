/* report_xlsx.c — the ranking as an Excel workbook (libxlsxwriter 1.1.4): a ranking sheet as
 * an Excel table with zones filled in their colours, the summary, a sheet of every section
 * score, the indicator heat map, the gaps and an About sheet that says what produced the file;
 * and the helpers every workbook shares. Strings, sheet names and ranges are checked before
 * libxlsxwriter sees them, so it never prints; the creation time comes from opt->time
 * (SOURCE_DATE_EPOCH), so the same inputs give a byte-identical file. */
#include "report/report_xlsx.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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
    R_FIXED
};

static const report_label_id ranking_heads[R_FIXED] = {
    REPORT_L_RANK,   REPORT_L_GROUP_RANK, REPORT_L_ID,   REPORT_L_NAME,  REPORT_L_GROUP,
    REPORT_L_REGION, REPORT_L_TOTAL,      REPORT_L_BAND, REPORT_L_LABEL, REPORT_L_ZONE,
};

/* ---- the ranking sheet ------------------------------------------------------------- */

static bool xlsx_head_taken(const xlsx_ctx *x, const char *name)
{
    for (size_t i = 0; i < x->n_heads; i++)
        if (strcasecmp(x->heads[i], name) == 0)
            return true;
    return false;
}

/* A unique table column name (Excel rejects duplicates): `text`, or `text (id)` when
 * taken. Stored in x->heads; NULL when out of memory. */
static char *xlsx_head(xlsx_ctx *x, const char *text, const char *id)
{
    size_t n = xlsx_cut(text, XLSX_HEAD_MAX);
    char *head = str_ndup(text, n);
    if (head && id && xlsx_head_taken(x, head)) {
        char *alt = str_printf("%s (%s)", head, id);
        free(head);
        head = alt ? str_ndup(alt, xlsx_cut(alt, XLSX_HEAD_MAX)) : NULL;
        free(alt);
    }
    if (!head)
        return NULL;
    x->heads[x->n_heads++] = head;
    return head;
}

/* The column name of ranking column c. */
static char *ranking_head(xlsx_ctx *x, size_t c)
{
    const patuh_node *root = x->rubric->root;
    size_t k = root->n_children;
    patuh_lang lang = x->opt->lang;
    if (c < R_FIXED)
        return xlsx_head(x, report_label(ranking_heads[c], lang), NULL);
    if (c < R_FIXED + k) {
        const patuh_node *node = root->children[c - R_FIXED];
        return xlsx_head(x, node->title ? node->title : node->id, node->id);
    }
    if (c == R_FIXED + k)
        return xlsx_head(x, report_label(REPORT_L_UNANSWERED, lang), "n");
    if (c == R_FIXED + k + 1)
        return xlsx_head(x, report_label(REPORT_L_CRITICAL_FAILED, lang), "critical");
    if (c == R_FIXED + k + 2)
        return xlsx_head(x, report_label(REPORT_L_COVERAGE, lang), "coverage");
    return xlsx_head(x, report_label(REPORT_L_STATUS, lang), "status");
}

static void ranking_table(xlsx_ctx *x, lxw_worksheet *ws, size_t cols)
{
    lxw_table_column *colv = calloc(cols, sizeof *colv);
    lxw_table_column **colp = calloc(cols + 1, sizeof *colp);
    x->heads = calloc(cols, sizeof *x->heads);
    if (!colv || !colp || !x->heads) {
        xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        goto done;
    }
    for (size_t c = 0; c < cols; c++) {
        colv[c].header = ranking_head(x, c);
        if (!colv[c].header) {
            xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
            goto done;
        }
        double w = (double)report_utf8_width(colv[c].header) + 2.0; /* filter button */
        xlsx_fit(x, (lxw_col_t)c, w < XLSX_HEAD_WIDTH ? w : XLSX_HEAD_WIDTH);
        colv[c].header_format = x->head;
        xlsx_head_lines(x, colv[c].header);
        colp[c] = &colv[c];
    }
    lxw_table_options options = {
        .style_type = LXW_TABLE_STYLE_TYPE_MEDIUM, .style_type_number = 2, .columns = colp};
    lxw_row_t last = x->batch->n_agencies > 0 ? (lxw_row_t)x->batch->n_agencies : 1;
    if (x->err == LXW_NO_ERROR)
        xlsx_fail(x, worksheet_add_table(ws, 0, 0, last, (lxw_col_t)(cols - 1), &options));
done:
    free(colp);
    free(colv);
}

static void ranking_row(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, const patuh_agency *a)
{
    const patuh_rubric *rubric = x->rubric;
    const patuh_node *root = rubric->root;
    const patuh_zone *zone = report_zone(rubric, a);
    lxw_format *fill = zone ? x->zones[zone - rubric->zones] : NULL;
    if (report_ranked(a)) { /* unranked: the cells stay empty (doc/scoring.md §12) */
        xlsx_num(x, ws, row, R_RANK, (double)a->rank, NULL);
        xlsx_num(x, ws, row, R_GROUP_RANK, (double)a->group_rank, NULL);
    }
    xlsx_str(x, ws, row, R_ID, a->id, NULL);
    xlsx_str(x, ws, row, R_NAME, a->name, NULL);
    xlsx_str(x, ws, row, R_GROUP, report_group(rubric, a), NULL);
    xlsx_str(x, ws, row, R_REGION, a->region, NULL);
    xlsx_score(x, ws, row, R_TOTAL, a->total);
    xlsx_str(x, ws, row, R_BAND, report_band_id(rubric, a), NULL);
    xlsx_str(x, ws, row, R_LABEL, a->label, NULL);
    xlsx_str(x, ws, row, R_ZONE, zone ? zone->name : NULL, fill);
    lxw_col_t col = R_FIXED;
    for (size_t i = 0; i < root->n_children; i++, col++)
        xlsx_score(x, ws, row, col, report_node_score(x->batch, a, root->children[i]));
    xlsx_num(x, ws, row, col++, (double)a->unanswered, NULL);
    char *critical = report_critical_ids(a, ", ");
    if (!critical)
        xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    else if (*critical)
        xlsx_str(x, ws, row, col, critical, NULL);
    free(critical);
    xlsx_num(x, ws, row, col + 1, a->coverage, x->percent);
    xlsx_str(x, ws, row, col + 2, report_assessment(a, x->opt->lang), NULL);
}

static void xlsx_ranking(xlsx_ctx *x)
{
    size_t cols = R_FIXED + x->rubric->root->n_children + 4;
    lxw_worksheet *ws = xlsx_sheet(x, REPORT_L_SHEET_RANKING);
    if (!ws || !xlsx_widths_begin(x, cols))
        return;
    for (size_t i = 0; i < x->batch->n_agencies; i++)
        ranking_row(x, ws, (lxw_row_t)(i + 1), x->batch->agencies[i]);
    ranking_table(x, ws, cols);
    worksheet_freeze_panes(ws, 1, 0);
    xlsx_widths_apply(x, ws);
}

/* ---- the sections sheet: every section (pre-order) per agency ---------------------- */

static bool xlsx_is_section(const patuh_rubric *rubric, size_t i)
{
    return i > 0 && !rubric->nodes[i]->is_indicator;
}

static void sections_header(xlsx_ctx *x, lxw_worksheet *ws)
{
    const patuh_rubric *rubric = x->rubric;
    xlsx_head_cell(x, ws, 0, report_label(REPORT_L_RANK, x->opt->lang));
    xlsx_head_cell(x, ws, 1, report_label(REPORT_L_ID, x->opt->lang));
    xlsx_head_cell(x, ws, 2, report_label(REPORT_L_NAME, x->opt->lang));
    lxw_col_t col = 3;
    for (size_t i = 0; i < rubric->n_nodes && x->err == LXW_NO_ERROR; i++) {
        if (!xlsx_is_section(rubric, i))
            continue;
        const patuh_node *node = rubric->nodes[i];
        char *head = str_printf("%s %s", node->id, node->title ? node->title : "");
        if (!head)
            xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        xlsx_head_cell(x, ws, col++, head);
        free(head);
    }
}

static void sections_row(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, const patuh_agency *a)
{
    const patuh_rubric *rubric = x->rubric;
    xlsx_num(x, ws, row, 0, (double)a->rank, NULL);
    xlsx_str(x, ws, row, 1, a->id, NULL);
    xlsx_str(x, ws, row, 2, a->name, NULL);
    lxw_col_t col = 3;
    for (size_t i = 0; i < rubric->n_nodes; i++)
        if (xlsx_is_section(rubric, i))
            xlsx_score(x, ws, row, col++, report_node_score(x->batch, a, rubric->nodes[i]));
}

static void xlsx_sections(xlsx_ctx *x, size_t cols)
{
    lxw_worksheet *ws = xlsx_sheet(x, REPORT_L_SHEET_SECTIONS);
    if (!ws || !xlsx_widths_begin(x, cols))
        return;
    sections_header(x, ws);
    for (size_t i = 0; i < x->batch->n_agencies; i++)
        sections_row(x, ws, (lxw_row_t)(i + 1), x->batch->agencies[i]);
    lxw_row_t last = (lxw_row_t)x->batch->n_agencies;
    if (x->err == LXW_NO_ERROR)
        xlsx_fail(x, worksheet_autofilter(ws, 0, 0, last, (lxw_col_t)(cols - 1)));
    xlsx_color_scale(x, ws, 1, 3, last, (lxw_col_t)(cols - 1), 0, x->rubric->max);
    worksheet_freeze_panes(ws, 1, 3);
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
    xlsx_num(s->x, s->ws, s->row, 1, n, NULL);
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
    about_text(s, REPORT_L_RUBRIC_FILE, rubric->path, NULL);
    about_text(s, REPORT_L_SHA256, hex, NULL);
}

static void about_run(about_sheet *s)
{
    const patuh_batch *batch = s->x->batch;
    const patuh_diags *warnings = s->x->opt->warnings;
    char hex[65], when[32];
    for (size_t i = 0; i < batch->n_inputs; i++) {
        sha256_hex(batch->inputs[i].sha256, hex);
        about_text(s, REPORT_L_INPUT, batch->inputs[i].path, hex);
    }
    about_text(s, REPORT_L_OPTIONS, s->x->opt->options ? s->x->opt->options : "", NULL);
    xlsx_time_text(s->x->opt->time, when, sizeof when);
    about_text(s, REPORT_L_TIME, when, NULL);
    about_count(s, REPORT_L_N_AGENCIES, (double)batch->n_agencies);
    about_count(s, REPORT_L_N_UNITS, (double)batch->n_units);
    about_count(s, REPORT_L_N_ANSWERS, (double)batch->n_answers);
    about_count(s, REPORT_L_N_WARNINGS, (double)(warnings ? warnings->count : 0));
}

static void about_warnings(about_sheet *s)
{
    const patuh_diags *warnings = s->x->opt->warnings;
    for (size_t i = 0; warnings && i < warnings->count && s->x->err == LXW_NO_ERROR; i++) {
        char *text = report_diag_text(&warnings->items[i]);
        if (!text)
            xlsx_fail(s->x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        about_text(s, REPORT_L_WARNING, text, NULL);
        free(text);
    }
}

void xlsx_about(xlsx_ctx *x)
{
    about_sheet s = {x, xlsx_sheet(x, REPORT_L_SHEET_ABOUT), 1};
    if (!s.ws)
        return;
    xlsx_str(x, s.ws, 0, 0, report_label(REPORT_L_ABOUT_ITEM, x->opt->lang), x->head);
    xlsx_str(x, s.ws, 0, 1, report_label(REPORT_L_ABOUT_VALUE, x->opt->lang), x->head);
    about_rubric(&s);
    about_run(&s);
    about_warnings(&s);
    if (x->err == LXW_NO_ERROR)
        xlsx_fail(x, worksheet_set_column(s.ws, 0, 0, 24, NULL));
    if (x->err == LXW_NO_ERROR)
        xlsx_fail(x, worksheet_set_column(s.ws, 1, 1, 70, NULL));
    if (x->err == LXW_NO_ERROR)
        xlsx_fail(x, worksheet_set_column(s.ws, 2, 2, 66, NULL));
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
    if (cols + R_FIXED + 2 > LXW_COL_MAX) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, name, 0, 0,
                        "too many sections or indicators for one worksheet: %zu, expected at "
                        "most %d",
                        cols, LXW_COL_MAX - R_FIXED - 2);
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
        size_t n_sections;
        xlsx_check_size(batch, name, &n_sections, diags);
        xlsx_ranking(&x);
        xlsx_summary(&x);
        xlsx_sections(&x, n_sections + 3);
        xlsx_indicators(&x);
        xlsx_units(&x);
        xlsx_gaps(&x, gaps, gaps ? batch->n_agencies : 0);
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
