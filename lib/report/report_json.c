/* report_json.c — the ranking as JSON (SPEC 6), built with json-c and pretty-printed. Every
 * score is rounded to rubric->decimals and printed with exactly that many places; a dropped
 * score is null. Keys keep insertion order, so the same batch always gives the same text.
 * `patuh compare` reads this file back. */
#include "report/report.h"

#include <json-c/json.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static json_object *j_rubric(const patuh_rubric *rubric)
{
    char hex[65];
    json_object *obj = json_object_new_object();
    if (!obj)
        return NULL;
    sha256_hex(rubric->sha256, hex);
    bool ok = json_put_string(obj, "id", rubric->id) &&
              json_put_string(obj, "title", rubric->title) &&
              (rubric->year ? json_put(obj, "year", json_object_new_int(rubric->year))
                            : json_put_null(obj, "year")) &&
              json_put_plain(obj, "max", rubric->max) &&
              json_put(obj, "decimals", json_object_new_int(rubric->decimals)) &&
              json_put_string(obj, "sha256", hex);
    if (!ok) {
        json_object_put(obj);
        return NULL;
    }
    return obj;
}

/* Top-level section scores: of the agency when `agency` is set, else of the unit. */
static json_object *j_sections(const patuh_batch *batch, const patuh_agency *agency,
                               const patuh_unit *unit)
{
    const patuh_node *root = batch->rubric->root;
    json_object *obj = json_object_new_object();
    for (size_t i = 0; obj && i < root->n_children; i++) {
        const patuh_node *node = root->children[i];
        double v = agency ? report_node_score(batch, agency, node)
                          : report_unit_score(batch->rubric, unit, node);
        if (!json_put_score(obj, node->id, v, batch->rubric->decimals)) {
            json_object_put(obj);
            return NULL;
        }
    }
    return obj;
}

static json_object *j_units(const patuh_batch *batch, const patuh_unit *parent);

static json_object *j_unit(const patuh_batch *batch, const patuh_unit *unit)
{
    const patuh_rubric *rubric = batch->rubric;
    json_object *obj = json_object_new_object();
    if (!obj)
        return NULL;
    bool ok = json_put_string(obj, "id", unit->id) && json_put_string(obj, "path", unit->path) &&
              json_put_string(obj, "name", unit->name) &&
              json_put_plain(obj, "weight", unit->weight) &&
              json_put_score(obj, "total", report_unit_score(rubric, unit, rubric->root),
                             rubric->decimals) &&
              json_put(obj, "sections", j_sections(batch, NULL, unit)) &&
              json_put(obj, "units", j_units(batch, unit));
    if (!ok) {
        json_object_put(obj);
        return NULL;
    }
    return obj;
}

static json_object *j_units(const patuh_batch *batch, const patuh_unit *parent)
{
    json_object *arr = json_object_new_array();
    for (size_t i = 0; arr && i < parent->n_units; i++) {
        if (!json_push(arr, j_unit(batch, parent->units[i]))) {
            json_object_put(arr);
            return NULL;
        }
    }
    return arr;
}

static json_object *j_critical(const patuh_agency *a)
{
    json_object *arr = json_object_new_array();
    for (size_t i = 0; arr && i < a->n_critical_failed; i++) {
        if (!json_push(arr, json_object_new_string(a->critical_failed[i]->id))) {
            json_object_put(arr);
            return NULL;
        }
    }
    return arr;
}

static json_object *j_qualifiers(const patuh_rubric *rubric, const patuh_agency *a)
{
    json_object *arr = json_object_new_array();
    for (size_t q = 0; arr && q < rubric->n_qualifiers && q < 64; q++) {
        if (!(a->qualifiers & ((uint64_t)1 << q)))
            continue;
        if (!json_push(arr, json_object_new_string(rubric->qualifiers[q].id))) {
            json_object_put(arr);
            return NULL;
        }
    }
    return arr;
}

static json_object *j_agency(const patuh_batch *batch, const patuh_agency *a)
{
    const patuh_rubric *rubric = batch->rubric;
    const patuh_zone *zone = report_zone(rubric, a);
    json_object *obj = json_object_new_object();
    if (!obj)
        return NULL;
    bool ok = json_put_string(obj, "id", a->id) && json_put_string(obj, "name", a->name) &&
              json_put_string(obj, "group", report_group(rubric, a)) &&
              json_put_string(obj, "region", a->region) &&
              json_put_string(obj, "period", a->period) &&
              json_put_score(obj, "total", a->total, rubric->decimals) &&
              json_put_string(obj, "band", report_band_id(rubric, a)) &&
              json_put_string(obj, "label", a->label) &&
              json_put_string(obj, "zone", zone ? zone->name : NULL) &&
              json_put_int(obj, "rank", (int64_t)a->rank) &&
              json_put_int(obj, "group_rank", (int64_t)a->group_rank) &&
              json_put(obj, "sections", j_sections(batch, a, NULL)) &&
              json_put_int(obj, "unanswered", (int64_t)a->unanswered) &&
              json_put(obj, "critical_failed", j_critical(a)) &&
              json_put(obj, "qualifiers", j_qualifiers(rubric, a)) &&
              json_put(obj, "units", j_units(batch, &a->root));
    if (!ok) {
        json_object_put(obj);
        return NULL;
    }
    return obj;
}

/* One warning formatted as `FILE:LINE:COL: warning: TEXT`. */
static json_object *j_diag(const patuh_diag *diag)
{
    char *text = report_diag_text(diag);
    if (!text)
        return NULL;
    json_object *s = json_object_new_string(text);
    free(text);
    return s;
}

static json_object *j_warnings(const patuh_diags *warnings)
{
    json_object *arr = json_object_new_array();
    for (size_t i = 0; arr && warnings && i < warnings->count; i++) {
        if (!json_push(arr, j_diag(&warnings->items[i]))) {
            json_object_put(arr);
            return NULL;
        }
    }
    return arr;
}

/* Writes a value printed at depth 0 as it prints at `depth`: every line after the first
 * indented by two spaces per level, as json-c does for nested values. */
static bool j_write_at(FILE *out, json_object *obj, int depth, int flags)
{
    const char *text = obj ? json_object_to_json_string_ext(obj, flags) : NULL;
    if (!text)
        return false;
    for (const char *p = text; *p; p++) {
        fputc(*p, out);
        if (*p == '\n')
            fprintf(out, "%*s", 2 * depth, "");
    }
    return true;
}

/* The agencies one at a time, each freed once written: memory follows one agency's units,
 * not the whole batch. */
static bool j_write_agencies(const patuh_batch *batch, FILE *out, int flags)
{
    fputs("[", out);
    for (size_t i = 0; i < batch->n_agencies; i++) {
        json_object *obj = j_agency(batch, batch->agencies[i]);
        fputs(i ? ",\n    " : "\n    ", out);
        bool ok = j_write_at(out, obj, 2, flags);
        json_object_put(obj);
        if (!ok)
            return false;
    }
    fputs("\n  ]", out);
    return true;
}

patuh_status report_write_json(const report_subject *s, FILE *out, const patuh_report_options *opt,
                               patuh_diags *diags)
{
    const patuh_batch *batch = s->batch;
    (void)diags;
    const int flags = json_flags();
    json_object *rubric = j_rubric(batch->rubric), *warnings = j_warnings(opt->warnings);
    bool ok = rubric && warnings;
    if (ok) {
        fputs("{\n  \"patuh\": \"" PATUH_VERSION "\",\n  \"rubric\": ", out);
        ok = j_write_at(out, rubric, 1, flags);
    }
    if (ok) {
        fputs(",\n  \"agencies\": ", out);
        ok = j_write_agencies(batch, out, flags);
    }
    if (ok) {
        fputs(",\n  \"warnings\": ", out);
        ok = j_write_at(out, warnings, 1, flags);
    }
    if (ok)
        fputs("\n}\n", out);
    json_object_put(rubric);
    json_object_put(warnings);
    return ok ? PATUH_OK : PATUH_ENOMEM;
}
