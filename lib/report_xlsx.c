/* report_xlsx.c — the ranking as an Excel workbook (libxlsxwriter 1.1.4): a ranking sheet as
 * an Excel table with zones filled in their colours, a sheet of every section score and an
 * About sheet that says what produced the file. Strings, sheet names and ranges are checked
 * before libxlsxwriter sees them, so it never prints; the creation time comes from opt->time
 * (SOURCE_DATE_EPOCH), so the same inputs give a byte-identical file. */
#include "report.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <xlsxwriter.h>

#define XLSX_STR_MAX 32767 /* characters in a cell */
#define XLSX_HEAD_MAX 255  /* bytes in a table column name */
#define XLSX_WIDTH_MIN 6.0
#define XLSX_WIDTH_MAX 60.0

enum ranking_col {
    R_RANK, R_GROUP_RANK, R_ID, R_NAME, R_GROUP, R_REGION, R_TOTAL, R_BAND, R_LABEL, R_ZONE,
    R_FIXED
};

static const report_label_id ranking_heads[R_FIXED] = {
    REPORT_L_RANK, REPORT_L_GROUP_RANK, REPORT_L_ID, REPORT_L_NAME, REPORT_L_GROUP,
    REPORT_L_REGION, REPORT_L_TOTAL, REPORT_L_BAND, REPORT_L_LABEL, REPORT_L_ZONE,
};

typedef struct xlsx_ctx {
    const patuh_batch *batch;
    const patuh_rubric *rubric;
    const patuh_report_options *opt;
    lxw_workbook *wb;
    lxw_format *bold, *score;
    lxw_format **zones; /* one per rubric zone; NULL where the colour is malformed */
    double *widths;     /* column widths of the sheet being written */
    size_t n_widths;
    char **heads;       /* table column names, kept until the workbook is closed */
    size_t n_heads;
    lxw_error err;      /* the first error; writing stops there */
} xlsx_ctx;

/* ---- cells -------------------------------------------------------------------------- */

static void xlsx_fail(xlsx_ctx *x, lxw_error e)
{
    if (e != LXW_NO_ERROR && x->err == LXW_NO_ERROR)
        x->err = e;
}

static void xlsx_fit(xlsx_ctx *x, lxw_col_t col, double w)
{
    if (x->widths && col < x->n_widths && w > x->widths[col])
        x->widths[col] = w;
}

/* The longest prefix of s of at most max bytes that ends on a UTF-8 character boundary. */
static size_t xlsx_cut(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return n;
    n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

/* A text cell, cut to what Excel holds; NULL leaves the cell empty. */
static void xlsx_str(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                     const char *s, lxw_format *fmt)
{
    if (!s || x->err != LXW_NO_ERROR)
        return;
    xlsx_fit(x, col, (double)report_utf8_width(s));
    size_t n = xlsx_cut(s, XLSX_STR_MAX);
    if (s[n] == '\0') {
        xlsx_fail(x, worksheet_write_string(ws, row, col, s, fmt));
        return;
    }
    char *cut = str_ndup(s, n);
    if (!cut) {
        xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    xlsx_fail(x, worksheet_write_string(ws, row, col, cut, fmt));
    free(cut);
}

static void xlsx_num(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v,
                     lxw_format *fmt)
{
    if (isnan(v) || x->err != LXW_NO_ERROR)
        return;
    xlsx_fit(x, col, 8.0);
    xlsx_fail(x, worksheet_write_number(ws, row, col, v, fmt));
}

/* A score on 0..max, rounded and shown with rubric->decimals places; NAN stays empty. */
static void xlsx_score(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v)
{
    xlsx_num(x, ws, row, col, report_round(x->rubric, v), x->score);
}

/* ---- sheets and column widths -------------------------------------------------------- */

static lxw_worksheet *xlsx_sheet(xlsx_ctx *x, report_label_id label)
{
    const char *name = report_label(label, x->opt->lang);
    if (x->err != LXW_NO_ERROR)
        return NULL;
    lxw_error e = workbook_validate_sheet_name(x->wb, name);
    if (e != LXW_NO_ERROR) {
        xlsx_fail(x, e);
        return NULL;
    }
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
    if (!ws)
        xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    return ws;
}

static bool xlsx_widths_begin(xlsx_ctx *x, size_t cols)
{
    free(x->widths);
    x->widths = calloc(cols, sizeof *x->widths);
    x->n_widths = x->widths ? cols : 0;
    if (!x->widths)
        xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    return x->widths != NULL;
}

static void xlsx_widths_apply(xlsx_ctx *x, lxw_worksheet *ws)
{
    for (size_t c = 0; c < x->n_widths && x->err == LXW_NO_ERROR; c++) {
        double w = x->widths[c] + 2.0;
        w = w < XLSX_WIDTH_MIN ? XLSX_WIDTH_MIN : w > XLSX_WIDTH_MAX ? XLSX_WIDTH_MAX : w;
        xlsx_fail(x, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL));
    }
    free(x->widths);
    x->widths = NULL;
    x->n_widths = 0;
}

/* ---- the ranking sheet ------------------------------------------------------------- */

static bool xlsx_head_taken(const xlsx_ctx *x, const char *name)
{
    for (size_t i = 0; i < x->n_heads; i++)
        if (strcasecmp(x->heads[i], name) == 0)
            return true;
    return false;
}

/* A unique table column name (Excel rejects duplicates): `text`, or `text (id)` when
 * taken. Stored in x->heads; NULL when out of memory. */
static char *xlsx_head(xlsx_ctx *x, const char *text, const char *id)
{
    size_t n = xlsx_cut(text, XLSX_HEAD_MAX);
    char *head = str_ndup(text, n);
    if (head && id && xlsx_head_taken(x, head)) {
        char *alt = str_printf("%s (%s)", head, id);
        free(head);
        head = alt ? str_ndup(alt, xlsx_cut(alt, XLSX_HEAD_MAX)) : NULL;
        free(alt);
    }
    if (!head)
        return NULL;
    x->heads[x->n_heads++] = head;
    return head;
}

/* The column name of ranking column c. */
static char *ranking_head(xlsx_ctx *x, size_t c)
{
    const patuh_node *root = x->rubric->root;
    size_t k = root->n_children;
    patuh_lang lang = x->opt->lang;
    if (c < R_FIXED)
        return xlsx_head(x, report_label(ranking_heads[c], lang), NULL);
    if (c < R_FIXED + k) {
        const patuh_node *node = root->children[c - R_FIXED];
        return xlsx_head(x, node->title ? node->title : node->id, node->id);
    }
    if (c == R_FIXED + k)
        return xlsx_head(x, report_label(REPORT_L_UNANSWERED, lang), "n");
    return xlsx_head(x, report_label(REPORT_L_CRITICAL_FAILED, lang), "critical");
}

static void ranking_table(xlsx_ctx *x, lxw_worksheet *ws, size_t cols)
{
    lxw_table_column *colv = calloc(cols, sizeof *colv);
    lxw_table_column **colp = calloc(cols + 1, sizeof *colp);
    x->heads = calloc(cols, sizeof *x->heads);
    if (!colv || !colp || !x->heads) {
        xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        goto done;
    }
    for (size_t c = 0; c < cols; c++) {
        colv[c].header = ranking_head(x, c);
        if (!colv[c].header) {
            xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
            goto done;
        }
        xlsx_fit(x, (lxw_col_t)c, (double)report_utf8_width(colv[c].header) + 2.0);
        colp[c] = &colv[c];
    }
    lxw_table_options options = {.style_type = LXW_TABLE_STYLE_TYPE_MEDIUM,
                                 .style_type_number = 2,
                                 .columns = colp};
    lxw_row_t last = x->batch->n_agencies > 0 ? (lxw_row_t)x->batch->n_agencies : 1;
    if (x->err == LXW_NO_ERROR)
        xlsx_fail(x, worksheet_add_table(ws, 0, 0, last, (lxw_col_t)(cols - 1), &options));
done:
    free(colp);
    free(colv);
}

static void ranking_row(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, const patuh_agency *a)
{
    const patuh_rubric *rubric = x->rubric;
    const patuh_node *root = rubric->root;
    const patuh_zone *zone = report_zone(rubric, a);
    lxw_format *fill = zone ? x->zones[zone - rubric->zones] : NULL;
    xlsx_num(x, ws, row, R_RANK, (double)a->rank, NULL);
    xlsx_num(x, ws, row, R_GROUP_RANK, (double)a->group_rank, NULL);
    xlsx_str(x, ws, row, R_ID, a->id, NULL);
    xlsx_str(x, ws, row, R_NAME, a->name, NULL);
    xlsx_str(x, ws, row, R_GROUP, report_group(rubric, a), NULL);
    xlsx_str(x, ws, row, R_REGION, a->region, NULL);
    xlsx_score(x, ws, row, R_TOTAL, a->total);
    xlsx_str(x, ws, row, R_BAND, report_band_id(rubric, a), NULL);
    xlsx_str(x, ws, row, R_LABEL, a->label, NULL);
    xlsx_str(x, ws, row, R_ZONE, zone ? zone->name : NULL, fill);
    lxw_col_t col = R_FIXED;
    for (size_t i = 0; i < root->n_children; i++, col++)
        xlsx_score(x, ws, row, col, report_node_score(x->batch, a, root->children[i]));
    xlsx_num(x, ws, row, col++, (double)a->unanswered, NULL);
    char *critical = report_critical_ids(a, ", ");
    if (!critical)
        xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    else if (*critical)
        xlsx_str(x, ws, row, col, critical, NULL);
    free(critical);
}

static void xlsx_ranking(xlsx_ctx *x)
{
    size_t cols = R_FIXED + x->rubric->root->n_children + 2;
    lxw_worksheet *ws = xlsx_sheet(x, REPORT_L_SHEET_RANKING);
    if (!ws || !xlsx_widths_begin(x, cols))
        return;
    for (size_t i = 0; i < x->batch->n_agencies; i++)
        ranking_row(x, ws, (lxw_row_t)(i + 1), x->batch->agencies[i]);
    ranking_table(x, ws, cols);
    worksheet_freeze_panes(ws, 1, 0);
    xlsx_widths_apply(x, ws);
}

/* ---- the sections sheet: every section (pre-order) per agency ---------------------- */

static bool xlsx_is_section(const patuh_rubric *rubric, size_t i)
{
    return i > 0 && !rubric->nodes[i]->is_indicator;
}

static void sections_header(xlsx_ctx *x, lxw_worksheet *ws)
{
    const patuh_rubric *rubric = x->rubric;
    xlsx_str(x, ws, 0, 0, report_label(REPORT_L_RANK, x->opt->lang), x->bold);
    xlsx_str(x, ws, 0, 1, report_label(REPORT_L_ID, x->opt->lang), x->bold);
    xlsx_str(x, ws, 0, 2, report_label(REPORT_L_NAME, x->opt->lang), x->bold);
    lxw_col_t col = 3;
    for (size_t i = 0; i < rubric->n_nodes && x->err == LXW_NO_ERROR; i++) {
        if (!xlsx_is_section(rubric, i))
            continue;
        const patuh_node *node = rubric->nodes[i];
        char *head = str_printf("%s %s", node->id, node->title ? node->title : "");
        if (!head)
            xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        xlsx_str(x, ws, 0, col++, head, x->bold);
        free(head);
    }
}

static void sections_row(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, const patuh_agency *a)
{
    const patuh_rubric *rubric = x->rubric;
    xlsx_num(x, ws, row, 0, (double)a->rank, NULL);
    xlsx_str(x, ws, row, 1, a->id, NULL);
    xlsx_str(x, ws, row, 2, a->name, NULL);
    lxw_col_t col = 3;
    for (size_t i = 0; i < rubric->n_nodes; i++)
        if (xlsx_is_section(rubric, i))
            xlsx_score(x, ws, row, col++, report_node_score(x->batch, a, rubric->nodes[i]));
}

static void xlsx_sections(xlsx_ctx *x, size_t cols)
{
    lxw_worksheet *ws = xlsx_sheet(x, REPORT_L_SHEET_SECTIONS);
    if (!ws || !xlsx_widths_begin(x, cols))
        return;
    sections_header(x, ws);
    for (size_t i = 0; i < x->batch->n_agencies; i++)
        sections_row(x, ws, (lxw_row_t)(i + 1), x->batch->agencies[i]);
    if (x->err == LXW_NO_ERROR)
        xlsx_fail(x, worksheet_autofilter(ws, 0, 0, (lxw_row_t)x->batch->n_agencies,
                                          (lxw_col_t)(cols - 1)));
    worksheet_freeze_panes(ws, 1, 3);
    xlsx_widths_apply(x, ws);
}

/* ---- the About sheet ---------------------------------------------------------------- */

typedef struct about_sheet {
    xlsx_ctx *x;
    lxw_worksheet *ws;
    lxw_row_t row;
} about_sheet;

/* One row: a label, a text and an optional second text. Stops before the last row. */
static void about_text(about_sheet *s, report_label_id label, const char *text, const char *extra)
{
    if (s->row >= LXW_ROW_MAX)
        return;
    xlsx_str(s->x, s->ws, s->row, 0, report_label(label, s->x->opt->lang), s->x->bold);
    xlsx_str(s->x, s->ws, s->row, 1, text, NULL);
    xlsx_str(s->x, s->ws, s->row, 2, extra, NULL);
    s->row++;
}

static void about_count(about_sheet *s, report_label_id label, double n)
{
    if (s->row >= LXW_ROW_MAX)
        return;
    xlsx_str(s->x, s->ws, s->row, 0, report_label(label, s->x->opt->lang), s->x->bold);
    xlsx_num(s->x, s->ws, s->row, 1, n, NULL);
    s->row++;
}

static void about_time(int64_t t, char *buf, size_t size)
{
    time_t tt = (time_t)t;
    struct tm tm;
    buf[0] = '\0';
    if (gmtime_r(&tt, &tm))
        strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void about_rubric(about_sheet *s)
{
    const patuh_rubric *rubric = s->x->rubric;
    char hex[65];
    sha256_hex(rubric->sha256, hex);
    about_text(s, REPORT_L_VERSION, PATUH_VERSION, NULL);
    about_text(s, REPORT_L_RUBRIC_ID, rubric->id, NULL);
    about_text(s, REPORT_L_RUBRIC_TITLE, rubric->title, NULL);
    if (rubric->authority)
        about_text(s, REPORT_L_AUTHORITY, rubric->authority, NULL);
    if (rubric->year)
        about_count(s, REPORT_L_YEAR, rubric->year);
    about_text(s, REPORT_L_RUBRIC_FILE, rubric->path, NULL);
    about_text(s, REPORT_L_SHA256, hex, NULL);
}

static void about_run(about_sheet *s)
{
    const patuh_batch *batch = s->x->batch;
    const patuh_diags *warnings = s->x->opt->warnings;
    char hex[65], when[32];
    for (size_t i = 0; i < batch->n_inputs; i++) {
        sha256_hex(batch->inputs[i].sha256, hex);
        about_text(s, REPORT_L_INPUT, batch->inputs[i].path, hex);
    }
    about_text(s, REPORT_L_OPTIONS, s->x->opt->options ? s->x->opt->options : "", NULL);
    about_time(s->x->opt->time, when, sizeof when);
    about_text(s, REPORT_L_TIME, when, NULL);
    about_count(s, REPORT_L_N_AGENCIES, (double)batch->n_agencies);
    about_count(s, REPORT_L_N_UNITS, (double)batch->n_units);
    about_count(s, REPORT_L_N_ANSWERS, (double)batch->n_answers);
    about_count(s, REPORT_L_N_WARNINGS, (double)(warnings ? warnings->count : 0));
}

static void about_warnings(about_sheet *s)
{
    const patuh_diags *warnings = s->x->opt->warnings;
    for (size_t i = 0; warnings && i < warnings->count && s->x->err == LXW_NO_ERROR; i++) {
        char *text = report_diag_text(&warnings->items[i]);
        if (!text)
            xlsx_fail(s->x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        about_text(s, REPORT_L_WARNING, text, NULL);
        free(text);
    }
}

static void xlsx_about(xlsx_ctx *x)
{
    about_sheet s = {x, xlsx_sheet(x, REPORT_L_SHEET_ABOUT), 1};
    if (!s.ws)
        return;
    xlsx_str(x, s.ws, 0, 0, report_label(REPORT_L_ABOUT_ITEM, x->opt->lang), x->bold);
    xlsx_str(x, s.ws, 0, 1, report_label(REPORT_L_ABOUT_VALUE, x->opt->lang), x->bold);
    about_rubric(&s);
    about_run(&s);
    about_warnings(&s);
    if (x->err == LXW_NO_ERROR)
        xlsx_fail(x, worksheet_set_column(s.ws, 0, 0, 24, NULL));
    if (x->err == LXW_NO_ERROR)
        xlsx_fail(x, worksheet_set_column(s.ws, 1, 1, 70, NULL));
    if (x->err == LXW_NO_ERROR)
        xlsx_fail(x, worksheet_set_column(s.ws, 2, 2, 66, NULL));
}

/* ---- the workbook ------------------------------------------------------------------- */

static void xlsx_formats(xlsx_ctx *x)
{
    char numfmt[24] = "0";
    int dec = x->rubric->decimals < 0 ? 0 : x->rubric->decimals > 15 ? 15 : x->rubric->decimals;
    if (dec > 0)
        snprintf(numfmt, sizeof numfmt, "0.%.*s", dec, "000000000000000");
    x->bold = workbook_add_format(x->wb);
    x->score = workbook_add_format(x->wb);
    x->zones = calloc(x->rubric->n_zones ? x->rubric->n_zones : 1, sizeof *x->zones);
    if (!x->bold || !x->score || !x->zones) {
        xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    format_set_bold(x->bold);
    format_set_num_format(x->score, numfmt);
    for (size_t z = 0; z < x->rubric->n_zones; z++) {
        unsigned rgb;
        if (!report_color_rgb(x->rubric->zones[z].color, &rgb))
            continue;
        x->zones[z] = workbook_add_format(x->wb);
        if (!x->zones[z]) {
            xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
            return;
        }
        format_set_pattern(x->zones[z], LXW_PATTERN_SOLID);
        format_set_bg_color(x->zones[z], (lxw_color_t)rgb);
    }
}

/* Document properties; the creation time makes the file reproducible. */
static void xlsx_properties(xlsx_ctx *x)
{
    char subject[64], author[] = "patuh";
    snprintf(subject, sizeof subject, "%s", report_label(REPORT_L_SUBJECT, x->opt->lang));
    char *title = str_ndup(x->rubric->title ? x->rubric->title : "",
                           xlsx_cut(x->rubric->title ? x->rubric->title : "", 255));
    if (!title) {
        xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    lxw_doc_properties props = {.title = title, .subject = subject, .author = author,
                                .created = (time_t)x->opt->time};
    xlsx_fail(x, workbook_set_properties(x->wb, &props));
    free(title);
}

/* Refuses a batch that does not fit in a worksheet, before anything is written. */
static patuh_status xlsx_check_size(const patuh_batch *batch, const char *name,
                                    size_t *n_sections, patuh_diags *diags)
{
    const patuh_rubric *rubric = batch->rubric;
    *n_sections = 0;
    for (size_t i = 0; i < rubric->n_nodes; i++)
        *n_sections += xlsx_is_section(rubric, i);
    if (batch->n_agencies >= LXW_ROW_MAX) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, name, 0, 0,
                        "too many agencies for one worksheet: %zu, expected at most %d",
                        batch->n_agencies, LXW_ROW_MAX - 1);
        return PATUH_EINVALID;
    }
    if (*n_sections + R_FIXED + 2 > LXW_COL_MAX) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, name, 0, 0,
                        "too many sections for one worksheet: %zu, expected at most %d",
                        *n_sections, LXW_COL_MAX - R_FIXED - 2);
        return PATUH_EINVALID;
    }
    return PATUH_OK;
}

/* Creates the file first: libxlsxwriter only opens it when closing, and prints when it
 * cannot, so a path it cannot create is reported here instead. */
static patuh_status xlsx_probe(const char *path, const char *name, patuh_diags *diags)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, name, 0, 0, "cannot write '%s': %s", name,
                        strerror(errno));
        return PATUH_EIO;
    }
    fclose(f);
    return PATUH_OK;
}

static patuh_status xlsx_status(lxw_error e, const char *name, patuh_diags *diags)
{
    if (e == LXW_NO_ERROR)
        return PATUH_OK;
    if (e == LXW_ERROR_MEMORY_MALLOC_FAILED)
        return PATUH_ENOMEM;
    patuh_diags_add(diags, PATUH_SEV_ERROR, name, 0, 0, "cannot write '%s': %s", name,
                    lxw_strerror(e));
    return PATUH_EIO;
}

patuh_status report_write_xlsx(const patuh_batch *batch, const char *path, const char *name,
                               const patuh_report_options *opt, patuh_diags *diags)
{
    size_t n_sections;
    patuh_status st = xlsx_check_size(batch, name, &n_sections, diags);
    if (st == PATUH_OK)
        st = xlsx_probe(path, name, diags);
    if (st != PATUH_OK)
        return st;
    xlsx_ctx x = {.batch = batch, .rubric = batch->rubric, .opt = opt};
    x.wb = workbook_new(path);
    if (!x.wb) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, name, 0, 0, "cannot create the workbook '%s'",
                        name);
        return PATUH_EIO;
    }
    xlsx_properties(&x);
    xlsx_formats(&x);
    xlsx_ranking(&x);
    xlsx_sections(&x, n_sections + 3);
    xlsx_about(&x);
    lxw_error closed = workbook_close(x.wb); /* frees the workbook, also on failure */
    st = xlsx_status(x.err != LXW_NO_ERROR ? x.err : closed, name, diags);
    for (size_t i = 0; i < x.n_heads; i++)
        free(x.heads[i]);
    free(x.heads);
    free(x.zones);
    free(x.widths);
    return st;
}
