/* xlsx_sheet.c — a workbook's cells as the XLSX readers see them: the shared strings, and a
 * sheet read row by row through libxml2's SAX2 parser (shared and inline strings, numbers,
 * booleans; each place checked), handing each row's cells to the reader's callback. The
 * answer reader (answers_xlsx.c) and the report reader (report_xlsx_read.c) sit on it. */
#include "input/xlsx_book.h"

#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- shared strings ------------------------------------------------------------------------ */

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

patuh_status strings_read(xlsx *x, bool *ok)
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
    if (!text[0] && s->ts.formula && !s->unsaved_formulas_ok) {
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

/* The end of a row: its cells' texts set, then the reader's callback. */
static patuh_status row_end(xl_sheet *s)
{
    if (s->n_cells == 0)
        return PATUH_OK;
    s->any_row = true;
    for (size_t i = 0; i < s->n_cells; i++)
        s->cells[i].text = s->row_text.s + s->cells[i].at;
    patuh_status st = s->on_row(s);
    cells_clear(s);
    return st;
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

/* Reads the sheet's part through its row callback; false when it is not well-formed XML
 * (reported). s->p.st is what the callbacks found. */
bool xl_sheet_parse(xl_sheet *s, const char *entry, const char *data, size_t len)
{
    xmlSAXHandler h;
    sax_handler(&h, sheet_start, sheet_end, sheet_text);
    if (sax_parse(&s->p, &h, data, len))
        return true;
    answers_error(s->x->c, 0, 0, "damaged workbook: '%s' is not well-formed XML", entry);
    return false;
}

/* Reads the part of a sheet: 1 = read (caller frees *data), 0 = reported, -1 = no memory. */
int xl_sheet_entry(xlsx *x, const xl_sheet_ref *ref, char **data, size_t *len)
{
    bool absent;
    if (!ref->path) {
        answers_error(x->c, 0, 0, "damaged workbook: sheet '%s' has no part in the workbook's rels",
                      ref->name);
        return 0;
    }
    int rc = entry_read(x, ref->path, data, len, &absent);
    if (absent)
        answers_error(x->c, 0, 0, "damaged workbook: the part of sheet '%s' is missing", ref->name);
    return rc;
}

void xl_sheet_release(xl_sheet *s)
{
    free(s->cells);
    free(s->text.s);
    free(s->row_text.s);
}

/* The first visible sheet of either name; a hidden one is never read (what the user sees is
 * what is scored, doc/robustness.md), but is told in *hidden. */
const xl_sheet_ref *xl_sheet_find(const xlsx *x, const char *const names[2],
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
