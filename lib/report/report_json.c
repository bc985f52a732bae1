/* report_json.c — the ranking as JSON (doc/formats.md), streamed agency by agency through the
 * JSON writer (json_writer.h) in json-c's pretty layout. Every score is rounded to
 * rubric->decimals and printed with exactly that many places; a dropped score is null. Keys
 * come in a fixed order, so the same batch always gives the same text. `patuh compare` reads
 * this file back. */
#include "report/json_writer.h"
#include "report/report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void j_rubric(json_writer *w, const patuh_rubric *rubric)
{
    char hex[65];
    sha256_hex(rubric->sha256, hex);
    jw_open(w, '{');
    jw_key_string(w, "id", rubric->id);
    jw_key_string(w, "title", rubric->title);
    jw_key(w, "year");
    if (rubric->year)
        jw_int(w, rubric->year);
    else
        jw_null(w);
    jw_key(w, "max");
    jw_plain(w, rubric->max);
    jw_key(w, "decimals");
    jw_int(w, rubric->decimals);
    jw_key_string(w, "sha256", hex);
    jw_close(w, '}');
}

/* Top-level section scores: of the agency when `agency` is set, else of the unit. */
static void j_sections(json_writer *w, const patuh_batch *batch, const patuh_agency *agency,
                       const patuh_unit *unit)
{
    const patuh_node *root = batch->rubric->root;
    jw_key(w, "sections");
    jw_open(w, '{');
    for (size_t i = 0; i < root->n_children; i++) {
        const patuh_node *node = root->children[i];
        double v = agency ? report_node_score(batch, agency, node)
                          : report_unit_score(batch->rubric, unit, node);
        jw_key_score(w, node->id, v, batch->rubric->decimals);
    }
    jw_close(w, '}');
}

static void j_units(json_writer *w, const patuh_batch *batch, const patuh_unit *parent);

/* A leaf's counts for the sections with min_responses (doc/scoring.md §16): per section its
 * count (null when none is given) and whether it is below the minimum. */
static void j_responses(json_writer *w, const patuh_rubric *rubric, const patuh_unit *unit)
{
    if (rubric->n_counted == 0 || unit->n_units > 0)
        return;
    jw_key(w, "responses");
    jw_open(w, '{');
    for (size_t i = 0; i < rubric->n_counted; i++) {
        const patuh_node *section = rubric->counted[i];
        long have = patuh_unit_responses(unit, section);
        jw_key(w, section->id);
        jw_open(w, '{');
        jw_key(w, "count");
        if (have >= 0)
            jw_int(w, have);
        else
            jw_null(w);
        jw_key(w, "below_minimum");
        jw_bool(w, have < 0 || (size_t)have < section->min_responses);
        jw_close(w, '}');
    }
    jw_close(w, '}');
}

static void j_unit(json_writer *w, const patuh_batch *batch, const patuh_unit *unit)
{
    const patuh_rubric *rubric = batch->rubric;
    jw_open(w, '{');
    jw_key_string(w, "id", unit->id);
    jw_key_string(w, "path", unit->path);
    jw_key_string(w, "name", unit->name);
    jw_key(w, "weight");
    jw_plain(w, unit->weight);
    patuh_unit_result r = patuh_unit_result_get(rubric, unit);
    const patuh_zone *zone = report_band_zone(rubric, r.band);
    jw_key_score(w, "total", r.total, rubric->decimals);
    jw_key_string(w, "band", zone ? rubric->bands[r.band].id : NULL);
    jw_key_string(w, "zone", zone ? zone->name : NULL);
    jw_key_bool(w, "product", patuh_unit_is_product(unit));
    j_sections(w, batch, NULL, unit);
    j_responses(w, rubric, unit);
    j_units(w, batch, unit);
    jw_close(w, '}');
}

static void j_units(json_writer *w, const patuh_batch *batch, const patuh_unit *parent)
{
    jw_key(w, "units");
    jw_open(w, '[');
    for (size_t i = 0; i < parent->n_units; i++) {
        jw_item(w);
        j_unit(w, batch, parent->units[i]);
    }
    jw_close(w, ']');
}

static void j_critical(json_writer *w, const patuh_agency *a)
{
    jw_key(w, "critical_failed");
    jw_open(w, '[');
    for (size_t i = 0; i < a->n_critical_failed; i++) {
        jw_item(w);
        jw_string(w, a->critical_failed[i]->id);
    }
    jw_close(w, ']');
}

static void j_qualifiers(json_writer *w, const patuh_rubric *rubric, const patuh_agency *a)
{
    jw_key(w, "qualifiers");
    jw_open(w, '[');
    for (size_t q = 0; q < rubric->n_qualifiers && q < 64; q++) {
        if (!(a->qualifiers & ((uint64_t)1 << q)))
            continue;
        jw_item(w);
        jw_string(w, rubric->qualifiers[q].id);
    }
    jw_close(w, ']');
}

/* What the assessment is missing of what the method samples (doc/scoring.md §14): null when
 * the rubric samples nothing for the agency's group, else only the shortfalls. */
static bool j_sampling(json_writer *w, const patuh_rubric *rubric, const patuh_agency *a)
{
    patuh_sampling s;
    if (patuh_sampling_get(rubric, a, &s) != PATUH_OK) {
        patuh_sampling_release(&s);
        return false;
    }
    jw_key(w, "sampling");
    if (!s.entry) {
        jw_null(w);
        return true;
    }
    jw_open(w, '{');
    jw_key(w, "units");
    jw_open(w, '[');
    for (size_t i = 0; i < s.n_units; i++) {
        jw_item(w);
        jw_open(w, '{');
        jw_key_string(w, "kind", rubric->unit_kinds[s.units[i].kind].id);
        jw_key_int(w, "need", s.units[i].need);
        jw_key_int(w, "have", s.units[i].have);
        jw_close(w, '}');
    }
    jw_close(w, ']');
    jw_key(w, "products");
    jw_open(w, '[');
    for (size_t i = 0; i < s.n_products; i++) {
        jw_item(w);
        jw_open(w, '{');
        jw_key_string(w, "unit", s.products[i].unit->path);
        jw_key_int(w, "need", s.products[i].need);
        jw_key_int(w, "have", s.products[i].have);
        jw_close(w, '}');
    }
    jw_close(w, ']');
    jw_close(w, '}');
    patuh_sampling_release(&s);
    return true;
}

/* With penalties (doc/scoring.md §15): the total before them as "base", and per penalty its
 * score on 0..max and its deduction in points. Absent from rubrics without penalties. */
static void j_penalties(json_writer *w, const patuh_rubric *rubric, const patuh_agency *a)
{
    if (rubric->n_penalties == 0)
        return;
    jw_key_score(w, "base", a->base, rubric->decimals);
    jw_key(w, "penalties");
    jw_open(w, '[');
    for (size_t i = 0; i < rubric->n_penalties; i++) {
        const patuh_node *pen = rubric->penalties[i];
        double s = patuh_unit_score(rubric, &a->root, pen);
        jw_item(w);
        jw_open(w, '{');
        jw_key_string(w, "id", pen->id);
        jw_key_score(w, "score", s * rubric->max, rubric->decimals);
        jw_key_score(w, "deduction",
                     isnan(a->total) ? NAN : patuh_penalty_deduction(rubric, a, pen),
                     rubric->decimals);
        jw_close(w, '}');
    }
    jw_close(w, ']');
}

/* A rank, or null for an agency not ranked (doc/scoring.md §12). */
static void j_rank(json_writer *w, const char *key, size_t rank)
{
    jw_key(w, key);
    if (rank)
        jw_int(w, (int64_t)rank);
    else
        jw_null(w);
}

static bool j_agency(json_writer *w, const patuh_batch *batch, const patuh_agency *a)
{
    const patuh_rubric *rubric = batch->rubric;
    const patuh_zone *zone = report_zone(rubric, a);
    jw_open(w, '{');
    jw_key_string(w, "id", a->id);
    jw_key_string(w, "name", a->name);
    jw_key_string(w, "group", report_group(rubric, a));
    jw_key_string(w, "region", a->region);
    jw_key_string(w, "period", a->period);
    jw_key_score(w, "total", a->total, rubric->decimals);
    j_penalties(w, rubric, a);
    jw_key_string(w, "band", zone ? report_band_id(rubric, a) : NULL);
    jw_key_string(w, "label", zone ? a->label : NULL);
    jw_key_string(w, "zone", zone ? zone->name : NULL);
    j_rank(w, "rank", a->rank);
    j_rank(w, "group_rank", a->group_rank);
    j_sections(w, batch, a, NULL);
    jw_key_int(w, "unanswered", a->unanswered);
    jw_key(w, "coverage");
    jw_plain(w, patuh_round(a->coverage, 4));
    jw_key_string(w, "status", report_assessment_id(a));
    j_critical(w, a);
    j_qualifiers(w, rubric, a);
    bool ok = rubric->n_coverage == 0 || j_sampling(w, rubric, a);
    j_responses(w, rubric, &a->root);
    j_units(w, batch, &a->root);
    jw_close(w, '}');
    return ok;
}

/* Each warning formatted as `FILE:LINE:COL: warning: TEXT`. */
static bool j_warnings(json_writer *w, const patuh_diags *warnings)
{
    jw_key(w, "warnings");
    jw_open(w, '[');
    for (size_t i = 0; warnings && i < warnings->count; i++) {
        char *text = report_diag_text(&warnings->items[i]);
        if (!text)
            return false;
        jw_item(w);
        jw_string(w, text);
        free(text);
    }
    jw_close(w, ']');
    return true;
}

patuh_status report_write_json(const report_subject *s, FILE *out, const patuh_report_options *opt,
                               patuh_diags *diags)
{
    const patuh_batch *batch = s->batch;
    (void)diags;
    json_writer w;
    jw_init(&w, out);
    jw_open(&w, '{');
    jw_key_string(&w, "patuh", PATUH_VERSION);
    jw_key(&w, "rubric");
    j_rubric(&w, batch->rubric);
    jw_key(&w, "agencies");
    jw_open(&w, '[');
    bool ok = true;
    for (size_t i = 0; i < batch->n_agencies && ok; i++) {
        jw_item(&w);
        ok = j_agency(&w, batch, batch->agencies[i]);
    }
    jw_close(&w, ']');
    ok = ok && j_warnings(&w, opt->warnings);
    if (ok) {
        jw_close(&w, '}');
        jw_raw(&w, "\n");
    }
    bool written = jw_finish(&w);
    /* a write error shows in the stream, which the caller checks; the rest is memory */
    return ok && (written || ferror(out)) ? PATUH_OK : PATUH_ENOMEM;
}
