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

/* ---- shared strings ------------------------------------------------------------------------ */

/* Where a text node counts: in <t> (of <si>, or of <is> in a cell), or in a cell's <v>; not
 * in <rPh> (phonetic runs). */
typedef struct text_state {
    bool in_t, in_rph, in_v;
    bool formula; /* the cell has an <f>: its <v> is the value Excel saved, if any */
} text_state;

static void text_state_set(text_state *t, const xmlChar *local, bool in)
{
    const char *n = (const char *)local;
    if (n[0] == 't' && !n[1])
        t->in_t = in;
    else if (n[0] == 'v' && !n[1])
        t->in_v = in;
    else if (name_is(local, "rPh"))
        t->in_rph = in;
    else if (n[0] == 'f' && !n[1] && in)
        t->formula = true;
}

typedef struct strings_pass {
    sax_pass p;
    xlsx *x;
    text_buf b;
    text_state t;
} strings_pass;

/* The most shared strings a workbook may hold: four for each row a sheet holds. Their texts
 * share one arena, so a small string costs its bytes, not a heap block each (a 7 MB
 * workbook of 41 million empty strings took 1.6 GB). */
enum { XL_MAX_STRINGS = 4 * 1048576 };

static patuh_status string_push(xlsx *x, text_buf *b)
{
    if (x->n_strings == XL_MAX_STRINGS) {
        answers_error(x->c, 0, 0,
                      "the workbook has more shared strings than the limit of %d, expected a "
                      "patuh form",
                      XL_MAX_STRINGS);
        return PATUH_EINVALID; /* reported: the rest of the part is not read */
    }
    if (!grow((void **)&x->strings, x->n_strings, sizeof *x->strings))
        return PATUH_ENOMEM;
    if (!x->string_arena && !(x->string_arena = calloc(1, sizeof *x->string_arena)))
        return PATUH_ENOMEM;
    char *s = arena_strdup(x->string_arena, b->s ? b->s : "");
    if (!s)
        return PATUH_ENOMEM;
    x->strings[x->n_strings++] = s;
    text_clear(b);
    return PATUH_OK;
}

static void strings_start(void *arg, const xmlChar *local, const xmlChar *prefix,
                          const xmlChar *uri, int n_ns, const xmlChar **ns, int n_attrs,
                          int n_defaulted, const xmlChar **attrs)
{
    (void)prefix, (void)uri, (void)n_ns, (void)ns, (void)n_attrs, (void)n_defaulted, (void)attrs;
    strings_pass *sp = sax_pass_of(arg);
    if (sax_live(sp))
        text_state_set(&sp->t, local, true);
}

static void strings_end(void *arg, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    (void)prefix, (void)uri;
    strings_pass *sp = sax_pass_of(arg);
    if (!sax_live(sp))
        return;
    text_state_set(&sp->t, local, false);
    patuh_status st = name_is(local, "si") ? string_push(sp->x, &sp->b) : PATUH_OK;
    if (st != PATUH_OK)
        sax_fail(&sp->p, st);
}

static void strings_text(void *arg, const xmlChar *text, int len)
{
    strings_pass *sp = sax_pass_of(arg);
    if (sax_live(sp) && sp->t.in_t && !sp->t.in_rph &&
        !text_addn(&sp->b, (const char *)text, (size_t)len))
        sax_fail(&sp->p, PATUH_ENOMEM);
}

static patuh_status strings_read(xlsx *x, bool *ok)
{
    char *data;
    size_t len;
    bool absent;
    int rc = entry_read(x, "xl/sharedStrings.xml", &data, &len, &absent);
    *ok = absent || rc > 0;
    if (rc <= 0)
        return rc < 0 ? PATUH_ENOMEM : PATUH_OK;
    strings_pass sp = {.x = x};
    xmlSAXHandler h;
    sax_handler(&h, strings_start, strings_end, strings_text);
    if (!sax_parse(&sp.p, &h, data, len)) {
        answers_error(x->c, 0, 0, "damaged workbook: '%s' is not well-formed XML",
                      "xl/sharedStrings.xml");
        *ok = false;
    }
    free(sp.b.s);
    free(data);
    return sp.p.st;
}

/* ---- a sheet, row by row --------------------------------------------------------------------- */

/* The largest sheet a spreadsheet holds: column XFD, row 1048576. */
enum { XL_MAX_COL = 16384, XL_MAX_ROW = 1048576 };

/* A cell of the row being read: its text is at `at` in the row's text until the row ends. */
typedef struct xl_cell {
    unsigned col;
    size_t at;
    char *text;
} xl_cell;

typedef struct xl_sheet {
    sax_pass p;
    xlsx *x;
    bool agencies;
    bool info; /* the instructions sheet: only its rubric row is read */
    const char *name;
    unsigned row;      /* the row being read */
    unsigned cell_col; /* the cell being read */
    char cell_type[12];
    text_buf text;     /* the cell being read */
    text_buf row_text; /* the texts of the row's cells, one after the other */
    text_state ts;
    xl_cell *cells;
    size_t n_cells;
    int *fields; /* by column - 1, once the header is read */
    size_t n_fields;
    bool have_header, header_ok, any_row;
} xl_sheet;

static void cells_clear(xl_sheet *s)
{
    s->n_cells = 0;
    text_clear(&s->row_text);
}

/* "D7" -> column 4, row 7; false when it is not a cell reference. */
static bool ref_parse(const char *ref, unsigned *row, unsigned *col)
{
    unsigned c = 0, r = 0;
    size_t i = 0;
    for (; ref[i] >= 'A' && ref[i] <= 'Z' && c <= XL_MAX_COL; i++)
        c = c * 26 + (unsigned)(ref[i] - 'A' + 1);
    for (; ref[i] >= '0' && ref[i] <= '9' && r <= XL_MAX_ROW; i++)
        r = r * 10 + (unsigned)(ref[i] - '0');
    if (ref[i] || c > XL_MAX_COL || r > XL_MAX_ROW)
        return false;
    if (col && c)
        *col = c;
    if (row && r)
        *row = r;
    return true;
}

/* The header row: which field each column holds; every name checked. Its cells may come in
 * any order (Z1 before A1 is legal): the width is the rightmost one. */
static patuh_status header_read(xl_sheet *s)
{
    unsigned width = 0;
    for (size_t i = 0; i < s->n_cells; i++)
        if (s->cells[i].col > width)
            width = s->cells[i].col;
    if (!(s->fields = malloc(width * sizeof *s->fields)))
        return PATUH_ENOMEM;
    s->n_fields = width;
    unsigned at[TAB_N_FIELDS] = {0};
    s->header_ok = true;
    for (size_t i = 0; i < width; i++)
        s->fields[i] = TAB_HELPER;
    for (size_t i = 0; i < s->n_cells; i++) {
        const xl_cell *c = &s->cells[i];
        int field = tab_header_field(c->text, s->agencies);
        char cell[24];
        s->fields[c->col - 1] = field;
        if (field < 0) { /* a column of the assessor's own: read the others */
            answers_warning(s->x->c, s->row, c->col,
                            "unknown column '%s' is ignored, expected one of: %s", c->text,
                            tab_header_expected(s->agencies));
            s->fields[c->col - 1] = TAB_HELPER;
        } else if (field < TAB_N_FIELDS && at[field]) {
            cell_name(s->row, at[field], cell, sizeof cell);
            answers_error(s->x->c, s->row, c->col, "duplicate column '%s', the same as column %s",
                          c->text, cell);
            s->header_ok = false;
        } else if (field < TAB_N_FIELDS) {
            at[field] = c->col;
        }
    }
    for (int k = 0; k < TAB_N_FIELDS; k++) {
        if (at[k] || !tab_field_required(k, s->agencies))
            continue;
        answers_error(s->x->c, s->row, 1, "missing column '%s', expected the columns %s",
                      tab_field_name(k, s->agencies), tab_required_expected(s->agencies));
        s->header_ok = false;
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
static bool row_agency(const xl_sheet *s, tab_cell *cell, char **fill)
{
    const xlsx *x = s->x;
    *fill = NULL;
    if (s->agencies || x->n_ids == 0)
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

static patuh_status row_apply(xl_sheet *s)
{
    tab_cell row[TAB_N_FIELDS];
    char empty[TAB_N_FIELDS][1] = {{0}};
    for (size_t k = 0; k < TAB_N_FIELDS; k++)
        row[k] = (tab_cell){.line = s->row, .col = 1};
    for (size_t i = 0; i < s->n_fields; i++)
        if (s->fields[i] >= 0 && s->fields[i] < TAB_N_FIELDS)
            row[s->fields[i]] = (tab_cell){empty[s->fields[i]], s->row, (unsigned)i + 1, true};
    for (size_t i = 0; i < s->n_cells; i++) {
        const xl_cell *c = &s->cells[i];
        int field = c->col <= s->n_fields ? s->fields[c->col - 1] : -1;
        if (field >= 0 && field < TAB_N_FIELDS)
            row[field].text = c->text;
    }
    char *fill;
    if (!row_agency(s, &row[TAB_AGENCY], &fill))
        return fill || row[TAB_AGENCY].text[0] ? PATUH_OK : PATUH_ENOMEM;
    patuh_status st = answers_row(s->x->c, row, s->agencies);
    if (st == PATUH_OK && s->agencies)
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

static patuh_status row_end(xl_sheet *s)
{
    patuh_status st = PATUH_OK;
    if (s->n_cells == 0)
        return PATUH_OK;
    s->any_row = true;
    for (size_t i = 0; i < s->n_cells; i++)
        s->cells[i].text = s->row_text.s + s->cells[i].at;
    if (s->info) {
        info_row(s);
    } else if (!s->have_header) {
        s->have_header = true;
        st = header_read(s);
    } else if (s->header_ok) {
        st = row_apply(s);
    }
    cells_clear(s);
    return st;
}

/* A cell with a value must lie within the sheet (column XFD at most: a cell without a
 * reference is one right of the last) and appear once in its row. False when reported. */
static bool cell_place_ok(xl_sheet *s)
{
    char cell[24];
    if (s->cell_col > XL_MAX_COL) {
        answers_error(s->x->c, s->row, XL_MAX_COL,
                      "damaged workbook: a cell of sheet '%s' lies right of column XFD, "
                      "expected at most 16384 columns",
                      s->name);
        return false;
    }
    for (size_t i = 0; i < s->n_cells; i++) {
        if (s->cells[i].col != s->cell_col)
            continue;
        cell_name(s->row, s->cell_col, cell, sizeof cell);
        answers_error(s->x->c, s->row, s->cell_col,
                      "damaged workbook: cell %s of sheet '%s' is given twice", cell, s->name);
        return false;
    }
    return true;
}

/* The text of the finished cell, by its type: shared string, boolean, or as written. */
static patuh_status cell_end(xl_sheet *s)
{
    const char *text = s->text.s ? s->text.s : "";
    const char *type = s->cell_type[0] ? s->cell_type : "n";
    char index[24];
    if (strcmp(type, "s") == 0 && text[0]) {
        char *end;
        unsigned long k = strtoul(text, &end, 10);
        if (*end || k >= s->x->n_strings) {
            snprintf(index, sizeof index, "%.20s", text);
            answers_error(s->x->c, s->row, s->cell_col,
                          "damaged workbook: shared string %s of "
                          "sheet '%s' does not exist",
                          index, s->name);
            text = "";
        } else {
            text = s->x->strings[k];
        }
    } else if (strcmp(type, "b") == 0) {
        text = strcmp(text, "1") == 0 ? "1" : "0";
    }
    if (!text[0] && s->ts.formula && !s->info) {
        char cell[24];
        cell_name(s->row, s->cell_col, cell, sizeof cell);
        answers_error(s->x->c, s->row, s->cell_col,
                      "cell %s holds a formula without a saved value, expected its value (open "
                      "the workbook in a spreadsheet and save it)",
                      cell);
        return PATUH_OK;
    }
    if (!text[0] || !cell_place_ok(s))
        return PATUH_OK;
    size_t len = strlen(text);
    if (len > s->x->lim->max_string) {
        answers_error(s->x->c, s->row, s->cell_col, "cell is longer than the limit of %zu bytes",
                      s->x->lim->max_string);
        return PATUH_OK;
    }
    if (!grow((void **)&s->cells, s->n_cells, sizeof *s->cells))
        return PATUH_ENOMEM;
    s->cells[s->n_cells++] = (xl_cell){s->cell_col, s->row_text.len, NULL};
    return text_addn(&s->row_text, text, len + 1) ? PATUH_OK : PATUH_ENOMEM;
}

/* A cell reference attribute ("D7") into row and column; unchanged when absent. One that is
 * not a cell (ZZZZZZZZ1, A9999999) is damage, reported at `at_row`, `at_col`, not a place to
 * guess. */
static void ref_attr(xl_sheet *s, const xmlChar **attrs, int n, unsigned *row, unsigned *col)
{
    char buf[64];
    const char *ref = sax_attr(attrs, n, "r", buf, sizeof buf);
    unsigned at_row = row ? *row : s->row, at_col = col ? *col : 1;
    if (!ref || ref_parse(ref, row, col))
        return;
    answers_error(s->x->c, at_row, at_col,
                  "damaged workbook: '%.20s' on sheet '%s' is not a cell reference, expected "
                  "columns A-XFD and rows 1-1048576",
                  ref, s->name);
}

static void cell_start(xl_sheet *s, const xmlChar **attrs, int n)
{
    unsigned col = s->cell_col + 1;
    ref_attr(s, attrs, n, NULL, &col);
    s->cell_col = col;
    /* a type longer than any Excel writes is no type this reader knows: read as written */
    if (!sax_attr(attrs, n, "t", s->cell_type, sizeof s->cell_type))
        s->cell_type[0] = '\0';
    text_clear(&s->text);
    s->ts = (text_state){0};
}

/* Rows come in ascending order, each once (a row given out of order would be read as the
 * header, or its answers against the wrong header). */
static void row_start(xl_sheet *s, const xmlChar **attrs, int n)
{
    unsigned row = s->row + 1;
    ref_attr(s, attrs, n, &row, NULL);
    if (row <= s->row)
        answers_error(s->x->c, row, 1,
                      "damaged workbook: row %u of sheet '%s' comes after row %u, expected "
                      "rows in ascending order",
                      row, s->name, s->row);
    s->row = row;
    s->cell_col = 0;
    cells_clear(s);
}

static void sheet_start(void *arg, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                        int n_ns, const xmlChar **ns, int n_attrs, int n_defaulted,
                        const xmlChar **attrs)
{
    (void)prefix, (void)uri, (void)n_ns, (void)ns, (void)n_defaulted;
    xl_sheet *s = sax_pass_of(arg);
    const char *n = (const char *)local;
    if (!sax_live(s))
        return;
    if (n[0] == 'c' && !n[1])
        cell_start(s, attrs, n_attrs);
    else if (name_is(local, "row"))
        row_start(s, attrs, n_attrs);
    else
        text_state_set(&s->ts, local, true);
}

static void sheet_end(void *arg, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    (void)prefix, (void)uri;
    xl_sheet *s = sax_pass_of(arg);
    const char *n = (const char *)local;
    patuh_status st = PATUH_OK;
    if (!sax_live(s))
        return;
    if (n[0] == 'c' && !n[1])
        st = cell_end(s);
    else if (name_is(local, "row"))
        st = row_end(s);
    else
        text_state_set(&s->ts, local, false);
    if (st != PATUH_OK)
        sax_fail(&s->p, st);
}

static void sheet_text(void *arg, const xmlChar *text, int len)
{
    xl_sheet *s = sax_pass_of(arg);
    if (sax_live(s) && (s->ts.in_v || (s->ts.in_t && !s->ts.in_rph)) &&
        !text_addn(&s->text, (const char *)text, (size_t)len))
        sax_fail(&s->p, PATUH_ENOMEM);
}

static patuh_status sheet_parse(xl_sheet *s, const char *entry, const char *data, size_t len)
{
    xmlSAXHandler h;
    sax_handler(&h, sheet_start, sheet_end, sheet_text);
    if (!sax_parse(&s->p, &h, data, len))
        answers_error(s->x->c, 0, 0, "damaged workbook: '%s' is not well-formed XML", entry);
    else if (s->p.st == PATUH_OK && !s->any_row && !s->info)
        answers_error(s->x->c, 1, 1,
                      "sheet '%s' is empty, expected a header row with the "
                      "columns %s",
                      s->name,
                      s->agencies ? "id, name, group, region, period"
                                  : "agency, unit, indicator, value, evidence, note");
    return s->p.st;
}

static void sheet_release(xl_sheet *s)
{
    free(s->cells);
    free(s->fields);
    free(s->text.s);
    free(s->row_text.s);
}

/* The first visible sheet of either name; a hidden one is never read (what the user sees is
 * what is scored, doc/robustness.md), but is told in *hidden. */
static const xl_sheet_ref *sheet_find(const xlsx *x, const char *const names[2],
                                      const xl_sheet_ref **hidden)
{
    *hidden = NULL;
    for (size_t i = 0; i < x->n_sheets; i++) {
        if (strcasecmp(x->sheets[i].name, names[0]) != 0 &&
            strcasecmp(x->sheets[i].name, names[1]) != 0)
            continue;
        if (!x->sheets[i].hidden)
            return &x->sheets[i];
        if (!*hidden)
            *hidden = &x->sheets[i];
    }
    return NULL;
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
    bool absent;
    if (!ref->path) {
        answers_error(x->c, 0, 0, "damaged workbook: sheet '%s' has no part in the workbook's rels",
                      ref->name);
        return PATUH_OK;
    }
    int rc = entry_read(x, ref->path, &data, &len, &absent);
    if (absent)
        answers_error(x->c, 0, 0, "damaged workbook: the part of sheet '%s' is missing", ref->name);
    if (rc <= 0)
        return rc < 0 ? PATUH_ENOMEM : PATUH_OK;
    xl_sheet s = {
        .x = x, .agencies = kind == SHEET_AGENCIES, .info = kind == SHEET_INFO, .name = ref->name};
    patuh_status st = answers_set_sheet(x->c, ref->name, kind);
    if (st == PATUH_OK)
        st = sheet_parse(&s, ref->path, data, len);
    answers_set_sheet(x->c, NULL, 0);
    sheet_release(&s);
    free(data);
    return st;
}

static patuh_status xlsx_sheets(xlsx *x)
{
    const xl_sheet_ref *hidden, *hidden_agencies, *hidden_info, *hidden_about;
    const xl_sheet_ref *answers = sheet_find(x, answers_sheets, &hidden);
    const xl_sheet_ref *agencies = sheet_find(x, agencies_sheets, &hidden_agencies);
    if (!answers && !hidden && sheet_find(x, about_sheets, &hidden_about)) {
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
    const xl_sheet_ref *info = sheet_find(x, info_sheets, &hidden_info);
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
