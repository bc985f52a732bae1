/* compare.c — `patuh compare`: reads two JSON reports that `patuh score` wrote (json-c),
 * matches agencies by id and lists old and new total, rank, band and zone with their change,
 * agencies added and removed, the zone transition matrix and the biggest risers and fallers;
 * written as a table, CSV or JSON. */
#include "base/base.h"

#include <errno.h>
#include <json-c/json.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define COMPARE_MOVERS 5 /* risers and fallers shown in the table */

/* ---- reading a report ------------------------------------------------------------- */

/* Line and column (1-based) of a byte offset. */
static void cmp_locate(const char *data, size_t off, unsigned *line, unsigned *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < off && data[i]; i++) {
        if (data[i] == '\n') {
            (*line)++;
            *col = 1;
        } else {
            (*col)++;
        }
    }
}

static json_object *cmp_parse(const char *path, const char *data, size_t len, patuh_diags *diags)
{
    json_tokener *tok = json_tokener_new();
    if (!tok)
        return NULL;
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
    json_object *root = json_tokener_parse_ex(tok, data, (int)len);
    enum json_tokener_error err = json_tokener_get_error(tok);
    size_t off = json_tokener_get_parse_end(tok);
    if (!root || err != json_tokener_success || off < len) {
        unsigned line, col;
        cmp_locate(data, off, &line, &col);
        const char *why = err != json_tokener_success ? json_tokener_error_desc(err)
                                                      : "text after the end of the report";
        patuh_diags_add(diags, PATUH_SEV_ERROR, path, line, col,
                        "invalid JSON: %s, expected a report written by 'patuh score'", why);
        json_object_put(root);
        root = NULL;
    }
    json_tokener_free(tok);
    return root;
}

static char *cmp_string(json_object *obj, const char *key)
{
    json_object *v;
    if (!json_object_object_get_ex(obj, key, &v) || !json_object_is_type(v, json_type_string))
        return str_dup("");
    return str_dup(json_object_get_string(v));
}

static double cmp_number(json_object *obj, const char *key)
{
    json_object *v;
    if (!json_object_object_get_ex(obj, key, &v) ||
        !(json_object_is_type(v, json_type_double) || json_object_is_type(v, json_type_int)))
        return NAN;
    double x = json_object_get_double(v);
    return isfinite(x) ? x : NAN; /* 1e999 reads as inf: no score or rank is that */
}

static patuh_status cmp_agency(json_object *obj, patuh_report_agency *a)
{
    a->id = cmp_string(obj, "id");
    a->name = cmp_string(obj, "name");
    a->band = cmp_string(obj, "band");
    a->zone = cmp_string(obj, "zone");
    a->group = cmp_string(obj, "group");
    a->total = cmp_number(obj, "total");
    double rank = cmp_number(obj, "rank");
    a->rank = isnan(rank) || rank < 1 || rank > 1e15 ? 0 : (size_t)rank; /* 0: not known */
    return a->id && a->name && a->band && a->zone && a->group ? PATUH_OK : PATUH_ENOMEM;
}

/* Indexes agency i by id: an agency without an id, or listed twice, cannot be matched to one
 * agency of the other report, so it is an error (doc/robustness.md). */
static patuh_status cmp_index(const char *path, patuh_report_data *r, size_t i, patuh_diags *diags)
{
    const char *id = r->agencies[i].id;
    const patuh_report_agency *first = id[0] ? idmap_get(r->by_id, id) : NULL;
    if (!id[0] || first) {
        char shown[64];
        snprintf(shown, sizeof shown, "%.60s", id);
        if (first)
            patuh_diags_add(diags, PATUH_SEV_ERROR, path, 0, 0,
                            "agency '%s' is listed twice (agencies %zu and %zu), expected each "
                            "agency once",
                            shown, (size_t)(first - r->agencies) + 1, i + 1);
        else
            patuh_diags_add(diags, PATUH_SEV_ERROR, path, 0, 0,
                            "agency %zu has no id, expected {\"id\": ...}", i + 1);
        return PATUH_EINVALID;
    }
    return idmap_put(r->by_id, id, &r->agencies[i]) ? PATUH_OK : PATUH_ENOMEM;
}

/* The rubric id and the agencies of a parsed report; a wrong shape is an error. */
static patuh_status cmp_fill(const char *path, json_object *root, patuh_report_data *r,
                             patuh_diags *diags)
{
    json_object *rubric, *agencies;
    if (!json_object_is_type(root, json_type_object) ||
        !json_object_object_get_ex(root, "rubric", &rubric) ||
        !json_object_object_get_ex(root, "agencies", &agencies) ||
        !json_object_is_type(agencies, json_type_array)) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, path, 1, 1,
                        "not a patuh report, expected an object with 'rubric' and 'agencies'");
        return PATUH_EINVALID;
    }
    r->rubric_id = cmp_string(rubric, "id");
    double decimals = cmp_number(rubric, "decimals");
    r->decimals = isnan(decimals) || decimals < 0 || decimals > 10 ? 2 : (int)decimals;
    size_t n = json_object_array_length(agencies);
    r->agencies = calloc(n ? n : 1, sizeof *r->agencies);
    r->by_id = idmap_new();
    if (!r->rubric_id || !r->agencies || !r->by_id)
        return PATUH_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        json_object *item = json_object_array_get_idx(agencies, i);
        if (!json_object_is_type(item, json_type_object)) {
            patuh_diags_add(diags, PATUH_SEV_ERROR, path, 0, 0,
                            "agency %zu is not an object, expected {\"id\": ...}", i + 1);
            return PATUH_EINVALID;
        }
        r->n++;
        if (cmp_agency(item, &r->agencies[i]) != PATUH_OK)
            return PATUH_ENOMEM;
        patuh_status st = cmp_index(path, r, i, diags);
        if (st != PATUH_OK)
            return st;
    }
    return PATUH_OK;
}

patuh_status patuh_report_read_buffer(const char *name, const char *data, size_t len,
                                      patuh_report_data **out, patuh_diags *diags)
{
    if (!name || !out || !diags || (!data && len))
        return PATUH_EARG;
    *out = NULL;
    if (len > INT_MAX) { /* json-c takes an int */
        patuh_diags_add(diags, PATUH_SEV_ERROR, name, 0, 0,
                        "report is larger than %d bytes, expected a report written by 'patuh "
                        "score'",
                        INT_MAX);
        return PATUH_EINVALID;
    }
    patuh_report_data *r = calloc(1, sizeof *r);
    json_object *root = NULL;
    patuh_status st = PATUH_ENOMEM;
    if (!r || !(r->path = str_dup(name)))
        goto done;
    root = cmp_parse(name, data ? data : "", len, diags);
    st = root ? cmp_fill(name, root, r, diags) : PATUH_EINVALID;
done:
    json_object_put(root);
    if (st == PATUH_OK)
        *out = r;
    else
        patuh_report_data_free(r);
    return st;
}

patuh_status patuh_report_read(const char *path, const patuh_limits *lim, patuh_report_data **out,
                               patuh_diags *diags)
{
    patuh_limits def;
    if (!lim) {
        patuh_limits_default(&def);
        lim = &def;
    }
    *out = NULL;
    char *data = NULL;
    size_t len = 0;
    patuh_status st = file_read_all(path, lim->max_file_bytes, &data, &len, diags);
    if (st != PATUH_OK)
        return st;
    st = patuh_report_read_buffer(path, data, len, out, diags);
    free(data);
    return st;
}

void patuh_report_data_free(patuh_report_data *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++) {
        patuh_report_agency *a = &r->agencies[i];
        free(a->id);
        free(a->name);
        free(a->band);
        free(a->zone);
        free(a->group);
    }
    idmap_free(r->by_id);
    free(r->agencies);
    free(r->rubric_id);
    free(r->path);
    free(r);
}

/* ---- comparing -------------------------------------------------------------------- */

static const patuh_report_agency *cmp_find(const patuh_report_data *r, const char *id)
{
    return idmap_get(r->by_id, id);
}

/* The index of a zone name, added when new; SIZE_MAX when out of memory. */
/* The most zones two reports may name together: the transition matrix has a row and a column
 * for each (4,000 zone names took 1.7 GB); a rubric has a handful (doc/robustness.md). */
enum { CMP_MAX_ZONES = 64, CMP_TOO_MANY = -2 };

static size_t cmp_zone(patuh_comparison *c, const char *zone)
{
    if (!zone[0])
        return SIZE_MAX - 1; /* no zone: left out of the matrix */
    for (size_t z = 0; z < c->n_zones; z++)
        if (strcmp(c->zones[z], zone) == 0)
            return z;
    if (c->n_zones == CMP_MAX_ZONES)
        return (size_t)CMP_TOO_MANY;
    const char **zones = array_room(c->zones, c->n_zones, sizeof *zones);
    if (!zones)
        return SIZE_MAX;
    c->zones = zones;
    c->zones[c->n_zones] = zone;
    return c->n_zones++;
}

static patuh_status cmp_zones(patuh_comparison *c, patuh_diags *diags)
{
    for (size_t i = 0; i < c->n_rows; i++) {
        const patuh_compare_row *row = &c->rows[i];
        size_t zn = row->new ? cmp_zone(c, row->new->zone) : 0;
        size_t zo = row->old ? cmp_zone(c, row->old->zone) : 0;
        if (zn == SIZE_MAX || zo == SIZE_MAX)
            return PATUH_ENOMEM;
        if (zn == (size_t)CMP_TOO_MANY || zo == (size_t)CMP_TOO_MANY) {
            patuh_diags_add(diags, PATUH_SEV_ERROR, c->new->path, 0, 0,
                            "the reports name more than %d zones, the limit of a comparison "
                            "(its zone matrix has a row and a column for each)",
                            CMP_MAX_ZONES);
            return PATUH_EINVALID;
        }
    }
    c->matrix = calloc(c->n_zones * c->n_zones + 1, sizeof *c->matrix);
    if (!c->matrix)
        return PATUH_ENOMEM;
    for (size_t i = 0; i < c->n_rows; i++) {
        const patuh_compare_row *row = &c->rows[i];
        if (!row->old || !row->new || !row->old->zone[0] || !row->new->zone[0])
            continue;
        c->matrix[cmp_zone(c, row->old->zone) * c->n_zones + cmp_zone(c, row->new->zone)]++;
    }
    return PATUH_OK;
}

/* Rows: the new report's agencies in its order (ranking), then those removed. */
static patuh_status cmp_rows(patuh_comparison *c, patuh_diags *diags)
{
    const patuh_report_data *o = c->old, *n = c->new;
    c->rows = calloc(o->n + n->n + 1, sizeof *c->rows);
    if (!c->rows)
        return PATUH_ENOMEM;
    for (size_t i = 0; i < n->n; i++)
        c->rows[c->n_rows++] = (patuh_compare_row){cmp_find(o, n->agencies[i].id), &n->agencies[i]};
    for (size_t i = 0; i < o->n; i++)
        if (!cmp_find(n, o->agencies[i].id))
            c->rows[c->n_rows++] = (patuh_compare_row){&o->agencies[i], NULL};
    return cmp_zones(c, diags);
}

double patuh_compare_change(const patuh_compare_row *row)
{
    if (!row->old || !row->new || isnan(row->old->total) || isnan(row->new->total))
        return NAN;
    return row->new->total - row->old->total;
}

patuh_status patuh_compare(const patuh_report_data *old, const patuh_report_data *new, bool force,
                           patuh_comparison **out, patuh_diags *diags)
{
    *out = NULL;
    if (!old || !new)
        return PATUH_EARG;
    if (!force && strcmp(old->rubric_id, new->rubric_id) != 0) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, NULL, 0, 0,
                        "rubric '%s' in %s differs from '%s' in %s, use --force to compare "
                        "anyway",
                        old->rubric_id, old->path, new->rubric_id, new->path);
        return PATUH_EINVALID;
    }
    patuh_comparison *c = calloc(1, sizeof *c);
    if (!c)
        return PATUH_ENOMEM;
    c->old = old;
    c->new = new;
    patuh_status st = cmp_rows(c, diags);
    if (st != PATUH_OK) {
        patuh_comparison_free(c);
        return st;
    }
    *out = c;
    return PATUH_OK;
}

void patuh_comparison_free(patuh_comparison *c)
{
    if (!c)
        return;
    free(c->rows);
    free(c->zones);
    free(c->matrix);
    free(c);
}
