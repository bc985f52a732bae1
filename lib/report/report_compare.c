/* report_compare.c — writes a comparison of two reports (compare.c): a table for the
 * terminal with the agencies, the added and removed ones, the zone transition matrix and the
 * biggest risers and fallers, in the report language; CSV with one row per agency and JSON
 * with all of it, whose keys stay English for programs; the workbook is
 * report_xlsx_compare.c. */
#include "report/report.h"

#include <errno.h>
#include <json-c/json.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MOVERS 5

static const char *rc_num(double v, int decimals, char *buf, size_t size)
{
    if (isnan(v))
        return "-";
    patuh_format_number(v, decimals, buf, size);
    return buf;
}

/* A signed change: "+1.25", "-0.50", "0.00". */
static const char *rc_change(double v, int decimals, char *buf, size_t size)
{
    if (isnan(v))
        return "-";
    double r = patuh_round(v, decimals);
    buf[0] = r > 0 ? '+' : '\0';
    patuh_format_number(r, decimals, buf + (r > 0), size - 1);
    return buf;
}

long report_compare_rank_change(const patuh_compare_row *row)
{
    if (!row->old || !row->new || !row->old->rank || !row->new->rank)
        return 0;
    return (long)row->old->rank - (long)row->new->rank;
}

const char *report_compare_status(const patuh_compare_row *row)
{
    return !row->old ? "added" : !row->new ? "removed" : "both";
}

/* ---- movers ----------------------------------------------------------------------- */

static int rc_cmp_change(const void *pa, const void *pb)
{
    const patuh_compare_row *a = *(const patuh_compare_row *const *)pa;
    const patuh_compare_row *b = *(const patuh_compare_row *const *)pb;
    double x = patuh_compare_change(a), y = patuh_compare_change(b);
    if (x != y)
        return x > y ? -1 : 1;
    return strcmp(a->new->id, b->new->id);
}

const patuh_compare_row **report_compare_movers(const patuh_comparison *c, size_t *n)
{
    const patuh_compare_row **v = malloc((c->n_rows + 1) * sizeof *v);
    *n = 0;
    if (!v)
        return NULL;
    for (size_t i = 0; i < c->n_rows; i++)
        if (!isnan(patuh_compare_change(&c->rows[i])))
            v[(*n)++] = &c->rows[i];
    qsort(v, *n, sizeof *v, rc_cmp_change);
    return v;
}

/* ---- table ------------------------------------------------------------------------ */

enum { RC_COLS = 12, RC_CELL = 48 };

/* Ranks, then bands: "was" and "now" twice, as the columns read left to right. */
static const report_label_id rc_heads[RC_COLS] = {
    REPORT_L_T_ID,  REPORT_L_T_OLD,      REPORT_L_T_NEW,      REPORT_L_T_CHANGE,
    REPORT_L_T_WAS, REPORT_L_T_NOW,      REPORT_L_T_MOVED,    REPORT_L_T_WAS,
    REPORT_L_T_NOW, REPORT_L_T_WAS_ZONE, REPORT_L_T_NOW_ZONE, REPORT_L_T_NAME};
static const bool rc_right[RC_COLS] = {false, true, true, true, true, true, true};

/* The cells of one row; numbers are formatted into buf. */
static void rc_cells(const patuh_compare_row *row, int d, char buf[RC_COLS][RC_CELL],
                     const char *cell[RC_COLS])
{
    const patuh_report_agency *a = row->new ? row->new : row->old, *o = row->old, *n = row->new;
    cell[0] = report_term_text(a->id, buf[0], RC_CELL);
    cell[1] = rc_num(o ? o->total : NAN, d, buf[1], RC_CELL);
    cell[2] = rc_num(n ? n->total : NAN, d, buf[2], RC_CELL);
    cell[3] = rc_change(patuh_compare_change(row), d, buf[3], RC_CELL);
    bool ranked_o = o && o->rank, ranked_n = n && n->rank; /* rank 0: not in the report */
    cell[4] = ranked_o ? (snprintf(buf[4], RC_CELL, "%zu", o->rank), buf[4]) : "-";
    cell[5] = ranked_n ? (snprintf(buf[5], RC_CELL, "%zu", n->rank), buf[5]) : "-";
    cell[6] = ranked_o && ranked_n
                  ? (snprintf(buf[6], RC_CELL, "%+ld", report_compare_rank_change(row)), buf[6])
                  : "-";
    cell[7] = o ? report_term_text(o->band, buf[7], RC_CELL) : "-";
    cell[8] = n ? report_term_text(n->band, buf[8], RC_CELL) : "-";
    cell[9] = o ? report_term_text(o->zone, buf[9], RC_CELL) : "-";
    cell[10] = n ? report_term_text(n->zone, buf[10], RC_CELL) : "-";
    cell[11] = report_term_text(a->name, buf[11], RC_CELL);
}

/* Cells padded to the column widths, two spaces apart; the name last, unpadded. */
static void rc_print_cells(FILE *out, const char *cell[RC_COLS], const int width[RC_COLS])
{
    for (size_t k = 0; k + 1 < RC_COLS; k++)
        fprintf(out, rc_right[k] ? "%*s  " : "%-*s  ", width[k], cell[k] ? cell[k] : "-");
    fprintf(out, "%s\n", cell[RC_COLS - 1]);
}

static void rc_widths(const patuh_comparison *c, patuh_lang lang, int width[RC_COLS])
{
    char buf[RC_COLS][RC_CELL];
    const char *cell[RC_COLS];
    for (size_t k = 0; k < RC_COLS; k++)
        width[k] = (int)strlen(report_label(rc_heads[k], lang));
    for (size_t i = 0; i < c->n_rows; i++) {
        rc_cells(&c->rows[i], c->new->decimals, buf, cell);
        for (size_t k = 0; k < RC_COLS; k++)
            if (cell[k] && (int)strlen(cell[k]) > width[k])
                width[k] = (int)strlen(cell[k]);
    }
}

/* Rows: old zone, columns: new zone, each cell the number of agencies that moved so. */
static void rc_table_matrix(FILE *out, const patuh_comparison *c, patuh_lang lang)
{
    const char *corner = report_label(REPORT_L_MATRIX_CORNER, lang);
    int first = (int)strlen(corner), w = 1;
    char zone[RC_CELL];
    for (size_t z = 0; z < c->n_zones; z++) {
        int len = (int)strlen(report_term_text(c->zones[z], zone, sizeof zone));
        first = len > first ? len : first;
        w = len > w ? len : w;
    }
    fprintf(out, "\n%s\n%-*s", report_label(REPORT_L_SHEET_TRANSITIONS, lang), first, corner);
    for (size_t z = 0; z < c->n_zones; z++)
        fprintf(out, "  %*s", w, report_term_text(c->zones[z], zone, sizeof zone));
    fputc('\n', out);
    for (size_t f = 0; f < c->n_zones; f++) {
        fprintf(out, "%-*s", first, report_term_text(c->zones[f], zone, sizeof zone));
        for (size_t t = 0; t < c->n_zones; t++)
            fprintf(out, "  %*zu", w, c->matrix[f * c->n_zones + t]);
        fputc('\n', out);
    }
}

static void rc_table_movers(FILE *out, const patuh_comparison *c, int d, patuh_lang lang)
{
    size_t n;
    const patuh_compare_row **v = report_compare_movers(c, &n);
    char ch[48], id[RC_CELL];
    if (!v)
        return;
    fprintf(out, "\n%s:", report_label(REPORT_L_RISERS, lang));
    for (size_t i = 0, k = 0; i < n && k < MOVERS; i++)
        if (patuh_compare_change(v[i]) > 0)
            fprintf(out, "%s %s %s", k++ ? "," : "", report_term_text(v[i]->new->id, id, sizeof id),
                    rc_change(patuh_compare_change(v[i]), d, ch, sizeof ch));
    fprintf(out, "\n%s:", report_label(REPORT_L_FALLERS, lang));
    for (size_t i = n, k = 0; i-- > 0 && k < MOVERS;)
        if (patuh_compare_change(v[i]) < 0)
            fprintf(out, "%s %s %s", k++ ? "," : "", report_term_text(v[i]->new->id, id, sizeof id),
                    rc_change(patuh_compare_change(v[i]), d, ch, sizeof ch));
    fputc('\n', out);
    free(v);
}

/* Agencies in both reports, then the added and the removed ones under their own heads. */
static void rc_table_rows(FILE *out, const patuh_comparison *c, patuh_lang lang,
                          const int width[RC_COLS])
{
    char buf[RC_COLS][RC_CELL];
    const char *cell[RC_COLS];
    for (int pass = 0; pass < 3; pass++) {
        bool head = false;
        for (size_t i = 0; i < c->n_rows; i++) {
            const patuh_compare_row *row = &c->rows[i];
            bool in = pass == 0 ? row->old && row->new : pass == 1 ? !row->old : !row->new;
            if (!in)
                continue;
            if (pass > 0 && !head)
                fprintf(out, "\n%s:\n",
                        report_label(pass == 1 ? REPORT_L_STATUS_ADDED : REPORT_L_STATUS_REMOVED,
                                     lang));
            head = true;
            rc_cells(row, c->new->decimals, buf, cell);
            rc_print_cells(out, cell, width);
        }
    }
}

static patuh_status rc_table(const patuh_comparison *c, patuh_lang lang, FILE *out)
{
    int width[RC_COLS];
    const char *head[RC_COLS];
    rc_widths(c, lang, width);
    for (size_t k = 0; k < RC_COLS; k++)
        head[k] = report_label(rc_heads[k], lang);
    fprintf(out, "%s: %s (%s)\n%s: %s (%s)\n\n", report_label(REPORT_L_OLD_REPORT, lang),
            c->old->path, c->old->rubric_id, report_label(REPORT_L_NEW_REPORT, lang), c->new->path,
            c->new->rubric_id);
    rc_print_cells(out, head, width);
    rc_table_rows(out, c, lang, width);
    rc_table_matrix(out, c, lang);
    rc_table_movers(out, c, c->new->decimals, lang);
    return PATUH_OK;
}

/* ---- CSV -------------------------------------------------------------------------- */

static patuh_status rc_csv(const patuh_comparison *c, FILE *out)
{
    int d = c->new->decimals;
    fputs("id,name,status,old_total,new_total,change,old_rank,new_rank,rank_change,old_band,"
          "new_band,old_zone,new_zone\n",
          out);
    for (size_t i = 0; i < c->n_rows; i++) {
        const patuh_compare_row *r = &c->rows[i];
        const patuh_report_agency *a = r->new ? r->new : r->old;
        char t0[48], t1[48], ch[48];
        report_csv_text(out, a->id);
        fputc(',', out);
        report_csv_text(out, a->name);
        fprintf(
            out, ",%s,%s,%s,%s,", report_compare_status(r),
            r->old ? rc_num(r->old->total, d, t0, 48) : "",
            r->new ? rc_num(r->new->total, d, t1, 48) : "",
            isnan(patuh_compare_change(r))
                ? ""
                : (patuh_format_number(patuh_round(patuh_compare_change(r), d), d, ch, 48), ch));
        if (r->old)
            fprintf(out, "%zu", r->old->rank);
        fputc(',', out);
        if (r->new)
            fprintf(out, "%zu", r->new->rank);
        fputc(',', out);
        if (r->old && r->new)
            fprintf(out, "%ld", report_compare_rank_change(r));
        const char *tail[] = {r->old ? r->old->band : "", r->new ? r->new->band : "",
                              r->old ? r->old->zone : "", r->new ? r->new->zone : ""};
        for (size_t k = 0; k < 4; k++) {
            fputc(',', out);
            report_csv_text(out, tail[k]);
        }
        fputc('\n', out);
    }
    return PATUH_OK;
}

/* ---- JSON ------------------------------------------------------------------------- */

/* A text that may be missing, written as "" (a comparison row always has its fields). */
static bool rc_jput_text(json_object *o, const char *key, const char *s)
{
    return json_put_string(o, key, s ? s : "");
}

static json_object *rc_jrow(const patuh_compare_row *r, int d)
{
    const patuh_report_agency *a = r->new ? r->new : r->old;
    json_object *o = json_object_new_object();
    bool ok = o && rc_jput_text(o, "id", a->id) && rc_jput_text(o, "name", a->name) &&
              rc_jput_text(o, "status", report_compare_status(r)) &&
              (r->old ? json_put_score(o, "old_total", r->old->total, d)
                      : json_put_null(o, "old_total")) &&
              (r->new ? json_put_score(o, "new_total", r->new->total, d)
                      : json_put_null(o, "new_total")) &&
              json_put_score(o, "change", patuh_compare_change(r), d) &&
              (r->old ? json_put_int(o, "old_rank", (int64_t)r->old->rank)
                      : json_put_null(o, "old_rank")) &&
              (r->new ? json_put_int(o, "new_rank", (int64_t)r->new->rank)
                      : json_put_null(o, "new_rank")) &&
              (r->old && r->new ? json_put_int(o, "rank_change", report_compare_rank_change(r))
                                : json_put_null(o, "rank_change")) &&
              (r->old ? rc_jput_text(o, "old_band", r->old->band) : json_put_null(o, "old_band")) &&
              (r->new ? rc_jput_text(o, "new_band", r->new->band) : json_put_null(o, "new_band")) &&
              (r->old ? rc_jput_text(o, "old_zone", r->old->zone) : json_put_null(o, "old_zone")) &&
              (r->new ? rc_jput_text(o, "new_zone", r->new->zone) : json_put_null(o, "new_zone"));
    if (!ok && o) {
        json_object_put(o);
        return NULL;
    }
    return o;
}

static json_object *rc_jmatrix(const patuh_comparison *c)
{
    json_object *arr = json_object_new_array();
    bool ok = arr != NULL;
    for (size_t f = 0; ok && f < c->n_zones; f++)
        for (size_t t = 0; ok && t < c->n_zones; t++) {
            json_object *o = json_object_new_object();
            ok = o && rc_jput_text(o, "from", c->zones[f]) && rc_jput_text(o, "to", c->zones[t]) &&
                 json_put_int(o, "count", (int64_t)c->matrix[f * c->n_zones + t]);
            ok = json_push(arr, o) && ok;
        }
    if (!ok && arr) {
        json_object_put(arr);
        return NULL;
    }
    return arr;
}

/* The movers of one direction: risers (sign > 0) biggest first, or fallers biggest first. */
static json_object *rc_jmovers(const patuh_compare_row **v, size_t n, int sign)
{
    json_object *arr = json_object_new_array();
    bool ok = arr != NULL;
    for (size_t k = 0; ok && k < n; k++) {
        const patuh_compare_row *r = sign > 0 ? v[k] : v[n - 1 - k];
        double change = patuh_compare_change(r);
        if (sign > 0 ? change > 0 : change < 0)
            ok = json_push(arr, json_object_new_string(r->new->id ? r->new->id : ""));
    }
    if (!ok && arr) {
        json_object_put(arr);
        return NULL;
    }
    return arr;
}

static patuh_status rc_json(const patuh_comparison *c, FILE *out)
{
    int d = c->new->decimals;
    size_t n = 0;
    const patuh_compare_row **v = report_compare_movers(c, &n);
    json_object *root = json_object_new_object(), *rows = json_object_new_array();
    bool ok = v && root && rows;
    for (size_t i = 0; ok && i < c->n_rows; i++)
        ok = json_push(rows, rc_jrow(&c->rows[i], d));
    ok = ok && rc_jput_text(root, "old", c->old->path) && rc_jput_text(root, "new", c->new->path) &&
         rc_jput_text(root, "rubric", c->new->rubric_id) && json_put(root, "agencies", rows) &&
         (rows = NULL, true) && json_put(root, "transitions", rc_jmatrix(c)) &&
         json_put(root, "risers", rc_jmovers(v, n, 1)) &&
         json_put(root, "fallers", rc_jmovers(v, n, -1)) && json_print(out, root);
    json_object_put(rows);
    json_object_put(root);
    free(v);
    return ok ? PATUH_OK : PATUH_ENOMEM;
}

/* ---- the writers of the format table (formats.c) ---------------------------------- */

patuh_status report_write_compare_table(const report_subject *s, FILE *out,
                                        const patuh_report_options *opt, patuh_diags *diags)
{
    (void)diags;
    return rc_table(s->comparison, opt->lang, out);
}

patuh_status report_write_compare_csv(const report_subject *s, FILE *out,
                                      const patuh_report_options *opt, patuh_diags *diags)
{
    (void)opt;
    (void)diags;
    return rc_csv(s->comparison, out);
}

patuh_status report_write_compare_json(const report_subject *s, FILE *out,
                                       const patuh_report_options *opt, patuh_diags *diags)
{
    (void)opt;
    (void)diags;
    return rc_json(s->comparison, out);
}
