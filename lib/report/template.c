/* template.c — blank answer forms for a rubric (`patuh template`): an XLSX workbook with an
 * instructions sheet (with the rubric id in cell B2, labelled "rubrik"), an agencies sheet and
 * an answers sheet (dropdowns, number validation, locked helper columns), or the same rows as
 * YAML or CSV (with a rubric column). One row per agency x leaf unit x
 * applicable indicator; the reader in answers.c reads every form back. */
#include "report/report_xlsx.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* One row of the form: an agency (NULL for a blank form), a leaf unit and an indicator. */
typedef void (*row_fn)(void *arg, const patuh_agency *a, const patuh_unit *u,
                       const patuh_node *ind);

static bool applies(const patuh_agency *a, const patuh_node *ind)
{
    return !a || a->group < 0 || (ind->applies >> a->group) & 1u;
}

static void unit_rows(const patuh_rubric *r, const patuh_agency *a, const patuh_unit *u, row_fn fn,
                      void *arg)
{
    for (size_t i = 0; i < u->n_units; i++)
        unit_rows(r, a, u->units[i], fn, arg);
    for (size_t i = 0; u->n_units == 0 && i < r->n_indicators; i++)
        if (applies(a, r->indicators[i]))
            fn(arg, a, u, r->indicators[i]);
}

static void each_agency_row(const patuh_rubric *r, patuh_agency *const *agencies, size_t n,
                            row_fn fn, void *arg)
{
    for (size_t k = 0; k < n; k++)
        unit_rows(r, agencies[k], &agencies[k]->root, fn, arg);
    for (size_t i = 0; n == 0 && i < r->n_indicators; i++)
        fn(arg, NULL, NULL, r->indicators[i]);
}

static void each_row(const patuh_batch *batch, row_fn fn, void *arg)
{
    each_agency_row(batch->rubric, batch->agencies, batch->n_agencies, fn, arg);
}

static void count_row(void *arg, const patuh_agency *a, const patuh_unit *u, const patuh_node *ind)
{
    (void)a, (void)u, (void)ind;
    (*(size_t *)arg)++;
}

size_t patuh_template_rows(const patuh_batch *batch)
{
    size_t n = 0;
    if (batch)
        each_row(batch, count_row, &n);
    return n;
}

/* What may be answered, for the choices column: "0 = Tidak ada; 1 = Ada; na". */
static char *choices_text(const patuh_node *ind)
{
    const patuh_scale *s = ind->scale;
    char buf[2048];
    tbuf t;
    tb_init(&t, buf, sizeof buf);
    for (size_t i = 0; s->kind == PATUH_SCALE_LIST && i < s->n_levels; i++)
        tb_item(&t, "; ", "%g = %s", s->levels[i].value, s->levels[i].label);
    if (s->kind == PATUH_SCALE_NUMBER)
        tb_add(&t, "angka / number %g-%g (target %g)", s->min, s->max, s->target);
    for (size_t i = 0; s->kind == PATUH_SCALE_CHECKLIST && i < s->n_items; i++)
        tb_item(&t, "; ", "%s", s->items[i]);
    if (s->kind == PATUH_SCALE_CHECKLIST)
        tb_add(&t, " (tulis yang ada, pisahkan dengan ';' / list those present, separated by ';')");
    if (ind->na)
        tb_add(&t, "; na = tidak berlaku / not applicable");
    return str_dup(buf);
}

static const char *ind_text(const patuh_node *ind)
{
    return ind->text ? ind->text : ind->title ? ind->title : "";
}

/* ---- XLSX ------------------------------------------------------------------------------- */

/* The form being written: every cell goes through the report writers' checked helpers
 * (report_xlsx_book.c), which keep the first error and cut a text to what a cell holds. */
typedef struct xl_form {
    xlsx_ctx *x;
    lxw_workbook *wb;
    lxw_worksheet *answers, *lists;
    lxw_format *head, *locked, *open, *open_wrap, *wrap;
    lxw_row_t row;
    bool blank; /* no agencies: agency and unit are for the assessor to fill */
    bool en;    /* --lang en: English labels and sheet names */
    const char *rubric_path, *file_name;
    const patuh_rubric *rubric;
    bool *listed;          /* per column of the lists sheet: written */
    const form_fill *fill; /* NULL: a blank form */
} xl_form;

/* The answers sheet's columns: labels that read back as their columns (doc/formats.md §3.7
 * 4), in Indonesian and English. */
static const char *const answer_heads[2][11] = {
    {"Instansi", "Unit", "Nama unit", "Indikator", "Teks indikator", "Nilai", "Bukti", "Catatan",
     "Panduan", "Pilihan"},
    {"Agency", "Unit", "Unit name", "Indicator", "Indicator text", "Value", "Evidence", "Note",
     "Guidance", "Choices"},
};
static const double answer_widths[] = {18, 16, 22, 10, 50, 24, 24, 30, 45, 30};
enum {
    COL_AGENCY,
    COL_UNIT,
    COL_UNIT_NAME,
    COL_IND,
    COL_TEXT,
    COL_VALUE,
    COL_EVIDENCE,
    COL_NOTE,
    COL_GUIDANCE,
    COL_CHOICES,
    N_COLS
};

/* A list level as its dropdown entry: "2 – Ada, belum lengkap" (the reader takes it as 2). */
static void level_entry(const patuh_level *level, char *buf, size_t size)
{
    if (level->label && level->label[0])
        snprintf(buf, size, "%g \u2013 %s", level->value, level->label);
    else
        snprintf(buf, size, "%g", level->value);
}

/* The column of the hidden lists sheet holding the entries of a list scale (and `na` when
 * the indicator allows it): two columns per scale, written on first use. */
static lxw_col_t list_column(xl_form *f, const patuh_scale *s, bool na)
{
    size_t k = 0;
    while (k < f->rubric->n_scales && f->rubric->scales[k] != s)
        k++;
    lxw_col_t col = (lxw_col_t)(2 * k + (na ? 1 : 0));
    if (f->listed[col])
        return col;
    f->listed[col] = true;
    char entry[512];
    for (size_t i = 0; i < s->n_levels; i++) {
        level_entry(&s->levels[i], entry, sizeof entry);
        xlsx_str(f->x, f->lists, (lxw_row_t)i, col, entry, NULL);
    }
    if (na)
        xlsx_str(f->x, f->lists, (lxw_row_t)s->n_levels, col, "na", NULL);
    return col;
}

/* Dropdown of a list scale's entries (on the hidden lists sheet: a list written in the
 * validation itself holds at most 255 characters), or a number between the bounds. */
static void value_validation(xl_form *f, const patuh_node *ind)
{
    const patuh_scale *s = ind->scale;
    lxw_data_validation v = {0};
    char formula[64], letters[16];
    if (s->kind == PATUH_SCALE_CHECKLIST)
        return;
    if (s->kind == PATUH_SCALE_LIST) {
        lxw_col_t col = list_column(f, s, ind->na);
        cell_name(1, col + 1u, letters, sizeof letters);
        letters[strcspn(letters, "0123456789")] = '\0';
        snprintf(formula, sizeof formula, "=%s!$%s$1:$%s$%zu", f->en ? "Lists" : "Daftar", letters,
                 letters, s->n_levels + (ind->na ? 1 : 0));
        v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
        v.value_formula = formula;
        v.show_error = LXW_VALIDATION_OFF; /* typing the number alone is fine too */
    } else {
        v.validate = LXW_VALIDATION_TYPE_DECIMAL;
        v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        v.minimum_number = s->min;
        v.maximum_number = s->max;
        v.error_type = ind->na ? LXW_VALIDATION_ERROR_TYPE_WARNING : 0;
    }
    xlsx_fail(f->x, worksheet_data_validation_cell(f->answers, f->row, COL_VALUE, &v));
}

/* A text of the rubric in a cell: longer than a cell holds, it is cut, with a warning at the
 * indicator in the rubric (man patuh-template). */
static void xl_text(xl_form *f, lxw_col_t col, const char *text, const char *what,
                    const patuh_node *ind)
{
    if (strlen(text) > XLSX_STR_MAX)
        patuh_diags_add(f->x->diags, PATUH_SEV_WARNING, f->rubric_path, ind->line, ind->col,
                        "%s of '%s' is longer than the %d characters an XLSX cell holds, cut to "
                        "fit the form",
                        patuh_tr(what), ind->id, XLSX_STR_MAX);
    xlsx_str(f->x, f->answers, f->row, col, text, f->locked);
}

/* A column's width; a filled form's evidence (page, XPath, time, hash and snippet a line)
 * gets room to be read. */
static double answer_width(const xl_form *f, lxw_col_t col)
{
    return f->fill && col == COL_EVIDENCE ? 100 : answer_widths[col];
}

/* Lines a text takes wrapped in a column `width` units wide. A unit is the width of a digit;
 * text in Calibri or Carlito averages about 1.25 characters a unit, less the words that do
 * not fit at a line's end. */
static size_t wrapped_lines(const char *text, double width)
{
    size_t lines = 1, at = 0, per = width > 4 ? (size_t)(width * 1.25) - 4 : 1;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if ((*p & 0xC0) == 0x80)
            continue; /* counts code points, not bytes */
        if (*p == '\n' || ++at > per) {
            lines++;
            at = *p == '\n' ? 0 : 1;
        }
    }
    return lines;
}

/* The row as high as its longest wrapped text: LibreOffice does not grow a row of a file it
 * opens, so wrapped text would overlap the next row (15 points a line, 11-point text). */
static void xl_row_height(xl_form *f, const char *const *texts, const lxw_col_t *cols, size_t n)
{
    size_t lines = 1;
    for (size_t i = 0; i < n; i++) {
        size_t l = wrapped_lines(texts[i], answer_width(f, cols[i]));
        lines = l > lines ? l : lines;
    }
    if (lines > 27)
        lines = 27; /* 409 points is the highest row a spreadsheet has */
    xlsx_fail(f->x, worksheet_set_row(f->answers, f->row, 15.0 * (double)lines, NULL));
}

static void xl_row(void *arg, const patuh_agency *a, const patuh_unit *u, const patuh_node *ind)
{
    xl_form *f = arg;
    xlsx_ctx *x = f->x;
    char *choices = choices_text(ind);
    lxw_format *id_fmt = f->blank ? f->open : f->locked;
    f->row++;
    if (!choices) {
        xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    xlsx_str(x, f->answers, f->row, COL_AGENCY, a ? a->id : "", id_fmt);
    xlsx_str(x, f->answers, f->row, COL_UNIT, u && u->path ? u->path : "", id_fmt);
    xlsx_str(x, f->answers, f->row, COL_UNIT_NAME, u && u->parent && u->name ? u->name : "",
             id_fmt);
    xlsx_str(x, f->answers, f->row, COL_IND, ind->id, f->locked);
    xl_text(f, COL_TEXT, ind_text(ind), patuh_tr_noop("the text"), ind);
    form_cells cells = {0};
    if (f->fill && a)
        f->fill->cells(f->fill->ctx, a, ind, &cells);
    const char *given[] = {cells.value, cells.evidence, cells.note};
    for (lxw_col_t c = COL_VALUE; c <= COL_NOTE; c++) {
        if (given[c - COL_VALUE])
            xlsx_str(x, f->answers, f->row, c, given[c - COL_VALUE], f->open_wrap);
        else
            xlsx_fail(x, worksheet_write_blank(f->answers, f->row, c, f->open_wrap));
    }
    xl_text(f, COL_GUIDANCE, ind->guidance ? ind->guidance : "", patuh_tr_noop("the guidance"),
            ind);
    xl_text(f, COL_CHOICES, choices, patuh_tr_noop("the choices"), ind);
    value_validation(f, ind);
    const char *wrapped[] = {ind_text(ind), ind->guidance ? ind->guidance : "", choices,
                             cells.evidence ? cells.evidence : ""};
    const lxw_col_t wrapped_col[] = {COL_TEXT, COL_GUIDANCE, COL_CHOICES, COL_EVIDENCE};
    xl_row_height(f, wrapped, wrapped_col, 4);
    free(choices);
}

static void xl_formats(xl_form *f)
{
    f->head = workbook_add_format(f->wb);
    f->locked = workbook_add_format(f->wb);
    f->open = workbook_add_format(f->wb);
    f->open_wrap = workbook_add_format(f->wb);
    f->wrap = workbook_add_format(f->wb);
    if (!f->head || !f->locked || !f->open || !f->open_wrap || !f->wrap) {
        xlsx_fail(f->x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    format_set_text_wrap(f->wrap);
    format_set_align(f->wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_bold(f->head);
    format_set_bg_color(f->head, 0xD9E1F2);
    format_set_text_wrap(f->head);
    format_set_text_wrap(f->locked);
    format_set_align(f->locked, LXW_ALIGN_VERTICAL_TOP);
    format_set_bg_color(f->locked, 0xF2F2F2);
    format_set_unlocked(f->open);
    format_set_align(f->open, LXW_ALIGN_VERTICAL_TOP);
    format_set_unlocked(f->open_wrap);
    format_set_text_wrap(f->open_wrap);
    format_set_align(f->open_wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_align(f->open_wrap, LXW_ALIGN_LEFT); /* a typed 2 next to its label entries */
}

/* A sheet, or NULL (the error kept) when the workbook cannot add one. Printed on A4
 * landscape, one page wide, the header row on every page. */
static lxw_worksheet *xl_sheet(xl_form *f, const char *name)
{
    lxw_worksheet *ws = f->x->err == LXW_NO_ERROR ? workbook_add_worksheet(f->wb, name) : NULL;
    if (!ws) {
        xlsx_fail(f->x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return NULL;
    }
    worksheet_set_paper(ws, 9);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    xlsx_fail(f->x, worksheet_repeat_rows(ws, 0, 0));
    return ws;
}

/* Writes lines of instructions from row `row` on, one per row; returns the next row. */
static lxw_row_t xl_lines(xl_form *f, lxw_worksheet *ws, lxw_row_t row, const char *const *lines,
                          size_t n, lxw_format *fmt)
{
    for (size_t i = 0; i < n; i++, row++) {
        xlsx_str(f->x, ws, row, 1, lines[i], fmt);
        xlsx_fail(f->x,
                  worksheet_set_row(ws, row, 15.0 * (double)wrapped_lines(lines[i], 110), NULL));
    }
    return row;
}

/* The instructions: what to fill in, then the exact commands for this rubric and file. */
static void xl_instructions(xl_form *f, const patuh_rubric *r)
{
    static const char *const id_lines[] = {
        "Isi kolom Nilai, Bukti dan Catatan di lembar Jawaban; kolom lain dikunci.",
        ("Nilai: pilih dari daftar (mis. \u201c2 \u2013 Ada, belum lengkap\u201d) atau ketik "
         "angkanya saja; na = tidak berlaku bila indikator mengizinkan. Checklist: tulis butir "
         "yang ada dipisah ';'."),
        ("Saring (filter) dan urutkan baris lewat tombol di baris judul, mis. satu instansi atau "
         "satu unit."),
        "Lembar Instansi: id, nama, kelompok, wilayah, periode setiap instansi.",
        "Instansi yang belum diisi sama sekali tidak diberi peringkat (belum dinilai).",
    };
    static const char *const en_lines[] = {
        "Fill in the Value, Evidence and Note columns of sheet Answers; the others are locked.",
        ("Value: pick from the dropdown (e.g. \u201c2 \u2013 Present, incomplete\u201d) or type "
         "the number alone; na = not applicable where allowed. Checklists: the items present, "
         "separated by ';'."),
        "Filter and sort the rows with the buttons of the header row, e.g. one agency or unit.",
        "Sheet Agencies: the id, name, group, region and period of each agency.",
        "An agency with no answer at all is not ranked (not assessed).",
    };
    xlsx_ctx *x = f->x;
    lxw_worksheet *ws = xl_sheet(f, f->en ? "Instructions" : "Petunjuk");
    if (!ws)
        return;
    xlsx_fail(x, worksheet_set_column(ws, 0, 0, 12, NULL));
    xlsx_fail(x, worksheet_set_column(ws, 1, 1, 110, NULL));
    xlsx_str(x, ws, 0, 0, f->en ? "title" : "judul", f->head);
    xlsx_str(x, ws, 0, 1, r->title ? r->title : r->id, f->head);
    /* the reader checks this cell: a form filled for one rubric is not scored by another */
    xlsx_str(x, ws, 1, 0, f->en ? "rubric" : "rubrik", f->head);
    xlsx_str(x, ws, 1, 1, r->id, f->locked);
    if (f->fill && f->fill->proposed_by) { /* read back: the answers yield to an assessor's */
        xlsx_str(x, ws, 2, 0, f->en ? "proposed by" : "diusulkan oleh", f->head);
        xlsx_str(x, ws, 2, 1, f->fill->proposed_by, f->locked);
    }
    lxw_row_t row = xl_lines(f, ws, 3, f->en ? en_lines : id_lines, 5, f->wrap);
    char cmd[3][512];
    snprintf(cmd[0], sizeof cmd[0], "patuh validate -r %s %s", r->id, f->file_name);
    snprintf(cmd[1], sizeof cmd[1], "patuh score -r %s %s -o %s", r->id, f->file_name,
             f->en ? "ranking.xlsx" : "peringkat.xlsx");
    snprintf(cmd[2], sizeof cmd[2], "patuh gaps -r %s %s -o %s", r->id, f->file_name,
             f->en ? "gaps.xlsx" : "kekurangan.xlsx");
    const char *heads[] = {f->en ? "Check the filled form:" : "Periksa formulir yang sudah diisi:",
                           f->en ? "Score and rank:" : "Nilai dan peringkat:",
                           f->en ? "What to fix first:" : "Yang perlu diperbaiki dulu:"};
    for (size_t i = 0; i < 3; i++) {
        xlsx_str(x, ws, ++row, 1, heads[i], f->head);
        xlsx_str(x, ws, ++row, 1, cmd[i], f->locked);
    }
    worksheet_protect(ws, NULL, NULL);
}
static void xl_agencies(xl_form *f, const patuh_rubric *r, patuh_agency *const *agencies, size_t n)
{
    static const char *const heads[2][5] = {{"id", "nama", "kelompok", "wilayah", "periode"},
                                            {"id", "name", "group", "region", "period"}};
    xlsx_ctx *x = f->x;
    lxw_worksheet *ws = xl_sheet(f, f->en ? "Agencies" : "Instansi");
    if (!ws)
        return;
    for (lxw_col_t c = 0; c < 5; c++) {
        xlsx_fail(x, worksheet_set_column(ws, c, c, c == 1 ? 40 : 18, f->open));
        xlsx_str(x, ws, 0, c, heads[f->en][c], f->head);
    }
    for (size_t k = 0; k < n; k++) {
        const patuh_agency *a = agencies[k];
        const char *cells[] = {a->id, a->name, a->group >= 0 ? r->groups[a->group] : NULL,
                               a->region, a->period};
        for (lxw_col_t c = 0; c < 5; c++)
            xlsx_str(x, ws, (lxw_row_t)(k + 1), c, cells[c], f->open);
    }
    if (r->n_groups == 0)
        return;
    char *groups[PATUH_MAX_GROUPS + 1];
    for (size_t g = 0; g < r->n_groups; g++)
        groups[g] = r->groups[g];
    groups[r->n_groups] = NULL;
    lxw_data_validation v = {.validate = LXW_VALIDATION_TYPE_LIST, .value_list = groups};
    xlsx_fail(x, worksheet_data_validation_range(ws, 1, 2, 5000, 2, &v));
    worksheet_freeze_panes(ws, 1, 0);
}

/* The answers sheet: filter buttons on, and protected so only the answer cells change,
 * while filtering, sorting and resizing columns and rows stay allowed. */
static void xl_answers(xl_form *f, const patuh_rubric *r, patuh_agency *const *agencies, size_t n)
{
    lxw_protection prot = {.format_columns = 1, .format_rows = 1, .autofilter = 1, .sort = 1};
    if (!(f->answers = xl_sheet(f, f->en ? "Answers" : "Jawaban")))
        return;
    for (lxw_col_t c = 0; c < N_COLS; c++) {
        xlsx_fail(f->x, worksheet_set_column(f->answers, c, c, answer_width(f, c), NULL));
        xlsx_str(f->x, f->answers, 0, c, answer_heads[f->en][c], f->head);
    }
    worksheet_freeze_panes(f->answers, 1, COL_IND + 1);
    each_agency_row(r, agencies, n, xl_row, f);
    xlsx_fail(f->x, worksheet_autofilter(f->answers, 0, 0, f->row, N_COLS - 1));
    worksheet_protect(f->answers, NULL, &prot);
    worksheet_activate(f->answers); /* the sheet the assessor works in opens first */
}
patuh_status form_xlsx_write(const patuh_rubric *r, patuh_agency *const *agencies, size_t n,
                             const form_fill *fill, const char *tmp, const char *path,
                             const patuh_report_options *opt, patuh_diags *diags)
{
    size_t rows = 0; /* checked before anything is written or held */
    each_agency_row(r, agencies, n, count_row, &rows);
    if (rows > XLSX_ROWS_MAX) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, path, 0, 0,
                        "the form has %zu answer rows, more than the limit of %d of an XLSX "
                        "form, expected fewer agencies or units, or a CSV or YAML form",
                        rows, XLSX_ROWS_MAX);
        return PATUH_EINVALID;
    }
    xlsx_ctx x = {.rubric = r, .opt = opt};
    bool *listed = calloc(2 * r->n_scales + 1, sizeof *listed);
    if (!listed)
        return PATUH_ENOMEM;
    patuh_status st = xlsx_open(&x, tmp, path, r->title ? r->title : r->id, REPORT_L_FORM_SUBJECT,
                                NULL, 0, diags);
    if (st != PATUH_OK) {
        free(listed);
        return st;
    }
    const char *slash = strrchr(path, '/');
    xl_form f = {.x = &x,
                 .wb = x.wb,
                 .blank = n == 0,
                 .en = opt->lang == PATUH_LANG_EN,
                 .rubric_path = r->path,
                 .file_name = slash ? slash + 1 : path,
                 .rubric = r,
                 .listed = listed,
                 .fill = fill};
    xl_formats(&f);
    xl_instructions(&f, r);
    xl_agencies(&f, r, agencies, n);
    if ((f.lists = xl_sheet(&f, f.en ? "Lists" : "Daftar")))
        worksheet_hide(f.lists); /* the dropdowns' entries */
    xl_answers(&f, r, agencies, n);
    free(listed);
    return xlsx_close(&x, path, diags);
}
/* ---- text forms --------------------------------------------------------------------------- */

typedef struct text_form {
    FILE *out;
    report_csv csv; /* the CSV form's writer */
    const patuh_rubric *rubric;
    bool nomem;
} text_form;

/* The YAML escape of the character at s, its length in *n; NULL for one written as it is.
 * Line breaks YAML knows (LF, CR, NEL, U+2028, U+2029) and other control characters are
 * escaped, so no text can end a line of the form early (doc/robustness.md). */
static const char *yaml_escape(const unsigned char *s, size_t *n, char buf[8])
{
    *n = 1;
    switch (s[0]) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    default: break;
    }
    if (s[0] < 0x20 || s[0] == 0x7f) {
        snprintf(buf, 8, "\\x%02x", s[0]);
        return buf;
    }
    if (s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f) {
        *n = 2;
        snprintf(buf, 8, "\\u%04x", s[1]);
        return buf;
    }
    if (s[0] == 0xe2 && s[1] == 0x80 && (s[2] == 0xa8 || s[2] == 0xa9)) {
        *n = 3;
        return s[2] == 0xa8 ? "\\L" : "\\P";
    }
    return NULL;
}

/* A YAML double-quoted scalar (report.h). */
void yaml_str(FILE *out, const char *s)
{
    char buf[8];
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p;) {
        size_t n;
        const char *e = yaml_escape(p, &n, buf);
        if (e)
            fputs(e, out);
        else
            fputc(*p, out);
        p += n;
    }
    fputc('"', out);
}

/* A mapping key: plain when it is letters, digits, '.', '_' and '-' from a letter or digit
 * (every shipped id), else double-quoted, so an id such as "a: b" or "#1" keeps the form
 * valid YAML. */
static void yaml_key(FILE *out, const char *s)
{
    bool plain = s && isalnum((unsigned char)s[0]);
    for (const char *p = s; plain && *p; p++)
        plain = isalnum((unsigned char)*p) || strchr("._-", *p);
    if (plain)
        fputs(s, out);
    else
        yaml_str(out, s);
}

/* Text on one line for a comment: every line break and control character a space
 * (report.h). */
void comment_text(FILE *out, const char *s)
{
    char buf[8];
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p;) {
        size_t n;
        bool control = *p != '"' && *p != '\\' && yaml_escape(p, &n, buf);
        if (!control)
            n = 1;
        if (control)
            fputc(' ', out);
        else
            fputc(*p, out);
        p += n;
    }
}

static void yaml_agency(FILE *out, const patuh_rubric *r, const patuh_agency *a)
{
    fputs("  - agency: {id: ", out);
    yaml_str(out, a->id);
    const char *fields[] = {
        "name",   a->name,   "group",  a->group >= 0 ? r->groups[a->group] : NULL,
        "region", a->region, "period", a->period};
    for (size_t i = 0; i < 8; i += 2) {
        if (!fields[i + 1])
            continue;
        fprintf(out, ", %s: ", fields[i]);
        yaml_str(out, fields[i + 1]);
    }
    fputs("}\n", out);
}

static void yaml_answer(FILE *out, const patuh_node *ind, int indent)
{
    char *choices = choices_text(ind);
    fprintf(out, "%*s", indent, "");
    yaml_key(out, ind->id);
    fputs(":    # ", out);
    comment_text(out, ind_text(ind));
    fprintf(out, "\n%*s      # %s\n", indent, "", choices ? choices : "");
    free(choices);
}

static void yaml_units(FILE *out, const patuh_rubric *r, const patuh_agency *a, const patuh_unit *u,
                       int indent)
{
    if (u->n_units == 0) {
        fprintf(out, "%*sanswers:\n", indent, "");
        for (size_t i = 0; i < r->n_indicators; i++)
            if (applies(a, r->indicators[i]))
                yaml_answer(out, r->indicators[i], indent + 2);
        return;
    }
    fprintf(out, "%*sunits:\n", indent, "");
    for (size_t i = 0; i < u->n_units; i++) {
        fprintf(out, "%*s- id: ", indent, "");
        yaml_str(out, u->units[i]->id);
        fputc('\n', out);
        yaml_units(out, r, a, u->units[i], indent + 2);
    }
}

static void write_yaml(const patuh_batch *batch, FILE *out)
{
    const patuh_rubric *r = batch->rubric;
    fputs("# patuh form: ", out);
    comment_text(out, r->title ? r->title : r->id);
    fprintf(out,
            "\n# fill in each value; leave it empty when unknown, na where allowed\n"
            "patuh: %d\nrubric: ",
            PATUH_FORMAT_VERSION);
    yaml_str(out, r->id);
    fputc('\n', out);
    if (batch->n_agencies == 0) {
        fputs("agency: {id: \"\", name: \"\", group: \"\", region: \"\", period: \"\"}\n", out);
        fputs("answers:\n", out);
        for (size_t i = 0; i < r->n_indicators; i++)
            yaml_answer(out, r->indicators[i], 2);
        return;
    }
    fputs("agencies:\n", out);
    for (size_t k = 0; k < batch->n_agencies; k++) {
        yaml_agency(out, r, batch->agencies[k]);
        yaml_units(out, r, batch->agencies[k], &batch->agencies[k]->root, 4);
    }
}

static void csv_row(void *arg, const patuh_agency *a, const patuh_unit *u, const patuh_node *ind)
{
    text_form *t = arg;
    char *choices = choices_text(ind);
    const char *group = a && a->group >= 0 ? t->rubric->groups[a->group] : NULL;
    const char *cells[] = {a ? a->id : "",
                           u && u->path ? u->path : "",
                           u && u->parent && u->name ? u->name : "",
                           ind->id,
                           "",
                           "",
                           "",
                           a ? a->name : NULL,
                           group,
                           a ? a->region : NULL,
                           a ? a->period : NULL,
                           t->rubric->id,
                           ind_text(ind),
                           choices};
    const size_t n = sizeof cells / sizeof cells[0];
    if (!choices)
        t->nomem = true;
    for (size_t i = 0; i < n; i++)
        report_csv_text(&t->csv, cells[i]);
    report_csv_end(&t->csv);
    free(choices);
}

/* What one form write needs, for atomic_write. */
typedef struct form_job {
    const patuh_batch *batch;
    bool csv;
    const patuh_report_options *opt;
} form_job;

static patuh_status write_text(void *ctx, FILE *out, patuh_diags *diags)
{
    (void)diags;
    const form_job *job = ctx;
    text_form t = {.rubric = job->batch->rubric, .out = out};
    if (job->csv) { /* the names of doc/formats.md §3.7 4, Indonesian unless --lang en */
        static const char *const head_en[] = {
            "agency",   "unit",   "unit_name",      "indicator", "value",
            "evidence", "note",   "agency_name",    "group",     "region",
            "period",   "rubric", "indicator_text", "choices"};
        static const char *const head_id[] = {
            "instansi", "unit",    "nama_unit",      "indikator", "nilai",
            "bukti",    "catatan", "nama_instansi",  "kelompok",  "wilayah",
            "periode",  "rubrik",  "teks_indikator", "pilihan"};
        _Static_assert(sizeof head_en == sizeof head_id, "one name per column in both languages");
        t.csv = report_csv_start(out, &report_csv_form);
        const char *const *head = job->opt->lang == PATUH_LANG_EN ? head_en : head_id;
        for (size_t i = 0; i < sizeof head_en / sizeof head_en[0]; i++)
            report_csv_text(&t.csv, head[i]);
        report_csv_end(&t.csv);
        each_row(job->batch, csv_row, &t);
    } else {
        write_yaml(job->batch, out);
    }
    return t.nomem ? PATUH_ENOMEM : PATUH_OK;
}

static patuh_status form_job_write(void *ctx, const char *tmp, const char *path, patuh_diags *diags)
{
    const form_job *job = ctx;
    if (str_ends_with(path, ".xlsx"))
        return form_xlsx_write(job->batch->rubric, job->batch->agencies, job->batch->n_agencies,
                               NULL, tmp, path, job->opt, diags);
    return atomic_write_text(tmp, path, write_text, ctx, diags);
}

patuh_status patuh_template_write(const patuh_batch *batch, const char *path,
                                  const patuh_report_options *opt, patuh_diags *diags)
{
    if (!batch || !path || !diags)
        return PATUH_EARG;
    patuh_report_options o = {0};
    if (opt)
        o = *opt;
    form_job job = {batch, str_ends_with(path, ".csv"), &o};
    return atomic_write(path, form_job_write, &job, diags);
}
