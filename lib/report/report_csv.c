/* report_csv.c — the ranking as CSV: one row per agency in ranking order, then one column
 * per top-level section, in the dialect of the options (csv_cells.c writes the cells). */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

static const char *const csv_lead[] = {"rank",   "group_rank", "id",   "name",  "group", "region",
                                       "period", "total",      "band", "label", "zone"};
static const char *const csv_tail[] = {"unanswered", "critical_failed", "coverage", "status"};

static void csv_score(report_csv *c, const patuh_rubric *rubric, double v)
{
    char buf[64];
    report_csv_number(c, report_number(rubric, v, buf, sizeof buf));
}

static void csv_header(report_csv *c, const patuh_rubric *rubric)
{
    report_csv_heads(c, csv_lead, sizeof csv_lead / sizeof csv_lead[0]);
    for (size_t i = 0; i < rubric->root->n_children; i++)
        report_csv_head(c, rubric->root->children[i]->id);
    report_csv_heads(c, csv_tail, sizeof csv_tail / sizeof csv_tail[0]);
    report_csv_end(c);
}

/* A rank; empty for an agency not ranked (doc/scoring.md §12). */
static void csv_rank(report_csv *c, size_t rank)
{
    if (rank)
        report_csv_int(c, (long long)rank);
    else
        report_csv_empty(c);
}

static patuh_status csv_row(report_csv *c, const patuh_batch *batch, const patuh_agency *a)
{
    const patuh_rubric *rubric = batch->rubric;
    const patuh_zone *zone = report_zone(rubric, a);
    char *critical = report_critical_ids(a, ";");
    if (!critical)
        return PATUH_ENOMEM;
    csv_rank(c, a->rank);
    csv_rank(c, a->group_rank);
    const char *text[] = {a->id, a->name, report_group(rubric, a), a->region, a->period};
    for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
        report_csv_text(c, text[i]);
    csv_score(c, rubric, a->total);
    const char *tail[] = {report_band_id(rubric, a), a->label, zone ? zone->name : NULL};
    for (size_t i = 0; i < sizeof tail / sizeof tail[0]; i++)
        report_csv_text(c, tail[i]);
    for (size_t i = 0; i < rubric->root->n_children; i++)
        csv_score(c, rubric, report_node_score(batch, a, rubric->root->children[i]));
    report_csv_int(c, (long long)a->unanswered);
    report_csv_text(c, critical);
    char coverage[32];
    snprintf(coverage, sizeof coverage, "%.4f", a->coverage);
    report_csv_number(c, coverage);
    report_csv_word(c, report_assessment_id(a));
    report_csv_end(c);
    free(critical);
    return PATUH_OK;
}

patuh_status report_write_csv(const report_subject *s, FILE *out, const patuh_report_options *opt,
                              patuh_diags *diags)
{
    const patuh_batch *batch = s->batch;
    (void)diags;
    report_csv c = report_csv_start(out, report_csv_dialect_of(opt));
    csv_header(&c, batch->rubric);
    for (size_t i = 0; i < batch->n_agencies; i++) {
        patuh_status st = csv_row(&c, batch, batch->agencies[i]);
        if (st != PATUH_OK)
            return st;
    }
    return PATUH_OK;
}
