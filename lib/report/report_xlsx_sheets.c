/* report_xlsx_sheets.c — the analyst's sheets of the score workbook: the summary (per group
 * with ranked agencies and in all: zone and band counts, mean, median and zone shares; a
 * stacked column chart in the zones' colours beside a histogram of the totals), the
 * indicators (one row per indicator and agency: its score in %, with the share of agencies at
 * full marks) and the gaps (each shortfall with its gain and the rubric's fix text), with the
 * paths of the gaps workbook. */
#include "report/report_xlsx.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define XLSX_FULL_EPS 1e-9

/* ---- summary ------------------------------------------------------------------------ */

#define XLSX_HIST_BINS 10

/* One row of the summary: a group (or every ranked agency) with its zone and band counts
 * and the rounded totals of its ranked agencies, for the mean and median. */
typedef struct summary_group {
    const char *name;
    size_t n;       /* ranked agencies */
    size_t *zones;  /* n_zones counts */
    size_t *bands;  /* n_bands counts */
    double *totals; /* n_totals rounded totals (NAN totals left out) */
    size_t n_totals;
} summary_group;

/* The column of the summary: group, agencies, zones, bands, mean, median, zone shares. */
static lxw_col_t summary_col_zone(size_t z)
{
    return (lxw_col_t)(2 + z);
}

static lxw_col_t summary_col_band(const patuh_rubric *r, size_t b)
{
    return (lxw_col_t)(2 + r->n_zones + b);
}

static lxw_col_t summary_col_mean(const patuh_rubric *r)
{
    return (lxw_col_t)(2 + r->n_zones + r->n_bands);
}

static size_t summary_cols(const patuh_rubric *r)
{
    return 4 + 2 * r->n_zones + r->n_bands;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The row of agency a in groups: in[0] every ranked agency, in[1] its group or SIZE_MAX. */
static void summary_rows_of(const patuh_rubric *r, const patuh_agency *a, size_t in[2])
{
    in[0] = r->n_groups;
    in[1] = a->group >= 0 && (size_t)a->group < r->n_groups ? (size_t)a->group : SIZE_MAX;
}

/* groups[g] for each rubric group, groups[n_groups] for every ranked agency; their counts
 * and totals live in *counts and *totals, for the caller to free with the array. NULL when
 * out of memory. */
static summary_group *summary_groups(const xlsx_ctx *x, size_t **counts, double **totals)
{
    const patuh_rubric *r = x->rubric;
    size_t rows = r->n_groups + 1, per = r->n_zones + r->n_bands, n = x->batch->n_agencies;
    summary_group *groups = calloc(rows, sizeof *groups);
    *counts = calloc(rows * per + 1, sizeof **counts);
    *totals = calloc(2 * n + 1, sizeof **totals); /* each agency in two rows at most */
    if (!groups || !*counts || !*totals) {
        free(groups);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) { /* first the number of ranked agencies per row */
        size_t in[2];
        summary_rows_of(r, x->batch->agencies[i], in);
        for (size_t k = 0; k < 2 && in[k] != SIZE_MAX && report_ranked(x->batch->agencies[i]); k++)
            groups[in[k]].n++;
    }
    for (size_t g = 0, used = 0; g < rows; used += groups[g].n, g++) {
        groups[g].name = g < r->n_groups ? r->groups[g] : NULL;
        groups[g].zones = *counts + g * per;
        groups[g].bands = *counts + g * per + r->n_zones;
        groups[g].totals = *totals + used;
    }
    for (size_t i = 0; i < n; i++) {
        const patuh_agency *a = x->batch->agencies[i];
        if (!report_ranked(a))
            continue; /* counts and averages are over the ranked agencies (doc/scoring.md §12) */
        const patuh_zone *zone = report_zone(r, a);
        size_t in[2];
        summary_rows_of(r, a, in);
        for (size_t k = 0; k < 2 && in[k] != SIZE_MAX; k++) {
            summary_group *sg = &groups[in[k]];
            if (zone)
                sg->zones[zone - r->zones]++;
            if (a->band < r->n_bands && !isnan(a->total))
                sg->bands[a->band]++;
            if (!isnan(a->total))
                sg->totals[sg->n_totals++] = report_round(r, a->total);
        }
    }
    return groups;
}

static void summary_header(xlsx_ctx *x, lxw_worksheet *ws)
{
    const patuh_rubric *r = x->rubric;
    patuh_lang lang = x->opt->lang;
    char label[256];
    xlsx_head_cell(x, ws, 0, report_label(REPORT_L_GROUP, lang));
    xlsx_head_num(x, ws, 1, report_label(REPORT_L_AGENCIES, lang));
    for (size_t z = 0; z < r->n_zones; z++)
        xlsx_head_num(x, ws, summary_col_zone(z),
                      xlsx_label(r->zones[z].name, label, sizeof label));
    for (size_t b = 0; b < r->n_bands; b++)
        xlsx_head_num(x, ws, summary_col_band(r, b), r->bands[b].id);
    lxw_col_t mean = summary_col_mean(r);
    xlsx_head_num(x, ws, mean, report_label(REPORT_L_MEAN, lang));
    xlsx_head_num(x, ws, mean + 1, report_label(REPORT_L_MEDIAN, lang));
    for (size_t z = 0; z < r->n_zones && x->err == LXW_NO_ERROR; z++) {
        char *head = str_printf("%% %s", xlsx_label(r->zones[z].name, label, sizeof label));
        if (!head)
            xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        xlsx_head_num(x, ws, (lxw_col_t)(mean + 2 + z), head);
        free(head);
    }
}

static double summary_median(summary_group *g)
{
    if (g->n_totals == 0)
        return NAN;
    qsort(g->totals, g->n_totals, sizeof *g->totals, compare_doubles);
    size_t m = g->n_totals / 2;
    return g->n_totals % 2 ? g->totals[m] : (g->totals[m - 1] + g->totals[m]) / 2;
}

/* One row: the agencies, the counts per zone and per band, mean and median, then each
 * zone's share. */
static void summary_row(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, const char *name,
                        summary_group *g, bool bold)
{
    const patuh_rubric *r = x->rubric;
    lxw_format *fmt = bold ? x->bold : NULL;
    double sum = 0, n = (double)g->n;
    for (size_t i = 0; i < g->n_totals; i++)
        sum += g->totals[i];
    xlsx_str(x, ws, row, 0, name, fmt);
    xlsx_num(x, ws, row, 1, n, fmt);
    for (size_t z = 0; z < r->n_zones; z++)
        xlsx_num(x, ws, row, summary_col_zone(z), (double)g->zones[z], fmt);
    for (size_t b = 0; b < r->n_bands; b++)
        xlsx_num(x, ws, row, summary_col_band(r, b), (double)g->bands[b], fmt);
    lxw_col_t mean = summary_col_mean(r);
    xlsx_score(x, ws, row, mean, g->n_totals ? sum / (double)g->n_totals : NAN);
    xlsx_score(x, ws, row, mean + 1, summary_median(g));
    for (size_t z = 0; z < r->n_zones; z++)
        xlsx_num(x, ws, row, (lxw_col_t)(mean + 2 + z), n > 0 ? (double)g->zones[z] / n : 0,
                 x->percent);
}

/* A chart placed below the summary table, right of the histogram's bins: the zones first,
 * the histogram beside them; 0.9 of the default 480 x 288 px so both fit the page. */
static void summary_place(xlsx_ctx *x, lxw_worksheet *ws, lxw_chart *chart, lxw_row_t row,
                          bool second)
{
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options place = {
        .x_offset = second ? 16 + 440 : 16, .y_offset = 0, .x_scale = 0.9, .y_scale = 0.9};
    xlsx_fail(x, worksheet_insert_chart_opt(ws, row, 2, chart, &place));
}

/* A count axis in whole agencies: about five steps from 0 to `max`, never half an agency
 * (the default steps of a chart of 1-3 agencies were 0,5). */
static void summary_count_axis(lxw_chart *chart, size_t max)
{
    double unit = max <= 5 ? 1 : ceil((double)max / 5);
    chart_axis_set_min(chart->y_axis, 0);
    chart_axis_set_major_unit(chart->y_axis, unit);
    chart_axis_set_num_format(chart->y_axis, "0");
}

/* A stacked column per group shown (or the one total row without groups), one series per
 * zone in its colour. */
static void summary_chart(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t first, lxw_row_t last,
                          lxw_row_t below, size_t max_count)
{
    const patuh_rubric *rubric = x->rubric;
    const char *sheet = report_label(REPORT_L_SHEET_SUMMARY, x->opt->lang);
    lxw_chart *chart = workbook_add_chart(x->wb, LXW_CHART_COLUMN_STACKED);
    if (!chart) {
        xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    for (size_t z = 0; z < rubric->n_zones; z++) {
        lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
        if (!series) {
            xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
            return;
        }
        lxw_col_t col = summary_col_zone(z);
        chart_series_set_categories(series, sheet, first, 0, last, 0);
        chart_series_set_values(series, sheet, first, col, last, col);
        chart_series_set_name_range(series, sheet, 0, col);
        unsigned rgb;
        if (report_color_rgb(rubric->zones[z].color, &rgb)) {
            lxw_chart_fill fill = {.color = (lxw_color_t)rgb};
            chart_series_set_fill(series, &fill);
        }
    }
    chart_title_set_name(chart, report_label(REPORT_L_CHART_TITLE, x->opt->lang));
    summary_count_axis(chart, max_count);
    summary_place(x, ws, chart, below, false);
}

/* The bounds of histogram bin i of max/XLSX_HIST_BINS, as text: "80–90" (the last bin
 * holds max). */
static void summary_bin_label(const xlsx_ctx *x, size_t i, char *buf, size_t size)
{
    double step = x->rubric->max / XLSX_HIST_BINS;
    int d = step == floor(step) ? 0 : x->rubric->decimals;
    char lo[32], hi[32];
    snprintf(lo, sizeof lo, "%.*f", d, step * (double)i);
    snprintf(hi, sizeof hi, "%.*f", d, step * (double)(i + 1));
    for (char *p = lo; x->opt->lang != PATUH_LANG_EN && *p; p++)
        *p = *p == '.' ? ',' : *p;
    for (char *p = hi; x->opt->lang != PATUH_LANG_EN && *p; p++)
        *p = *p == '.' ? ',' : *p;
    snprintf(buf, size, "%s–%s", lo, hi);
}

/* The histogram of the ranked agencies' totals: a small table of bins at `row` and a
 * column chart of it beside the zone chart at `below`. */
static void summary_histogram(xlsx_ctx *x, lxw_worksheet *ws, const summary_group *all,
                              lxw_row_t row, lxw_row_t below)
{
    const patuh_rubric *r = x->rubric;
    size_t bins[XLSX_HIST_BINS] = {0};
    for (size_t i = 0; i < all->n_totals; i++) {
        double t = all->totals[i] / r->max * XLSX_HIST_BINS;
        size_t b = t <= 0 ? 0 : t >= XLSX_HIST_BINS ? XLSX_HIST_BINS - 1 : (size_t)t;
        bins[b]++;
    }
    xlsx_str(x, ws, row, 0, report_label(REPORT_L_SCORE_RANGE, x->opt->lang), x->head);
    xlsx_str(x, ws, row, 1, report_label(REPORT_L_AGENCIES, x->opt->lang), x->head_num);
    for (size_t i = 0; i < XLSX_HIST_BINS; i++) {
        char label[96];
        summary_bin_label(x, i, label, sizeof label);
        xlsx_str(x, ws, row + 1 + (lxw_row_t)i, 0, label, NULL);
        xlsx_num(x, ws, row + 1 + (lxw_row_t)i, 1, (double)bins[i], NULL);
    }
    if (x->err == LXW_NO_ERROR)
        xlsx_fail(x, worksheet_autofilter(ws, row, 0, row + XLSX_HIST_BINS, 1));
    const char *sheet = report_label(REPORT_L_SHEET_SUMMARY, x->opt->lang);
    lxw_chart *chart = workbook_add_chart(x->wb, LXW_CHART_COLUMN);
    lxw_chart_series *series = chart ? chart_add_series(chart, NULL, NULL) : NULL;
    if (!series) {
        xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    chart_series_set_categories(series, sheet, row + 1, 0, row + XLSX_HIST_BINS, 0);
    chart_series_set_values(series, sheet, row + 1, 1, row + XLSX_HIST_BINS, 1);
    chart_series_set_name_range(series, sheet, row, 1);
    chart_set_series_gap(chart, 10);
    size_t most = 0;
    for (size_t i = 0; i < XLSX_HIST_BINS; i++)
        most = bins[i] > most ? bins[i] : most;
    summary_count_axis(chart, most);
    chart_title_set_name(chart, report_label(REPORT_L_HIST_TITLE, x->opt->lang));
    summary_place(x, ws, chart, below, true);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
}

void xlsx_summary(xlsx_ctx *x)
{
    const patuh_rubric *rubric = x->rubric;
    lxw_worksheet *ws = xlsx_sheet(x, REPORT_L_SHEET_SUMMARY);
    if (!ws || !xlsx_widths_begin(x, summary_cols(rubric)))
        return;
    size_t *counts;
    double *totals;
    summary_group *groups = summary_groups(x, &counts, &totals);
    if (!groups) {
        xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        free(counts);
        free(totals);
        return;
    }
    summary_header(x, ws);
    lxw_row_t row = 1;
    char label[256];
    for (size_t g = 0; g < rubric->n_groups; g++) /* groups without ranked agencies left out */
        if (groups[g].n > 0)
            summary_row(x, ws, row++, xlsx_label(rubric->groups[g], label, sizeof label),
                        &groups[g], false);
    lxw_row_t groups_last = row - 1;
    size_t largest = 0; /* the tallest stacked column */
    for (size_t g = 0; g < rubric->n_groups; g++)
        largest = groups[g].n > largest ? groups[g].n : largest;
    summary_row(x, ws, row, report_label(REPORT_L_ALL, x->opt->lang), &groups[rubric->n_groups],
                true);
    if (x->err == LXW_NO_ERROR)
        xlsx_fail(x, worksheet_autofilter(ws, 0, 0, row, (lxw_col_t)(summary_cols(rubric) - 1)));
    lxw_row_t below = row + 2;
    if (groups_last >= 1)
        summary_chart(x, ws, 1, groups_last, below, largest);
    else
        summary_chart(x, ws, row, row, below, groups[rubric->n_groups].n);
    summary_histogram(x, ws, &groups[rubric->n_groups], below, below);
    free(groups);
    free(counts);
    free(totals);
    worksheet_freeze_panes(ws, 1, 1);
    xlsx_widths_apply(x, ws);
}

/* ---- indicators: agency x indicator, in % ------------------------------------------- */

/* An agency's score of an indicator in % (0..100), the unit-weighted mean of its units as
 * the engine aggregates it; NAN when it dropped out. */
static double indicator_percent(const patuh_rubric *rubric, const patuh_agency *a,
                                const patuh_node *ind)
{
    double s = patuh_unit_score(rubric, &a->root, ind);
    return isnan(s) ? NAN : patuh_round(s * 100, 2);
}

#define IND_TITLE_WIDTH   32
#define IND_SECTION_WIDTH 24

enum indicator_col { I_ID, I_TITLE, I_SECTION, I_RANK, I_AGENCY, I_NAME, I_SCORE, I_FULL, I_COLS };

static const report_label_id indicator_heads[I_COLS] = {
    REPORT_L_INDICATOR_ID, REPORT_L_INDICATOR, REPORT_L_SECTION,       REPORT_L_RANK,
    REPORT_L_ID,           REPORT_L_NAME,      REPORT_L_SCORE_PERCENT, REPORT_L_FULL_MARKS,
};

/* The share of agencies at full marks on an indicator, among those where it did not drop
 * out; NAN when it dropped out everywhere. */
static double indicator_full_share(const xlsx_ctx *x, const patuh_node *ind)
{
    size_t scored = 0, full = 0;
    for (size_t k = 0; k < x->batch->n_agencies; k++) {
        double s = patuh_unit_score(x->rubric, &x->batch->agencies[k]->root, ind);
        if (isnan(s))
            continue;
        scored++;
        full += s >= 1 - XLSX_FULL_EPS;
    }
    return scored ? (double)full / (double)scored : NAN;
}

/* The top-level section an indicator belongs to. */
static const patuh_node *indicator_top(const patuh_rubric *rubric, const patuh_node *node)
{
    while (node->parent && node->parent != rubric->root)
        node = node->parent;
    return node;
}

static void indicator_rows(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t *row, const patuh_node *ind,
                           size_t *cut)
{
    const patuh_node *top = indicator_top(x->rubric, ind);
    double full = indicator_full_share(x, ind);
    for (size_t k = 0; k < x->batch->n_agencies; k++, (*row)++) {
        const patuh_agency *a = x->batch->agencies[k];
        if (*row > XLSX_ROWS_MAX) { /* a listing sheet's bound (XLSX_ROWS_MAX) */
            (*cut)++;
            continue;
        }
        xlsx_str(x, ws, *row, I_ID, ind->id, NULL);
        const char *section = top->title ? top->title : top->id;
        xlsx_str(x, ws, *row, I_TITLE, ind->title, x->wrap);
        xlsx_str(x, ws, *row, I_SECTION, section, x->wrap);
        unsigned lines = xlsx_lines(report_utf8_width(ind->title), IND_TITLE_WIDTH - 2);
        unsigned more = xlsx_lines(report_utf8_width(section), IND_SECTION_WIDTH - 2);
        xlsx_wrap_row(x, ws, *row, lines > more ? lines : more);
        if (report_ranked(a))
            xlsx_num(x, ws, *row, I_RANK, (double)a->rank, NULL);
        xlsx_str(x, ws, *row, I_AGENCY, a->id, NULL);
        xlsx_str(x, ws, *row, I_NAME, a->name, NULL);
        xlsx_num(x, ws, *row, I_SCORE, indicator_percent(x->rubric, a, ind), x->whole);
        xlsx_num(x, ws, *row, I_FULL, full, x->percent);
    }
}

/* One row per indicator and agency (indicators in rubric order, agencies in ranking order):
 * long enough to print legibly and to filter, where a matrix of codes was not. */
void xlsx_indicators(xlsx_ctx *x)
{
    size_t n_ind = x->rubric->n_indicators;
    lxw_worksheet *ws = xlsx_sheet(x, REPORT_L_SHEET_INDICATORS);
    if (!ws || !xlsx_widths_begin(x, I_COLS))
        return;
    for (size_t c = 0; c < I_COLS; c++) {
        const char *head = report_label(indicator_heads[c], x->opt->lang);
        if (c == I_RANK || c == I_SCORE || c == I_FULL)
            xlsx_head_num(x, ws, (lxw_col_t)c, head);
        else
            xlsx_head_cell(x, ws, (lxw_col_t)c, head);
    }
    lxw_row_t row = 1;
    size_t cut = 0;
    for (size_t i = 0; i < n_ind; i++)
        indicator_rows(x, ws, &row, x->rubric->indicators[i], &cut);
    if (cut)
        patuh_diags_add(x->diags, PATUH_SEV_WARNING, NULL, 0, 0,
                        "%zu rows left off the '%s' sheet, expected at most %d rows", cut,
                        report_label(REPORT_L_SHEET_INDICATORS, x->opt->lang), XLSX_ROWS_MAX);
    lxw_row_t last = row > XLSX_ROWS_MAX ? XLSX_ROWS_MAX : row - 1;
    if (last >= 1 && x->err == LXW_NO_ERROR)
        xlsx_fail(x, worksheet_autofilter(ws, 0, 0, last, I_COLS - 1));
    if (last >= 1)
        xlsx_color_scale(x, ws, 1, I_SCORE, last, I_SCORE, 0, 100);
    xlsx_cap(x, I_TITLE, IND_TITLE_WIDTH); /* titles and sections wrap: one page wide */
    xlsx_cap(x, I_SECTION, IND_SECTION_WIDTH);
    worksheet_freeze_panes(ws, 1, 2);
    x->keep_cols = I_TITLE;
    xlsx_widths_apply(x, ws);
}

/* ---- gaps: every shortfall with its gain and fix ------------------------------------- */

#define GAPS_TITLE_WIDTH 30 /* indicator titles wrap in a column this wide */

enum gap_col {
    G_NO,
    G_ID,
    G_NAME,
    G_TOTAL,
    G_BAND,
    G_UNIT,
    G_INDICATOR,
    G_TITLE,
    G_ANSWER,
    G_GAIN,
    G_CRITICAL,
    G_LEVELS,
    G_FIX,
    G_COLS
};

static const report_label_id gap_heads[G_COLS] = {
    REPORT_L_NO,     REPORT_L_ID,          REPORT_L_NAME,          REPORT_L_TOTAL,
    REPORT_L_BAND,   REPORT_L_UNIT,        REPORT_L_INDICATOR_ID,  REPORT_L_INDICATOR,
    REPORT_L_ANSWER, REPORT_L_GAIN_POINTS, REPORT_L_CRITICAL_HEAD, REPORT_L_PER_LEVEL,
    REPORT_L_FIX,
};

/* The agency's total and band as scored, beside each of its rows. */
static void gaps_agency_cells(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                              const patuh_agency *a)
{
    xlsx_score(x, ws, row, col, a->total);
    xlsx_str(x, ws, row, (lxw_col_t)(col + 1), report_band_id(x->rubric, a), NULL);
}

/* An answer cell: the value, or "missing". */
static void gaps_answer_cell(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                             const patuh_gap *gap)
{
    if (isnan(gap->value))
        xlsx_str(x, ws, row, col, report_label(REPORT_L_MISSING, x->opt->lang), NULL);
    else
        xlsx_num(x, ws, row, col, gap->value, x->answer);
}

/* A unit cell: its path, or "(instansi)" for an answer of the agency itself. */
static void gaps_unit_cell(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                           const patuh_unit *unit)
{
    const char *path = unit->path && *unit->path ? unit->path : NULL;
    xlsx_str(x, ws, row, col, path ? path : report_label(REPORT_L_AGENCY_LEVEL, x->opt->lang),
             NULL);
}

/* The gain of each level below full marks as one text: "2 (dua) +16,67 · 3 (tiga) +33,33". */
static void gaps_levels_cell(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, const patuh_gap *gap)
{
    patuh_lang lang = x->opt->lang;
    size_t size = 64 + gap->n_steps * 96, used = 0;
    for (size_t i = 0; i < gap->n_steps; i++)
        size += gap->steps[i].label ? strlen(gap->steps[i].label) : 0;
    char *text = malloc(size);
    if (!text) {
        xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    text[0] = '\0';
    for (size_t i = 0; i < gap->n_steps && used < size; i++) {
        char value[32], gain[64];
        const patuh_gap_step *st = &gap->steps[i];
        report_value_lang(st->value, lang, value, sizeof value);
        report_points(x->rubric, st->gain, lang, gain, sizeof gain);
        int n =
            snprintf(text + used, size - used, "%s%s%s%s%s %s", i ? " · " : "", value,
                     st->label ? " (" : "", st->label ? st->label : "", st->label ? ")" : "", gain);
        used += n > 0 ? (size_t)n : 0;
    }
    xlsx_str(x, ws, row, G_LEVELS, text, x->wrap);
    free(text);
}

static void gaps_row(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, size_t no, const patuh_gaps *g,
                     const patuh_gap *gap)
{
    patuh_lang lang = x->opt->lang;
    xlsx_num(x, ws, row, G_NO, (double)no, NULL);
    xlsx_str(x, ws, row, G_ID, g->agency->id, NULL);
    xlsx_str(x, ws, row, G_NAME, g->agency->name, NULL);
    gaps_agency_cells(x, ws, row, G_TOTAL, g->agency);
    gaps_unit_cell(x, ws, row, G_UNIT, gap->unit);
    xlsx_str(x, ws, row, G_INDICATOR, gap->indicator->id, NULL);
    xlsx_str(x, ws, row, G_TITLE, gap->indicator->title, x->wrap);
    gaps_answer_cell(x, ws, row, G_ANSWER, gap);
    xlsx_score(x, ws, row, G_GAIN, gap->gain);
    xlsx_str(x, ws, row, G_CRITICAL,
             report_label(gap->critical ? REPORT_L_YES : REPORT_L_NO_WORD, lang), x->center);
    gaps_levels_cell(x, ws, row, gap);
    xlsx_str(x, ws, row, G_FIX, gap->indicator->fix, x->wrap);
    unsigned fix = xlsx_lines(report_utf8_width(gap->indicator->fix), XLSX_WIDTH_MAX - 6);
    unsigned title = xlsx_lines(report_utf8_width(gap->indicator->title), GAPS_TITLE_WIDTH - 2);
    xlsx_wrap_row(x, ws, row, fix > title ? fix : title);
}

void xlsx_gaps(xlsx_ctx *x, const patuh_gaps *gaps, size_t n)
{
    lxw_worksheet *ws = xlsx_sheet(x, REPORT_L_SHEET_GAPS);
    if (!ws || !xlsx_widths_begin(x, G_COLS))
        return;
    for (size_t c = 0; c < G_COLS; c++) {
        const char *head = report_label(gap_heads[c], x->opt->lang);
        if (c == G_NO || c == G_TOTAL || c == G_ANSWER || c == G_GAIN)
            xlsx_head_num(x, ws, (lxw_col_t)c, head);
        else
            xlsx_head_cell(x, ws, (lxw_col_t)c, head);
    }
    if (!gaps)
        xlsx_str(x, ws, 1, G_ID, report_label(REPORT_L_GAPS_TOO_MANY, x->opt->lang), NULL);
    lxw_row_t row = 1;
    size_t cut = 0;
    for (size_t k = 0; k < n; k++)
        for (size_t i = 0; i < gaps[k].count; i++) {
            if (row > XLSX_ROWS_MAX) {
                cut++;
                continue;
            }
            gaps_row(x, ws, row, row, &gaps[k], &gaps[k].items[i]);
            row++;
        }
    if (cut)
        patuh_diags_add(x->diags, PATUH_SEV_WARNING, NULL, 0, 0,
                        "%zu gaps left off the '%s' sheet, expected at most %d rows", cut,
                        report_label(REPORT_L_SHEET_GAPS, x->opt->lang), XLSX_ROWS_MAX);
    if (row > 1 && x->err == LXW_NO_ERROR)
        xlsx_fail(x, worksheet_autofilter(ws, 0, 0, row - 1, G_COLS - 1));
    worksheet_freeze_panes(ws, 1, 0);
    xlsx_fit(x, G_FIX, XLSX_WIDTH_MAX); /* the fix text wraps in a wide column */
    xlsx_fit(x, G_LEVELS, XLSX_WIDTH_MAX);
    xlsx_cap(x, G_TITLE, GAPS_TITLE_WIDTH);
    x->keep_cols = G_NAME;
    xlsx_widths_apply(x, ws);
}

/* ---- paths: the raises that reach the next band and zone ----------------------------- */

enum path_col {
    P_ID,
    P_NAME,
    P_TOTAL,
    P_BAND,
    P_PATH,
    P_TARGET,
    P_INDICATOR,
    P_UNIT,
    P_ANSWER,
    P_TO,
    P_LABEL,
    P_STEPS,
    P_GAIN,
    P_RESULT_TOTAL,
    P_RESULT_BAND,
    P_NOTE,
    P_COLS
};

static const report_label_id path_heads[P_COLS] = {
    REPORT_L_ID,          REPORT_L_NAME,         REPORT_L_TOTAL,        REPORT_L_BAND,
    REPORT_L_PATH,        REPORT_L_TARGET,       REPORT_L_INDICATOR,    REPORT_L_UNIT,
    REPORT_L_ANSWER,      REPORT_L_TARGET_LEVEL, REPORT_L_TARGET_LABEL, REPORT_L_STEPS,
    REPORT_L_GAIN_POINTS, REPORT_L_RESULT_TOTAL, REPORT_L_RESULT_BAND,  REPORT_L_NOTE,
};

/* What a path row says besides its raise: no target, out of reach, or the cap. */
static const char *path_note(const xlsx_ctx *x, const patuh_gap_path *p, report_label_id top,
                             char *buf, size_t size)
{
    patuh_lang lang = x->opt->lang;
    if (p->target == SIZE_MAX)
        return report_label(top, lang);
    if (!p->reachable)
        return report_label(REPORT_L_UNREACHABLE, lang);
    if (!p->capped)
        return NULL;
    snprintf(buf, size, "%s %s; %s", report_label(REPORT_L_CAPPED, lang),
             x->rubric->bands[x->rubric->critical_cap].id, report_label(REPORT_L_CAP_FIRST, lang));
    return buf;
}

/* The rows of one path: one per raise, or one row with the note when it has none. */
static lxw_row_t path_rows(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, const patuh_gaps *g,
                           const patuh_gap_path *p, report_label_id what, report_label_id top,
                           size_t *cut)
{
    const patuh_rubric *rubric = x->rubric;
    char note[512];
    const char *text = path_note(x, p, top, note, sizeof note);
    for (size_t i = 0; i == 0 || i < p->n_raises; i++, row++) {
        if (row > XLSX_ROWS_MAX) {
            *cut += (p->n_raises ? p->n_raises : 1) - i;
            return row;
        }
        xlsx_str(x, ws, row, P_ID, g->agency->id, NULL);
        xlsx_str(x, ws, row, P_NAME, g->agency->name, NULL);
        gaps_agency_cells(x, ws, row, P_TOTAL, g->agency);
        xlsx_str(x, ws, row, P_PATH, report_label(what, x->opt->lang), NULL);
        if (p->target != SIZE_MAX)
            xlsx_str(x, ws, row, P_TARGET, rubric->bands[p->target].id, NULL);
        if (i < p->n_raises) {
            const patuh_gap *gap = &g->items[p->raises[i].gap];
            const patuh_gap_step *step = &gap->steps[p->raises[i].step];
            xlsx_str(x, ws, row, P_INDICATOR, gap->indicator->id, NULL);
            gaps_unit_cell(x, ws, row, P_UNIT, gap->unit);
            gaps_answer_cell(x, ws, row, P_ANSWER, gap);
            xlsx_num(x, ws, row, P_TO, step->value, NULL);
            xlsx_str(x, ws, row, P_LABEL, step->label, NULL);
            xlsx_num(x, ws, row, P_STEPS, step->steps, NULL);
            xlsx_score(x, ws, row, P_GAIN, step->gain);
        }
        if (p->target != SIZE_MAX) {
            xlsx_score(x, ws, row, P_RESULT_TOTAL, p->total);
            if (p->band < rubric->n_bands)
                xlsx_str(x, ws, row, P_RESULT_BAND, rubric->bands[p->band].id, NULL);
        }
        xlsx_str(x, ws, row, P_NOTE, text, NULL);
    }
    return row;
}

void xlsx_gap_paths(xlsx_ctx *x, const patuh_gaps *gaps, size_t n)
{
    lxw_worksheet *ws = xlsx_sheet(x, REPORT_L_SHEET_PATHS);
    if (!ws || !xlsx_widths_begin(x, P_COLS))
        return;
    for (size_t c = 0; c < P_COLS; c++)
        xlsx_head_cell(x, ws, (lxw_col_t)c, report_label(path_heads[c], x->opt->lang));
    lxw_row_t row = 1;
    size_t cut = 0;
    for (size_t k = 0; k < n; k++) {
        row = path_rows(x, ws, row, &gaps[k], &gaps[k].next_band, REPORT_L_NEXT_BAND,
                        REPORT_L_TOP_BAND, &cut);
        row = path_rows(x, ws, row, &gaps[k], &gaps[k].next_zone, REPORT_L_NEXT_ZONE,
                        REPORT_L_TOP_ZONE, &cut);
    }
    if (cut)
        patuh_diags_add(x->diags, PATUH_SEV_WARNING, NULL, 0, 0,
                        "%zu rows left off the '%s' sheet, expected at most %d rows", cut,
                        report_label(REPORT_L_SHEET_PATHS, x->opt->lang), XLSX_ROWS_MAX);
    if (row > 1 && x->err == LXW_NO_ERROR)
        xlsx_fail(x, worksheet_autofilter(ws, 0, 0, row - 1, P_COLS - 1));
    worksheet_freeze_panes(ws, 1, 2);
    x->keep_cols = P_NAME;
    xlsx_widths_apply(x, ws);
}
