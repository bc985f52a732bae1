/* report_xlsx_read.c — patuh's own ranking workbook (`patuh score -o 2024.xlsx`) read back for
 * `patuh compare` (doc/scoring.md §11), over the cells of xlsx_sheet.c: the rubric from the
 * About sheet, the agencies from the ranking sheet and the section scores from the sections
 * sheet, every column found by its header text (Indonesian or English, never by position;
 * rows above the header, a title block, are skipped). It fills the report JSON gives. */
#include "input/xlsx_book.h"

#include <math.h>
#include <stdlib.h>
#include <strings.h>

/* The sheets, in Indonesian and English. */
static const char *const ranking_sheets[] = {"Peringkat", "Ranking"};
static const char *const sections_sheets[] = {"Bagian", "Sections"};
static const char *const about_sheets[] = {"Tentang", "About"};
static const char *const data_sheets[] = {"Data", "Data"};

/* The most top-level sections the Data sheet may name. */
enum { RX_MAX_SECTIONS = 1000 };

/* A section score of the Data sheet, kept until every section is known. */
typedef struct rx_score {
    patuh_report_agency *agency;
    size_t section;
    double value;
} rx_score;

/* The header is looked for in the first rows of a sheet (a title block stands above it). */
enum { RX_HEAD_ROWS = 30 };

/* The columns read, by header text. */
enum rx_col {
    RX_RANK,
    RX_ID,
    RX_NAME,
    RX_GROUP,
    RX_REGION,
    RX_PERIOD,
    RX_TOTAL,
    RX_BAND,
    RX_ZONE,
    RX_SECTION_ID,    /* the Data sheet */
    RX_SECTION_LEVEL, /* the Data sheet: 1 for a top-level section */
    RX_N
};
static const struct rx_head {
    const char *id, *en;
    bool required; /* on the ranking sheet */
} rx_heads[RX_N] = {
    [RX_RANK] = {"Peringkat", "Rank", true},
    [RX_ID] = {"Kode", "Id", true},
    [RX_NAME] = {"Nama", "Name", true},
    [RX_GROUP] = {"Kelompok", "Group", true},
    [RX_REGION] = {"Wilayah", "Region", true},
    [RX_PERIOD] = {"Periode", "Period", false},
    [RX_TOTAL] = {"Nilai", "Total", true},
    [RX_BAND] = {"Predikat", "Band", true},
    [RX_ZONE] = {"Zona", "Zone", true},
    [RX_SECTION_ID] = {"Kode bagian", "Section id", false},
    [RX_SECTION_LEVEL] = {"Tingkat bagian", "Section level", false},
};

/* The About sheet's items read: a label cell, its value in the cell to its right. */
enum rx_item { RX_RUBRIC_ID, RX_RUBRIC_TITLE, RX_YEAR, RX_DECIMALS, RX_N_ITEMS };
static const char *const rx_items[RX_N_ITEMS][2] = {
    [RX_RUBRIC_ID] = {"Kode rubrik", "Rubric id"},
    [RX_RUBRIC_TITLE] = {"Judul rubrik", "Rubric title"},
    [RX_YEAR] = {"Tahun", "Year"},
    [RX_DECIMALS] = {"Desimal", "Decimals"},
};

/* A sheet of the report being read. */
typedef struct rx_sheet {
    xl_sheet s; /* first: the row callback's sheet is this one */
    patuh_report_data *r;
    patuh_idmap *by_id; /* agency id -> agency, for the sections sheet */
    unsigned head_row;  /* 0 until the header row is found */
    unsigned col[RX_N]; /* the column of each field, 0 when absent */
    bool ranking;       /* the ranking sheet: its required columns are checked */
    char **heads;       /* the ranking sheet's header texts (owned by the ranking's rx_sheet) */
    size_t n_heads;
    const struct rx_sheet *ranking_sheet; /* the sections sheet: the ranking's, for its heads */
    unsigned *section_cols;               /* the sections sheet: the column of each section */
    char *items[RX_N_ITEMS];              /* About: the values found */
    rx_score *scores;                     /* the Data sheet: its section scores */
    size_t n_scores;
    bool common_period, any_period;
} rx_sheet;

static bool rx_is(const char *text, const char *const names[2])
{
    return strcasecmp(text, names[0]) == 0 || strcasecmp(text, names[1]) == 0;
}

/* The cell of a row in column col; NULL when empty. */
static const char *rx_cell(const xl_sheet *s, unsigned col)
{
    for (size_t i = 0; col && i < s->n_cells; i++)
        if (s->cells[i].col == col)
            return s->cells[i].text;
    return NULL;
}

/* ---- About ------------------------------------------------------------------------------ */

static patuh_status about_row(xl_sheet *s)
{
    rx_sheet *rs = (rx_sheet *)s;
    for (size_t i = 0; i < s->n_cells; i++)
        for (int k = 0; k < RX_N_ITEMS; k++) {
            const char *value = rx_cell(s, s->cells[i].col + 1);
            if (rs->items[k] || !value || !rx_is(s->cells[i].text, rx_items[k]))
                continue;
            if (!(rs->items[k] = str_dup(value)))
                return PATUH_ENOMEM;
        }
    return PATUH_OK;
}

/* ---- the ranking ------------------------------------------------------------------------ */

/* Whether the row is the header: it names the id and the name. Sets the columns; on the
 * ranking sheet every required column must be there. */
static bool ranking_head(rx_sheet *rs)
{
    const xl_sheet *s = &rs->s;
    unsigned col[RX_N] = {0};
    for (size_t i = 0; i < s->n_cells; i++)
        for (int k = 0; k < RX_N; k++) {
            const char *const names[2] = {rx_heads[k].id, rx_heads[k].en};
            if (!col[k] && rx_is(s->cells[i].text, names))
                col[k] = s->cells[i].col;
        }
    if (!col[RX_ID] || !col[RX_NAME])
        return false;
    memcpy(rs->col, col, sizeof col);
    rs->head_row = s->row;
    for (int k = 0; rs->ranking && k < RX_N; k++)
        if (!col[k] && rx_heads[k].required)
            answers_error(s->x->c, s->row, 1,
                          "no column '%s' (or '%s') in the header row, expected the ranking "
                          "workbook of 'patuh score -r RUBRIC INPUT... -o 2024.xlsx'",
                          rx_heads[k].id, rx_heads[k].en);
    return true;
}

/* A number cell: NAN when empty; false when it holds text (reported). */
static bool rx_number(const xl_sheet *s, unsigned col, const char *what, double *out)
{
    const char *text = rx_cell(s, col);
    *out = NAN;
    if (!text)
        return true;
    if (text_to_number(text, out) == TEXT_NUMBER && isfinite(*out))
        return true;
    char shown[64];
    snprintf(shown, sizeof shown, "%.60s", text);
    answers_error(s->x->c, s->row, col, "expected a number for '%s', got '%s'", what, shown);
    *out = NAN;
    return false;
}

static char *rx_text(const xl_sheet *s, unsigned col)
{
    const char *text = rx_cell(s, col);
    return str_dup(text ? text : "");
}

/* The period every agency that names one shares; any_period when one does. */
static patuh_status rx_period(rx_sheet *rs, const char *period)
{
    patuh_report_data *r = rs->r;
    if (!period || !period[0])
        return PATUH_OK;
    if (!rs->any_period) {
        rs->any_period = rs->common_period = true;
        return (r->period = str_dup(period)) ? PATUH_OK : PATUH_ENOMEM;
    }
    if (strcmp(r->period, period) != 0)
        rs->common_period = false;
    return PATUH_OK;
}

/* A group or zone as the JSON report names it: the workbook may show the rubric's slug as a
 * label ("tindak-lanjut" as "Tindak lanjut", report_xlsx_book.c), so the first letter is
 * lowered unless a capital follows (an acronym) and spaces read as '-'. A slug is unchanged. */
static void rx_slug(char *s)
{
    if (!s || !s[0])
        return;
    if (s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z'))
        s[0] = (char)(s[0] - 'A' + 'a');
    for (char *p = s; *p; p++)
        if (*p == ' ')
            *p = '-';
}

static patuh_status ranking_agency(rx_sheet *rs)
{
    const xl_sheet *s = &rs->s;
    patuh_report_data *r = rs->r;
    if (!rx_cell(s, rs->col[RX_ID]))
        return PATUH_OK; /* a row of notes under the table */
    if (!grow((void **)&r->agencies, r->n, sizeof *r->agencies))
        return PATUH_ENOMEM;
    patuh_report_agency *a = &r->agencies[r->n++];
    *a = (patuh_report_agency){
        .id = rx_text(s, rs->col[RX_ID]),
        .name = rx_text(s, rs->col[RX_NAME]),
        .group = rx_text(s, rs->col[RX_GROUP]),
        .region = rx_text(s, rs->col[RX_REGION]),
        .band = rx_text(s, rs->col[RX_BAND]),
        .zone = rx_text(s, rs->col[RX_ZONE]),
        .total = NAN,
    };
    double rank;
    rx_number(s, rs->col[RX_TOTAL], rx_heads[RX_TOTAL].id, &a->total);
    if (rx_number(s, rs->col[RX_RANK], rx_heads[RX_RANK].id, &rank) && rank >= 1 && rank <= 1e15)
        a->rank = (size_t)rank;
    rx_slug(a->group);
    rx_slug(a->zone);
    if (rx_period(rs, rx_cell(s, rs->col[RX_PERIOD])) != PATUH_OK)
        return PATUH_ENOMEM;
    return a->id && a->name && a->group && a->region && a->band && a->zone ? PATUH_OK
                                                                           : PATUH_ENOMEM;
}

/* Keeps the ranking's header texts: its top-level sections are headed by their titles. */
static patuh_status ranking_keep_heads(rx_sheet *rs)
{
    const xl_sheet *s = &rs->s;
    if (!(rs->heads = calloc(s->n_cells + 1, sizeof *rs->heads)))
        return PATUH_ENOMEM;
    for (size_t i = 0; i < s->n_cells; i++)
        if (!(rs->heads[rs->n_heads++] = str_dup(s->cells[i].text)))
            return PATUH_ENOMEM;
    return PATUH_OK;
}

static patuh_status ranking_row(xl_sheet *s)
{
    rx_sheet *rs = (rx_sheet *)s;
    if (rs->head_row)
        return ranking_agency(rs);
    if (ranking_head(rs))
        return ranking_keep_heads(rs);
    if (s->row >= RX_HEAD_ROWS)
        sax_fail(&s->p, PATUH_EINVALID); /* reported after the pass */
    return PATUH_OK;
}

/* ---- the sections ----------------------------------------------------------------------- */

/* Whether the ranking sheet has a column headed `title` (a top-level section's). */
static bool ranking_has_head(const rx_sheet *ranking, const char *title)
{
    for (size_t i = 0; i < ranking->n_heads; i++)
        if (strcmp(ranking->heads[i], title) == 0)
            return true;
    return false;
}

/* One section column: "ID Title" (or "ID") whose title heads a column of the ranking, so a
 * top-level section (the sheet also shows the sections under them). */
static patuh_status sections_column(rx_sheet *rs, const xl_cell *cell)
{
    patuh_report_data *r = rs->r;
    size_t len = strcspn(cell->text, " ");
    const char *title = cell->text[len] ? cell->text + len + 1 : cell->text;
    for (int k = 0; k < RX_N; k++)
        if (rs->col[k] == cell->col)
            return PATUH_OK;
    if (!ranking_has_head(rs->ranking_sheet, title))
        return PATUH_OK;
    if (!(r->sections[r->n_sections] = str_printf("%.*s", (int)len, cell->text)))
        return PATUH_ENOMEM;
    rs->section_cols[r->n_sections++] = cell->col;
    return PATUH_OK;
}

/* The header of the sections sheet: its top-level sections, each agency's scores NAN. */
static patuh_status sections_head(rx_sheet *rs)
{
    xl_sheet *s = &rs->s;
    patuh_report_data *r = rs->r;
    if (!ranking_head(rs))
        return s->row >= RX_HEAD_ROWS ? PATUH_EINVALID : PATUH_OK;
    r->sections = calloc(s->n_cells + 1, sizeof *r->sections);
    rs->section_cols = calloc(s->n_cells + 1, sizeof *rs->section_cols);
    if (!r->sections || !rs->section_cols)
        return PATUH_ENOMEM;
    for (size_t i = 0; i < s->n_cells; i++) {
        patuh_status st = sections_column(rs, &s->cells[i]);
        if (st != PATUH_OK)
            return st;
    }
    for (size_t i = 0; i < r->n; i++) {
        patuh_report_agency *a = &r->agencies[i];
        if (!(a->sections = malloc((r->n_sections + 1) * sizeof *a->sections)))
            return PATUH_ENOMEM;
        for (size_t k = 0; k < r->n_sections; k++)
            a->sections[k] = NAN;
    }
    return PATUH_OK;
}

static patuh_status sections_row(xl_sheet *s)
{
    rx_sheet *rs = (rx_sheet *)s;
    if (!rs->head_row) {
        patuh_status st = sections_head(rs);
        if (st == PATUH_EINVALID)
            sax_fail(&s->p, st);
        return st == PATUH_EINVALID ? PATUH_OK : st;
    }
    const char *id = rx_cell(s, rs->col[RX_ID]);
    patuh_report_agency *a = id ? idmap_get(rs->by_id, id) : NULL;
    if (!a)
        return PATUH_OK; /* an agency the ranking does not list: not compared */
    for (size_t k = 0; k < rs->r->n_sections; k++)
        rx_number(s, rs->section_cols[k], rs->r->sections[k], &a->sections[k]);
    return PATUH_OK;
}

/* ---- the Data sheet: one row per agency and section --------------------------------------- */

/* The index of a top-level section id, added when new; SIZE_MAX when there are too many
 * (reported) or no memory (*st). */
static size_t data_section(rx_sheet *rs, const char *id, patuh_status *st)
{
    patuh_report_data *r = rs->r;
    for (size_t k = 0; k < r->n_sections; k++)
        if (strcmp(r->sections[k], id) == 0)
            return k;
    if (r->n_sections == RX_MAX_SECTIONS) {
        answers_error(rs->s.x->c, rs->s.row, rs->col[RX_SECTION_ID],
                      "more than %d top-level sections, expected the sections of one rubric",
                      RX_MAX_SECTIONS);
        *st = PATUH_EINVALID;
        return SIZE_MAX;
    }
    char *copy = str_dup(id);
    if (!copy || !grow((void **)&r->sections, r->n_sections, sizeof *r->sections)) {
        free(copy);
        *st = PATUH_ENOMEM;
        return SIZE_MAX;
    }
    r->sections[r->n_sections] = copy;
    return r->n_sections++;
}

static patuh_status data_head(rx_sheet *rs)
{
    if (!ranking_head(rs))
        return rs->s.row >= RX_HEAD_ROWS ? PATUH_EINVALID : PATUH_OK;
    static const enum rx_col need[] = {RX_SECTION_ID, RX_TOTAL};
    for (size_t k = 0; k < 2; k++)
        if (!rs->col[need[k]])
            answers_error(rs->s.x->c, rs->s.row, 1,
                          "no column '%s' (or '%s') in the header row, expected the ranking "
                          "workbook of 'patuh score -r RUBRIC INPUT... -o 2024.xlsx'",
                          rx_heads[need[k]].id, rx_heads[need[k]].en);
    return PATUH_OK;
}

/* A row: the score of a top-level section of an agency the ranking lists. */
static patuh_status data_score(rx_sheet *rs)
{
    const xl_sheet *s = &rs->s;
    const char *id = rx_cell(s, rs->col[RX_ID]), *section = rx_cell(s, rs->col[RX_SECTION_ID]);
    const char *level = rx_cell(s, rs->col[RX_SECTION_LEVEL]);
    patuh_report_agency *a = id ? idmap_get(rs->by_id, id) : NULL;
    if (!a || !section || (level && strcmp(level, "1") != 0))
        return PATUH_OK;
    patuh_status st = PATUH_OK;
    if (!rs->ranking_sheet->col[RX_PERIOD] &&
        rx_period(rs, rx_cell(s, rs->col[RX_PERIOD])) != PATUH_OK)
        return PATUH_ENOMEM;
    size_t k = data_section(rs, section, &st);
    if (k == SIZE_MAX)
        return st;
    if (!grow((void **)&rs->scores, rs->n_scores, sizeof *rs->scores))
        return PATUH_ENOMEM;
    rx_score *sc = &rs->scores[rs->n_scores++];
    *sc = (rx_score){a, k, NAN};
    rx_number(s, rs->col[RX_TOTAL], rx_heads[RX_TOTAL].id, &sc->value);
    return PATUH_OK;
}

static patuh_status data_row(xl_sheet *s)
{
    rx_sheet *rs = (rx_sheet *)s;
    patuh_status st = rs->head_row ? data_score(rs) : data_head(rs);
    if (st == PATUH_EINVALID) {
        sax_fail(&s->p, st); /* reported, or after the pass */
        return PATUH_OK;
    }
    return st;
}

/* Each agency's section scores from those the Data sheet gave; NAN where it gave none. */
static patuh_status data_apply(rx_sheet *rs)
{
    patuh_report_data *r = rs->r;
    for (size_t i = 0; i < r->n; i++) {
        patuh_report_agency *a = &r->agencies[i];
        if (!(a->sections = malloc((r->n_sections + 1) * sizeof *a->sections)))
            return PATUH_ENOMEM;
        for (size_t k = 0; k < r->n_sections; k++)
            a->sections[k] = NAN;
    }
    for (size_t i = 0; i < rs->n_scores; i++)
        rs->scores[i].agency->sections[rs->scores[i].section] = rs->scores[i].value;
    return PATUH_OK;
}

/* ---- the workbook ----------------------------------------------------------------------- */

/* Reads one sheet through on_row; false when it is missing or damaged (reported). */
static patuh_status rx_sheet_read(xlsx *x, const char *const names[2], rx_sheet *rs, bool *ok)
{
    const xl_sheet_ref *hidden, *ref = xl_sheet_find(x, names, &hidden);
    char *data;
    size_t len;
    *ok = false;
    if (!ref) {
        answers_error(x->c, 0, 0,
                      "no sheet '%s' (or '%s'), expected the ranking workbook of 'patuh score -r "
                      "RUBRIC INPUT... -o 2024.xlsx'",
                      names[0], names[1]);
        return PATUH_OK;
    }
    int rc = xl_sheet_entry(x, ref, &data, &len);
    if (rc <= 0)
        return rc < 0 ? PATUH_ENOMEM : PATUH_OK;
    rs->s.x = x;
    rs->s.name = ref->name;
    x->c->sheet = ref->name;
    bool parsed = xl_sheet_parse(&rs->s, ref->path, data, len);
    patuh_status st = rs->s.p.st;
    if (parsed && !rs->head_row && (st == PATUH_OK || st == PATUH_EINVALID) &&
        rs->s.on_row != about_row)
        answers_error(
            x->c, 1, 1,
            "no header row with '%s' and '%s' (or '%s' and '%s') in the first %d rows, expected "
            "the ranking workbook of 'patuh score -r RUBRIC INPUT... -o 2024.xlsx'",
            rx_heads[RX_ID].id, rx_heads[RX_NAME].id, rx_heads[RX_ID].en, rx_heads[RX_NAME].en,
            RX_HEAD_ROWS);
    x->c->sheet = NULL;
    xl_sheet_release(&rs->s);
    free(data);
    *ok = parsed && st == PATUH_OK && (rs->head_row || rs->s.on_row == about_row);
    return st == PATUH_ENOMEM ? st : PATUH_OK;
}

/* The rubric from the About sheet; the period from its year when the agencies name none. */
static patuh_status rx_about(xlsx *x, patuh_report_data *r, bool *ok)
{
    rx_sheet rs = {.s = {.on_row = about_row, .unsaved_formulas_ok = true}, .r = r};
    patuh_status st = rx_sheet_read(x, about_sheets, &rs, ok);
    if (*ok && !rs.items[RX_RUBRIC_ID]) {
        x->c->sheet = rs.s.name;
        answers_error(x->c, 1, 1,
                      "no row '%s' (or '%s') names the rubric, expected the ranking workbook of "
                      "'patuh score -r RUBRIC INPUT... -o 2024.xlsx'",
                      rx_items[RX_RUBRIC_ID][0], rx_items[RX_RUBRIC_ID][1]);
        x->c->sheet = NULL;
        *ok = false;
    }
    r->rubric_id = rs.items[RX_RUBRIC_ID];
    r->rubric_title = rs.items[RX_RUBRIC_TITLE] ? rs.items[RX_RUBRIC_TITLE] : str_dup("");
    double year;
    if (!r->period && rs.items[RX_YEAR] &&
        text_to_number(rs.items[RX_YEAR], &year) == TEXT_NUMBER && year >= 1 && year <= 9999)
        r->period = str_printf("%d", (int)year);
    free(rs.items[RX_YEAR]);
    double decimals; /* the rubric's, stated since the book has the row; else -1: guessed */
    r->decimals = rs.items[RX_DECIMALS] &&
                          text_to_number(rs.items[RX_DECIMALS], &decimals) == TEXT_NUMBER &&
                          decimals >= 0 && decimals <= 6 && decimals == floor(decimals)
                      ? (int)decimals
                      : -1;
    free(rs.items[RX_DECIMALS]);
    return st == PATUH_OK && !r->rubric_title ? PATUH_ENOMEM : st;
}

/* The decimals the numbers were written with, for a workbook whose About sheet does not
 * state them (made before it did): the fewest that every total and section score shows. */
static int rx_decimals(const patuh_report_data *r)
{
    int d = 0;
    for (size_t i = 0; i < r->n; i++) {
        const patuh_report_agency *a = &r->agencies[i];
        for (size_t k = 0; k <= r->n_sections; k++) {
            double v = k == r->n_sections ? a->total : a->sections ? a->sections[k] : NAN;
            while (isfinite(v) && d < 10 && fabs(patuh_round(v, d) - v) > 1e-9 * fmax(1, fabs(v)))
                d++;
        }
    }
    return d;
}

/* The agencies and their section scores. */
/* The agencies from the ranking sheet; their top-level section scores from the Data sheet
 * when the workbook has one, else from the sections sheet. */
static patuh_status rx_tables(xlsx *x, patuh_report_data *r, bool *ok)
{
    const xl_sheet_ref *hidden;
    bool data = xl_sheet_find(x, data_sheets, &hidden) != NULL;
    rx_sheet rank = {.s = {.on_row = ranking_row}, .r = r, .ranking = true, .common_period = true};
    rx_sheet scores = {.s = {.on_row = data ? data_row : sections_row},
                       .r = r,
                       .ranking_sheet = &rank,
                       .common_period = true};
    size_t errors = x->c->diags->errors;
    patuh_status st = rx_sheet_read(x, ranking_sheets, &rank, ok);
    if (st != PATUH_OK || !*ok || x->c->diags->errors > errors) {
        *ok = false;
        goto done;
    }
    st = (scores.by_id = idmap_new()) ? PATUH_OK : PATUH_ENOMEM;
    for (size_t i = 0; st == PATUH_OK && i < r->n; i++)
        if (!idmap_get(scores.by_id, r->agencies[i].id) &&
            !idmap_put(scores.by_id, r->agencies[i].id, &r->agencies[i]))
            st = PATUH_ENOMEM;
    if (st == PATUH_OK)
        st = rx_sheet_read(x, data ? data_sheets : sections_sheets, &scores, ok);
    if (st == PATUH_OK && *ok && data)
        st = data_apply(&scores);
    if (!rank.common_period || !scores.common_period) { /* the agencies' periods differ */
        free(r->period);
        r->period = NULL;
    }
done:
    idmap_free(scores.by_id);
    free(scores.section_cols);
    free(scores.scores);
    for (size_t i = 0; i < rank.n_heads; i++)
        free(rank.heads[i]);
    free(rank.heads);
    return st;
}

patuh_status report_read_xlsx(const char *name, const char *data, size_t len,
                              const patuh_limits *lim, patuh_report_data *r, patuh_diags *diags)
{
    answers_ctx c = {.diags = diags, .name = name}; /* no batch: only its messages are used */
    xlsx x = {.c = &c, .lim = lim};
    size_t errors = diags->errors;
    bool ok = false;
    patuh_status st = PATUH_OK;
    if (!xlsx_open_zip(&x, data, len)) {
        answers_error(&c, 0, 0,
                      "not an XLSX workbook (not a zip file), expected the ranking workbook of "
                      "'patuh score -r RUBRIC INPUT... -o 2024.xlsx'");
        goto done;
    }
    if ((st = workbook_read(&x, &ok)) != PATUH_OK || !ok)
        goto done;
    if ((st = strings_read(&x, &ok)) != PATUH_OK || !ok)
        goto done;
    if ((st = rx_tables(&x, r, &ok)) != PATUH_OK || !ok)
        goto done;
    if ((st = rx_about(&x, r, &ok)) != PATUH_OK || !ok)
        goto done;
    if (r->decimals < 0)
        r->decimals = rx_decimals(r);
done:
    xlsx_release(&x);
    return st == PATUH_OK && (!ok || diags->errors > errors) ? PATUH_EINVALID : st;
}
