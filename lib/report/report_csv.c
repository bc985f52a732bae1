/* report_csv.c — the ranking as CSV: one row per agency in ranking order, then one column
 * per top-level section. RFC 4180 quoting, also of ';' (the separator of Excel in the
 * Indonesian locale); text that a spreadsheet would run as a formula (starting with = + - @,
 * tab or CR) gets a leading ' so it stays text. English column ids. */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

static const char *const csv_head[] = {"rank",   "group_rank", "id",   "name",  "group", "region",
                                       "period", "total",      "band", "label", "zone"};

static bool csv_is_formula(const char *s)
{
    return s[0] && strchr("=+-@\t\r", s[0]) != NULL;
}

void report_csv_text(FILE *out, const char *s)
{
    if (!s)
        return;
    bool quote = strpbrk(s, ",;\"\r\n") != NULL;
    if (quote)
        fputc('"', out);
    if (csv_is_formula(s))
        fputc('\'', out);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', out);
        fputc(*p, out);
    }
    if (quote)
        fputc('"', out);
}

static void csv_number(FILE *out, const patuh_rubric *rubric, double v)
{
    char buf[64];
    fputs(report_number(rubric, v, buf, sizeof buf), out);
}

static void csv_header(FILE *out, const patuh_rubric *rubric)
{
    for (size_t i = 0; i < sizeof csv_head / sizeof csv_head[0]; i++)
        fprintf(out, "%s%s", i ? "," : "", csv_head[i]);
    for (size_t i = 0; i < rubric->root->n_children; i++) {
        fputc(',', out);
        report_csv_text(out, rubric->root->children[i]->id);
    }
    fputs(",unanswered,critical_failed,coverage,status\n", out);
}

/* A rank and its comma; empty for an agency not ranked (doc/scoring.md §12). */
static void csv_rank(FILE *out, size_t rank)
{
    if (rank)
        fprintf(out, "%zu", rank);
    fputc(',', out);
}

static patuh_status csv_row(FILE *out, const patuh_batch *batch, const patuh_agency *a)
{
    const patuh_rubric *rubric = batch->rubric;
    const patuh_zone *zone = report_zone(rubric, a);
    char *critical = report_critical_ids(a, ";");
    if (!critical)
        return PATUH_ENOMEM;
    csv_rank(out, a->rank);
    csv_rank(out, a->group_rank);
    const char *text[] = {a->id, a->name, report_group(rubric, a), a->region, a->period};
    for (size_t i = 0; i < sizeof text / sizeof text[0]; i++) {
        report_csv_text(out, text[i]);
        fputc(',', out);
    }
    csv_number(out, rubric, a->total);
    const char *tail[] = {report_band_id(rubric, a), a->label, zone ? zone->name : NULL};
    for (size_t i = 0; i < sizeof tail / sizeof tail[0]; i++) {
        fputc(',', out);
        report_csv_text(out, tail[i]);
    }
    for (size_t i = 0; i < rubric->root->n_children; i++) {
        fputc(',', out);
        csv_number(out, rubric, report_node_score(batch, a, rubric->root->children[i]));
    }
    fprintf(out, ",%zu,", a->unanswered);
    report_csv_text(out, critical);
    fprintf(out, ",%.4f,%s\n", a->coverage, report_assessment_id(a));
    free(critical);
    return PATUH_OK;
}

patuh_status report_write_csv(const report_subject *s, FILE *out, const patuh_report_options *opt,
                              patuh_diags *diags)
{
    const patuh_batch *batch = s->batch;
    (void)opt;
    (void)diags;
    csv_header(out, batch->rubric);
    for (size_t i = 0; i < batch->n_agencies; i++) {
        patuh_status st = csv_row(out, batch, batch->agencies[i]);
        if (st != PATUH_OK)
            return st;
    }
    return PATUH_OK;
}
