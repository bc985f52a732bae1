/* report_xlsx_units.c — the Unit sheet of the ranking workbook: one row per agency x unit and
 * product at every depth, in ranking order and the unit tree's order, with the unit's total,
 * band and zone (doc/scoring.md §13), as ORI publishes zones per unit and per product, and
 * the products it lacks of what the method samples (doc/scoring.md §14). */
#include "report/report_xlsx.h"

/* Beyond this many units the sheet holds a note instead: every cell of a workbook is kept in
 * memory until it is closed, and a national batch's units are all in the JSON report. */
#define UNITS_SHEET_MAX_ROWS 100000

enum unit_col {
    U_ID,
    U_NAME,
    U_PATH,
    U_UNIT_NAME,
    U_KIND,
    U_TOTAL,
    U_BAND,
    U_ZONE,
    U_PRODUCTS_SHORT,
    U_COLS
};

static const report_label_id unit_heads[U_COLS] = {
    REPORT_L_ID,    REPORT_L_NAME, REPORT_L_UNIT, REPORT_L_UNIT_NAME,      REPORT_L_KIND,
    REPORT_L_TOTAL, REPORT_L_BAND, REPORT_L_ZONE, REPORT_L_PRODUCTS_SHORT,
};

/* The kind column: a product, the unit's kind from `unit_kinds:`, or a unit. */
static const char *unit_kind_text(const xlsx_ctx *x, const patuh_unit *u)
{
    int kind = patuh_unit_kind_index(u);
    if (patuh_unit_is_product(u))
        return report_label(REPORT_L_KIND_PRODUCT, x->opt->lang);
    if (kind >= 0)
        return x->rubric->unit_kinds[kind].label;
    return report_label(REPORT_L_KIND_UNIT, x->opt->lang);
}

static void unit_row(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, const patuh_agency *a,
                     const patuh_unit *u)
{
    const patuh_rubric *rubric = x->rubric;
    patuh_unit_result r = patuh_unit_result_get(rubric, u);
    const patuh_zone *zone = report_band_zone(rubric, r.band);
    xlsx_str(x, ws, row, U_ID, a->id, NULL);
    xlsx_str(x, ws, row, U_NAME, a->name, NULL);
    xlsx_str(x, ws, row, U_PATH, u->path, NULL);
    xlsx_str(x, ws, row, U_UNIT_NAME, u->name, NULL);
    xlsx_str(x, ws, row, U_KIND, unit_kind_text(x, u), NULL);
    xlsx_score(x, ws, row, U_TOTAL, r.total);
    if (zone) { /* as on the ranking: the band centred, the zone as a label in its colour */
        char label[256];
        xlsx_str(x, ws, row, U_BAND, rubric->bands[r.band].id, x->center);
        xlsx_str(x, ws, row, U_ZONE, xlsx_label(zone->name, label, sizeof label),
                 x->zones[zone - rubric->zones]);
    }
    unsigned have, need = patuh_unit_products_need(rubric, a, u, &have);
    if (have < need) /* doc/scoring.md §14: the products the method samples and it lacks */
        xlsx_num(x, ws, row, U_PRODUCTS_SHORT, need - have, NULL);
}

/* The rows of unit u's sub-units and everything below them, in pre-order, from *row on. */
static void unit_rows(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t *row, const patuh_agency *a,
                      const patuh_unit *u)
{
    for (size_t i = 0; i < u->n_units && x->err == LXW_NO_ERROR; i++) {
        unit_row(x, ws, (*row)++, a, u->units[i]);
        unit_rows(x, ws, row, a, u->units[i]);
    }
}

void xlsx_units(xlsx_ctx *x)
{
    if (x->batch->n_units == 0)
        return; /* agencies without units: the ranking says it all */
    lxw_worksheet *ws = xlsx_sheet(x, REPORT_L_SHEET_UNITS);
    if (!ws || !xlsx_widths_begin(x, U_COLS))
        return;
    for (size_t c = 0; c < U_COLS; c++) {
        const char *head = report_label(unit_heads[c], x->opt->lang);
        if (c == U_TOTAL || c == U_PRODUCTS_SHORT) /* numbers: the header over them too */
            xlsx_head_num(x, ws, (lxw_col_t)c, head);
        else
            xlsx_head_cell(x, ws, (lxw_col_t)c, head);
    }
    xlsx_fit(x, U_TOTAL, 9); /* room between the score and the band beside it */
    lxw_row_t row = 1;
    if (x->batch->n_units > UNITS_SHEET_MAX_ROWS)
        xlsx_str(x, ws, row++, U_ID, report_label(REPORT_L_UNITS_TOO_MANY, x->opt->lang), NULL);
    else
        for (size_t i = 0; i < x->batch->n_agencies; i++)
            unit_rows(x, ws, &row, x->batch->agencies[i], &x->batch->agencies[i]->root);
    if (x->err == LXW_NO_ERROR)
        xlsx_fail(x, worksheet_autofilter(ws, 0, 0, row > 1 ? row - 1 : 1, U_COLS - 1));
    worksheet_freeze_panes(ws, 1, 0);
    xlsx_widths_apply(x, ws);
}

void xlsx_sampling_cell(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                        const patuh_agency *a)
{
    patuh_sampling s;
    if (patuh_sampling_get(x->rubric, a, &s) != PATUH_OK)
        xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    else if (s.entry && patuh_sampling_count(&s) == 0)
        xlsx_str(x, ws, row, col, report_label(REPORT_L_SAMPLING_COMPLETE, x->opt->lang), NULL);
    else if (s.entry)
        xlsx_num(x, ws, row, col, (double)patuh_sampling_count(&s), NULL);
    patuh_sampling_release(&s);
}
