/* report_xlsx_sheets.c — the analyst's sheets of the score workbook: the summary (zone counts
 * and shares per group, a total row and a stacked column chart in the zones' colours), the
 * indicator heat map (each agency's score per indicator in %, with the share of agencies at
 * full marks) and the gaps (each shortfall with its gain and the rubric's fix text). */
#include "report/report_xlsx.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define XLSX_FULL_EPS 1e-9

/* ---- summary ------------------------------------------------------------------------ */

/* counts[(g * (n_zones + 1)) + z]: agencies of group g in zone z; z = n_zones is the
 * group's total; g = n_groups is the row of every agency. */
static size_t *summary_counts(const xlsx_ctx *x, size_t rows, size_t cols)
{
    const patuh_rubric *rubric = x->rubric;
    size_t *counts = calloc(rows * cols, sizeof *counts);
    for (size_t i = 0; counts && i < x->batch->n_agencies; i++) {
        const patuh_agency *a = x->batch->agencies[i];
        if (!report_ranked(a))
            continue; /* zone shares are over the ranked agencies (doc/scoring.md §12) */
        const patuh_zone *zone = report_zone(rubric, a);
        size_t z = zone ? (size_t)(zone - rubric->zones) : rubric->n_zones;
        size_t g =
            a->group >= 0 && (size_t)a->group < rubric->n_groups ? (size_t)a->group : SIZE_MAX;
        size_t all = rows - 1;
        if (z < rubric->n_zones) {
            counts[all * cols + z]++;
            if (g != SIZE_MAX)
                counts[g * cols + z]++;
        }
        counts[all * cols + cols - 1]++;
        if (g != SIZE_MAX)
            counts[g * cols + cols - 1]++;
    }
    return counts;
}

static void summary_header(xlsx_ctx *x, lxw_worksheet *ws)
{
    const patuh_rubric *rubric = x->rubric;
    size_t nz = rubric->n_zones;
    xlsx_head_cell(x, ws, 0, report_label(REPORT_L_GROUP, x->opt->lang));
    for (size_t z = 0; z < nz; z++)
        xlsx_head_cell(x, ws, (lxw_col_t)(1 + z), rubric->zones[z].name);
    xlsx_head_cell(x, ws, (lxw_col_t)(1 + nz), report_label(REPORT_L_AGENCIES, x->opt->lang));
    for (size_t z = 0; z < nz && x->err == LXW_NO_ERROR; z++) {
        char *head = str_printf("%% %s", rubric->zones[z].name);
        if (!head)
            xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        xlsx_head_cell(x, ws, (lxw_col_t)(2 + nz + z), head);
        free(head);
    }
}

/* One row: the counts per zone, the total, then each zone's share of the total. */
static void summary_row(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, const char *name,
                        const size_t *counts, bool bold)
{
    size_t nz = x->rubric->n_zones;
    double total = (double)counts[nz];
    xlsx_str(x, ws, row, 0, name, bold ? x->bold : NULL);
    for (size_t z = 0; z <= nz; z++)
        xlsx_num(x, ws, row, (lxw_col_t)(1 + z), (double)counts[z], bold ? x->bold : NULL);
    for (size_t z = 0; z < nz; z++)
        xlsx_num(x, ws, row, (lxw_col_t)(2 + nz + z), total > 0 ? (double)counts[z] / total : 0,
                 x->percent);
}

/* A stacked column per group (or the one total row without groups), one series per zone in
 * its colour, beside the table. */
static void summary_chart(xlsx_ctx *x, lxw_worksheet *ws, size_t rows)
{
    const patuh_rubric *rubric = x->rubric;
    const char *sheet = report_label(REPORT_L_SHEET_SUMMARY, x->opt->lang);
    lxw_row_t first = rubric->n_groups ? 1 : (lxw_row_t)rows;
    lxw_row_t last = (lxw_row_t)(rubric->n_groups ? rubric->n_groups : rows);
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
        chart_series_set_categories(series, sheet, first, 0, last, 0);
        chart_series_set_values(series, sheet, first, (lxw_col_t)(1 + z), last, (lxw_col_t)(1 + z));
        chart_series_set_name_range(series, sheet, 0, (lxw_col_t)(1 + z));
        unsigned rgb;
        if (report_color_rgb(rubric->zones[z].color, &rgb)) {
            lxw_chart_fill fill = {.color = (lxw_color_t)rgb};
            chart_series_set_fill(series, &fill);
        }
    }
    chart_title_set_name(chart, report_label(REPORT_L_CHART_TITLE, x->opt->lang));
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options place = {.x_offset = 24, .y_offset = 0, .x_scale = 1.1, .y_scale = 1.1};
    lxw_col_t beside = (lxw_col_t)(3 + 2 * rubric->n_zones);
    xlsx_fail(x, worksheet_insert_chart_opt(ws, 0, beside, chart, &place));
}

void xlsx_summary(xlsx_ctx *x)
{
    const patuh_rubric *rubric = x->rubric;
    size_t rows = rubric->n_groups + 1, cols = rubric->n_zones + 1;
    lxw_worksheet *ws = xlsx_sheet(x, REPORT_L_SHEET_SUMMARY);
    if (!ws || !xlsx_widths_begin(x, 2 + 2 * rubric->n_zones))
        return;
    size_t *counts = summary_counts(x, rows, cols);
    if (!counts) {
        xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    summary_header(x, ws);
    for (size_t g = 0; g < rubric->n_groups; g++)
        summary_row(x, ws, (lxw_row_t)(1 + g), rubric->groups[g], &counts[g * cols], false);
    summary_row(x, ws, (lxw_row_t)rows, report_label(REPORT_L_ALL, x->opt->lang),
                &counts[(rows - 1) * cols], true);
    free(counts);
    summary_chart(x, ws, rows);
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

static void indicators_header(xlsx_ctx *x, lxw_worksheet *ws)
{
    patuh_lang lang = x->opt->lang;
    xlsx_head_cell(x, ws, 0, report_label(REPORT_L_RANK, lang));
    xlsx_head_cell(x, ws, 1, report_label(REPORT_L_ID, lang));
    xlsx_head_cell(x, ws, 2, report_label(REPORT_L_NAME, lang));
    for (size_t i = 0; i < x->rubric->n_indicators; i++)
        xlsx_head_cell(x, ws, (lxw_col_t)(3 + i), x->rubric->indicators[i]->id);
}

/* The last row: per indicator, the share of agencies at full marks among those where the
 * indicator did not drop out. */
static void indicators_full(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row)
{
    const patuh_batch *batch = x->batch;
    xlsx_str(x, ws, row, 2, report_label(REPORT_L_FULL_MARKS, x->opt->lang), x->bold);
    for (size_t i = 0; i < x->rubric->n_indicators; i++) {
        const patuh_node *ind = x->rubric->indicators[i];
        size_t scored = 0, full = 0;
        for (size_t k = 0; k < batch->n_agencies; k++) {
            double s = patuh_unit_score(x->rubric, &batch->agencies[k]->root, ind);
            if (isnan(s))
                continue;
            scored++;
            full += s >= 1 - XLSX_FULL_EPS;
        }
        if (scored)
            xlsx_num(x, ws, row, (lxw_col_t)(3 + i), (double)full / (double)scored, x->percent);
    }
}

void xlsx_indicators(xlsx_ctx *x)
{
    const patuh_batch *batch = x->batch;
    size_t n_ind = x->rubric->n_indicators;
    lxw_worksheet *ws = xlsx_sheet(x, REPORT_L_SHEET_INDICATORS);
    if (!ws || !xlsx_widths_begin(x, 3 + n_ind))
        return;
    indicators_header(x, ws);
    for (size_t k = 0; k < batch->n_agencies; k++) {
        const patuh_agency *a = batch->agencies[k];
        lxw_row_t row = (lxw_row_t)(k + 1);
        xlsx_num(x, ws, row, 0, (double)a->rank, NULL);
        xlsx_str(x, ws, row, 1, a->id, NULL);
        xlsx_str(x, ws, row, 2, a->name, NULL);
        for (size_t i = 0; i < n_ind; i++)
            xlsx_num(x, ws, row, (lxw_col_t)(3 + i),
                     indicator_percent(x->rubric, a, x->rubric->indicators[i]), x->whole);
    }
    lxw_row_t last = (lxw_row_t)batch->n_agencies;
    indicators_full(x, ws, last + 1);
    if (n_ind)
        xlsx_color_scale(x, ws, 1, 3, last, (lxw_col_t)(2 + n_ind), 0, 100);
    worksheet_freeze_panes(ws, 1, 3);
    xlsx_widths_apply(x, ws);
}

/* ---- gaps: every shortfall with its gain and fix ------------------------------------- */

enum gap_col {
    G_NO,
    G_ID,
    G_NAME,
    G_TOTAL,
    G_BAND,
    G_UNIT,
    G_INDICATOR,
    G_ANSWER,
    G_GAIN,
    G_CRITICAL,
    G_LEVELS,
    G_FIX,
    G_COLS
};

static const report_label_id gap_heads[G_COLS] = {
    REPORT_L_NO,          REPORT_L_ID,
    REPORT_L_NAME,        REPORT_L_TOTAL,
    REPORT_L_BAND,        REPORT_L_UNIT,
    REPORT_L_INDICATOR,   REPORT_L_ANSWER,
    REPORT_L_GAIN_POINTS, REPORT_L_CRITICAL_HEAD,
    REPORT_L_PER_LEVEL,   REPORT_L_FIX,
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
        xlsx_num(x, ws, row, col, gap->value, NULL);
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
    xlsx_str(x, ws, row, G_UNIT, gap->unit->path, NULL);
    xlsx_str(x, ws, row, G_INDICATOR, gap->indicator->id, NULL);
    gaps_answer_cell(x, ws, row, G_ANSWER, gap);
    xlsx_score(x, ws, row, G_GAIN, gap->gain);
    if (gap->critical)
        xlsx_str(x, ws, row, G_CRITICAL, report_label(REPORT_L_CRITICAL, lang), NULL);
    gaps_levels_cell(x, ws, row, gap);
    xlsx_str(x, ws, row, G_FIX, gap->indicator->fix, x->wrap);
    if (gap->indicator->fix)
        xlsx_wrap_row(x, ws, row, report_utf8_width(gap->indicator->fix), XLSX_WIDTH_MAX - 6);
}

void xlsx_gaps(xlsx_ctx *x, const patuh_gaps *gaps, size_t n)
{
    lxw_worksheet *ws = xlsx_sheet(x, REPORT_L_SHEET_GAPS);
    if (!ws || !xlsx_widths_begin(x, G_COLS))
        return;
    for (size_t c = 0; c < G_COLS; c++)
        xlsx_head_cell(x, ws, (lxw_col_t)c, report_label(gap_heads[c], x->opt->lang));
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
    xlsx_print_across(x, ws, G_NAME);
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
            xlsx_str(x, ws, row, P_UNIT, gap->unit->path, NULL);
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
    xlsx_print_across(x, ws, P_NAME);
    xlsx_widths_apply(x, ws);
}
