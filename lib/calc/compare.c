/* compare.c — `patuh compare` (doc/scoring.md §11): reads the JSON reports that `patuh score`
 * wrote (json-c) for two or more periods, matches agencies by id, and works out per step
 * from one period to the next the ranks among the agencies in both and the zone transitions
 * of the last step; the writers are report_compare.c and report_xlsx_compare.c. */
#include "input/input.h"

#include <errno.h>
#include <json-c/json.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

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

/* Whether the data is a workbook (a zip): patuh's own XLSX report, read by input/. */
static bool cmp_is_zip(const char *data, size_t len)
{
    return len >= 2 && data[0] == 'P' && data[1] == 'K';
}

/* Whether the data is plainly not a JSON report: text that does not start with '{'; then the
 * error says how to make a report. */
static bool cmp_not_json(const char *path, const char *data, size_t len, patuh_diags *diags)
{
    size_t i = 0;
    while (i < len && strchr(" \t\r\n", data[i]))
        i++;
    if (i + 3 <= len && (unsigned char)data[i] == 0xEF && (unsigned char)data[i + 1] == 0xBB &&
        (unsigned char)data[i + 2] == 0xBF)
        i += 3;
    if (i < len && data[i] == '{')
        return false;
    patuh_diags_add(diags, PATUH_SEV_ERROR, path, 1, 1,
                    "not a report compare reads, expected a JSON or XLSX report: write one with "
                    "'patuh score -r RUBRIC INPUT... -o 2024.json' (or -o 2024.xlsx)");
    return true;
}

static json_object *cmp_parse(const char *path, const char *data, size_t len, patuh_diags *diags)
{
    if (cmp_not_json(path, data, len, diags))
        return NULL;
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
        const char *why = err != json_tokener_success
                              ? json_tokener_error_desc(err)
                              : patuh_tr("text after the end of the report");
        patuh_diags_add(diags, PATUH_SEV_ERROR, path, line, col,
                        "invalid JSON: %s, expected a report written by 'patuh score -r RUBRIC "
                        "INPUT... -o 2024.json'",
                        why);
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

/* The section ids of the report: the keys of the first agency's `sections`. */
static patuh_status cmp_section_ids(json_object *agencies, patuh_report_data *r)
{
    json_object *first = json_object_array_get_idx(agencies, 0), *sections;
    if (!first || !json_object_is_type(first, json_type_object) ||
        !json_object_object_get_ex(first, "sections", &sections) ||
        !json_object_is_type(sections, json_type_object))
        return PATUH_OK;
    r->sections = calloc((size_t)json_object_object_length(sections) + 1, sizeof *r->sections);
    if (!r->sections)
        return PATUH_ENOMEM;
    json_object_object_foreach(sections, key, val)
    {
        (void)val;
        if (!(r->sections[r->n_sections++] = str_dup(key)))
            return PATUH_ENOMEM;
    }
    return PATUH_OK;
}

static patuh_status cmp_agency(json_object *obj, const patuh_report_data *r, patuh_report_agency *a)
{
    a->id = cmp_string(obj, "id");
    a->name = cmp_string(obj, "name");
    a->band = cmp_string(obj, "band");
    a->zone = cmp_string(obj, "zone");
    a->group = cmp_string(obj, "group");
    a->region = cmp_string(obj, "region");
    a->total = cmp_number(obj, "total");
    double rank = cmp_number(obj, "rank");
    a->rank = isnan(rank) || rank < 1 || rank > 1e15 ? 0 : (size_t)rank; /* 0: not known */
    a->sections = malloc((r->n_sections + 1) * sizeof *a->sections);
    json_object *sections = NULL;
    if (!json_object_object_get_ex(obj, "sections", &sections) ||
        !json_object_is_type(sections, json_type_object))
        sections = NULL;
    for (size_t k = 0; a->sections && k < r->n_sections; k++)
        a->sections[k] = sections ? cmp_number(sections, r->sections[k]) : NAN;
    return a->id && a->name && a->band && a->zone && a->group && a->region && a->sections
               ? PATUH_OK
               : PATUH_ENOMEM;
}

/* The file name without its folder and extension. */
static char *cmp_stem(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    char *s = malloc(len + 1);
    if (s) {
        memcpy(s, base, len);
        s[len] = '\0';
    }
    return s;
}

/* The period label: the period every agency that names one shares, else the rubric's
 * year, else the file name. */
static char *cmp_period(const char *path, json_object *rubric, json_object *agencies)
{
    const char *common = NULL;
    bool same = true;
    for (size_t i = 0; same && i < json_object_array_length(agencies); i++) {
        json_object *item = json_object_array_get_idx(agencies, i), *v;
        if (!json_object_object_get_ex(item, "period", &v) ||
            !json_object_is_type(v, json_type_string) || !json_object_get_string(v)[0])
            continue;
        const char *p = json_object_get_string(v);
        same = !common || strcmp(common, p) == 0;
        common = p;
    }
    if (same && common)
        return str_dup(common);
    double year = cmp_number(rubric, "year");
    char text[32];
    if (!isnan(year) && year >= 1 && year <= 9999) {
        snprintf(text, sizeof text, "%d", (int)year);
        return str_dup(text);
    }
    return cmp_stem(path);
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
    r->rubric_title = cmp_string(rubric, "title");
    r->period = cmp_period(path, rubric, agencies);
    double decimals = cmp_number(rubric, "decimals");
    r->decimals = isnan(decimals) || decimals < 0 || decimals > 10 ? 2 : (int)decimals;
    size_t n = json_object_array_length(agencies);
    r->agencies = calloc(n ? n : 1, sizeof *r->agencies);
    r->by_id = idmap_new();
    if (!r->rubric_id || !r->rubric_title || !r->period || !r->agencies || !r->by_id ||
        cmp_section_ids(agencies, r) != PATUH_OK)
        return PATUH_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        json_object *item = json_object_array_get_idx(agencies, i);
        if (!json_object_is_type(item, json_type_object)) {
            patuh_diags_add(diags, PATUH_SEV_ERROR, path, 0, 0,
                            "agency %zu is not an object, expected {\"id\": ...}", i + 1);
            return PATUH_EINVALID;
        }
        r->n++;
        if (cmp_agency(item, r, &r->agencies[i]) != PATUH_OK)
            return PATUH_ENOMEM;
    }
    return PATUH_OK;
}

/* Indexes every agency of a report read by id. */
static patuh_status cmp_index_all(const char *path, patuh_report_data *r, patuh_diags *diags)
{
    patuh_status st = PATUH_OK;
    if (!r->by_id && !(r->by_id = idmap_new()))
        return PATUH_ENOMEM;
    for (size_t i = 0; st == PATUH_OK && i < r->n; i++)
        st = cmp_index(path, r, i, diags);
    return st;
}

/* patuh's own workbook (input/report_xlsx_read.c); the period from the file name when
 * neither the agencies nor the rubric's year name one, as for JSON. */
static patuh_status cmp_read_xlsx(const char *name, const char *data, size_t len,
                                  const patuh_limits *lim, patuh_report_data *r, patuh_diags *diags)
{
    patuh_status st = report_read_xlsx(name, data, len, lim, r, diags);
    if (st == PATUH_OK && !r->period && !(r->period = cmp_stem(name)))
        st = PATUH_ENOMEM;
    return st;
}

/* A report in memory, JSON or patuh's own XLSX, under the limits. */
static patuh_status cmp_read(const char *name, const char *data, size_t len,
                             const patuh_limits *lim, patuh_report_data **out, patuh_diags *diags)
{
    if (!name || !out || !diags || (!data && len))
        return PATUH_EARG;
    *out = NULL;
    bool zip = cmp_is_zip(data ? data : "", len);
    if (!zip && len > INT_MAX) { /* json-c takes an int */
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
    if (zip) {
        st = cmp_read_xlsx(name, data, len, lim, r, diags);
    } else {
        root = cmp_parse(name, data ? data : "", len, diags);
        st = root ? cmp_fill(name, root, r, diags) : PATUH_EINVALID;
    }
    if (st == PATUH_OK)
        st = cmp_index_all(name, r, diags);
done:
    json_object_put(root);
    if (st == PATUH_OK)
        *out = r;
    else
        patuh_report_data_free(r);
    return st;
}

patuh_status patuh_report_read_buffer(const char *name, const char *data, size_t len,
                                      patuh_report_data **out, patuh_diags *diags)
{
    patuh_limits lim;
    patuh_limits_default(&lim);
    return cmp_read(name, data, len, &lim, out, diags);
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
    st = cmp_read(path, data, len, lim, out, diags);
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
        free(a->region);
        free(a->sections);
    }
    for (size_t k = 0; k < r->n_sections; k++)
        free(r->sections[k]);
    free(r->sections);
    idmap_free(r->by_id);
    free(r->agencies);
    free(r->rubric_id);
    free(r->rubric_title);
    free(r->period);
    free(r->path);
    free(r);
}

/* ---- comparing -------------------------------------------------------------------- */

static const patuh_report_agency *cmp_find(const patuh_report_data *r, const char *id)
{
    return idmap_get(r->by_id, id);
}

/* Adds a row for an agency of report k unless a later report has it (its row is there);
 * its periods are matched by id. */
static patuh_status cmp_add_row(patuh_comparison *c, size_t k, const patuh_report_agency *a)
{
    for (size_t later = k + 1; later < c->n_periods; later++)
        if (cmp_find(c->reports[later], a->id))
            return PATUH_OK;
    patuh_compare_row *row = &c->rows[c->n_rows];
    size_t steps = c->n_periods - 1;
    row->at = calloc(c->n_periods, sizeof *row->at);
    row->rank_from = calloc(steps, sizeof *row->rank_from);
    row->rank_to = calloc(steps, sizeof *row->rank_to);
    c->n_rows++;
    if (!row->at || !row->rank_from || !row->rank_to)
        return PATUH_ENOMEM;
    for (size_t p = 0; p < c->n_periods; p++)
        row->at[p] = cmp_find(c->reports[p], a->id);
    return PATUH_OK;
}

/* Rows: the last report's agencies in its order (ranking), then those of the earlier
 * reports not seen yet, the latest report first. */
static patuh_status cmp_rows(patuh_comparison *c)
{
    size_t total = 1;
    for (size_t k = 0; k < c->n_periods; k++)
        total += c->reports[k]->n;
    c->rows = calloc(total, sizeof *c->rows);
    if (!c->rows)
        return PATUH_ENOMEM;
    for (size_t k = c->n_periods; k-- > 0;)
        for (size_t i = 0; i < c->reports[k]->n; i++) {
            patuh_status st = cmp_add_row(c, k, &c->reports[k]->agencies[i]);
            if (st != PATUH_OK)
                return st;
        }
    return PATUH_OK;
}

/* Competition rank of a total among the rows in both periods of a step (doc/scoring.md §8):
 * 1 + the number with a higher total; unknown totals share the rank after the last. */
/* Descending order of totals, for counting the higher ones by binary search. */
static int cmp_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

/* The rank of `total` among `sorted` (the known totals, descending): 1 + how many are higher;
 * an unknown total comes after every known one. */
static size_t cmp_rank_in(const double *sorted, size_t n, double total)
{
    if (isnan(total))
        return n + 1;
    size_t lo = 0, hi = n; /* the first index whose total is not higher */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sorted[mid] > total)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo + 1;
}

/* The known totals in `period` of the agencies present in both periods of `step`, sorted. */
static size_t cmp_step_totals(const patuh_comparison *c, size_t step, size_t period, double *out)
{
    size_t n = 0;
    for (size_t i = 0; i < c->n_rows; i++) {
        const patuh_compare_row *r = &c->rows[i];
        if (r->at[step - 1] && r->at[step] && !isnan(r->at[period]->total))
            out[n++] = r->at[period]->total;
    }
    qsort(out, n, sizeof *out, cmp_desc);
    return n;
}

/* Ranks among the agencies present in both periods of each step: sorted once per period, so
 * 100,000 agencies take milliseconds (counting per agency was quadratic: minutes). */
static patuh_status cmp_ranks(patuh_comparison *c)
{
    double *from = malloc((c->n_rows ? c->n_rows : 1) * sizeof *from);
    double *to = malloc((c->n_rows ? c->n_rows : 1) * sizeof *to);
    if (!from || !to) {
        free(from);
        free(to);
        return PATUH_ENOMEM;
    }
    for (size_t step = 1; step < c->n_periods; step++) {
        size_t n_from = cmp_step_totals(c, step, step - 1, from);
        size_t n_to = cmp_step_totals(c, step, step, to);
        for (size_t i = 0; i < c->n_rows; i++) {
            patuh_compare_row *r = &c->rows[i];
            if (!r->at[step - 1] || !r->at[step])
                continue;
            c->n_both[step - 1]++;
            r->rank_from[step - 1] = cmp_rank_in(from, n_from, r->at[step - 1]->total);
            r->rank_to[step - 1] = cmp_rank_in(to, n_to, r->at[step]->total);
        }
    }
    free(from);
    free(to);
    return PATUH_OK;
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

/* The zone transitions of the last step; more than CMP_MAX_ZONES zones is an error. */
static patuh_status cmp_zones(patuh_comparison *c, patuh_diags *diags)
{
    size_t to = c->n_periods - 1, from = to - 1;
    for (size_t i = 0; i < c->n_rows; i++) {
        const patuh_compare_row *row = &c->rows[i];
        size_t zn = row->at[to] ? cmp_zone(c, row->at[to]->zone) : 0;
        size_t zo = row->at[from] ? cmp_zone(c, row->at[from]->zone) : 0;
        if (zn == SIZE_MAX || zo == SIZE_MAX)
            return PATUH_ENOMEM;
        if (zn == (size_t)CMP_TOO_MANY || zo == (size_t)CMP_TOO_MANY) {
            patuh_diags_add(diags, PATUH_SEV_ERROR, c->reports[to]->path, 0, 0,
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
        if (!row->at[from] || !row->at[to] || !row->at[from]->zone[0] || !row->at[to]->zone[0])
            continue;
        c->matrix[cmp_zone(c, row->at[from]->zone) * c->n_zones + cmp_zone(c, row->at[to]->zone)]++;
    }
    return PATUH_OK;
}

double patuh_compare_change(const patuh_compare_row *row, size_t step)
{
    const patuh_report_agency *a = row->at[step - 1], *b = row->at[step];
    if (!a || !b || isnan(a->total) || isnan(b->total))
        return NAN;
    return b->total - a->total;
}

long patuh_compare_rank_change(const patuh_compare_row *row, size_t step)
{
    if (!row->rank_from[step - 1] || !row->rank_to[step - 1])
        return 0;
    return (long)row->rank_from[step - 1] - (long)row->rank_to[step - 1];
}

static double cmp_section(const patuh_report_data *r, const patuh_report_agency *a, const char *id)
{
    for (size_t k = 0; k < r->n_sections; k++)
        if (strcmp(r->sections[k], id) == 0)
            return a->sections[k];
    return NAN;
}

double patuh_compare_section_change(const patuh_comparison *c, const patuh_compare_row *row,
                                    size_t step, const char *section)
{
    const patuh_report_agency *a = row->at[step - 1], *b = row->at[step];
    if (!a || !b)
        return NAN;
    return cmp_section(c->reports[step], b, section) -
           cmp_section(c->reports[step - 1], a, section);
}

/* A period label that is a year (digits only), or -1. */
static long cmp_year(const char *period)
{
    char *end;
    long y = strtol(period, &end, 10);
    return period[0] >= '0' && period[0] <= '9' && !*end ? y : -1;
}

/* Reports are given oldest first: years out of order and other rubrics (without force)
 * are errors. */
static patuh_status cmp_check(const patuh_report_data *const *reports, size_t n, bool force,
                              bool *changed, patuh_diags *diags)
{
    patuh_status st = PATUH_OK;
    *changed = false;
    for (size_t k = 1; k < n; k++) {
        const patuh_report_data *a = reports[k - 1], *b = reports[k];
        long ya = cmp_year(a->period), yb = cmp_year(b->period);
        if (ya >= 0 && yb >= 0 && yb < ya) {
            patuh_diags_add(diags, PATUH_SEV_ERROR, NULL, 0, 0,
                            "period '%s' of %s comes after '%s' of %s, expected the reports "
                            "oldest first",
                            a->period, a->path, b->period, b->path);
            st = PATUH_EINVALID;
        }
        if (strcmp(a->rubric_id, b->rubric_id) == 0)
            continue;
        *changed = true;
        if (!force) {
            patuh_diags_add(diags, PATUH_SEV_ERROR, NULL, 0, 0,
                            "rubric '%s' in %s differs from '%s' in %s, use --force to compare "
                            "anyway",
                            a->rubric_id, a->path, b->rubric_id, b->path);
            st = PATUH_EINVALID;
        }
    }
    return st;
}

patuh_status patuh_compare(const patuh_report_data *const *reports, size_t n, bool force,
                           patuh_comparison **out, patuh_diags *diags)
{
    *out = NULL;
    if (!reports || n < 2)
        return PATUH_EARG;
    for (size_t k = 0; k < n; k++)
        if (!reports[k])
            return PATUH_EARG;
    bool changed;
    patuh_status st = cmp_check(reports, n, force, &changed, diags);
    if (st != PATUH_OK)
        return st;
    patuh_comparison *c = calloc(1, sizeof *c);
    if (!c)
        return PATUH_ENOMEM;
    c->n_periods = n;
    c->method_changed = changed;
    c->reports = malloc(n * sizeof *c->reports);
    c->n_both = calloc(n, sizeof *c->n_both);
    st = c->reports && c->n_both ? PATUH_OK : PATUH_ENOMEM;
    for (size_t k = 0; st == PATUH_OK && k < n; k++)
        c->reports[k] = reports[k];
    if (st == PATUH_OK)
        st = cmp_rows(c);
    if (st == PATUH_OK)
        st = cmp_ranks(c);
    if (st == PATUH_OK)
        st = cmp_zones(c, diags);
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
    for (size_t i = 0; i < c->n_rows; i++) {
        free(c->rows[i].at);
        free(c->rows[i].rank_from);
        free(c->rows[i].rank_to);
    }
    free(c->rows);
    free(c->reports);
    free(c->n_both);
    free(c->zones);
    free(c->matrix);
    free(c);
}
