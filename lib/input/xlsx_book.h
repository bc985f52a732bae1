/* xlsx_book.h — what the two halves of the XLSX answer reader share: the workbook read from
 * memory (xlsx_book.c: the zip with bounded entries, workbook.xml and its rels, the SAX pass
 * helpers) and its sheets read row by row (answers_xlsx.c). Internal to input/. */
#ifndef PATUH_XLSX_BOOK_H
#define PATUH_XLSX_BOOK_H

#include "input/input.h"

#include <libxml/parser.h>
#include <string.h>
#include <unzip.h>

/* An entry smaller than this may compress better than max_xlsx_ratio (empty sheets do). */
enum { XLSX_RATIO_FLOOR = 1 << 20 };

/* The sheets of a form, as answers_set_sheet numbers them. */
enum sheet_kind { SHEET_ANSWERS, SHEET_AGENCIES, SHEET_INFO };

typedef struct mem_file {
    const char *data;
    size_t len, pos;
} mem_file;

typedef struct xl_sheet_ref {
    char *name, *rid, *path;
    bool hidden; /* state="hidden" or "veryHidden": the user does not see it */
} xl_sheet_ref;

typedef struct xlsx {
    answers_ctx *c;
    const patuh_limits *lim;
    mem_file mem;
    unzFile zip;
    xl_sheet_ref *sheets;
    size_t n_sheets;
    char **strings; /* shared strings, their texts in string_arena */
    size_t n_strings;
    patuh_arena *string_arena;
    char **ids; /* agencies listed on the agencies sheet */
    size_t n_ids;
    patuh_idmap *known;
    const char *agencies_name; /* the agencies sheet as named in the workbook */
    bool wrong_rubric;         /* the instructions sheet names another rubric (reported) */
} xlsx;

/* What every SAX pass keeps: its parser, and the first failure of a callback (the rest of the
 * part is then skipped). The first member of each pass's own state. */
typedef struct sax_pass {
    xmlParserCtxtPtr ctxt;
    patuh_status st;
    bool damaged; /* libxml2 reported an error or a warning */
} sax_pass;

/* Opens the zip in data (borrowed); false when it is not one (nothing reported). */
bool xlsx_open_zip(xlsx *x, const char *data, size_t len);
void xlsx_release(xlsx *x);
/* Room for one more item in an array (array_room); false when out of memory. */
bool grow(void **arr, size_t n, size_t size);
/* An entry's bytes (caller frees): 1 = read, 0 = reported (or *absent), -1 = out of memory. */
int entry_read(xlsx *x, const char *name, char **data, size_t *len, bool *absent);
/* workbook.xml and its rels: the sheets by name; *ok false when reported. */
patuh_status workbook_read(xlsx *x, bool *ok);

void sax_fail(sax_pass *p, patuh_status st);
/* libxml2's SAX2 defaults with the pass's element and text callbacks; errors kept. */
void sax_handler(xmlSAXHandler *h, startElementNsSAX2Func start, endElementNsSAX2Func end,
                 charactersSAXFunc text);
/* Parses an entry through the handler: false when it is not well-formed (not reported). */
bool sax_parse(sax_pass *p, xmlSAXHandler *h, const char *data, size_t len);

/* ---- the cells (xlsx_sheet.c) ------------------------------------------------------------ */

/* Where a text node counts: in <t> (of <si>, or of <is> in a cell), or in a cell's <v>; not
 * in <rPh> (phonetic runs). */
typedef struct text_state {
    bool in_t, in_rph, in_v;
    bool formula; /* the cell has an <f>: its <v> is the value Excel saved, if any */
} text_state;

/* The shared strings into x->strings; *ok false when reported. */
patuh_status strings_read(xlsx *x, bool *ok);

/* The largest sheet a spreadsheet holds: column XFD, row 1048576. */
enum { XL_MAX_COL = 16384, XL_MAX_ROW = 1048576 };

/* A cell of the row being read: its text is at `at` in the row's text until the row ends. */
typedef struct xl_cell {
    unsigned col;
    size_t at;
    char *text; /* set when the row ends: valid in the row callback */
} xl_cell;

typedef struct xl_sheet xl_sheet;
/* Called at the end of each row with cells; the cells are s->cells (texts not empty). */
typedef patuh_status (*xl_row_fn)(xl_sheet *s);

/* A sheet being read. A reader with state of its own puts an xl_sheet first in its struct. */
struct xl_sheet {
    sax_pass p;
    xlsx *x;
    const char *name;
    xl_row_fn on_row;
    bool unsaved_formulas_ok; /* a formula without a saved value is an empty cell, not an error */
    unsigned row;             /* the row being read */
    unsigned cell_col;        /* the cell being read */
    char cell_type[12];
    text_buf text;     /* the cell being read */
    text_buf row_text; /* the texts of the row's cells, one after the other */
    text_state ts;
    xl_cell *cells;
    size_t n_cells;
    bool any_row;
};

/* The first visible sheet of either name (case-insensitive); a hidden one is never read (what
 * the user sees is what is read, doc/robustness.md), but is told in *hidden. */
const xl_sheet_ref *xl_sheet_find(const xlsx *x, const char *const names[2],
                                  const xl_sheet_ref **hidden);
/* The part of a sheet: 1 = read (caller frees *data), 0 = reported, -1 = out of memory. */
int xl_sheet_entry(xlsx *x, const xl_sheet_ref *ref, char **data, size_t *len);
/* Reads a sheet's part through s->on_row; false when it is not well-formed (reported). */
bool xl_sheet_parse(xl_sheet *s, const char *entry, const char *data, size_t len);
void xl_sheet_release(xl_sheet *s);

/* ---- called for every element and cell: inline --------------------------------------- */

/* Whether an element or attribute name is `want`: names are one to a few letters, so a loop
 * the compiler unrolls beats a call to strcmp for each (a sheet has millions). */
static inline bool name_is(const xmlChar *name, const char *want)
{
    while (*name && *name == (xmlChar)*want)
        name++, want++;
    return *name == (xmlChar)*want;
}

/* An attribute's value from SAX2's (local name, prefix, URI, value, end) quintets, copied
 * into buf (NUL-terminated); NULL when absent or longer than buf. */
static inline const char *sax_attr(const xmlChar **attrs, int n, const char *name, char *buf,
                                   size_t size)
{
    for (int i = 0; i < n; i++, attrs += 5) {
        if (!name_is(attrs[0], name))
            continue;
        size_t len = (size_t)(attrs[4] - attrs[3]);
        if (len >= size)
            return NULL;
        memcpy(buf, attrs[3], len);
        buf[len] = '\0';
        return buf;
    }
    return NULL;
}

/* The pass a callback belongs to: libxml2's SAX2 defaults take the parser as their context,
 * so the pass hangs on the parser's _private. */
static inline void *sax_pass_of(void *ctxt)
{
    return ((xmlParserCtxtPtr)ctxt)->_private;
}

/* Whether a callback has anything to do: not after a failure, and not inside an entity's
 * replacement text, which libxml2 parses through the same callbacks when first referenced;
 * entities are never expanded, so what they hold is never read. */
static inline bool sax_live(const void *pass)
{
    const sax_pass *p = pass;
    return p && p->st == PATUH_OK && p->ctxt->depth == 0;
}

#endif
