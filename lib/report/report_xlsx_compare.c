/* report_xlsx_compare.c — the comparison of reports over two or more periods as a workbook
 * (doc/formats.md §4.7): the table of every agency (by name, with group and region; per
 * period total, rank, band and zone, zones filled in their colours; per step the signed
 * change and the places moved among the agencies in both; the last step's section changes),
 * the zone transition matrix with the biggest risers and fallers and their chart, for three
 * or more periods a trend sheet with a line per agency, and an About sheet. A JSON report
 * names zones but not their colours, so the colours are those of the shipped rubrics' zones. */
#include "report/report_xlsx.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MOVERS 5

/* The colours of the zone names the shipped rubrics use, in Indonesian and English. */
static const char *const zone_palette[][2] = {
    {"hijau", "#63BE7B"}, {"green", "#63BE7B"}, {"kuning", "#FFEB84"}, {"yellow", "#FFEB84"},
    {"merah", "#F8696B"}, {"red", "#F8696B"},   {"hitam", "#404040"},  {"black", "#404040"},
};

static const char *zone_color(const char *name)
{
    for (size_t i = 0; i < sizeof zone_palette / sizeof zone_palette[0]; i++)
        if (strcasecmp(name, zone_palette[i][0]) == 0)
            return zone_palette[i][1];
    return NULL;
}

static lxw_format *zone_format(const xlsx_ctx *x, const patuh_comparison *c, const char *name)
{
    for (size_t z = 0; name && z < c->n_zones; z++)
        if (strcmp(c->zones[z], name) == 0)
            return x->zones[z];
    return NULL;
}

/* ---- the comparison table ---------------------------------------------------------- */

enum { C_NAME, C_ID, C_GROUP, C_REGION, C_STATUS, C_LEAD, C_PER_PERIOD = 4, C_PER_STEP = 2 };

static double cmp_round(const xlsx_ctx *x, double v)
{
    return isnan(v) ? v : patuh_round(v, x->decimals);
}

static size_t cmp_cols(const patuh_comparison *c)
{
    const patuh_report_data *last = c->reports[c->n_periods - 1];
    return C_LEAD + C_PER_PERIOD * c->n_periods + C_PER_STEP * (c->n_periods - 1) +
           last->n_sections;
}

/* A header made of a label and a period or step: "Nilai 2024", "Perubahan 2023→2024". */
static void cmp_head(xlsx_ctx *x, lxw_worksheet *ws, size_t col, report_label_id label,
                     const char *what)
{
    char text[256];
    snprintf(text, sizeof text, "%s %s", report_label(label, x->opt->lang), what);
    xlsx_head_cell(x, ws, (lxw_col_t)col, text);
}

static void cmp_heads(xlsx_ctx *x, lxw_worksheet *ws, const patuh_comparison *c)
{
    static const report_label_id lead[C_LEAD] = {REPORT_L_NAME, REPORT_L_ID, REPORT_L_GROUP,
                                                 REPORT_L_REGION, REPORT_L_STATUS};
    static const report_label_id per[C_PER_PERIOD] = {REPORT_L_TOTAL, REPORT_L_RANK, REPORT_L_BAND,
                                                      REPORT_L_ZONE};
    size_t col = 0;
    char step[128];
    for (size_t k = 0; k < C_LEAD; k++)
        xlsx_head_cell(x, ws, (lxw_col_t)col++, report_label(lead[k], x->opt->lang));
    for (size_t k = 0; k < c->n_periods; k++)
        for (size_t j = 0; j < C_PER_PERIOD; j++)
            cmp_head(x, ws, col++, per[j], c->reports[k]->period);
    for (size_t k = 1; k < c->n_periods; k++) {
        report_compare_step_name(c, k, step, sizeof step);
        cmp_head(x, ws, col++, REPORT_L_CHANGE, step);
        cmp_head(x, ws, col++, REPORT_L_RANK_CHANGE, step);
    }
    const patuh_report_data *last = c->reports[c->n_periods - 1];
    report_compare_step_name(c, c->n_periods - 1, step, sizeof step);
    for (size_t s = 0; s < last->n_sections; s++) {
        char text[256];
        snprintf(text, sizeof text, "%s %s", last->sections[s], step);
        xlsx_head_cell(x, ws, (lxw_col_t)col++, text);
    }
}

static void cmp_row(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, const patuh_comparison *c,
                    const patuh_compare_row *r)
{
    const patuh_report_agency *a = report_compare_latest(c, r);
    const patuh_report_data *last = c->reports[c->n_periods - 1];
    char label[256]; /* groups and zones as labels, as in the ranking book (doc/formats.md §4.5) */
    xlsx_str(x, ws, row, C_NAME, a->name[0] ? a->name : a->id, NULL);
    xlsx_str(x, ws, row, C_ID, a->id, NULL);
    xlsx_str(x, ws, row, C_GROUP, xlsx_label(a->group, label, sizeof label), NULL);
    xlsx_str(x, ws, row, C_REGION, a->region, NULL);
    xlsx_str(x, ws, row, C_STATUS,
             report_compare_status_label(report_compare_status(c, r), x->opt->lang), NULL);
    lxw_col_t col = C_LEAD;
    for (size_t k = 0; k < c->n_periods; k++, col += C_PER_PERIOD) {
        const patuh_report_agency *p = r->at[k];
        if (!p)
            continue;
        xlsx_num(x, ws, row, col, cmp_round(x, p->total), x->score);
        if (p->rank)
            xlsx_num(x, ws, row, col + 1, (double)p->rank, NULL);
        xlsx_str(x, ws, row, col + 2, p->band, NULL);
        xlsx_str(x, ws, row, col + 3, xlsx_label(p->zone, label, sizeof label),
                 zone_format(x, c, p->zone));
    }
    for (size_t k = 1; k < c->n_periods; k++, col += C_PER_STEP) {
        xlsx_num(x, ws, row, col, cmp_round(x, patuh_compare_change(r, k)), x->signed_score);
        if (r->rank_from[k - 1] && r->rank_to[k - 1])
            xlsx_num(x, ws, row, col + 1, (double)patuh_compare_rank_change(r, k), x->signed_whole);
    }
    for (size_t s = 0; s < last->n_sections; s++)
        xlsx_num(
            x, ws, row, col++,
            cmp_round(x, patuh_compare_section_change(c, r, c->n_periods - 1, last->sections[s])),
            x->signed_score);
}

static void cmp_table(xlsx_ctx *x, const patuh_comparison *c)
{
    lxw_worksheet *ws = xlsx_sheet(x, REPORT_L_SHEET_COMPARE);
    size_t cols = cmp_cols(c);
    if (!ws || !xlsx_widths_begin(x, cols))
        return;
    cmp_heads(x, ws, c);
    size_t n = c->n_rows < LXW_ROW_MAX - 1 ? c->n_rows : LXW_ROW_MAX - 1;
    for (size_t i = 0; i < n; i++)
        cmp_row(x, ws, (lxw_row_t)(i + 1), c, &c->rows[i]);
    if (x->err == LXW_NO_ERROR)
        xlsx_fail(x, worksheet_autofilter(ws, 0, 0, (lxw_row_t)n, (lxw_col_t)(cols - 1)));
    worksheet_freeze_panes(ws, 1, 1);
    xlsx_print_across(x, ws, C_NAME);
    xlsx_widths_apply(x, ws);
}

/* ---- transitions, risers and fallers ------------------------------------------------ */

static void cmp_matrix(xlsx_ctx *x, lxw_worksheet *ws, const patuh_comparison *c)
{
    char corner[160];
    snprintf(corner, sizeof corner, "%s %s \\ %s", report_label(REPORT_L_ZONE, x->opt->lang),
             c->reports[c->n_periods - 2]->period, c->reports[c->n_periods - 1]->period);
    xlsx_head_cell(x, ws, 0, corner);
    char label[256];
    for (size_t t = 0; t < c->n_zones; t++)
        xlsx_str(x, ws, 0, (lxw_col_t)(1 + t), xlsx_label(c->zones[t], label, sizeof label),
                 x->zones[t] ? x->zones[t] : x->head);
    for (size_t f = 0; f < c->n_zones; f++) {
        xlsx_str(x, ws, (lxw_row_t)(1 + f), 0, xlsx_label(c->zones[f], label, sizeof label),
                 x->zones[f] ? x->zones[f] : x->bold);
        for (size_t t = 0; t < c->n_zones; t++)
            xlsx_num(x, ws, (lxw_row_t)(1 + f), (lxw_col_t)(1 + t),
                     (double)c->matrix[f * c->n_zones + t], NULL);
    }
}

/* Up to MOVERS risers (rise > 0, largest first) or fallers (largest fall first) from row
 * `row`: the name in column 0, a rise in column 1, a fall in column 2. Returns the rows
 * written. */
static size_t cmp_movers(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, const patuh_compare_row **v,
                         size_t n, size_t step, bool rise)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k < MOVERS; i++) {
        const patuh_compare_row *r = v[rise ? i : n - 1 - i];
        double change = patuh_compare_change(r, step);
        if (rise ? change <= 0 : change >= 0)
            continue;
        const patuh_report_agency *a = r->at[step];
        xlsx_str(x, ws, (lxw_row_t)(row + k), 0, a->name[0] ? a->name : a->id, NULL);
        xlsx_num(x, ws, (lxw_row_t)(row + k), rise ? 1 : 2, cmp_round(x, change), x->signed_score);
        k++;
    }
    return k;
}

/* A bar chart of the risers (green) and fallers (red) listed in rows first..last, their
 * names as categories, the biggest rise at the top. */
static void cmp_movers_chart(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t first, lxw_row_t last,
                             lxw_col_t beside)
{
    if (last < first || x->err != LXW_NO_ERROR)
        return;
    lxw_chart *chart = workbook_add_chart(x->wb, LXW_CHART_BAR);
    if (!chart) {
        xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    const char *sheet = report_label(REPORT_L_SHEET_TRANSITIONS, x->opt->lang);
    const lxw_color_t colors[] = {0x63BE7B, 0xF8696B};
    for (lxw_col_t col = 1; col <= 2; col++) {
        lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
        if (!series)
            continue;
        chart_series_set_categories(series, sheet, first, 0, last, 0);
        chart_series_set_values(series, sheet, first, col, last, col);
        chart_series_set_name_range(series, sheet, first - 1, col);
        lxw_chart_fill fill = {.color = colors[col - 1]};
        chart_series_set_fill(series, &fill);
    }
    chart_set_series_overlap(chart, 100);
    chart_title_set_name(chart, report_label(REPORT_L_MOVERS_TITLE, x->opt->lang));
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    /* names at the left edge, clear of the falls' bars; the biggest rise on top */
    chart_axis_set_label_position(chart->x_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
    chart_axis_set_reverse(chart->x_axis);
    lxw_chart_options place = {.x_offset = 24, .y_offset = 0, .x_scale = 1.4, .y_scale = 1.2};
    xlsx_fail(x, worksheet_insert_chart_opt(ws, 0, beside, chart, &place));
}

static void cmp_transitions(xlsx_ctx *x, const patuh_comparison *c)
{
    lxw_worksheet *ws = xlsx_sheet(x, REPORT_L_SHEET_TRANSITIONS);
    if (!ws || !xlsx_widths_begin(x, c->n_zones + 1 > 4 ? c->n_zones + 1 : 4))
        return;
    cmp_matrix(x, ws, c);
    size_t n = 0, step = c->n_periods - 1;
    const patuh_compare_row **v = report_compare_movers(c, &n);
    if (!v) {
        xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    char title[256], name[128];
    lxw_row_t row = (lxw_row_t)(c->n_zones + 2);
    snprintf(title, sizeof title, "%s %s", report_label(REPORT_L_MOVERS_TITLE, x->opt->lang),
             report_compare_step_name(c, step, name, sizeof name));
    xlsx_str(x, ws, row++, 0, title, x->bold);
    xlsx_str(x, ws, row, 0, report_label(REPORT_L_NAME, x->opt->lang), x->head);
    xlsx_str(x, ws, row, 1, report_label(REPORT_L_RISERS, x->opt->lang), x->head);
    xlsx_str(x, ws, row++, 2, report_label(REPORT_L_FALLERS, x->opt->lang), x->head);
    lxw_row_t first = row;
    row += (lxw_row_t)cmp_movers(x, ws, row, v, n, step, true);
    row += (lxw_row_t)cmp_movers(x, ws, row, v, n, step, false);
    free(v);
    xlsx_fit(x, 0, 36);
    xlsx_widths_apply(x, ws);
    if (row > first)
        cmp_movers_chart(x, ws, first, (lxw_row_t)(row - 1), (lxw_col_t)(c->n_zones + 2));
}

/* ---- trend: three or more periods ---------------------------------------------------- */

#define TREND_LINES 12 /* agencies drawn in the trend chart */

typedef struct trend_pick {
    double change;
    size_t row;
} trend_pick;

static int trend_cmp(const void *pa, const void *pb)
{
    const trend_pick *a = pa, *b = pb;
    if (a->change != b->change)
        return a->change > b->change ? -1 : 1;
    return a->row < b->row ? -1 : a->row > b->row;
}

/* Whether an agency has a total in every period. */
static bool trend_complete(const patuh_comparison *c, const patuh_compare_row *r)
{
    for (size_t k = 0; k < c->n_periods; k++)
        if (!r->at[k] || isnan(r->at[k]->total))
            return false;
    return true;
}

static void trend_chart(xlsx_ctx *x, lxw_worksheet *ws, const patuh_comparison *c,
                        const lxw_row_t *rows, size_t n)
{
    if (n == 0 || x->err != LXW_NO_ERROR)
        return;
    lxw_chart *chart = workbook_add_chart(x->wb, LXW_CHART_LINE);
    if (!chart) {
        xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    const char *sheet = report_label(REPORT_L_SHEET_TREND, x->opt->lang);
    lxw_col_t last = (lxw_col_t)c->n_periods;
    for (size_t i = 0; i < n; i++) {
        lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
        if (!series)
            continue;
        chart_series_set_categories(series, sheet, 0, 1, 0, last);
        chart_series_set_values(series, sheet, rows[i], 1, rows[i], last);
        chart_series_set_name_range(series, sheet, rows[i], 0);
        chart_series_set_marker_type(series, LXW_CHART_MARKER_CIRCLE);
    }
    chart_title_set_name(chart, report_label(REPORT_L_TREND_TITLE, x->opt->lang));
    chart_legend_set_position(chart, LXW_CHART_LEGEND_RIGHT);
    lxw_chart_options place = {.x_offset = 24, .y_offset = 0, .x_scale = 1.6, .y_scale = 1.4};
    xlsx_fail(x, worksheet_insert_chart_opt(ws, 0, (lxw_col_t)(last + 2), chart, &place));
}

/* One row per agency with a total in every period; the chart draws the TREND_LINES with the
 * largest change from the first period to the last (rises and falls alike). */
static void cmp_trend(xlsx_ctx *x, const patuh_comparison *c)
{
    if (c->n_periods < 3)
        return;
    lxw_worksheet *ws = xlsx_sheet(x, REPORT_L_SHEET_TREND);
    if (!ws || !xlsx_widths_begin(x, c->n_periods + 1))
        return;
    xlsx_head_cell(x, ws, 0, report_label(REPORT_L_NAME, x->opt->lang));
    for (size_t k = 0; k < c->n_periods; k++)
        xlsx_head_cell(x, ws, (lxw_col_t)(k + 1), c->reports[k]->period);
    trend_pick *pick = malloc((c->n_rows + 1) * sizeof *pick);
    lxw_row_t *rows = malloc((TREND_LINES + 1) * sizeof *rows);
    if (!pick || !rows) {
        free(pick);
        free(rows);
        xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    size_t n = 0;
    for (size_t i = 0; i < c->n_rows && n + 1 < LXW_ROW_MAX; i++) {
        const patuh_compare_row *r = &c->rows[i];
        if (!trend_complete(c, r))
            continue;
        const patuh_report_agency *a = report_compare_latest(c, r);
        lxw_row_t row = (lxw_row_t)(n + 1);
        xlsx_str(x, ws, row, 0, a->name[0] ? a->name : a->id, NULL);
        for (size_t k = 0; k < c->n_periods; k++)
            xlsx_num(x, ws, row, (lxw_col_t)(k + 1), cmp_round(x, r->at[k]->total), x->score);
        double change = r->at[c->n_periods - 1]->total - r->at[0]->total;
        pick[n++] = (trend_pick){fabs(change), row};
    }
    qsort(pick, n, sizeof *pick, trend_cmp);
    size_t lines = n < TREND_LINES ? n : TREND_LINES;
    for (size_t i = 0; i < lines; i++)
        rows[i] = (lxw_row_t)pick[i].row;
    if (n > lines)
        xlsx_str(x, ws, (lxw_row_t)(n + 2), 0, report_label(REPORT_L_TREND_NOTE, x->opt->lang),
                 NULL);
    if (x->err == LXW_NO_ERROR && n > 0)
        xlsx_fail(x, worksheet_autofilter(ws, 0, 0, (lxw_row_t)n, (lxw_col_t)c->n_periods));
    worksheet_freeze_panes(ws, 1, 1);
    xlsx_widths_apply(x, ws);
    trend_chart(x, ws, c, rows, lines);
    free(pick);
    free(rows);
}

/* ---- About -------------------------------------------------------------------------- */

static void cmp_about(xlsx_ctx *x, const patuh_comparison *c)
{
    patuh_lang lang = x->opt->lang;
    lxw_worksheet *ws = xlsx_sheet(x, REPORT_L_SHEET_ABOUT);
    if (!ws)
        return;
    char when[32];
    xlsx_time_text(x->opt->time, when, sizeof when);
    xlsx_str(x, ws, 0, 0, report_label(REPORT_L_ABOUT_ITEM, lang), x->head);
    xlsx_str(x, ws, 0, 1, report_label(REPORT_L_ABOUT_VALUE, lang), x->head);
    lxw_row_t row = 1;
    xlsx_str(x, ws, row, 0, report_label(REPORT_L_VERSION, lang), x->bold);
    xlsx_str(x, ws, row++, 1, PATUH_VERSION, NULL);
    for (size_t k = 0; k < c->n_periods; k++, row++) {
        const patuh_report_data *r = c->reports[k];
        char label[160], value[1024];
        snprintf(label, sizeof label, "%s %s", report_label(REPORT_L_PERIOD, lang), r->period);
        snprintf(value, sizeof value, "%s (%s, %zu %s)", r->path, r->rubric_id, r->n,
                 report_label(REPORT_L_T_AGENCIES, lang));
        xlsx_str(x, ws, row, 0, label, x->bold);
        xlsx_str(x, ws, row, 1, value, NULL);
    }
    if (c->method_changed) {
        xlsx_str(x, ws, row, 0, report_label(REPORT_L_NOTE, lang), x->bold);
        xlsx_str(x, ws, row++, 1, report_label(REPORT_L_METHOD_CHANGED, lang), NULL);
    }
    xlsx_str(x, ws, row, 0, report_label(REPORT_L_NOTE, lang), x->bold);
    xlsx_str(x, ws, row++, 1, report_label(REPORT_L_RANK_AMONG, lang), NULL);
    xlsx_str(x, ws, row, 0, report_label(REPORT_L_TIME, lang), x->bold);
    xlsx_str(x, ws, row++, 1, when, NULL);
    if (x->err == LXW_NO_ERROR)
        xlsx_fail(x, worksheet_set_column(ws, 0, 0, 24, NULL));
    if (x->err == LXW_NO_ERROR)
        xlsx_fail(x, worksheet_set_column(ws, 1, 1, 70, NULL));
}

patuh_status report_write_compare_xlsx(const report_subject *s, const char *path, const char *name,
                                       const patuh_report_options *opt, patuh_diags *diags)
{
    const patuh_comparison *c = s->comparison;
    const char **colors = calloc(c->n_zones ? c->n_zones : 1, sizeof *colors);
    if (!colors)
        return PATUH_ENOMEM;
    for (size_t z = 0; z < c->n_zones; z++)
        colors[z] = zone_color(c->zones[z]);
    const patuh_report_data *first = c->reports[0], *last = c->reports[c->n_periods - 1];
    xlsx_ctx x = {.opt = opt, .decimals = last->decimals};
    char *title =
        str_printf("%s %s–%s", last->rubric_title[0] ? last->rubric_title : last->rubric_id,
                   first->period, last->period);
    patuh_status st = title ? xlsx_open(&x, path, name, title, REPORT_L_COMPARE_SUBJECT, colors,
                                        c->n_zones, diags)
                            : PATUH_ENOMEM;
    free(title);
    free(colors);
    if (st != PATUH_OK)
        return st;
    cmp_table(&x, c);
    cmp_transitions(&x, c);
    cmp_trend(&x, c);
    cmp_about(&x, c);
    return xlsx_close(&x, name, diags);
}
