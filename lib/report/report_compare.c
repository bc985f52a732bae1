/* report_compare.c — writes a comparison of reports over two or more periods (compare.c,
 * doc/formats.md §4.7): a table for the terminal — the periods, how the population changed,
 * per agency by name its total in every period, the signed change of each step, the rank
 * change among the agencies in both periods of the last step, the zones, the section
 * changes, the zone transitions and the biggest risers and fallers, in the report language;
 * CSV with one row per agency and JSON with all of it, whose keys stay English for programs;
 * the workbook is report_xlsx_compare.c. */
#include "report/json_writer.h"
#include "report/report.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MOVERS 5

/* ---- shared with the workbook ------------------------------------------------------ */

const patuh_report_agency *report_compare_latest(const patuh_comparison *c,
                                                 const patuh_compare_row *row)
{
    for (size_t k = c->n_periods; k-- > 0;)
        if (row->at[k])
            return row->at[k];
    return NULL;
}

report_compare_status_id report_compare_status(const patuh_comparison *c,
                                               const patuh_compare_row *row)
{
    size_t last = c->n_periods - 1;
    if (row->at[last])
        return row->at[last - 1] ? REPORT_CMP_BOTH : REPORT_CMP_ADDED;
    return row->at[last - 1] ? REPORT_CMP_REMOVED : REPORT_CMP_EARLIER;
}

static const char *const status_keys[] = {"both", "added", "removed", "earlier"};
static const report_label_id status_labels[] = {REPORT_L_STATUS_BOTH, REPORT_L_STATUS_ADDED,
                                                REPORT_L_STATUS_REMOVED, REPORT_L_STATUS_EARLIER};

const char *report_compare_status_key(report_compare_status_id status)
{
    return status_keys[status];
}

const char *report_compare_status_label(report_compare_status_id status, patuh_lang lang)
{
    return report_label(status_labels[status], lang);
}

/* The movers of the last step: largest rise first, equal changes by id. */
typedef struct rc_mover {
    double change;
    const patuh_compare_row *row;
    const char *id;
} rc_mover;

static int rc_cmp_mover(const void *pa, const void *pb)
{
    const rc_mover *a = pa, *b = pb;
    if (a->change != b->change)
        return a->change > b->change ? -1 : 1;
    return strcmp(a->id, b->id);
}

const patuh_compare_row **report_compare_movers(const patuh_comparison *c, size_t *n)
{
    size_t step = c->n_periods - 1;
    const patuh_compare_row **v = malloc((c->n_rows + 1) * sizeof *v);
    rc_mover *m = malloc((c->n_rows + 1) * sizeof *m);
    *n = 0;
    if (!v || !m) {
        free(v);
        free(m);
        return NULL;
    }
    for (size_t i = 0; i < c->n_rows; i++) {
        const patuh_compare_row *r = &c->rows[i];
        double change = patuh_compare_change(r, step);
        if (!isnan(change))
            m[(*n)++] = (rc_mover){change, r, r->at[step]->id};
    }
    qsort(m, *n, sizeof *m, rc_cmp_mover);
    for (size_t i = 0; i < *n; i++)
        v[i] = m[i].row;
    free(m);
    return v;
}

/* "2023→2024" into buf. */
const char *report_compare_step_name(const patuh_comparison *c, size_t step, char *buf, size_t size)
{
    snprintf(buf, size, "%s→%s", c->reports[step - 1]->period, c->reports[step]->period);
    return buf;
}

/* Text from a report into buf, made safe for a terminal (report_term_text). */
static char *rc_text(const char *s, char *buf, size_t size)
{
    const char *t = report_term_text(s, buf, size);
    if (t != buf)
        snprintf(buf, size, "%s", t);
    return buf;
}

/* ---- numbers ----------------------------------------------------------------------- */

static const char *rc_num(double v, int decimals, patuh_lang lang, char *buf, size_t size)
{
    if (isnan(v)) {
        snprintf(buf, size, "-");
        return buf;
    }
    patuh_format_number(v, decimals, buf, size);
    char *dot = lang == PATUH_LANG_ID ? strchr(buf, '.') : NULL;
    if (dot)
        *dot = ',';
    return buf;
}

/* A signed change: "+1,25", "-0,50", "0,00". */
static const char *rc_change(double v, int decimals, patuh_lang lang, char *buf, size_t size)
{
    if (isnan(v))
        return rc_num(v, decimals, lang, buf, size);
    double r = patuh_round(v, decimals);
    buf[0] = r > 0 ? '+' : '\0';
    rc_num(r, decimals, lang, buf + (r > 0), size - 1);
    return buf;
}

/* ---- table ------------------------------------------------------------------------- */

enum { RC_CELL = 96, RC_MAX_COLS = 64 };

/* The columns: name, group, region, a total per period, per step the change and the places
 * moved among the agencies in both, then for the last step those two ranks and the zones. */
typedef struct rc_table {
    const patuh_comparison *c;
    patuh_lang lang;
    int decimals;
    size_t n_cols;
    int width[RC_MAX_COLS];
    bool right[RC_MAX_COLS];
    char head[RC_MAX_COLS][RC_CELL];
} rc_table;

static size_t rc_periods_shown(const patuh_comparison *c)
{
    /* the table keeps to a terminal: at most the last 8 periods (CSV, JSON, XLSX have all) */
    return c->n_periods < 8 ? c->n_periods : 8;
}

static void rc_heads(rc_table *t)
{
    const patuh_comparison *c = t->c;
    size_t n = 0, first = c->n_periods - rc_periods_shown(c), last = c->n_periods - 1;
    char step[RC_CELL];
    snprintf(t->head[n++], RC_CELL, "%s", report_label(REPORT_L_T_NAME, t->lang));
    snprintf(t->head[n++], RC_CELL, "%s", report_label(REPORT_L_T_GROUP, t->lang));
    snprintf(t->head[n++], RC_CELL, "%s", report_label(REPORT_L_T_REGION, t->lang));
    for (size_t k = first; k <= last; k++) {
        t->right[n] = true;
        rc_text(c->reports[k]->period, t->head[n++], RC_CELL);
    }
    for (size_t k = first + 1; k <= last; k++) {
        t->right[n] = true;
        report_compare_step_name(c, k, step, sizeof step);
        snprintf(t->head[n++], RC_CELL, "%s", step);
        t->right[n] = true;
        snprintf(t->head[n++], RC_CELL, "%s", report_label(REPORT_L_T_MOVED, t->lang));
    }
    const char *rank = report_label(REPORT_L_T_RANK, t->lang);
    char before[64], now[64];
    rc_text(c->reports[last - 1]->period, before, sizeof before);
    rc_text(c->reports[last]->period, now, sizeof now);
    t->right[n] = true;
    snprintf(t->head[n++], RC_CELL, "%s %s", rank, before);
    t->right[n] = true;
    snprintf(t->head[n++], RC_CELL, "%s %s", rank, now);
    const char *zone = report_label(REPORT_L_T_ZONE, t->lang);
    snprintf(t->head[n++], RC_CELL, "%s %s", zone, before);
    snprintf(t->head[n++], RC_CELL, "%s %s", zone, now);
    t->n_cols = n;
}

static void rc_cells(const rc_table *t, const patuh_compare_row *row, char buf[][RC_CELL])
{
    const patuh_comparison *c = t->c;
    const patuh_report_agency *a = report_compare_latest(c, row);
    size_t n = 0, first = c->n_periods - rc_periods_shown(c), last = c->n_periods - 1;
    /* texts from the reports go through report_term_text: no control character reaches the
     * terminal */
    rc_text(a->name[0] ? a->name : a->id, buf[n++], RC_CELL);
    rc_text(a->group[0] ? a->group : "-", buf[n++], RC_CELL);
    rc_text(a->region[0] ? a->region : "-", buf[n++], RC_CELL);
    for (size_t k = first; k <= last; k++, n++)
        rc_num(row->at[k] ? row->at[k]->total : NAN, t->decimals, t->lang, buf[n], RC_CELL);
    for (size_t k = first + 1; k <= last; k++) {
        rc_change(patuh_compare_change(row, k), t->decimals, t->lang, buf[n++], RC_CELL);
        bool both = row->rank_from[k - 1] && row->rank_to[k - 1];
        long moved = patuh_compare_rank_change(row, k);
        snprintf(buf[n++], RC_CELL, !both ? "-" : moved ? "%+ld" : "0", moved);
    }
    bool both = row->rank_from[last - 1] && row->rank_to[last - 1];
    snprintf(buf[n++], RC_CELL, both ? "%zu" : "-", row->rank_from[last - 1]);
    snprintf(buf[n++], RC_CELL, both ? "%zu" : "-", row->rank_to[last - 1]);
    rc_text(row->at[last - 1] ? row->at[last - 1]->zone : "-", buf[n++], RC_CELL);
    rc_text(row->at[last] ? row->at[last]->zone : "-", buf[n++], RC_CELL);
}

static void rc_print(FILE *out, const rc_table *t, char cell[][RC_CELL])
{
    for (size_t k = 0; k < t->n_cols; k++) {
        int pad = t->width[k] - (int)report_utf8_width(cell[k]);
        const char *sep = k + 1 < t->n_cols ? "  " : "";
        if (k + 1 == t->n_cols && !t->right[k])
            pad = 0;
        fprintf(out, "%*s%s%*s%s", t->right[k] ? pad : 0, "", cell[k], t->right[k] ? 0 : pad, "",
                sep);
    }
    fputc('\n', out);
}

static void rc_widths(rc_table *t)
{
    char cell[RC_MAX_COLS][RC_CELL];
    for (size_t k = 0; k < t->n_cols; k++)
        t->width[k] = (int)report_utf8_width(t->head[k]);
    for (size_t i = 0; i < t->c->n_rows; i++) {
        rc_cells(t, &t->c->rows[i], cell);
        for (size_t k = 0; k < t->n_cols; k++)
            if ((int)report_utf8_width(cell[k]) > t->width[k])
                t->width[k] = (int)report_utf8_width(cell[k]);
    }
}

/* The periods with their reports, the method change, the population of the last step. */
static void rc_table_intro(FILE *out, const patuh_comparison *c, patuh_lang lang)
{
    for (size_t k = 0; k < c->n_periods; k++) {
        const patuh_report_data *r = c->reports[k];
        char period[64], path[512], rubric[128];
        fprintf(out, "%s %s: %s (%s, %zu %s)\n", report_label(REPORT_L_PERIOD, lang),
                rc_text(r->period, period, sizeof period), rc_text(r->path, path, sizeof path),
                rc_text(r->rubric_id, rubric, sizeof rubric), r->n,
                report_label(REPORT_L_T_AGENCIES, lang));
    }
    if (c->method_changed)
        fprintf(out, "%s\n", report_label(REPORT_L_METHOD_CHANGED, lang));
    for (size_t k = 1; k < c->n_periods; k++) {
        char step[RC_CELL];
        size_t both = c->n_both[k - 1];
        fprintf(out, "%s: %zu %s %s, %zu %s, %zu %s\n",
                report_compare_step_name(c, k, step, sizeof step), both,
                report_label(REPORT_L_T_AGENCIES, lang), report_label(REPORT_L_IN_BOTH, lang),
                c->reports[k]->n - both, report_label(REPORT_L_STATUS_ADDED, lang),
                c->reports[k - 1]->n - both, report_label(REPORT_L_STATUS_REMOVED, lang));
    }
    fprintf(out, "%s\n\n", report_label(REPORT_L_RANK_AMONG, lang));
}

/* Agencies in both periods of the last step, then the added, removed and earlier ones under
 * their own heads. */
static void rc_table_rows(FILE *out, const rc_table *t)
{
    char cell[RC_MAX_COLS][RC_CELL];
    for (int s = REPORT_CMP_BOTH; s <= REPORT_CMP_EARLIER; s++) {
        bool head = false;
        for (size_t i = 0; i < t->c->n_rows; i++) {
            const patuh_compare_row *row = &t->c->rows[i];
            if ((int)report_compare_status(t->c, row) != s)
                continue;
            if (s != REPORT_CMP_BOTH && !head)
                fprintf(out, "\n%s:\n",
                        report_compare_status_label((report_compare_status_id)s, t->lang));
            head = true;
            rc_cells(t, row, cell);
            rc_print(out, t, cell);
        }
    }
}

/* The last step's change of each top-level section of the last report, per agency in both. */
static void rc_table_sections(FILE *out, const patuh_comparison *c, int d, patuh_lang lang)
{
    const patuh_report_data *last = c->reports[c->n_periods - 1];
    size_t step = c->n_periods - 1;
    if (last->n_sections == 0 || c->n_both[step - 1] == 0)
        return;
    char name[RC_CELL], ch[64];
    int w = (int)report_utf8_width(report_label(REPORT_L_T_NAME, lang));
    for (size_t i = 0; i < c->n_rows; i++) {
        const patuh_report_agency *a = report_compare_latest(c, &c->rows[i]);
        int len = (int)report_utf8_width(rc_text(a->name[0] ? a->name : a->id, name, sizeof name));
        w = len > w ? len : w;
    }
    fprintf(out, "\n%s %s\n%s%*s", report_label(REPORT_L_SECTION_CHANGES, lang),
            report_compare_step_name(c, step, name, sizeof name),
            report_label(REPORT_L_T_NAME, lang),
            w - (int)report_utf8_width(report_label(REPORT_L_T_NAME, lang)), "");
    for (size_t k = 0; k < last->n_sections; k++)
        fprintf(out, "  %10s", report_term_text(last->sections[k], name, sizeof name));
    fputc('\n', out);
    for (size_t i = 0; i < c->n_rows; i++) {
        const patuh_compare_row *row = &c->rows[i];
        if (report_compare_status(c, row) != REPORT_CMP_BOTH)
            continue;
        const patuh_report_agency *a = report_compare_latest(c, row);
        const char *n = report_term_text(a->name[0] ? a->name : a->id, name, sizeof name);
        fprintf(out, "%s%*s", n, w - (int)report_utf8_width(n), "");
        for (size_t k = 0; k < last->n_sections; k++)
            fprintf(out, "  %10s",
                    rc_change(patuh_compare_section_change(c, row, step, last->sections[k]), d,
                              lang, ch, sizeof ch));
        fputc('\n', out);
    }
}

/* Rows: the zone in the period before the last, columns: in the last. */
static void rc_table_matrix(FILE *out, const patuh_comparison *c, patuh_lang lang)
{
    char corner[200], from[64], to[64], zone[RC_CELL];
    snprintf(corner, sizeof corner, "%s %s \\ %s", report_label(REPORT_L_T_ZONE, lang),
             rc_text(c->reports[c->n_periods - 2]->period, from, sizeof from),
             rc_text(c->reports[c->n_periods - 1]->period, to, sizeof to));
    int first = (int)strlen(corner), w = 1;
    for (size_t z = 0; z < c->n_zones; z++) {
        int len = (int)strlen(c->zones[z]);
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
    size_t n, step = c->n_periods - 1;
    const patuh_compare_row **v = report_compare_movers(c, &n);
    char ch[48];
    if (!v)
        return;
    for (int rise = 1; rise >= 0; rise--) {
        fprintf(out, "%s%s:", rise ? "\n" : "",
                report_label(rise ? REPORT_L_RISERS : REPORT_L_FALLERS, lang));
        for (size_t i = 0, k = 0; i < n && k < MOVERS; i++) {
            const patuh_compare_row *r = v[rise ? i : n - 1 - i];
            double change = patuh_compare_change(r, step);
            if (rise ? change <= 0 : change >= 0)
                continue;
            const patuh_report_agency *a = r->at[step];
            char name[RC_CELL];
            fprintf(out, "%s %s %s", k++ ? ";" : "",
                    rc_text(a->name[0] ? a->name : a->id, name, sizeof name),
                    rc_change(change, d, lang, ch, sizeof ch));
        }
        fputc('\n', out);
    }
    free(v);
}

static int rc_decimals(const patuh_comparison *c)
{
    return c->reports[c->n_periods - 1]->decimals;
}

static patuh_status rc_table_write(const patuh_comparison *c, patuh_lang lang, FILE *out)
{
    rc_table *t = calloc(1, sizeof *t);
    if (!t)
        return PATUH_ENOMEM;
    *t = (rc_table){.c = c, .lang = lang, .decimals = rc_decimals(c)};
    rc_heads(t);
    rc_widths(t);
    rc_table_intro(out, c, lang);
    rc_print(out, t, t->head);
    rc_table_rows(out, t);
    rc_table_sections(out, c, t->decimals, lang);
    rc_table_matrix(out, c, lang);
    rc_table_movers(out, c, t->decimals, lang);
    free(t);
    return PATUH_OK;
}

/* ---- CSV --------------------------------------------------------------------------- */

/* A header cell made of parts: "total_2024", "change_2023_2024". */
static void rc_csv_head(report_csv *w, const char *a, const char *b, const char *c)
{
    char text[256];
    snprintf(text, sizeof text, "%s_%s%s%s", a, b, c ? "_" : "", c ? c : "");
    report_csv_head(w, text);
}

static void rc_csv_header(report_csv *w, const patuh_comparison *c)
{
    static const char *const lead[] = {"id", "name", "group", "region", "status"};
    const patuh_report_data *last = c->reports[c->n_periods - 1];
    report_csv_heads(w, lead, sizeof lead / sizeof lead[0]);
    for (size_t k = 0; k < c->n_periods; k++) {
        const char *p = c->reports[k]->period;
        rc_csv_head(w, "total", p, NULL);
        rc_csv_head(w, "rank", p, NULL);
        rc_csv_head(w, "band", p, NULL);
        rc_csv_head(w, "zone", p, NULL);
    }
    for (size_t k = 1; k < c->n_periods; k++) {
        const char *a = c->reports[k - 1]->period, *b = c->reports[k]->period;
        rc_csv_head(w, "change", a, b);
        rc_csv_head(w, "rank_both_from", a, b);
        rc_csv_head(w, "rank_both_to", a, b);
        rc_csv_head(w, "rank_change", a, b);
    }
    for (size_t s = 0; s < last->n_sections; s++) {
        char key[200];
        snprintf(key, sizeof key, "section_%s_change", last->sections[s]);
        rc_csv_head(w, key, c->reports[c->n_periods - 2]->period, last->period);
    }
    report_csv_end(w);
}

static void rc_csv_num(report_csv *w, double v, int d)
{
    char buf[64] = "";
    if (!isnan(v))
        patuh_format_number(patuh_round(v, d), d, buf, sizeof buf);
    report_csv_number(w, buf);
}

/* A rank, empty when there is none. */
static void rc_csv_rank(report_csv *w, size_t rank)
{
    if (rank)
        report_csv_int(w, (long long)rank);
    else
        report_csv_empty(w);
}

static void rc_csv_row(report_csv *w, const patuh_comparison *c, const patuh_compare_row *r, int d)
{
    const patuh_report_agency *a = report_compare_latest(c, r);
    const patuh_report_data *last = c->reports[c->n_periods - 1];
    const char *lead[] = {a->id, a->name, a->group, a->region};
    for (size_t i = 0; i < 4; i++)
        report_csv_text(w, lead[i]);
    report_csv_word(w, report_compare_status_key(report_compare_status(c, r)));
    for (size_t k = 0; k < c->n_periods; k++) {
        const patuh_report_agency *p = r->at[k];
        rc_csv_num(w, p ? p->total : NAN, d);
        rc_csv_rank(w, p ? p->rank : 0);
        report_csv_text(w, p ? p->band : NULL);
        report_csv_text(w, p ? p->zone : NULL);
    }
    for (size_t k = 1; k < c->n_periods; k++) {
        rc_csv_num(w, patuh_compare_change(r, k), d);
        bool both = r->rank_from[k - 1] && r->rank_to[k - 1];
        rc_csv_rank(w, both ? r->rank_from[k - 1] : 0);
        rc_csv_rank(w, both ? r->rank_to[k - 1] : 0);
        if (both)
            report_csv_int(w, patuh_compare_rank_change(r, k));
        else
            report_csv_empty(w);
    }
    for (size_t s = 0; s < last->n_sections; s++)
        rc_csv_num(w, patuh_compare_section_change(c, r, c->n_periods - 1, last->sections[s]), d);
    report_csv_end(w);
}

static patuh_status rc_csv(const patuh_comparison *c, FILE *out, const report_csv_dialect *d)
{
    report_csv w = report_csv_start(out, d);
    rc_csv_header(&w, c);
    for (size_t i = 0; i < c->n_rows; i++)
        rc_csv_row(&w, c, &c->rows[i], rc_decimals(c));
    return PATUH_OK;
}

/* ---- JSON -------------------------------------------------------------------------- */

/* A text that may be missing, written as "" (a comparison row always has its fields). */
static void rc_jtext(json_writer *w, const char *key, const char *s)
{
    jw_key_string(w, key, s ? s : "");
}

static void rc_jperiod(json_writer *w, const patuh_report_data *r, const patuh_report_agency *a,
                       int d)
{
    jw_open(w, '{');
    rc_jtext(w, "period", r->period);
    jw_key_score(w, "total", a->total, d);
    if (a->rank)
        jw_key_int(w, "rank", (int64_t)a->rank);
    else
        jw_key_null(w, "rank");
    rc_jtext(w, "band", a->band);
    rc_jtext(w, "zone", a->zone);
    jw_close(w, '}');
}

/* A rank of the step, or null when the agency is not in both of its periods. */
static void rc_jrank(json_writer *w, const char *key, bool both, int64_t rank)
{
    if (both)
        jw_key_int(w, key, rank);
    else
        jw_key_null(w, key);
}

static void rc_jstep(json_writer *w, const patuh_comparison *c, const patuh_compare_row *r,
                     size_t k, int d)
{
    const patuh_report_data *to = c->reports[k];
    bool both = r->rank_from[k - 1] && r->rank_to[k - 1];
    jw_open(w, '{');
    rc_jtext(w, "from", c->reports[k - 1]->period);
    rc_jtext(w, "to", to->period);
    jw_key_score(w, "change", patuh_compare_change(r, k), d);
    rc_jrank(w, "rank_from", both, (int64_t)r->rank_from[k - 1]);
    rc_jrank(w, "rank_to", both, (int64_t)r->rank_to[k - 1]);
    rc_jrank(w, "rank_change", both, both ? patuh_compare_rank_change(r, k) : 0);
    jw_key(w, "sections");
    jw_open(w, '{');
    for (size_t s = 0; s < to->n_sections; s++)
        jw_key_score(w, to->sections[s], patuh_compare_section_change(c, r, k, to->sections[s]), d);
    jw_close(w, '}');
    jw_close(w, '}');
}

static void rc_jrow(json_writer *w, const patuh_comparison *c, const patuh_compare_row *r, int d)
{
    const patuh_report_agency *a = report_compare_latest(c, r);
    jw_open(w, '{');
    rc_jtext(w, "id", a->id);
    rc_jtext(w, "name", a->name);
    rc_jtext(w, "group", a->group);
    rc_jtext(w, "region", a->region);
    rc_jtext(w, "status", report_compare_status_key(report_compare_status(c, r)));
    jw_key(w, "periods");
    jw_open(w, '[');
    for (size_t k = 0; k < c->n_periods; k++) {
        jw_item(w);
        if (r->at[k])
            rc_jperiod(w, c->reports[k], r->at[k], d);
        else
            jw_null(w);
    }
    jw_close(w, ']');
    jw_key(w, "changes");
    jw_open(w, '[');
    for (size_t k = 1; k < c->n_periods; k++) {
        jw_item(w);
        rc_jstep(w, c, r, k, d);
    }
    jw_close(w, ']');
    jw_close(w, '}');
}

static void rc_jmatrix(json_writer *w, const patuh_comparison *c)
{
    jw_key(w, "transitions");
    jw_open(w, '[');
    for (size_t f = 0; f < c->n_zones; f++)
        for (size_t t = 0; t < c->n_zones; t++) {
            jw_item(w);
            jw_open(w, '{');
            rc_jtext(w, "from", c->zones[f]);
            rc_jtext(w, "to", c->zones[t]);
            jw_key_int(w, "count", (int64_t)c->matrix[f * c->n_zones + t]);
            jw_close(w, '}');
        }
    jw_close(w, ']');
}

/* The movers of the last step in one direction: risers (sign > 0) biggest first, or
 * fallers biggest fall first, by id. */
static void rc_jmovers(json_writer *w, const char *key, const patuh_comparison *c,
                       const patuh_compare_row **v, size_t n, int sign)
{
    size_t step = c->n_periods - 1;
    jw_key(w, key);
    jw_open(w, '[');
    for (size_t k = 0; k < n; k++) {
        const patuh_compare_row *r = sign > 0 ? v[k] : v[n - 1 - k];
        double change = patuh_compare_change(r, step);
        if (sign > 0 ? change > 0 : change < 0) {
            jw_item(w);
            jw_string(w, r->at[step]->id);
        }
    }
    jw_close(w, ']');
}

/* The periods with their reports and populations. */
static void rc_jperiods(json_writer *w, const patuh_comparison *c)
{
    jw_key(w, "periods");
    jw_open(w, '[');
    for (size_t k = 0; k < c->n_periods; k++) {
        const patuh_report_data *r = c->reports[k];
        size_t both = k ? c->n_both[k - 1] : 0;
        jw_item(w);
        jw_open(w, '{');
        rc_jtext(w, "period", r->period);
        rc_jtext(w, "report", r->path);
        rc_jtext(w, "rubric", r->rubric_id);
        jw_key_int(w, "agencies", (int64_t)r->n);
        if (k > 0) {
            jw_key_int(w, "in_both_with_previous", (int64_t)both);
            jw_key_int(w, "added", (int64_t)(r->n - both));
            jw_key_int(w, "removed", (int64_t)(c->reports[k - 1]->n - both));
        }
        jw_close(w, '}');
    }
    jw_close(w, ']');
}

static patuh_status rc_json(const patuh_comparison *c, FILE *out)
{
    int d = rc_decimals(c);
    size_t n = 0;
    const patuh_compare_row **v = report_compare_movers(c, &n);
    if (!v)
        return PATUH_ENOMEM;
    json_writer w;
    jw_init(&w, out);
    jw_open(&w, '{');
    rc_jtext(&w, "patuh", PATUH_VERSION);
    rc_jperiods(&w, c);
    jw_key_bool(&w, "method_changed", c->method_changed);
    jw_key(&w, "agencies");
    jw_open(&w, '[');
    for (size_t i = 0; i < c->n_rows; i++) {
        jw_item(&w);
        rc_jrow(&w, c, &c->rows[i], d);
    }
    jw_close(&w, ']');
    rc_jmatrix(&w, c);
    rc_jmovers(&w, "risers", c, v, n, 1);
    rc_jmovers(&w, "fallers", c, v, n, -1);
    jw_close(&w, '}');
    jw_raw(&w, "\n");
    free(v);
    /* a write error shows in the stream, which the caller checks; the rest is memory */
    return jw_finish(&w) || ferror(out) ? PATUH_OK : PATUH_ENOMEM;
}

/* ---- the writers of the format table (formats.c) ----------------------------------- */

patuh_status report_write_compare_table(const report_subject *s, FILE *out,
                                        const patuh_report_options *opt, patuh_diags *diags)
{
    (void)diags;
    return rc_table_write(s->comparison, opt->lang, out);
}

patuh_status report_write_compare_csv(const report_subject *s, FILE *out,
                                      const patuh_report_options *opt, patuh_diags *diags)
{
    (void)diags;
    return rc_csv(s->comparison, out, report_csv_dialect_of(opt));
}

patuh_status report_write_compare_json(const report_subject *s, FILE *out,
                                       const patuh_report_options *opt, patuh_diags *diags)
{
    (void)opt;
    (void)diags;
    return rc_json(s->comparison, out);
}
