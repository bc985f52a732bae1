/* report_json.c — the ranking as JSON (SPEC 6), built with json-c and pretty-printed. Every
 * score is rounded to rubric->decimals and printed with exactly that many places; a dropped
 * score is null. Keys keep insertion order, so the same batch always gives the same text.
 * `patuh compare` reads this file back. */
#include "report/report.h"

#include <json-c/json.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Adds val under key, taking it; false (val released) when val is NULL or adding failed. */
static bool j_put(json_object *obj, const char *key, json_object *val)
{
    if (!val)
        return false;
    if (json_object_object_add(obj, key, val) != 0) {
        json_object_put(val);
        return false;
    }
    return true;
}

static bool j_push(json_object *arr, json_object *val)
{
    if (!val)
        return false;
    if (json_object_array_add(arr, val) != 0) {
        json_object_put(val);
        return false;
    }
    return true;
}

static bool j_put_null(json_object *obj, const char *key)
{
    return json_object_object_add(obj, key, NULL) == 0;
}

static bool j_put_string(json_object *obj, const char *key, const char *s)
{
    return s ? j_put(obj, key, json_object_new_string(s)) : j_put_null(obj, key);
}

static bool j_put_size(json_object *obj, const char *key, size_t n)
{
    return j_put(obj, key, json_object_new_int64((int64_t)n));
}

/* A score: rounded, printed with rubric->decimals places; NAN is null. */
static bool j_put_score(json_object *obj, const char *key, const patuh_rubric *rubric, double v)
{
    char text[64];
    if (isnan(v))
        return j_put_null(obj, key);
    report_number(rubric, v, text, sizeof text);
    return j_put(obj, key, json_object_new_double_s(report_round(rubric, v), text));
}

/* A plain number such as a weight or the rubric's max: an integer when it is one. */
static bool j_put_plain(json_object *obj, const char *key, double v)
{
    char text[64];
    if (v == floor(v) && fabs(v) < 1e15)
        return j_put(obj, key, json_object_new_int64((int64_t)v));
    snprintf(text, sizeof text, "%.15g", v);
    return j_put(obj, key, json_object_new_double_s(v, text));
}

static json_object *j_rubric(const patuh_rubric *rubric)
{
    char hex[65];
    json_object *obj = json_object_new_object();
    if (!obj)
        return NULL;
    sha256_hex(rubric->sha256, hex);
    bool ok = j_put_string(obj, "id", rubric->id) && j_put_string(obj, "title", rubric->title) &&
              (rubric->year ? j_put(obj, "year", json_object_new_int(rubric->year))
                            : j_put_null(obj, "year")) &&
              j_put_plain(obj, "max", rubric->max) &&
              j_put(obj, "decimals", json_object_new_int(rubric->decimals)) &&
              j_put_string(obj, "sha256", hex);
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
        if (!j_put_score(obj, node->id, batch->rubric, v)) {
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
    bool ok = j_put_string(obj, "id", unit->id) && j_put_string(obj, "path", unit->path) &&
              j_put_string(obj, "name", unit->name) && j_put_plain(obj, "weight", unit->weight) &&
              j_put_score(obj, "total", rubric, report_unit_score(rubric, unit, rubric->root)) &&
              j_put(obj, "sections", j_sections(batch, NULL, unit)) &&
              j_put(obj, "units", j_units(batch, unit));
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
        if (!j_push(arr, j_unit(batch, parent->units[i]))) {
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
        if (!j_push(arr, json_object_new_string(a->critical_failed[i]->id))) {
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
        if (!j_push(arr, json_object_new_string(rubric->qualifiers[q].id))) {
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
    bool ok = j_put_string(obj, "id", a->id) && j_put_string(obj, "name", a->name) &&
              j_put_string(obj, "group", report_group(rubric, a)) &&
              j_put_string(obj, "region", a->region) && j_put_string(obj, "period", a->period) &&
              j_put_score(obj, "total", rubric, a->total) &&
              j_put_string(obj, "band", report_band_id(rubric, a)) &&
              j_put_string(obj, "label", a->label) &&
              j_put_string(obj, "zone", zone ? zone->name : NULL) &&
              j_put_size(obj, "rank", a->rank) && j_put_size(obj, "group_rank", a->group_rank) &&
              j_put(obj, "sections", j_sections(batch, a, NULL)) &&
              j_put_size(obj, "unanswered", a->unanswered) &&
              j_put(obj, "critical_failed", j_critical(a)) &&
              j_put(obj, "qualifiers", j_qualifiers(rubric, a)) &&
              j_put(obj, "units", j_units(batch, &a->root));
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
        if (!j_push(arr, j_diag(&warnings->items[i]))) {
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
    const int flags =
        JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE;
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
