/* table.c — the rows of answer tables (CSV files and XLSX sheets): the header names in English
 * and Indonesian, and each row's agency, unit path and answer handed to the model as plain
 * records, so a row is checked exactly as the same answer in YAML. */
#include "input/input.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Header names: English first (it is the name in messages), then Indonesian, then the other
 * names assessors give the column (doc/formats.md §3.7 4). A name is compared
 * case-insensitively, spaces and dashes read as '_'. */
enum { TAB_NAMES = 6 };
static const struct tab_name {
    const char *names[TAB_NAMES];
    int field;
} tab_answer_names[] =
    {
        {{"agency", "instansi", "id_instansi", "kode_instansi"}, TAB_AGENCY},
        {{"unit", "unit_layanan", "id_unit", "kode_unit"}, TAB_UNIT},
        {{"indicator", "indikator", "id_indikator", "kode_indikator"}, TAB_INDICATOR},
        {{"value", "nilai", "jawaban", "skor"}, TAB_VALUE},
        {{"evidence", "bukti", "bukti_dukung", "dokumen"}, TAB_EVIDENCE},
        {{"note", "catatan", "keterangan"}, TAB_NOTE},
        {{"agency_name", "nama_instansi"}, TAB_AGENCY_NAME},
        {{"group", "kelompok"}, TAB_GROUP},
        {{"region", "wilayah"}, TAB_REGION},
        {{"period", "periode"}, TAB_PERIOD},
        {{"unit_name", "nama_unit"}, TAB_UNIT_NAME},
        {{"unit_kind", "jenis_unit"}, TAB_UNIT_KIND},
        {{"indicator_text", "teks_indikator"}, TAB_HELPER},
        {{"guidance", "panduan"}, TAB_HELPER},
        {{"choices", "pilihan"}, TAB_HELPER},
        {{NULL}, -1},
},
  tab_agency_names[] = {
      {{"id", "agency", "instansi", "id_instansi", "kode_instansi"}, TAB_AGENCY},
      {{"name", "nama", "agency_name", "nama_instansi"}, TAB_AGENCY_NAME},
      {{"group", "kelompok"}, TAB_GROUP},
      {{"region", "wilayah"}, TAB_REGION},
      {{"period", "periode"}, TAB_PERIOD},
      {{"unit", "unit_layanan", "id_unit", "kode_unit"}, TAB_UNIT},
      {{"unit_name", "nama_unit"}, TAB_UNIT_NAME},
      {{"unit_kind", "jenis_unit"}, TAB_UNIT_KIND},
      {{"website", "situs", "laman", "situs_web"}, TAB_WEBSITE},
      {{NULL}, -1},
};

/* `a` equals `b` ignoring case, with ' ' and '-' in `a` read as '_'. */
static bool header_eq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = (*a == ' ' || *a == '-') ? '_' : *a;
        if (tolower((unsigned char)x) != *b)
            return false;
    }
    return !*a && !*b;
}

int tab_header_field(const char *name, bool agencies)
{
    const struct tab_name *t = agencies ? tab_agency_names : tab_answer_names;
    for (; t->names[0]; t++)
        for (size_t i = 0; i < TAB_NAMES && t->names[i]; i++)
            if (header_eq(name, t->names[i]))
                return t->field;
    return -1;
}

const char *tab_header_expected(bool agencies)
{
    return agencies ? "id/instansi, name/nama, group/kelompok, region/wilayah, period/periode, "
                      "unit/unit_layanan, unit_name/nama_unit, unit_kind/jenis_unit, website/situs"
                    : "agency/instansi, unit/unit_layanan, indicator/indikator, value/nilai, "
                      "evidence/bukti, note/catatan, agency_name/nama_instansi, "
                      "group/kelompok, region/wilayah, period/periode, unit_name/nama_unit, "
                      "unit_kind/jenis_unit";
}

bool tab_field_required(int field, bool agencies)
{
    return agencies ? field == TAB_AGENCY
                    : field == TAB_AGENCY || field == TAB_INDICATOR || field == TAB_VALUE;
}

const char *tab_field_name(int field, bool agencies)
{
    const struct tab_name *t = agencies ? tab_agency_names : tab_answer_names;
    for (; t->names[0]; t++)
        if (t->field == field)
            return t->names[0];
    return "";
}

const char *tab_required_expected(bool agencies)
{
    return agencies ? "id (or instansi)" : "agency/instansi, indicator/indikator and value/nilai";
}

static bool tab_has(const tab_cell *cell)
{
    return cell->text && cell->text[0];
}

static bool tab_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

/* Strips the spaces around a cell's text, in place (moved only when it starts with one). */
static void tab_trim(tab_cell *cell)
{
    if (!cell->text)
        return;
    char *s = cell->text, *start = s;
    while (tab_space(*start))
        start++;
    size_t n = strlen(start);
    while (n > 0 && tab_space(start[n - 1]))
        n--;
    if (start != s)
        memmove(s, start, n);
    s[n] = '\0';
}

/* A cell as the model reads it: nothing when the column is absent, else a plain text (so
 * `na`, empty and numbers mean what they say, as in YAML). */
static in_text tab_text(const tab_cell *cell)
{
    if (!cell->text)
        return (in_text){.shape = IN_NULL, .line = cell->line, .col = cell->col};
    return (in_text){IN_TEXT, cell->text, true, cell->line, cell->col};
}

/* "2,5" read as 2.5 where a comma may be a decimal comma. */
static void tab_decimal_comma(tab_cell *cell)
{
    char *s = cell->text, *comma = s ? strchr(s, ',') : NULL;
    if (!comma || !cell->decimal_comma || strchr(comma + 1, ','))
        return;
    size_t i = (*s == '-' || *s == '+');
    bool digits = true;
    for (; s[i]; i++)
        digits = digits && (isdigit((unsigned char)s[i]) || s + i == comma);
    if (digits && comma > s && isdigit((unsigned char)comma[-1]) &&
        isdigit((unsigned char)comma[1]))
        *comma = '.';
}

static const enum tab_field tab_agency_fields[] = {TAB_AGENCY, TAB_AGENCY_NAME, TAB_GROUP,
                                                   TAB_REGION, TAB_PERIOD,      TAB_WEBSITE};

/* The row's agency, created or merged, from its id, name, group, region and period cells. */
static patuh_status tab_agency(const answers_ctx *c, tab_cell *row, ans_agency **out)
{
    agency_record rec = {.id = tab_text(&row[TAB_AGENCY]),
                         .name = tab_text(&row[TAB_AGENCY_NAME]),
                         .group = tab_text(&row[TAB_GROUP]),
                         .region = tab_text(&row[TAB_REGION]),
                         .period = tab_text(&row[TAB_PERIOD]),
                         .website = tab_text(&row[TAB_WEBSITE]),
                         .line = row[TAB_AGENCY].line,
                         .col = row[TAB_AGENCY].col};
    return agency_resolve(c, &rec, out);
}

/* The unit a path such as `dinkes/puskesmas-1` names, found or added level by level; a
 * non-empty name cell names the last of them. */
static patuh_status tab_unit(const answers_ctx *c, ans_agency *a, tab_cell *cell,
                             const tab_cell *name, const tab_cell *kind, patuh_unit **out)
{
    char *text = cell->text;
    size_t n = strlen(text);
    *out = NULL;
    if (text[0] == '/' || text[n - 1] == '/' || strstr(text, "//")) {
        answers_error(c, cell->line, cell->col,
                      "unit path '%s' has an empty part, expected unit ids separated by '/'", text);
        return PATUH_OK;
    }
    char *copy = str_dup(text);
    if (!copy)
        return PATUH_ENOMEM;
    patuh_unit *u = &a->pub.root;
    patuh_status st = PATUH_OK;
    unsigned depth = 0;
    for (char *part = copy, *slash; u && part && st == PATUH_OK; part = slash) {
        if ((slash = strchr(part, '/')))
            *slash++ = '\0';
        if (++depth > c->batch->limits.max_unit_depth) {
            answers_error(c, cell->line, cell->col, "units nest deeper than the limit of %u levels",
                          c->batch->limits.max_unit_depth);
            u = NULL;
            break;
        }
        ans_unit *au;
        st = unit_find_or_add(c, a, u, part, cell->line, cell->col, &au);
        u = au ? &au->pub : NULL;
        if (au && !slash && st == PATUH_OK && tab_has(name)) {
            in_text named = tab_text(name), no_weight = {.shape = IN_NULL};
            st = unit_merge(c, a, au, &named, &no_weight);
        }
        if (au && !slash && st == PATUH_OK && tab_has(kind)) {
            in_text kinded = tab_text(kind);
            st = unit_kind_merge(c, a, au, &kinded);
        }
    }
    free(copy);
    *out = st == PATUH_OK ? u : NULL;
    return st;
}

/* A checklist's `item; item` as a list of names (caller frees *items); anything else stays
 * one text. */
static patuh_status tab_items(const patuh_node *ind, tab_cell *cell, answer_record *rec,
                              in_text **items)
{
    char *text = cell->text;
    *items = NULL;
    if (ind->scale->kind != PATUH_SCALE_CHECKLIST || in_text_number(&rec->value, &(double){0}) ||
        in_text_is_na(&rec->value) || !text[0])
        return PATUH_OK;
    size_t n = 1;
    for (const char *s = text; *s; s++)
        n += *s == ';';
    if (!(*items = calloc(n, sizeof **items)))
        return PATUH_ENOMEM;
    size_t k = 0;
    for (char *part = text, *semi; part; part = semi) {
        if ((semi = strchr(part, ';')))
            *semi++ = '\0';
        tab_cell piece = {.text = part, .line = cell->line, .col = cell->col};
        tab_trim(&piece);
        if (!part[0])
            continue;
        (*items)[k++] = tab_text(&piece);
    }
    rec->value.shape = IN_LIST;
    rec->items = *items;
    rec->n_items = k;
    return PATUH_OK;
}

/* Evidence or a note in a cell: given, and not empty or null. */
static bool tab_said_text(const tab_cell *cell)
{
    return tab_has(cell) && !text_is_null(cell->text);
}

/* A dropdown entry of the form, "2 – Ada, belum lengkap" (an en dash or a hyphen between),
 * read as its level's value: the cell is cut to "2" when the label after the number is that
 * level's label exactly (doc/formats.md §3.7 6). */
static void tab_level_entry(const patuh_node *ind, tab_cell *cell)
{
    const patuh_scale *s = ind->scale;
    if (!tab_has(cell) || s->kind != PATUH_SCALE_LIST || !strchr(cell->text, ' '))
        return; /* no space: no " – " before a label (the usual bare number) */
    char *end;
    double v = strtod(cell->text, &end);
    if (end == cell->text)
        return;
    const char *label = NULL;
    if (strncmp(end, " \u2013 ", strlen(" \u2013 ")) == 0)
        label = end + strlen(" \u2013 ");
    else if (strncmp(end, " - ", 3) == 0)
        label = end + 3;
    for (size_t i = 0; label && i < s->n_levels; i++) {
        if (s->levels[i].value == v && s->levels[i].label &&
            strcmp(s->levels[i].label, label) == 0) {
            *end = '\0';
            return;
        }
    }
}

/* The answer of a row: its indicator, value, evidence and note cells. */
static patuh_status tab_answer(const answers_ctx *c, ans_agency *a, patuh_unit *u, tab_cell *row)
{
    tab_decimal_comma(&row[TAB_VALUE]);
    answer_record rec = {.indicator = tab_text(&row[TAB_INDICATOR]),
                         .value = tab_has(&row[TAB_VALUE]) ? tab_text(&row[TAB_VALUE])
                                                           : (in_text){.shape = IN_NULL},
                         .evidence = tab_said_text(&row[TAB_EVIDENCE]),
                         .note = tab_said_text(&row[TAB_NOTE]),
                         .line = row[TAB_VALUE].line,
                         .col = row[TAB_VALUE].col};
    /* a row naming a section with min_responses gives the unit's count of responses
     * (doc/formats.md §3.7, doc/scoring.md §16) */
    const patuh_node *section = patuh_rubric_find(c->batch->rubric, rec.indicator.text);
    if (section && section->min_responses)
        return responses_put(c, u, &rec.indicator, &rec.value);
    const patuh_node *ind = answers_indicator(c, &rec.indicator);
    if (!ind)
        return PATUH_OK;
    tab_level_entry(ind, &row[TAB_VALUE]); /* rec.value points at the same text */
    in_text *items = NULL;
    patuh_status st = PATUH_OK;
    if (tab_has(&row[TAB_VALUE]))
        st = tab_items(ind, &row[TAB_VALUE], &rec, &items);
    if (st == PATUH_OK)
        st = answer_put(c, a, u, ind, &rec);
    free(items);
    return st;
}

/* A row without an agency id: blank, or an error when it says something. */
static void tab_no_agency(const answers_ctx *c, tab_cell *row, bool agencies)
{
    static const enum tab_field answer_fields[] = {TAB_VALUE, TAB_EVIDENCE, TAB_NOTE};
    bool said = false;
    for (size_t i = 1; agencies && i < 5; i++)
        said = said || tab_has(&row[tab_agency_fields[i]]);
    for (size_t i = 0; !agencies && i < 3; i++)
        said = said || tab_has(&row[answer_fields[i]]);
    if (said)
        answers_error(c, row[TAB_AGENCY].line, row[TAB_AGENCY].col,
                      "missing agency id in this row, expected the id of the agency the row "
                      "is for");
}

/* The cells of a row joined into `key` (a field absent is \x1e, fields end with \x1f);
 * false when they do not fit. */
static bool tab_row_key(const tab_cell *row, const enum tab_field *fields, size_t n, char *key,
                        size_t size)
{
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        const char *text = row[fields[i]].text ? row[fields[i]].text : "\x1e";
        size_t len = strlen(text);
        if (used + len + 2 > size)
            return false;
        memcpy(key + used, text, len);
        used += len;
        key[used++] = '\x1f';
    }
    key[used] = '\0';
    return true;
}

/* Whether the row's cells are those joined in `key` by tab_row_key, compared in place. */
static bool tab_row_key_is(const tab_cell *row, const enum tab_field *fields, size_t n,
                           const char *key)
{
    for (size_t i = 0; i < n; i++) {
        const char *text = row[fields[i]].text ? row[fields[i]].text : "\x1e";
        while (*text && *text == *key)
            text++, key++;
        if (*text || *key++ != '\x1f')
            return false;
    }
    return *key == '\0';
}

static size_t tab_said(const answers_ctx *c)
{
    return c->diags->errors + c->diags->warnings;
}

/* The row's agency: the previous row's when the agency cells repeat, else tab_agency.
 * *out is NULL when the agency failed to load. */
static patuh_status tab_row_agency(answers_ctx *c, tab_cell *row, ans_agency **out)
{
    size_t n_fields = sizeof tab_agency_fields / sizeof tab_agency_fields[0];
    if (c->row_agency && tab_row_key_is(row, tab_agency_fields, n_fields, c->row_agency_key)) {
        *out = c->row_agency;
        return PATUH_OK;
    }
    char key[sizeof c->row_agency_key];
    bool keyed = tab_row_key(row, tab_agency_fields, n_fields, key, sizeof key);
    size_t said = tab_said(c);
    patuh_status st = tab_agency(c, row, out);
    c->row_agency = st == PATUH_OK && keyed && *out && tab_said(c) == said ? *out : NULL;
    if (c->row_agency)
        memcpy(c->row_agency_key, key, sizeof key);
    c->row_unit = NULL;
    return st;
}

/* The row's unit below agency a: the previous row's when the unit cell repeats, else
 * tab_unit. *out is NULL when the path was refused. */
static patuh_status tab_row_unit(answers_ctx *c, ans_agency *a, tab_cell *row, patuh_unit **out)
{
    static const enum tab_field unit_field[] = {TAB_UNIT};
    if (a == c->row_agency && c->row_unit && tab_row_key_is(row, unit_field, 1, c->row_unit_key)) {
        *out = c->row_unit;
        return PATUH_OK;
    }
    char key[sizeof c->row_unit_key];
    bool keyed = a == c->row_agency && tab_row_key(row, unit_field, 1, key, sizeof key);
    size_t said = tab_said(c);
    patuh_status st = tab_unit(c, a, &row[TAB_UNIT], &row[TAB_UNIT_NAME], &row[TAB_UNIT_KIND], out);
    c->row_unit = st == PATUH_OK && keyed && *out && tab_said(c) == said ? *out : NULL;
    if (c->row_unit)
        memcpy(c->row_unit_key, key, sizeof key);
    return st;
}

static patuh_status tab_row_answer(answers_ctx *c, ans_agency *a, tab_cell *row)
{
    patuh_unit *u = &a->pub.root;
    if (tab_has(&row[TAB_UNIT])) {
        patuh_status st = tab_row_unit(c, a, row, &u);
        if (st != PATUH_OK || !u)
            return st;
    }
    if (tab_has(&row[TAB_INDICATOR]))
        return tab_answer(c, a, u, row);
    if (tab_has(&row[TAB_VALUE]) || tab_has(&row[TAB_EVIDENCE]) || tab_has(&row[TAB_NOTE]))
        answers_error(c, row[TAB_INDICATOR].line, row[TAB_INDICATOR].col,
                      "missing indicator id in this row, expected the indicator the answer "
                      "is for");
    return PATUH_OK;
}

patuh_status answers_row(answers_ctx *c, tab_cell row[TAB_N_FIELDS], bool agencies)
{
    for (size_t i = 0; i < TAB_N_FIELDS; i++)
        tab_trim(&row[i]);
    if (!tab_has(&row[TAB_AGENCY])) {
        tab_no_agency(c, row, agencies);
        return PATUH_OK;
    }
    ans_agency *a = NULL, *scratch = NULL;
    patuh_status st = tab_row_agency(c, row, &a);
    if (agencies && st == PATUH_OK && a && tab_has(&row[TAB_UNIT])) {
        patuh_unit *u; /* an agency list may list its units: template prefills them */
        return tab_row_unit(c, a, row, &u);
    }
    if (st != PATUH_OK || agencies)
        return st;
    if (!a && !(a = scratch = agency_scratch(c)))
        return PATUH_ENOMEM;
    st = tab_row_answer(c, a, row);
    agency_scratch_free(scratch);
    return st;
}
