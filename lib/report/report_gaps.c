/* report_gaps.c — `patuh gaps` and `patuh score --explain` as text: per agency the gaps with
 * their gains and fixes and the path to the next band and zone (a table for a person, JSON
 * for a program), and the section-by-section explanation of one total. */
#include "report/json_writer.h"
#include "report/report.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- table ------------------------------------------------------------------------ */

/* Every text from the rubric or the answers reaches the terminal through report_term_text
 * (doc/robustness.md, "Text that could forge output"): ids, labels, fixes, bands, zones. */
typedef struct term_buf {
    char text[256];
} term_buf;

/* The id of band `band` and the name of its zone, "-" when there is none. */
static const char *gaps_band_id(const patuh_rubric *rubric, size_t band)
{
    return band < rubric->n_bands ? rubric->bands[band].id : "-";
}

static const char *gaps_zone_name(const patuh_rubric *rubric, size_t band)
{
    if (band >= rubric->n_bands || rubric->bands[band].zone >= rubric->n_zones)
        return "-";
    return rubric->zones[rubric->bands[band].zone].name;
}

/* The same for the terminal. */
static const char *gaps_band_text(const patuh_rubric *rubric, size_t band, term_buf *b)
{
    return report_term_text(gaps_band_id(rubric, band), b->text, sizeof b->text);
}

static const char *gaps_zone_text(const patuh_rubric *rubric, size_t band, term_buf *b)
{
    return report_term_text(gaps_zone_name(rubric, band), b->text, sizeof b->text);
}

/* An answer as shown: the value with up to four significant digits, or "missing". */
static const char *gaps_answer(const patuh_gap *g, patuh_lang lang, char *buf, size_t size)
{
    if (isnan(g->value))
        return report_label(REPORT_L_MISSING, lang);
    return report_value_lang(g->value, lang, buf, size);
}

/* A level as shown: its value and label ("3 (Berjalan)"), a checklist's count of items. */
static const char *gaps_level(const patuh_gap *g, const patuh_gap_step *step, patuh_lang lang,
                              char *buf, size_t size)
{
    char value[32];
    term_buf label;
    report_value_lang(step->value, lang, value, sizeof value);
    if (step->label)
        snprintf(buf, size, "%s (%s)", value,
                 report_term_text(step->label, label.text, sizeof label.text));
    else if (g->indicator->scale->kind == PATUH_SCALE_CHECKLIST)
        snprintf(buf, size, "%s %s", value, report_label(REPORT_L_ITEMS, lang));
    else
        snprintf(buf, size, "%s", value);
    return buf;
}

static void gaps_table_head(FILE *out, const patuh_batch *batch, const patuh_gaps *g,
                            patuh_lang lang)
{
    const patuh_rubric *rubric = batch->rubric;
    const patuh_agency *a = g->agency;
    char total[64], id[256], name[256];
    term_buf band, zone;
    fprintf(out, "%s  %s: %s, %s %s (%s)\n", report_term_text(a->id, id, sizeof id),
            report_term_text(a->name, name, sizeof name),
            isnan(a->total) ? "-" : report_number_lang(rubric, a->total, lang, total, sizeof total),
            report_label(REPORT_L_BAND, lang), gaps_band_text(rubric, a->band, &band),
            gaps_zone_text(rubric, a->band, &zone));
    if (a->capped)
        fprintf(out, "  %s %s\n", report_label(REPORT_L_CAPPED, lang),
                gaps_band_text(rubric, rubric->critical_cap, &band));
}

/* The gain of each level below full marks, under the shortfall (full marks is its row). */
static void gaps_table_levels(FILE *out, const patuh_batch *batch, const patuh_gap *g,
                              patuh_lang lang)
{
    if (g->n_steps < 2)
        return;
    char level[300], gain[64];
    fprintf(out, "         %s:", report_label(REPORT_L_PER_LEVEL, lang));
    for (size_t i = 0; i < g->n_steps; i++)
        fprintf(out, "%s %s %s", i ? " ·" : "",
                gaps_level(g, &g->steps[i], lang, level, sizeof level),
                report_points(batch->rubric, g->steps[i].gain, lang, gain, sizeof gain));
    fputc('\n', out);
}

static void gaps_table_item(FILE *out, const patuh_batch *batch, size_t i, const patuh_gap *g,
                            patuh_lang lang)
{
    char gain[64], answer[32], id[300], fix[1024];
    term_buf ind, unit;
    snprintf(id, sizeof id, "%s%s%s%s",
             report_term_text(g->indicator->id, ind.text, sizeof ind.text), g->critical ? " (" : "",
             g->critical ? report_label(REPORT_L_CRITICAL, lang) : "", g->critical ? ")" : "");
    fprintf(out, "  %3zu  %-18s %-20s %-12s %13s  %s\n", i + 1, id,
            g->unit->path[0] ? report_term_text(g->unit->path, unit.text, sizeof unit.text) : "-",
            gaps_answer(g, lang, answer, sizeof answer),
            report_points(batch->rubric, g->gain, lang, gain, sizeof gain),
            report_term_text(g->indicator->fix, fix, sizeof fix));
    gaps_table_levels(out, batch, g, lang);
}

/* One raise of a path: "naikkan KN.3 di dinkes dari 1 ke 3 (Penuh): +4,00 poin". */
static void gaps_table_raise(FILE *out, const patuh_batch *batch, const patuh_gaps *g,
                             const patuh_gap_raise *r, patuh_lang lang)
{
    const patuh_gap *gap = &g->items[r->gap];
    char answer[32], level[300], gain[64];
    term_buf ind, unit;
    fprintf(out, "    %s %s", report_label(REPORT_L_RAISE, lang),
            report_term_text(gap->indicator->id, ind.text, sizeof ind.text));
    if (gap->unit->path[0])
        fprintf(out, " %s %s", report_label(REPORT_L_AT, lang),
                report_term_text(gap->unit->path, unit.text, sizeof unit.text));
    fprintf(out, " %s %s %s %s: %s\n", report_label(REPORT_L_FROM, lang),
            gaps_answer(gap, lang, answer, sizeof answer), report_label(REPORT_L_TO, lang),
            gaps_level(gap, &gap->steps[r->step], lang, level, sizeof level),
            report_points(batch->rubric, gap->steps[r->step].gain, lang, gain, sizeof gain));
}

/* One path: the target, why the critical indicators come first, each raise, and what the
 * raises together give. */
static void gaps_table_path(FILE *out, const patuh_batch *batch, const patuh_gaps *g,
                            const patuh_gap_path *p, report_label_id what, report_label_id top,
                            patuh_lang lang)
{
    const patuh_rubric *rubric = batch->rubric;
    char total[64], min[64];
    term_buf band, zone;
    fprintf(out, "  %s: ", report_label(what, lang));
    if (p->target == SIZE_MAX) { /* no band above, or no total at all (every answer N/A) */
        fprintf(out, "%s\n", report_label(isnan(g->agency->total) ? REPORT_L_NO_TOTAL : top, lang));
        return;
    }
    fprintf(out, "%s (%s, min %s)", gaps_band_text(rubric, p->target, &band),
            gaps_zone_text(rubric, p->target, &zone),
            report_number_lang(rubric, rubric->bands[p->target].min, lang, min, sizeof min));
    if (!p->reachable) {
        fprintf(out, ": %s %s\n", report_label(REPORT_L_UNREACHABLE, lang),
                isnan(p->total) ? "-"
                                : report_number_lang(rubric, p->total, lang, total, sizeof total));
        return;
    }
    fputc('\n', out);
    if (p->capped)
        fprintf(out, "    %s %s; %s\n", report_label(REPORT_L_CAPPED, lang),
                gaps_band_text(rubric, rubric->critical_cap, &band),
                report_label(REPORT_L_CAP_FIRST, lang));
    for (size_t i = 0; i < p->n_raises; i++)
        gaps_table_raise(out, batch, g, &p->raises[i], lang);
    fprintf(out, "    %s: %s, %s %s (%s: %zu, %s: %u)\n", report_label(REPORT_L_RESULT, lang),
            report_number_lang(rubric, p->total, lang, total, sizeof total),
            report_label(REPORT_L_BAND, lang), gaps_band_text(rubric, p->band, &band),
            report_label(REPORT_L_N_INDICATORS, lang), p->n_raises,
            report_label(REPORT_L_N_STEPS, lang), p->steps);
}

/* A leaf short of responses (doc/scoring.md §16): "Tanggapan kurang: f03 di rsud 8 dari 10,
 * kumpulkan 2 tanggapan lagi: +0,41 poin". */
static void gaps_table_responses(FILE *out, const patuh_batch *batch, const patuh_gap_responses *r,
                                 patuh_lang lang)
{
    char gain[64], unit[256];
    long have = r->have < 0 ? 0 : r->have;
    fprintf(out, "  %s: %s %s %s %ld %s %zu, %s %ld %s: %s\n",
            report_label(REPORT_L_RESPONSES, lang), r->section->id, report_label(REPORT_L_AT, lang),
            r->unit->parent ? report_term_text(r->unit->path, unit, sizeof unit) : "-", have,
            report_label(REPORT_L_FROM, lang), r->need, report_label(REPORT_L_COLLECT, lang),
            (long)r->need - have, report_label(REPORT_L_MORE_RESPONSES, lang),
            report_points(batch->rubric, r->gain, lang, gain, sizeof gain));
}

patuh_status report_write_gaps_table(const report_subject *s, FILE *out,
                                     const patuh_report_options *opt, patuh_diags *diags)
{
    (void)diags;
    const patuh_batch *batch = s->batch;
    patuh_lang lang = opt->lang;
    for (size_t k = 0; k < s->n_gaps; k++) {
        const patuh_gaps *g;
        patuh_status st = report_gaps_at(s, k, &g);
        if (st != PATUH_OK)
            return st;
        if (k > 0)
            fputc('\n', out);
        gaps_table_head(out, batch, g, lang);
        if (g->count == 0)
            fprintf(out, "  %s\n", report_label(REPORT_L_NO_GAPS, lang));
        else
            fprintf(out, "  %3s  %-18s %-20s %-12s %13s  %s\n", report_label(REPORT_L_NO, lang),
                    report_label(REPORT_L_INDICATOR, lang), report_label(REPORT_L_UNIT, lang),
                    report_label(REPORT_L_ANSWER, lang), report_label(REPORT_L_GAIN, lang),
                    report_label(REPORT_L_FIX, lang));
        for (size_t i = 0; i < g->count; i++)
            gaps_table_item(out, batch, i, &g->items[i], lang);
        for (size_t i = 0; i < g->n_responses; i++)
            gaps_table_responses(out, batch, &g->responses[i], lang);
        gaps_table_path(out, batch, g, &g->next_band, REPORT_L_NEXT_BAND, REPORT_L_TOP_BAND, lang);
        gaps_table_path(out, batch, g, &g->next_zone, REPORT_L_NEXT_ZONE, REPORT_L_TOP_ZONE, lang);
    }
    return PATUH_OK;
}

/* ---- JSON ------------------------------------------------------------------------- */

/* An answer value as written (up to 15 significant digits); null for NAN. */
static void gj_value(json_writer *w, const char *key, double v)
{
    char text[32];
    jw_key(w, key);
    if (isnan(v)) {
        jw_null(w);
        return;
    }
    snprintf(text, sizeof text, "%.15g", v);
    jw_number(w, text);
}

/* One level: {"value", "label", "steps", "gain"}. */
static void gj_step(json_writer *w, const patuh_rubric *rubric, const patuh_gap_step *step)
{
    jw_open(w, '{');
    gj_value(w, "value", step->value);
    jw_key_string(w, "label", step->label);
    jw_key_int(w, "steps", step->steps);
    jw_key_score(w, "gain", step->gain, rubric->decimals);
    jw_close(w, '}');
}

static void gj_gap(json_writer *w, const patuh_rubric *rubric, const patuh_gap *g)
{
    jw_open(w, '{');
    jw_key_string(w, "indicator", g->indicator->id);
    jw_key_string(w, "unit", g->unit->path);
    gj_value(w, "value", g->value);
    jw_key_bool(w, "critical", g->critical);
    jw_key_score(w, "gain", g->gain, rubric->decimals);
    jw_key(w, "levels");
    jw_open(w, '[');
    for (size_t i = 0; i < g->n_steps; i++) {
        jw_item(w);
        gj_step(w, rubric, &g->steps[i]);
    }
    jw_close(w, ']');
    jw_key_string(w, "fix", g->indicator->fix);
    jw_close(w, '}');
}

/* One raise: {"indicator", "unit", "from", "to", "label", "critical", "steps", "gain"}. */
static void gj_raise(json_writer *w, const patuh_rubric *rubric, const patuh_gaps *g,
                     const patuh_gap_raise *r)
{
    const patuh_gap *gap = &g->items[r->gap];
    const patuh_gap_step *step = &gap->steps[r->step];
    jw_open(w, '{');
    jw_key_string(w, "indicator", gap->indicator->id);
    jw_key_string(w, "unit", gap->unit->path);
    gj_value(w, "from", gap->value);
    gj_value(w, "to", step->value);
    jw_key_string(w, "label", step->label);
    jw_key_bool(w, "critical", gap->critical);
    jw_key_int(w, "steps", step->steps);
    jw_key_score(w, "gain", step->gain, rubric->decimals);
    jw_close(w, '}');
}

static void gj_path(json_writer *w, const patuh_rubric *rubric, const patuh_gaps *g,
                    const patuh_gap_path *p)
{
    bool top = p->target == SIZE_MAX;
    jw_open(w, '{');
    jw_key_string(w, "target", top ? NULL : rubric->bands[p->target].id);
    jw_key_bool(w, "reachable", p->reachable);
    jw_key_bool(w, "capped", p->capped);
    jw_key(w, "raises");
    jw_open(w, '[');
    for (size_t i = 0; i < p->n_raises; i++) {
        jw_item(w);
        gj_raise(w, rubric, g, &p->raises[i]);
    }
    jw_close(w, ']');
    jw_key_int(w, "steps", p->steps);
    jw_key_score(w, "total", p->total, rubric->decimals);
    jw_key_string(w, "band", p->band < rubric->n_bands ? rubric->bands[p->band].id : NULL);
    jw_close(w, '}');
}

/* Leaves short of responses (doc/scoring.md §16); absent from rubrics without
 * min_responses. */
static void gj_responses(json_writer *w, const patuh_rubric *rubric, const patuh_gaps *g)
{
    if (rubric->n_counted == 0)
        return;
    jw_key(w, "responses");
    jw_open(w, '[');
    for (size_t i = 0; i < g->n_responses; i++) {
        const patuh_gap_responses *r = &g->responses[i];
        jw_item(w);
        jw_open(w, '{');
        jw_key_string(w, "section", r->section->id);
        jw_key_string(w, "unit", r->unit->path);
        jw_key(w, "have");
        if (r->have >= 0)
            jw_int(w, r->have);
        else
            jw_null(w);
        jw_key_int(w, "need", r->need);
        jw_key_score(w, "gain", r->gain, rubric->decimals);
        jw_close(w, '}');
    }
    jw_close(w, ']');
}

static void gj_agency(json_writer *w, const patuh_rubric *rubric, const patuh_gaps *g)
{
    const patuh_agency *a = g->agency;
    jw_open(w, '{');
    jw_key_string(w, "id", a->id);
    jw_key_string(w, "name", a->name);
    jw_key_score(w, "total", a->total, rubric->decimals);
    jw_key_string(w, "band", gaps_band_id(rubric, a->band));
    jw_key_string(w, "zone", gaps_zone_name(rubric, a->band));
    jw_key_bool(w, "capped", a->capped);
    jw_key(w, "gaps");
    jw_open(w, '[');
    for (size_t i = 0; i < g->count; i++) {
        jw_item(w);
        gj_gap(w, rubric, &g->items[i]);
    }
    jw_close(w, ']');
    gj_responses(w, rubric, g);
    jw_key(w, "next_band");
    gj_path(w, rubric, g, &g->next_band);
    jw_key(w, "next_zone");
    gj_path(w, rubric, g, &g->next_zone);
    jw_close(w, '}');
}

patuh_status report_write_gaps_json(const report_subject *s, FILE *out,
                                    const patuh_report_options *opt, patuh_diags *diags)
{
    (void)opt;
    (void)diags;
    const patuh_rubric *rubric = s->batch->rubric;
    json_writer w;
    jw_init(&w, out);
    jw_open(&w, '{');
    jw_key_string(&w, "patuh", PATUH_VERSION);
    jw_key_string(&w, "rubric", rubric->id);
    jw_key(&w, "agencies");
    jw_open(&w, '[');
    for (size_t k = 0; k < s->n_gaps; k++) {
        const patuh_gaps *g;
        patuh_status st = report_gaps_at(s, k, &g);
        if (st != PATUH_OK) {
            jw_finish(&w);
            return st;
        }
        jw_item(&w);
        gj_agency(&w, rubric, g);
    }
    jw_close(&w, ']');
    jw_close(&w, '}');
    jw_raw(&w, "\n");
    /* a write error shows in the stream, which the caller checks; the rest is memory */
    return jw_finish(&w) || ferror(out) ? PATUH_OK : PATUH_ENOMEM;
}

/* ---- CSV -------------------------------------------------------------------------- */

/* The columns: the agency with its total and band; what the row is (a shortfall `gap`, or a
 * raise of the path `next_band` or `next_zone`, with the path's target band); the shortfall
 * (for a raise, the one raised) and the level it goes to (a gap: full marks); the gain;
 * the fix; what the path gives; a note. */
static const char *const gaps_csv_head[] = {
    "agency",    "agency_name", "total",        "band",        "row", "target",   "no",
    "indicator", "critical",    "unit",         "value",       "to",  "to_label", "steps",
    "gain",      "fix",         "result_total", "result_band", "note"};

/* An answer value as written (up to 15 significant digits); empty for NAN. */
static void gaps_csv_value(report_csv *c, double v)
{
    char buf[64] = "";
    if (!isnan(v))
        snprintf(buf, sizeof buf, "%.15g", v);
    report_csv_number(c, buf);
}

static void gaps_csv_score(report_csv *c, const patuh_rubric *rubric, double v)
{
    char buf[64];
    report_csv_number(c, report_number(rubric, v, buf, sizeof buf));
}

/* agency,agency_name,total,band,row,target */
static void gaps_csv_lead(report_csv *c, const patuh_rubric *rubric, const patuh_gaps *g,
                          const char *row, const char *target)
{
    report_csv_text(c, g->agency->id);
    report_csv_text(c, g->agency->name);
    gaps_csv_score(c, rubric, g->agency->total);
    report_csv_text(c, report_band_id(rubric, g->agency));
    report_csv_word(c, row);
    report_csv_text(c, target);
}

/* no,indicator,critical,unit,value,to,to_label,steps,gain,fix of a gap raised to a step */
static void gaps_csv_gap(report_csv *c, const patuh_rubric *rubric, size_t no, const patuh_gap *gap,
                         const patuh_gap_step *step)
{
    report_csv_int(c, (long long)no);
    report_csv_text(c, gap->indicator->id);
    report_csv_bool(c, gap->critical);
    report_csv_text(c, gap->unit->path);
    gaps_csv_value(c, gap->value);
    if (step) {
        gaps_csv_value(c, step->value);
        report_csv_text(c, step->label);
        report_csv_int(c, step->steps);
    } else {
        for (int i = 0; i < 3; i++)
            report_csv_empty(c);
    }
    gaps_csv_score(c, rubric, step ? step->gain : gap->gain);
    report_csv_text(c, gap->indicator->fix);
}

/* The rows of one path: one per raise, or one without a raise when it has none. */
static void gaps_csv_path(report_csv *c, const patuh_rubric *rubric, const patuh_gaps *g,
                          const patuh_gap_path *p, const char *row)
{
    const char *target = p->target == SIZE_MAX ? NULL : rubric->bands[p->target].id;
    const char *note = p->target == SIZE_MAX ? "top"
                       : !p->reachable       ? "unreachable"
                       : p->capped           ? "capped"
                                             : NULL;
    for (size_t i = 0; i == 0 || i < p->n_raises; i++) {
        gaps_csv_lead(c, rubric, g, row, target);
        if (i < p->n_raises) {
            const patuh_gap *gap = &g->items[p->raises[i].gap];
            gaps_csv_gap(c, rubric, i + 1, gap, &gap->steps[p->raises[i].step]);
        } else {
            for (int k = 0; k < 10; k++) /* no .. fix */
                report_csv_empty(c);
        }
        if (target)
            gaps_csv_score(c, rubric, p->total);
        else
            report_csv_empty(c);
        report_csv_text(c, target && p->band < rubric->n_bands ? rubric->bands[p->band].id : NULL);
        report_csv_word(c, note);
        report_csv_end(c);
    }
}

/* Per agency its shortfalls in order (`no` counts them per agency; the level is full marks),
 * then the rows of its two paths (`no` counts the raises). */
patuh_status report_write_gaps_csv(const report_subject *s, FILE *out,
                                   const patuh_report_options *opt, patuh_diags *diags)
{
    (void)diags;
    const patuh_rubric *rubric = s->batch->rubric;
    report_csv c = report_csv_start(out, report_csv_dialect_of(opt));
    report_csv_heads(&c, gaps_csv_head, sizeof gaps_csv_head / sizeof gaps_csv_head[0]);
    report_csv_end(&c);
    for (size_t k = 0; k < s->n_gaps; k++) {
        const patuh_gaps *g;
        patuh_status st = report_gaps_at(s, k, &g);
        if (st != PATUH_OK)
            return st;
        for (size_t i = 0; i < g->count; i++) {
            const patuh_gap *gap = &g->items[i];
            gaps_csv_lead(&c, rubric, g, "gap", NULL);
            gaps_csv_gap(&c, rubric, i + 1, gap,
                         gap->n_steps ? &gap->steps[gap->n_steps - 1] : NULL);
            for (int n = 0; n < 3; n++) /* result_total, result_band, note */
                report_csv_empty(&c);
            report_csv_end(&c);
        }
        gaps_csv_path(&c, rubric, g, &g->next_band, "next_band");
        gaps_csv_path(&c, rubric, g, &g->next_zone, "next_zone");
    }
    return PATUH_OK;
}

/* ---- explain ----------------------------------------------------------------------- */

/* A line of explain with only a number in the contribution column. */
static void explain_line(FILE *out, const patuh_rubric *rubric, const char *label, double value)
{
    char number[64];
    fprintf(out, "%-16s %10s %8s %8s %12s\n", label, "", "", "",
            report_number(rubric, value, number, sizeof number));
}

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
        if (r->section->is_penalty && (i == 0 || !rows[i - 1].section->is_penalty))
            explain_line(out, rubric, report_label(REPORT_L_BASE, lang), sum);
        sum += r->contribution;
        term_buf section, title;
        char share[32] = "-"; /* a penalty takes no share: it deducts (doc/scoring.md §15) */
        if (!r->section->is_penalty)
            snprintf(share, sizeof share, "%.2f%%", r->share * 100);
        fprintf(out, "%-16s %10s %8g %8s %12s  %s%s%s\n",
                report_term_text(r->section->id, section.text, sizeof section.text),
                isnan(r->score) ? "-" : report_number(rubric, r->score, score, sizeof score),
                r->weight, share, report_number(rubric, r->contribution, contrib, sizeof contrib),
                report_term_text(r->section->title, title.text, sizeof title.text),
                r->section->is_penalty ? " — " : "",
                r->section->is_penalty ? report_label(REPORT_L_DEDUCTION, lang) : "");
    }
    /* the penalties never take the total below 0 (doc/scoring.md §15) */
    explain_line(out, rubric, report_label(REPORT_L_TOTAL, lang),
                 rubric->n_penalties && sum < 0 ? 0 : sum);
    free(rows);
    return PATUH_OK;
}
