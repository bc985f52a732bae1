/* report_xlsx_compare.c — the comparison of two reports as a workbook: the table of every
 * agency (old and new total, rank, band and zone, zones filled in their colours), the zone
 * transition matrix with the biggest risers and fallers, and an About sheet. A JSON report
 * names zones but not their colours, so the colours are those of the shipped rubrics' zones. */
#include "report/report_xlsx.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

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

enum cmp_col {
    C_ID,
    C_NAME,
    C_STATUS,
    C_OLD_TOTAL,
    C_NEW_TOTAL,
    C_CHANGE,
    C_OLD_RANK,
    C_NEW_RANK,
    C_RANK_CHANGE,
    C_OLD_BAND,
    C_NEW_BAND,
    C_OLD_ZONE,
    C_NEW_ZONE,
    C_COLS
};

static const report_label_id cmp_heads[C_COLS] = {
    REPORT_L_ID,          REPORT_L_NAME,     REPORT_L_STATUS,   REPORT_L_OLD_TOTAL,
    REPORT_L_NEW_TOTAL,   REPORT_L_CHANGE,   REPORT_L_OLD_RANK, REPORT_L_NEW_RANK,
    REPORT_L_RANK_CHANGE, REPORT_L_OLD_BAND, REPORT_L_NEW_BAND, REPORT_L_OLD_ZONE,
    REPORT_L_NEW_ZONE,
};

static report_label_id cmp_status_label(const patuh_compare_row *r)
{
    return !r->old   ? REPORT_L_STATUS_ADDED
           : !r->new ? REPORT_L_STATUS_REMOVED
                     : REPORT_L_STATUS_BOTH;
}

static double cmp_round(const xlsx_ctx *x, double v)
{
    return isnan(v) ? v : patuh_round(v, x->decimals);
}

/* One side (old or new) of a row: total, rank, band and zone in columns total..zone. */
static void cmp_side(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, const patuh_comparison *c,
                     const patuh_report_agency *a, lxw_col_t total, lxw_col_t rank, lxw_col_t band,
                     lxw_col_t zone)
{
    if (!a)
        return;
    xlsx_num(x, ws, row, total, cmp_round(x, a->total), x->score);
    if (a->rank)
        xlsx_num(x, ws, row, rank, (double)a->rank, NULL);
    xlsx_str(x, ws, row, band, a->band, NULL);
    xlsx_str(x, ws, row, zone, a->zone, zone_format(x, c, a->zone));
}

static void cmp_row(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, const patuh_comparison *c,
                    const patuh_compare_row *r)
{
    const patuh_report_agency *a = r->new ? r->new : r->old;
    xlsx_str(x, ws, row, C_ID, a->id, NULL);
    xlsx_str(x, ws, row, C_NAME, a->name, NULL);
    xlsx_str(x, ws, row, C_STATUS, report_label(cmp_status_label(r), x->opt->lang), NULL);
    cmp_side(x, ws, row, c, r->old, C_OLD_TOTAL, C_OLD_RANK, C_OLD_BAND, C_OLD_ZONE);
    cmp_side(x, ws, row, c, r->new, C_NEW_TOTAL, C_NEW_RANK, C_NEW_BAND, C_NEW_ZONE);
    xlsx_num(x, ws, row, C_CHANGE, cmp_round(x, patuh_compare_change(r)), x->score);
    if (r->old && r->new && r->old->rank && r->new->rank)
        xlsx_num(x, ws, row, C_RANK_CHANGE, (double)report_compare_rank_change(r), NULL);
}

static void cmp_table(xlsx_ctx *x, const patuh_comparison *c)
{
    lxw_worksheet *ws = xlsx_sheet(x, REPORT_L_SHEET_COMPARE);
    if (!ws || !xlsx_widths_begin(x, C_COLS))
        return;
    for (size_t k = 0; k < C_COLS; k++)
        xlsx_head_cell(x, ws, (lxw_col_t)k, report_label(cmp_heads[k], x->opt->lang));
    size_t n = c->n_rows < LXW_ROW_MAX - 1 ? c->n_rows : LXW_ROW_MAX - 1;
    for (size_t i = 0; i < n; i++)
        cmp_row(x, ws, (lxw_row_t)(i + 1), c, &c->rows[i]);
    if (x->err == LXW_NO_ERROR)
        xlsx_fail(x, worksheet_autofilter(ws, 0, 0, (lxw_row_t)n, C_COLS - 1));
    worksheet_freeze_panes(ws, 1, 2);
    xlsx_widths_apply(x, ws);
}

/* ---- transitions, risers and fallers ------------------------------------------------ */

static void cmp_matrix(xlsx_ctx *x, lxw_worksheet *ws, const patuh_comparison *c)
{
    xlsx_head_cell(x, ws, 0, report_label(REPORT_L_MATRIX_CORNER, x->opt->lang));
    for (size_t t = 0; t < c->n_zones; t++)
        xlsx_str(x, ws, 0, (lxw_col_t)(1 + t), c->zones[t], x->zones[t] ? x->zones[t] : x->head);
    for (size_t f = 0; f < c->n_zones; f++) {
        xlsx_str(x, ws, (lxw_row_t)(1 + f), 0, c->zones[f], x->zones[f] ? x->zones[f] : x->bold);
        for (size_t t = 0; t < c->n_zones; t++)
            xlsx_num(x, ws, (lxw_row_t)(1 + f), (lxw_col_t)(1 + t),
                     (double)c->matrix[f * c->n_zones + t], NULL);
    }
}

/* Up to MOVERS risers (rise > 0, largest first) or fallers (fall, largest first) in column
 * col from row `row`: id and change. */
static void cmp_movers(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                       const patuh_compare_row **v, size_t n, bool rise)
{
    xlsx_str(x, ws, row++, col,
             report_label(rise ? REPORT_L_RISERS : REPORT_L_FALLERS, x->opt->lang), x->bold);
    for (size_t k = 0, i = 0; i < n && k < MOVERS; i++) {
        const patuh_compare_row *r = v[rise ? i : n - 1 - i];
        double change = patuh_compare_change(r);
        if (rise ? change <= 0 : change >= 0)
            continue;
        xlsx_str(x, ws, row, col, r->new->id, NULL);
        xlsx_num(x, ws, row++, col + 1, cmp_round(x, change), x->score);
        k++;
    }
}

static void cmp_transitions(xlsx_ctx *x, const patuh_comparison *c)
{
    lxw_worksheet *ws = xlsx_sheet(x, REPORT_L_SHEET_TRANSITIONS);
    if (!ws || !xlsx_widths_begin(x, c->n_zones + 1 > 4 ? c->n_zones + 1 : 4))
        return;
    cmp_matrix(x, ws, c);
    size_t n = 0;
    const patuh_compare_row **v = report_compare_movers(c, &n);
    if (!v) {
        xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    lxw_row_t below = (lxw_row_t)(c->n_zones + 2);
    cmp_movers(x, ws, below, 0, v, n, true);
    cmp_movers(x, ws, (lxw_row_t)(below + MOVERS + 2), 0, v, n, false);
    free(v);
    xlsx_widths_apply(x, ws);
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
    const report_label_id labels[] = {REPORT_L_VERSION, REPORT_L_OLD_REPORT, REPORT_L_NEW_REPORT,
                                      REPORT_L_RUBRIC_ID, REPORT_L_TIME};
    const char *values[] = {PATUH_VERSION, c->old->path, c->new->path, c->new->rubric_id, when};
    xlsx_str(x, ws, 0, 0, report_label(REPORT_L_ABOUT_ITEM, lang), x->head);
    xlsx_str(x, ws, 0, 1, report_label(REPORT_L_ABOUT_VALUE, lang), x->head);
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        xlsx_str(x, ws, (lxw_row_t)(i + 1), 0, report_label(labels[i], lang), x->bold);
        xlsx_str(x, ws, (lxw_row_t)(i + 1), 1, values[i], NULL);
    }
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
    xlsx_ctx x = {.opt = opt, .decimals = c->new->decimals};
    char *title = str_printf("%s: %s -> %s", c->new->rubric_id, c->old->path, c->new->path);
    patuh_status st = title ? xlsx_open(&x, path, name, title, REPORT_L_COMPARE_SUBJECT, colors,
                                        c->n_zones, diags)
                            : PATUH_ENOMEM;
    free(title);
    free(colors);
    if (st != PATUH_OK)
        return st;
    cmp_table(&x, c);
    cmp_transitions(&x, c);
    cmp_about(&x, c);
    return xlsx_close(&x, name, diags);
}
