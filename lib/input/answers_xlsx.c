/* answers_xlsx.c — the XLSX answer reader: over the workbook of xlsx_book.c, the shared
 * strings and the sheets' cells (shared and inline strings, numbers, booleans) through
 * libxml2's SAX2 parser, its fastest interface (no network, no entity expansion, no DTD
 * loaded). Rows go through answers_row, located SHEET!CELL. The instructions sheet's "rubrik"
 * row, when there is one, must name the batch's rubric. */
#include "input/xlsx_book.h"

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unzip.h>

/* The sheets of a form by name, in Indonesian and English. */
static const char *const answers_sheets[] = {"Jawaban", "Answers"};
static const char *const agencies_sheets[] = {"Instansi", "Agencies"};
static const char *const info_sheets[] = {"Petunjuk", "Instructions"};
/* The About sheet of the workbooks patuh writes as reports (score, gaps, compare). */
static const char *const about_sheets[] = {"Tentang", "About"};

/* ---- the rows of a form's sheets ---------------------------------------------------------- */

/* A sheet of a form being read: its cells (first, so a row callback's sheet is the form's),
 * which kind of sheet, and which field each column holds. */
typedef struct form_sheet {
    xl_sheet s;
    bool agencies;
    bool info;   /* the instructions sheet: only its rubric row is read */
    int *fields; /* by column - 1, once the header is read */
    size_t n_fields;
    bool have_header, header_ok;
} form_sheet;

/* The header row: which field each column holds; every name checked. Its cells may come in
 * any order (Z1 before A1 is legal): the width is the rightmost one. */
static patuh_status header_read(form_sheet *f)
{
    xl_sheet *s = &f->s;
    unsigned width = 0;
    for (size_t i = 0; i < s->n_cells; i++)
        if (s->cells[i].col > width)
            width = s->cells[i].col;
    if (!(f->fields = malloc(width * sizeof *f->fields)))
        return PATUH_ENOMEM;
    f->n_fields = width;
    unsigned at[TAB_N_FIELDS] = {0};
    f->header_ok = true;
    for (size_t i = 0; i < width; i++)
        f->fields[i] = TAB_HELPER;
    for (size_t i = 0; i < s->n_cells; i++) {
        const xl_cell *c = &s->cells[i];
        int field = tab_header_field(c->text, f->agencies);
        char cell[24];
        f->fields[c->col - 1] = field;
        if (field < 0) { /* a column of the assessor's own: read the others */
            answers_warning(s->x->c, s->row, c->col,
                            "unknown column '%s' is ignored, expected one of: %s", c->text,
                            tab_header_expected(f->agencies));
            f->fields[c->col - 1] = TAB_HELPER;
        } else if (field < TAB_N_FIELDS && at[field]) {
            cell_name(s->row, at[field], cell, sizeof cell);
            answers_error(s->x->c, s->row, c->col, "duplicate column '%s', the same as column %s",
                          c->text, cell);
            f->header_ok = false;
        } else if (field < TAB_N_FIELDS) {
            at[field] = c->col;
        }
    }
    for (int k = 0; k < TAB_N_FIELDS; k++) {
        if (at[k] || !tab_field_required(k, f->agencies))
            continue;
        answers_error(s->x->c, s->row, 1, "missing column '%s', expected the columns %s",
                      tab_field_name(k, f->agencies), tab_required_expected(f->agencies));
        f->header_ok = false;
    }
    return PATUH_OK;
}

/* Remembers an agency listed on the agencies sheet. */
static patuh_status agency_listed(xlsx *x, const char *id)
{
    if (!id || !id[0] || idmap_get(x->known, id))
        return PATUH_OK;
    if (!grow((void **)&x->ids, x->n_ids, sizeof *x->ids))
        return PATUH_ENOMEM;
    char *copy = str_dup(id);
    if (!copy)
        return PATUH_ENOMEM;
    x->ids[x->n_ids++] = copy;
    return idmap_put(x->known, copy, copy) ? PATUH_OK : PATUH_ENOMEM;
}

/* An answer row's agency: the only agency listed when the cell is empty; it must be one of
 * those listed when the agencies sheet lists any. False when reported. */
static bool row_agency(const form_sheet *f, tab_cell *cell, char **fill)
{
    const xl_sheet *s = &f->s;
    const xlsx *x = s->x;
    *fill = NULL;
    if (f->agencies || x->n_ids == 0)
        return true;
    const char *id = cell->text;
    while (*id == ' ')
        id++;
    if (!*id && x->n_ids == 1) {
        cell->text = *fill = str_dup(x->ids[0]);
        return *fill != NULL;
    }
    if (!*id || idmap_get(x->known, id))
        return true;
    answers_error(s->x->c, cell->line, cell->col,
                  "unknown agency '%s', expected an agency listed on "
                  "sheet '%s'",
                  id, x->agencies_name);
    return false;
}

static patuh_status row_apply(form_sheet *f)
{
    xl_sheet *s = &f->s;
    tab_cell row[TAB_N_FIELDS];
    char empty[TAB_N_FIELDS][1] = {{0}};
    for (size_t k = 0; k < TAB_N_FIELDS; k++)
        row[k] = (tab_cell){.line = s->row, .col = 1};
    for (size_t i = 0; i < f->n_fields; i++)
        if (f->fields[i] >= 0 && f->fields[i] < TAB_N_FIELDS)
            row[f->fields[i]] = (tab_cell){empty[f->fields[i]], s->row, (unsigned)i + 1, true};
    for (size_t i = 0; i < s->n_cells; i++) {
        const xl_cell *c = &s->cells[i];
        int field = c->col <= f->n_fields ? f->fields[c->col - 1] : -1;
        if (field >= 0 && field < TAB_N_FIELDS)
            row[field].text = c->text;
    }
    char *fill;
    if (!row_agency(f, &row[TAB_AGENCY], &fill))
        return fill || row[TAB_AGENCY].text[0] ? PATUH_OK : PATUH_ENOMEM;
    patuh_status st = answers_row(s->x->c, row, f->agencies);
    if (st == PATUH_OK && f->agencies)
        st = agency_listed(s->x, row[TAB_AGENCY].text);
    free(fill);
    return st;
}

/* A label of the instructions sheet: `label` is one of `names`, spaces around it aside. */
static bool info_label(const char *label, const char *const *names)
{
    size_t n = strlen(label);
    while (n > 0 && label[n - 1] == ' ')
        n--;
    for (; *names; names++)
        if (strlen(*names) == n && strncasecmp(label, *names, n) == 0)
            return true;
    return false;
}

/* "diusulkan oleh" (or "proposed by") in column A, `scan` in B: a form `patuh scan --form`
 * wrote, whose answers are proposals (doc/formats.md §3.10 7). The sheet is read before the
 * answers, so each is stored knowing it. */
static void info_proposed(xl_sheet *s, const char *by)
{
    if (strcmp(by, "scan") == 0)
        s->x->c->batch->inputs[s->x->c->file].proposed = true;
    else
        answers_error(s->x->c, s->row, 2, "expected 'scan' for 'proposed by', got '%.40s'", by);
}

/* A row of the instructions sheet: "rubrik" (or "rubric") in column A, the id in B; or who
 * proposed the answers. */
static void info_row(xl_sheet *s)
{
    static const char *const proposed_names[] = {"diusulkan oleh", "proposed by", NULL};
    char *label = NULL, *id = NULL;
    for (size_t i = 0; i < s->n_cells; i++) {
        char *t = s->cells[i].text + strspn(s->cells[i].text, " ");
        if (s->cells[i].col == 1)
            label = t;
        else if (s->cells[i].col == 2)
            id = t;
    }
    if (!label || !id)
        return;
    char *end = id + strlen(id); /* the cell's own copy: trimmed in place */
    while (end > id && end[-1] == ' ')
        *--end = '\0';
    if (info_label(label, proposed_names))
        info_proposed(s, id);
    if ((strncasecmp(label, "rubrik", 6) != 0 && strncasecmp(label, "rubric", 6) != 0) ||
        label[6 + strspn(label + 6, " ")])
        return;
    if (id[0] && !answers_rubric_check(s->x->c, id, s->row, 2))
        s->x->wrong_rubric = true;
}

/* A row of a form's sheet: the instructions' rubric, the header, or a row of answers. */
static patuh_status form_row(xl_sheet *s)
{
    form_sheet *f = (form_sheet *)s;
    if (f->info) {
        info_row(s);
        return PATUH_OK;
    }
    if (!f->have_header) {
        f->have_header = true;
        return header_read(f);
    }
    return f->header_ok ? row_apply(f) : PATUH_OK;
}

/* A hidden sheet of the form's names is not read: an error when it is the only answers
 * sheet, else a warning. */
static void sheet_hidden(const xlsx *x, const xl_sheet_ref *hidden, const xl_sheet_ref *read)
{
    if (!hidden)
        return;
    if (read)
        answers_warning(x->c, 0, 0,
                        "sheet '%s' is hidden and is not read, the answers are on "
                        "sheet '%s'",
                        hidden->name, read->name);
    else
        answers_error(x->c, 0, 0,
                      "the answers sheet '%s' is hidden, expected it visible (unhide it in the "
                      "spreadsheet): only what can be seen is scored",
                      hidden->name);
}

/* Reads one sheet's rows into the batch. */
static patuh_status sheet_read(xlsx *x, const xl_sheet_ref *ref, enum sheet_kind kind)
{
    char *data;
    size_t len;
    int rc = xl_sheet_entry(x, ref, &data, &len);
    if (rc <= 0)
        return rc < 0 ? PATUH_ENOMEM : PATUH_OK;
    form_sheet f = {.s = {.x = x,
                          .name = ref->name,
                          .on_row = form_row,
                          .unsaved_formulas_ok = kind == SHEET_INFO},
                    .agencies = kind == SHEET_AGENCIES,
                    .info = kind == SHEET_INFO};
    patuh_status st = answers_set_sheet(x->c, ref->name, kind);
    if (st == PATUH_OK && xl_sheet_parse(&f.s, ref->path, data, len) &&
        (st = f.s.p.st) == PATUH_OK && !f.s.any_row && !f.info)
        answers_error(x->c, 1, 1, "sheet '%s' is empty, expected a header row with the columns %s",
                      ref->name,
                      f.agencies ? "id, name, group, region, period"
                                 : "agency, unit, indicator, value, evidence, note");
    answers_set_sheet(x->c, NULL, 0);
    xl_sheet_release(&f.s);
    free(f.fields);
    free(data);
    return st;
}

static patuh_status xlsx_sheets(xlsx *x)
{
    const xl_sheet_ref *hidden, *hidden_agencies, *hidden_info, *hidden_about;
    const xl_sheet_ref *answers = xl_sheet_find(x, answers_sheets, &hidden);
    const xl_sheet_ref *agencies = xl_sheet_find(x, agencies_sheets, &hidden_agencies);
    if (!answers && !hidden && xl_sheet_find(x, about_sheets, &hidden_about)) {
        /* last run's report, in the same folder */
        patuh_diags_add(x->c->diags, PATUH_SEV_NOTE, x->c->name, 0, 0,
                        "skipped: a report written by patuh, not answers");
        inputs_forget_skipped(x->c->name);
        return PATUH_OK;
    }
    sheet_hidden(x, hidden, answers);
    if (!answers && hidden)
        return PATUH_OK;
    if (!answers) {
        answers_error(x->c, 0, 0,
                      "no sheet '%s' or '%s' in the workbook, expected the "
                      "answers sheet of a patuh form",
                      answers_sheets[0], answers_sheets[1]);
        return PATUH_OK;
    }
    const xl_sheet_ref *info = xl_sheet_find(x, info_sheets, &hidden_info);
    x->agencies_name = agencies ? agencies->name : NULL;
    patuh_status st = info ? sheet_read(x, info, SHEET_INFO) : PATUH_OK;
    if (st != PATUH_OK || x->wrong_rubric)
        return st; /* a form for another rubric: its answers are not checked against this one */
    st = agencies ? sheet_read(x, agencies, SHEET_AGENCIES) : PATUH_OK;
    return st == PATUH_OK ? sheet_read(x, answers, SHEET_ANSWERS) : st;
}

patuh_status answers_read_xlsx(answers_ctx *c, const char *data, size_t len)
{
    xlsx x = {.c = c, .lim = answers_limits(c)};
    patuh_status st = PATUH_OK;
    bool ok = false;
    if (!(x.known = idmap_new()))
        return PATUH_ENOMEM;
    if (len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) {
        /* an OLE compound file: what Excel writes for a workbook with a password (and .xls) */
        answers_error(c, 0, 0,
                      "the workbook is encrypted (saved with a password) or an old .xls, "
                      "expected an XLSX saved without a password");
        goto done;
    }
    if (!xlsx_open_zip(&x, data, len)) {
        answers_error(c, 0, 0, "not an XLSX workbook (not a zip file)");
        goto done;
    }
    if ((st = workbook_read(&x, &ok)) != PATUH_OK || !ok)
        goto done;
    if ((st = strings_read(&x, &ok)) != PATUH_OK || !ok)
        goto done;
    st = xlsx_sheets(&x);
done:
    xlsx_release(&x);
    return st == PATUH_ENOMEM ? st : PATUH_OK;
}
