/* report_xlsx_book.c — what every workbook of patuh shares (score, gaps, compare): cells that
 * fit their column widths, sheets set up for print (A4, header rows repeated; for a scored
 * batch also the orientation and scale from the widths, the title and page numbers in the
 * page header and footer), header cells, labels from the rubric's names, the local report
 * time, colour scales, the formats, and opening and closing a workbook with its document
 * properties, reporting libxlsxwriter's errors as diagnostics. */
#include "report/report_xlsx.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define XLSX_PAPER_A4 9
/* A4 printable width in pixels at 96 dpi with 0.4 in side margins, and the smallest print
 * scale that keeps 11 pt cells at 8 pt or more (doc/formats.md §4.5) */
#define XLSX_MARGIN_SIDE    0.4
#define XLSX_PAGE_LANDSCAPE ((11.69 - 2 * XLSX_MARGIN_SIDE) * 96)
#define XLSX_PAGE_PORTRAIT  ((8.27 - 2 * XLSX_MARGIN_SIDE) * 96)
#define XLSX_SCALE_MIN      0.75
#define XLSX_RED            0xF8696B
#define XLSX_YELLOW         0xFFEB84
#define XLSX_GREEN          0x63BE7B

/* ---- cells -------------------------------------------------------------------------- */

void xlsx_fail(xlsx_ctx *x, lxw_error e)
{
    if (e != LXW_NO_ERROR && x->err == LXW_NO_ERROR)
        x->err = e;
}

void xlsx_fit(xlsx_ctx *x, lxw_col_t col, double w)
{
    if (x->widths && col < x->n_widths && w > x->widths[col])
        x->widths[col] = w;
}

void xlsx_cap(xlsx_ctx *x, lxw_col_t col, double w)
{
    if (x->widths && col < x->n_widths && w < x->widths[col])
        x->widths[col] = w;
}

size_t xlsx_cut(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return n;
    n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

void xlsx_str(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
              lxw_format *fmt)
{
    if (!s || x->err != LXW_NO_ERROR)
        return;
    if (!fmt) /* plain text stands one space off a right-aligned number to its left */
        fmt = x->text;
    xlsx_fit(x, col, (double)report_utf8_width(s) + (fmt == x->text));
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

void xlsx_num(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v,
              lxw_format *fmt)
{
    if (isnan(v) || x->err != LXW_NO_ERROR)
        return;
    xlsx_fit(x, col, 7.0);
    xlsx_fail(x, worksheet_write_number(ws, row, col, v, fmt));
}

void xlsx_score(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v)
{
    xlsx_num(x, ws, row, col, report_round(x->rubric, v), x->score);
}

unsigned xlsx_lines(size_t width, double col_width)
{
    double lines = ceil((double)width / (col_width > 1 ? col_width : 1));
    return lines < 1 ? 1 : lines > 20 ? 20 : (unsigned)lines;
}

void xlsx_head_lines(xlsx_ctx *x, const char *text)
{
    unsigned lines = xlsx_lines(report_utf8_width(text), XLSX_HEAD_WIDTH);
    if (lines > x->head_lines)
        x->head_lines = lines;
}

void xlsx_wrap_row(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, unsigned lines)
{
    if (lines > 1 && x->err == LXW_NO_ERROR)
        xlsx_fail(x, worksheet_set_row(ws, row, XLSX_LINE_HEIGHT * lines, x->top));
}

static void xlsx_head_write(xlsx_ctx *x, lxw_worksheet *ws, lxw_col_t col, const char *text,
                            lxw_format *fmt)
{
    xlsx_head_lines(x, text);
    double w = x->widths && col < x->n_widths ? x->widths[col] : 0;
    xlsx_str(x, ws, x->head_row, col, text, fmt);
    if (x->widths && col < x->n_widths && x->widths[col] > XLSX_HEAD_WIDTH)
        x->widths[col] = w > XLSX_HEAD_WIDTH ? w : XLSX_HEAD_WIDTH;
}

void xlsx_head_cell(xlsx_ctx *x, lxw_worksheet *ws, lxw_col_t col, const char *text)
{
    xlsx_head_write(x, ws, col, text, x->head);
}

void xlsx_head_num(xlsx_ctx *x, lxw_worksheet *ws, lxw_col_t col, const char *text)
{
    xlsx_head_write(x, ws, col, text, x->head_num);
}

const char *xlsx_label(const char *slug, char *buf, size_t size)
{
    if (!slug || size == 0)
        return slug;
    size_t n = xlsx_cut(slug, size - 1);
    for (size_t i = 0; i < n; i++)
        buf[i] = slug[i] == '-' || slug[i] == '_' ? ' ' : slug[i];
    buf[n] = '\0';
    if (buf[0] >= 'a' && buf[0] <= 'z')
        buf[0] = (char)(buf[0] - 'a' + 'A');
    return buf;
}

/* The Indonesian zones by their offset; others are named by the offset alone. */
static const char *xlsx_zone_name(int32_t offset)
{
    return offset == 7 * 3600   ? "WIB "
           : offset == 8 * 3600 ? "WITA "
           : offset == 9 * 3600 ? "WIT "
                                : "";
}

void xlsx_local_time(const xlsx_ctx *x, bool iso, char *buf, size_t size)
{
    static const char *const months[2][12] = {
        {"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
         "Oktober", "November", "Desember"},
        {"January", "February", "March", "April", "May", "June", "July", "August", "September",
         "October", "November", "December"}};
    int32_t off = x->opt->utc_offset;
    time_t tt = (time_t)(x->opt->time + off);
    struct tm tm;
    buf[0] = '\0';
    if (x->opt->time < 0 || x->opt->time > PATUH_TIME_MAX || !gmtime_r(&tt, &tm))
        return;
    char zone[32];
    int32_t a = off < 0 ? -off : off;
    snprintf(zone, sizeof zone, "%s(UTC%c%02d:%02d)", xlsx_zone_name(off), off < 0 ? '-' : '+',
             (int)(a / 3600), (int)(a / 60 % 60));
    bool en = x->opt->lang == PATUH_LANG_EN;
    if (iso)
        snprintf(buf, size, "%04d-%02d-%02d %02d:%02d:%02d %s", tm.tm_year + 1900, tm.tm_mon + 1,
                 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, zone);
    else
        snprintf(buf, size, "%d %s %04d, %02d%c%02d %s", tm.tm_mday, months[en][tm.tm_mon],
                 tm.tm_year + 1900, tm.tm_hour, en ? ':' : '.', tm.tm_min, zone);
}

/* ---- sheets ------------------------------------------------------------------------- */

/* text with Excel's header/footer control character & doubled, at most max bytes. */
static void xlsx_hf_text(const char *text, char *buf, size_t max)
{
    size_t n = 0;
    for (const char *p = text; *p && n + 2 < max; p++) {
        if ((*p & 0xC0) != 0x80 && n + 8 >= max)
            break; /* room for a whole character */
        if (*p == '&')
            buf[n++] = '&';
        buf[n++] = *p;
    }
    buf[n] = '\0';
}

/* Printed pages carry the title in the header and the sheet and page numbers in the
 * footer. */
static void xlsx_header_footer(xlsx_ctx *x, lxw_worksheet *ws, const char *sheet)
{
    const char *title = x->opt->title ? x->opt->title : x->rubric->title;
    char t[128], name[64], text[LXW_HEADER_FOOTER_MAX];
    xlsx_hf_text(title ? title : "", t, sizeof t);
    xlsx_hf_text(sheet, name, sizeof name);
    worksheet_set_margins(ws, XLSX_MARGIN_SIDE, XLSX_MARGIN_SIDE, 0.6, 0.6);
    snprintf(text, sizeof text, "&L&9%s", t);
    xlsx_fail(x, worksheet_set_header(ws, text));
    bool en = x->opt->lang == PATUH_LANG_EN;
    snprintf(text, sizeof text, "&L&9%s&R&9%s &P %s &N", name, en ? "Page" : "Halaman",
             en ? "of" : "dari");
    xlsx_fail(x, worksheet_set_footer(ws, text));
}

lxw_worksheet *xlsx_sheet(xlsx_ctx *x, report_label_id label)
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
    if (!ws) {
        xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return NULL;
    }
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, XLSX_PAPER_A4);
    worksheet_fit_to_pages(ws, 1, 0);
    xlsx_fail(x, worksheet_repeat_rows(ws, 0, 0));
    if (x->batch)
        xlsx_header_footer(x, ws, name);
    return ws;
}

void xlsx_print_across(xlsx_ctx *x, lxw_worksheet *ws, lxw_col_t keep)
{
    if (x->err != LXW_NO_ERROR)
        return;
    ws->fit_page = 0; /* undo xlsx_sheet's one page wide: a wide table would shrink to ~4 pt */
    worksheet_set_print_scale(ws, XLSX_PRINT_SCALE);
    xlsx_fail(x, worksheet_repeat_columns(ws, 0, keep));
}

/* Portrait, landscape one page wide, or across pages: see xlsx_widths_begin. */
static void xlsx_print_layout(xlsx_ctx *x, lxw_worksheet *ws, double pixels)
{
    if (x->err != LXW_NO_ERROR)
        return;
    if (pixels <= XLSX_PAGE_PORTRAIT) {
        worksheet_set_portrait(ws);
    } else if (pixels * XLSX_SCALE_MIN <= XLSX_PAGE_LANDSCAPE || x->keep_cols < 0) {
        worksheet_set_landscape(ws);
    } else {
        worksheet_set_landscape(ws);
        xlsx_print_across(x, ws, (lxw_col_t)x->keep_cols);
    }
    xlsx_fail(x, worksheet_repeat_rows(ws, x->head_row, x->head_row + x->head_rows - 1));
}

bool xlsx_widths_begin(xlsx_ctx *x, size_t cols)
{
    x->head_row = 0;
    x->head_rows = 1;
    x->keep_cols = -1;
    x->print_cols = 0;
    free(x->widths);
    x->widths = calloc(cols ? cols : 1, sizeof *x->widths);
    x->n_widths = x->widths ? cols : 0;
    x->head_lines = 1;
    if (!x->widths)
        xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    return x->widths != NULL;
}

void xlsx_widths_apply(xlsx_ctx *x, lxw_worksheet *ws)
{
    double pixels = 0;
    for (size_t c = 0; c < x->n_widths && x->err == LXW_NO_ERROR; c++) {
        double w = x->widths[c] + 2.0;
        w = w < XLSX_WIDTH_MIN ? XLSX_WIDTH_MIN : w > XLSX_WIDTH_MAX ? XLSX_WIDTH_MAX : w;
        if (x->print_cols == 0 || c < x->print_cols)
            pixels += floor(w * 7 + 5); /* Calibri 11: 7 px a character, 5 px of padding */
        xlsx_fail(x, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL));
    }
    if (x->head_lines > 1 && x->err == LXW_NO_ERROR)
        xlsx_fail(x, worksheet_set_row(ws, x->head_row, XLSX_LINE_HEIGHT * x->head_lines, NULL));
    if (x->print_cols && x->err == LXW_NO_ERROR)
        xlsx_fail(x,
                  worksheet_print_area(ws, 0, 0, LXW_ROW_MAX - 1, (lxw_col_t)(x->print_cols - 1)));
    if (x->batch)
        xlsx_print_layout(x, ws, pixels);
    free(x->widths);
    x->widths = NULL;
    x->n_widths = 0;
}

void xlsx_color_scale(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t r0, lxw_col_t c0, lxw_row_t r1,
                      lxw_col_t c1, double lo, double hi)
{
    if (x->err != LXW_NO_ERROR || r1 < r0 || c1 < c0)
        return;
    lxw_conditional_format cf = {
        .type = LXW_CONDITIONAL_3_COLOR_SCALE,
        .min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER,
        .min_value = lo,
        .min_color = XLSX_RED,
        .mid_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER,
        .mid_value = (lo + hi) / 2,
        .mid_color = XLSX_YELLOW,
        .max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER,
        .max_value = hi,
        .max_color = XLSX_GREEN,
    };
    xlsx_fail(x, worksheet_conditional_format_range(ws, r0, c0, r1, c1, &cf));
}

/* ---- the workbook ------------------------------------------------------------------- */

static lxw_format *xlsx_format(xlsx_ctx *x)
{
    lxw_format *f = workbook_add_format(x->wb);
    if (!f)
        xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    return f;
}

static void xlsx_zone_formats(xlsx_ctx *x, const char *const *colors, size_t n)
{
    x->zones = calloc(n ? n : 1, sizeof *x->zones);
    if (!x->zones) {
        xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    for (size_t z = 0; z < n && x->err == LXW_NO_ERROR; z++) {
        unsigned rgb;
        if (!report_color_rgb(colors[z], &rgb) || !(x->zones[z] = xlsx_format(x)))
            continue;
        format_set_pattern(x->zones[z], LXW_PATTERN_SOLID);
        format_set_bg_color(x->zones[z], (lxw_color_t)rgb);
        /* a dark fill (such as hitam) takes white text */
        unsigned luma = ((rgb >> 16) * 299 + ((rgb >> 8) & 0xFF) * 587 + (rgb & 0xFF) * 114);
        if (luma < 128000)
            format_set_font_color(x->zones[z], LXW_COLOR_WHITE);
    }
}

static void xlsx_formats(xlsx_ctx *x, const char *const *colors, size_t n_zones)
{
    char numfmt[24] = "0";
    int d = x->rubric ? x->rubric->decimals : x->decimals;
    d = d < 0 ? 0 : d > 15 ? 15 : d;
    if (d > 0)
        snprintf(numfmt, sizeof numfmt, "0.%.*s", d, "000000000000000");
    if (!(x->head = xlsx_format(x)) || !(x->head_num = xlsx_format(x)) ||
        !(x->title = xlsx_format(x)) || !(x->answer = xlsx_format(x)) ||
        !(x->text = xlsx_format(x)) || !(x->center = xlsx_format(x)) ||
        !(x->num_left = xlsx_format(x)) || !(x->bold = xlsx_format(x)) ||
        !(x->score = xlsx_format(x)) || !(x->percent = xlsx_format(x)) ||
        !(x->wrap = xlsx_format(x)) || !(x->whole = xlsx_format(x)) || !(x->top = xlsx_format(x)) ||
        !(x->signed_score = xlsx_format(x)) || !(x->signed_whole = xlsx_format(x)))
        return;
    format_set_bold(x->head);
    format_set_text_wrap(x->head);
    format_set_align(x->head, LXW_ALIGN_VERTICAL_TOP);
    format_set_bottom(x->head, LXW_BORDER_THIN);
    format_set_bold(x->head_num);
    format_set_text_wrap(x->head_num);
    format_set_align(x->head_num, LXW_ALIGN_VERTICAL_TOP);
    format_set_align(x->head_num, LXW_ALIGN_RIGHT);
    format_set_bottom(x->head_num, LXW_BORDER_THIN);
    format_set_indent(x->text, 1);
    format_set_align(x->center, LXW_ALIGN_CENTER);
    format_set_align(x->num_left, LXW_ALIGN_LEFT);
    format_set_indent(x->num_left, 1);
    format_set_bold(x->title);
    format_set_font_size(x->title, 14);
    format_set_num_format(x->answer, "0.00");
    format_set_bold(x->bold);
    format_set_num_format(x->score, numfmt);
    format_set_num_format(x->percent, "0.0%");
    format_set_num_format(x->whole, "0");
    /* changes show their sign: +1.25, -0.50, 0.00 */
    char signed_fmt[3 * sizeof numfmt + 8]; /* three numfmt and the signs: never cut */
    snprintf(signed_fmt, sizeof signed_fmt, "+%s;-%s;%s", numfmt, numfmt, numfmt);
    format_set_num_format(x->signed_score, signed_fmt);
    format_set_num_format(x->signed_whole, "+0;-0;0");
    format_set_text_wrap(x->wrap);
    /* cells in rows that a wrapped text makes taller read from the top */
    lxw_format *tops[] = {x->top,     x->wrap,  x->bold,         x->score,
                          x->percent, x->whole, x->signed_score, x->signed_whole,
                          x->answer,  x->text,  x->center};
    for (size_t i = 0; i < sizeof tops / sizeof tops[0]; i++)
        format_set_align(tops[i], LXW_ALIGN_VERTICAL_TOP);
    xlsx_zone_formats(x, colors, n_zones);
}

/* Document properties; the creation time makes the file reproducible. */
static void xlsx_properties(xlsx_ctx *x, const char *title_text, report_label_id subject)
{
    patuh_lang lang = x->opt->lang;
    char *title = str_ndup(title_text, xlsx_cut(title_text, 255));
    char *sub = str_dup(report_label(subject, lang));
    char *keys = str_dup(report_label(REPORT_L_KEYWORDS, lang));
    char *comments = str_dup(report_label(REPORT_L_COMMENTS, lang));
    char author[] = "patuh";
    if (!title || !sub || !keys || !comments)
        xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    lxw_doc_properties props = {.title = title,
                                .subject = sub,
                                .author = author,
                                .company = author,
                                .keywords = keys,
                                .comments = comments,
                                .created = (time_t)x->opt->time};
    if (x->err == LXW_NO_ERROR)
        xlsx_fail(x, workbook_set_properties(x->wb, &props));
    free(title);
    free(sub);
    free(keys);
    free(comments);
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

void xlsx_time_text(int64_t t, char *buf, size_t size)
{
    time_t tt = (time_t)t;
    struct tm tm;
    buf[0] = '\0';
    if (t >= 0 && t <= PATUH_TIME_MAX && gmtime_r(&tt, &tm))
        strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The one check of the report time: libxlsxwriter cannot format a year past 9999 (it
 * crashed on SOURCE_DATE_EPOCH=99999999999999999). */
static patuh_status xlsx_time_check(const patuh_report_options *opt, const char *name,
                                    patuh_diags *diags)
{
    if (opt && opt->time >= 0 && opt->time <= PATUH_TIME_MAX)
        return PATUH_OK;
    patuh_diags_add(diags, PATUH_SEV_ERROR, name, 0, 0,
                    "report time %lld is out of range, expected seconds from 0 to %lld "
                    "(9999-12-31 23:59:59 UTC)",
                    opt ? (long long)opt->time : -1LL, (long long)PATUH_TIME_MAX);
    return PATUH_EARG;
}

patuh_status xlsx_open(xlsx_ctx *x, const char *path, const char *name, const char *title,
                       report_label_id subject, const char *const *zone_colors, size_t n_zones,
                       patuh_diags *diags)
{
    patuh_status st = xlsx_time_check(x->opt, name, diags);
    if (st == PATUH_OK)
        st = xlsx_probe(path, name, diags);
    if (st != PATUH_OK)
        return st;
    x->diags = diags;
    x->wb = workbook_new(path);
    if (!x->wb) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, name, 0, 0, "cannot create the workbook '%s'",
                        name);
        return PATUH_EIO;
    }
    xlsx_properties(x, title ? title : "", subject);
    xlsx_formats(x, zone_colors, n_zones);
    return PATUH_OK;
}

patuh_status xlsx_close(xlsx_ctx *x, const char *name, patuh_diags *diags)
{
    lxw_error closed = workbook_close(x->wb); /* frees the workbook, also on failure */
    lxw_error e = x->err != LXW_NO_ERROR ? x->err : closed;
    free(x->zones);
    free(x->widths);
    x->wb = NULL;
    if (e == LXW_NO_ERROR)
        return PATUH_OK;
    if (e == LXW_ERROR_MEMORY_MALLOC_FAILED)
        return PATUH_ENOMEM;
    patuh_diags_add(diags, PATUH_SEV_ERROR, name, 0, 0, "cannot write '%s': %s", name,
                    lxw_strerror(e));
    return PATUH_EIO;
}
