/* report_gaps.c — `patuh gaps` and `patuh score --explain` as text: per agency the gaps with
 * their gains and fixes and the path to the next band and zone (a table for a person, JSON
 * for a program), and the section-by-section explanation of one total. */
#include "report/report.h"

#include <errno.h>
#include <json-c/json.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- table ------------------------------------------------------------------------ */

static const char *gaps_band_text(const patuh_rubric *rubric, size_t band)
{
    return band < rubric->n_bands ? rubric->bands[band].id : "-";
}

static const char *gaps_zone_text(const patuh_rubric *rubric, size_t band)
{
    if (band >= rubric->n_bands || rubric->bands[band].zone >= rubric->n_zones)
        return "-";
    return rubric->zones[rubric->bands[band].zone].name;
}

/* An answer as shown: the value with up to four decimals, or "missing". */
static const char *gaps_answer(const patuh_gap *g, patuh_lang lang, char *buf, size_t size)
{
    if (isnan(g->value))
        return report_label(REPORT_L_MISSING, lang);
    snprintf(buf, size, "%.4g", g->value);
    return buf;
}

static void gaps_table_head(FILE *out, const patuh_batch *batch, const patuh_gaps *g,
                            patuh_lang lang)
{
    const patuh_rubric *rubric = batch->rubric;
    const patuh_agency *a = g->agency;
    char total[64], id[256], name[256];
    fprintf(out, "%s  %s: %s, %s %s (%s)\n", report_term_text(a->id, id, sizeof id),
            report_term_text(a->name, name, sizeof name),
            isnan(a->total) ? "-" : report_number(rubric, a->total, total, sizeof total),
            report_label(REPORT_L_BAND, lang), gaps_band_text(rubric, a->band),
            gaps_zone_text(rubric, a->band));
    if (a->capped)
        fprintf(out, "  %s %s\n", report_label(REPORT_L_CAPPED, lang),
                gaps_band_text(rubric, rubric->critical_cap));
}

static void gaps_table_item(FILE *out, const patuh_batch *batch, size_t i, const patuh_gap *g,
                            patuh_lang lang)
{
    char gain[64], answer[32], id[128];
    snprintf(id, sizeof id, "%s%s%s%s", g->indicator->id, g->critical ? " (" : "",
             g->critical ? report_label(REPORT_L_CRITICAL, lang) : "", g->critical ? ")" : "");
    fprintf(out, "  %3zu  %-18s %-20s %-12s %8s  %s\n", i + 1, id,
            g->unit->path[0] ? g->unit->path : "-", gaps_answer(g, lang, answer, sizeof answer),
            report_number(batch->rubric, g->gain, gain, sizeof gain),
            g->indicator->fix ? g->indicator->fix : "");
}

/* One path line: the target, then how many fixes reach it and what they give. */
static void gaps_table_path(FILE *out, const patuh_batch *batch, const patuh_gaps *g,
                            const patuh_gap_path *p, report_label_id what, report_label_id top,
                            patuh_lang lang)
{
    const patuh_rubric *rubric = batch->rubric;
    char total[64], min[64];
    fprintf(out, "  %s: ", report_label(what, lang));
    if (p->target == SIZE_MAX) { /* no band above, or no total at all (every answer N/A) */
        fprintf(out, "%s\n", report_label(isnan(g->agency->total) ? REPORT_L_NO_TOTAL : top, lang));
        return;
    }
    fprintf(out, "%s (%s, min %s): ", gaps_band_text(rubric, p->target),
            gaps_zone_text(rubric, p->target),
            report_number(rubric, rubric->bands[p->target].min, min, sizeof min));
    if (!p->reachable) {
        fprintf(out, "%s %s\n", report_label(REPORT_L_UNREACHABLE, lang),
                isnan(p->total) ? "-" : report_number(rubric, p->total, total, sizeof total));
        return;
    }
    fprintf(out, "%s 1-%zu -> %s, %s %s\n", report_label(REPORT_L_FIXES, lang), p->fixes,
            report_number(rubric, p->total, total, sizeof total), report_label(REPORT_L_BAND, lang),
            gaps_band_text(rubric, p->band));
}

patuh_status report_write_gaps_table(const report_subject *s, FILE *out,
                                     const patuh_report_options *opt, patuh_diags *diags)
{
    (void)diags;
    const patuh_batch *batch = s->batch;
    const patuh_gaps *gaps = s->gaps;
    size_t n = s->n_gaps;
    patuh_lang lang = opt->lang;
    for (size_t k = 0; k < n; k++) {
        const patuh_gaps *g = &gaps[k];
        if (k > 0)
            fputc('\n', out);
        gaps_table_head(out, batch, g, lang);
        if (g->count == 0)
            fprintf(out, "  %s\n", report_label(REPORT_L_NO_GAPS, lang));
        else
            fprintf(out, "  %3s  %-18s %-20s %-12s %8s  %s\n", report_label(REPORT_L_NO, lang),
                    report_label(REPORT_L_INDICATOR, lang), report_label(REPORT_L_UNIT, lang),
                    report_label(REPORT_L_ANSWER, lang), report_label(REPORT_L_GAIN, lang),
                    report_label(REPORT_L_FIX, lang));
        for (size_t i = 0; i < g->count; i++)
            gaps_table_item(out, batch, i, &g->items[i], lang);
        gaps_table_path(out, batch, g, &g->next_band, REPORT_L_NEXT_BAND, REPORT_L_TOP_BAND, lang);
        gaps_table_path(out, batch, g, &g->next_zone, REPORT_L_NEXT_ZONE, REPORT_L_TOP_ZONE, lang);
    }
    return PATUH_OK;
}

/* ---- JSON ------------------------------------------------------------------------- */

static json_object *gj_gap(const patuh_rubric *rubric, const patuh_gap *g)
{
    json_object *o = json_object_new_object();
    char text[32];
    snprintf(text, sizeof text, "%.15g", g->value);
    bool ok = o && json_put_string(o, "indicator", g->indicator->id) &&
              json_put_string(o, "unit", g->unit->path) &&
              (isnan(g->value) ? json_put_null(o, "value")
                               : json_put(o, "value", json_object_new_double_s(g->value, text))) &&
              json_put(o, "critical", json_object_new_boolean(g->critical)) &&
              json_put_score(o, "gain", g->gain, rubric->decimals) &&
              json_put_string(o, "fix", g->indicator->fix);
    if (!ok && o) {
        json_object_put(o);
        return NULL;
    }
    return o;
}

static json_object *gj_path(const patuh_rubric *rubric, const patuh_gaps *g,
                            const patuh_gap_path *p)
{
    json_object *o = json_object_new_object(), *fixes = json_object_new_array();
    bool ok = o && fixes;
    for (size_t i = 0; ok && p->reachable && i < p->fixes; i++)
        ok = json_push(fixes, json_object_new_string(g->items[i].indicator->id));
    bool top = p->target == SIZE_MAX;
    ok = ok && json_put_string(o, "target", top ? NULL : rubric->bands[p->target].id) &&
         json_put(o, "reachable", json_object_new_boolean(p->reachable)) &&
         json_put(o, "fixes", fixes) && (fixes = NULL, true) &&
         json_put_score(o, "total", p->total, rubric->decimals) &&
         json_put_string(o, "band", p->band < rubric->n_bands ? rubric->bands[p->band].id : NULL);
    json_object_put(fixes);
    if (!ok && o) {
        json_object_put(o);
        return NULL;
    }
    return o;
}

static json_object *gj_agency(const patuh_rubric *rubric, const patuh_gaps *g)
{
    const patuh_agency *a = g->agency;
    json_object *o = json_object_new_object(), *items = json_object_new_array();
    bool ok = o && items;
    for (size_t i = 0; ok && i < g->count; i++)
        ok = json_push(items, gj_gap(rubric, &g->items[i]));
    ok = ok && json_put_string(o, "id", a->id) && json_put_string(o, "name", a->name) &&
         json_put_score(o, "total", a->total, rubric->decimals) &&
         json_put_string(o, "band", gaps_band_text(rubric, a->band)) &&
         json_put_string(o, "zone", gaps_zone_text(rubric, a->band)) &&
         json_put(o, "capped", json_object_new_boolean(a->capped)) && json_put(o, "gaps", items) &&
         (items = NULL, true) && json_put(o, "next_band", gj_path(rubric, g, &g->next_band)) &&
         json_put(o, "next_zone", gj_path(rubric, g, &g->next_zone));
    json_object_put(items);
    if (!ok && o) {
        json_object_put(o);
        return NULL;
    }
    return o;
}

patuh_status report_write_gaps_json(const report_subject *s, FILE *out,
                                    const patuh_report_options *opt, patuh_diags *diags)
{
    (void)opt;
    (void)diags;
    const patuh_batch *batch = s->batch;
    json_object *root = json_object_new_object(), *arr = NULL;
    bool ok = root && json_put_string(root, "patuh", PATUH_VERSION) &&
              json_put_string(root, "rubric", batch->rubric->id) &&
              (arr = json_object_new_array()) && json_put(root, "agencies", arr);
    for (size_t k = 0; ok && k < s->n_gaps; k++)
        ok = json_push(arr, gj_agency(batch->rubric, &s->gaps[k]));
    ok = ok && json_print(out, root);
    json_object_put(root);
    return ok ? PATUH_OK : PATUH_ENOMEM;
}

/* ---- CSV -------------------------------------------------------------------------- */

/* One row per gap, agencies in the order given and their gaps in order (`no` counts them
 * per agency); the value is empty when the answer is missing. English column ids. */
patuh_status report_write_gaps_csv(const report_subject *s, FILE *out,
                                   const patuh_report_options *opt, patuh_diags *diags)
{
    (void)opt;
    (void)diags;
    const patuh_rubric *rubric = s->batch->rubric;
    fputs("agency,agency_name,no,indicator,critical,unit,value,gain,fix\n", out);
    for (size_t k = 0; k < s->n_gaps; k++) {
        const patuh_gaps *g = &s->gaps[k];
        for (size_t i = 0; i < g->count; i++) {
            const patuh_gap *gap = &g->items[i];
            char value[32] = "", gain[64];
            if (!isnan(gap->value))
                snprintf(value, sizeof value, "%.15g", gap->value);
            report_csv_text(out, g->agency->id);
            fputc(',', out);
            report_csv_text(out, g->agency->name);
            fprintf(out, ",%zu,", i + 1);
            report_csv_text(out, gap->indicator->id);
            fprintf(out, ",%s,", gap->critical ? "true" : "false");
            report_csv_text(out, gap->unit->path);
            fprintf(out, ",%s,%s,", value, report_number(rubric, gap->gain, gain, sizeof gain));
            report_csv_text(out, gap->indicator->fix);
            fputc('\n', out);
        }
    }
    return PATUH_OK;
}

/* ---- explain ----------------------------------------------------------------------- */

patuh_status patuh_explain_write(const patuh_batch *batch, const patuh_agency *agency, FILE *out,
                                 const patuh_report_options *opt, patuh_diags *diags)
{
    patuh_explain_row *rows = NULL;
    size_t n = 0;
    patuh_status st = patuh_explain(batch, agency, &rows, &n, diags);
    if (st != PATUH_OK)
        return st;
    const patuh_rubric *rubric = batch->rubric;
    patuh_lang lang = opt ? opt->lang : PATUH_LANG_ID;
    char score[64], contrib[64], total[64], id[256], name[256];
    fprintf(out, "%s  %s: %s\n", report_term_text(agency->id, id, sizeof id),
            report_term_text(agency->name, name, sizeof name),
            isnan(agency->total) ? "-" : report_number(rubric, agency->total, total, sizeof total));
    fprintf(out, "%-16s %10s %8s %8s %12s  %s\n", report_label(REPORT_L_SECTION, lang),
            report_label(REPORT_L_SCORE, lang), report_label(REPORT_L_WEIGHT, lang),
            report_label(REPORT_L_SHARE, lang), report_label(REPORT_L_CONTRIBUTION, lang),
            report_label(REPORT_L_NAME, lang));
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        const patuh_explain_row *r = &rows[i];
        sum += r->contribution;
        fprintf(out, "%-16s %10s %8g %7.2f%% %12s  %s\n", r->section->id,
                isnan(r->score) ? "-" : report_number(rubric, r->score, score, sizeof score),
                r->weight, r->share * 100,
                report_number(rubric, r->contribution, contrib, sizeof contrib),
                r->section->title ? r->section->title : "");
    }
    fprintf(out, "%-16s %10s %8s %8s %12s\n", report_label(REPORT_L_TOTAL, lang), "", "", "",
            report_number(rubric, sum, total, sizeof total));
    free(rows);
    return PATUH_OK;
}
