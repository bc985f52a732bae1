/* report_table.c — the ranking as aligned columns for a terminal: rank, group rank, id, name,
 * group, total, band, zone, then one column per top-level section. Widths come from the
 * content, counted in code points; numbers are right-aligned; a dropped score shows "-".
 * With opt->color the zone cell is painted in the zone's colour (24-bit ANSI). */
#include "report/report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum table_col {
    T_RANK,
    T_GROUP_RANK,
    T_ID,
    T_NAME,
    T_GROUP,
    T_TOTAL,
    T_BAND,
    T_ZONE,
    T_COVERAGE,
    T_FIXED
};

static const report_label_id table_heads[T_FIXED] = {
    REPORT_L_RANK,     REPORT_L_GROUP_RANK_SHORT,
    REPORT_L_ID,       REPORT_L_NAME,
    REPORT_L_GROUP,    REPORT_L_TOTAL,
    REPORT_L_BAND,     REPORT_L_ZONE,
    REPORT_L_COVERAGE,
};

static bool table_is_number(size_t col)
{
    return col == T_RANK || col == T_GROUP_RANK || col == T_TOTAL || col == T_COVERAGE ||
           col >= T_FIXED;
}

static const char *table_score(const patuh_rubric *rubric, double v, char *buf, size_t size)
{
    return isnan(v) ? "-" : report_number(rubric, v, buf, size);
}

/* A rank, or "-" for an agency not ranked (doc/scoring.md §12). */
static const char *table_rank(size_t rank, char *buf, size_t size)
{
    if (rank == 0)
        return "-";
    snprintf(buf, size, "%zu", rank);
    return buf;
}

/* The columns: the fixed ones, one per top-level section, and with penalties `Potongan`. */
static size_t table_cols(const patuh_rubric *rubric)
{
    return T_FIXED + rubric->root->n_children + (rubric->n_penalties > 0);
}

/* What the penalties take off an agency's total, as a negative number (doc/scoring.md §15);
 * "-" without a total. */
static const char *table_deduction(const patuh_rubric *rubric, const patuh_agency *a, char *buf,
                                   size_t size)
{
    if (isnan(a->total))
        return "-";
    double sum = 0;
    for (size_t i = 0; i < rubric->n_penalties; i++)
        sum += patuh_penalty_deduction(rubric, a, rubric->penalties[i]);
    return report_number(rubric, sum > 0 ? -sum : 0, buf, size);
}

/* The text of one cell as held; a == NULL is the header row. Returns buf or a borrowed string. */
static const char *table_cell_raw(const patuh_batch *batch, const patuh_agency *a, size_t col,
                                  patuh_lang lang, char *buf, size_t size)
{
    const patuh_rubric *rubric = batch->rubric;
    if (col >= T_FIXED + rubric->root->n_children)
        return a ? table_deduction(rubric, a, buf, size) : report_label(REPORT_L_DEDUCTION, lang);
    if (col >= T_FIXED) {
        const patuh_node *node = rubric->root->children[col - T_FIXED];
        return a ? table_score(rubric, report_node_score(batch, a, node), buf, size) : node->id;
    }
    if (!a)
        return report_label(table_heads[col], lang);
    const patuh_zone *zone = report_zone(rubric, a);
    switch ((enum table_col)col) {
    case T_RANK: return table_rank(a->rank, buf, size);
    case T_GROUP_RANK: return table_rank(a->group_rank, buf, size);
    case T_COVERAGE: return report_coverage(a, buf, size);
    case T_ID: return a->id;
    case T_NAME: return a->name;
    case T_GROUP: return report_group(rubric, a);
    case T_TOTAL: return table_score(rubric, a->total, buf, size);
    case T_BAND: return report_band_id(rubric, a);
    default: return zone ? zone->name : "";
    }
}

/* The text of one cell made safe for a terminal: ids and names from the answers, section ids,
 * groups, bands and zones from the rubric alike (report_term_text). */
static const char *table_cell(const patuh_batch *batch, const patuh_agency *a, size_t col,
                              patuh_lang lang, char *buf, size_t size)
{
    char held[256];
    const char *safe =
        report_term_text(table_cell_raw(batch, a, col, lang, held, sizeof held), buf, size);
    if (safe != held)
        return safe;
    snprintf(buf, size, "%s", held); /* held is gone on return */
    return buf;
}

/* A zone colour -> an ANSI sequence painting the background, black text; false if malformed. */
static bool table_color(const char *hex, char *buf, size_t size)
{
    unsigned rgb;
    if (!report_color_rgb(hex, &rgb))
        return false;
    snprintf(buf, size, "\033[30;48;2;%u;%u;%um", rgb >> 16, (rgb >> 8) & 0xFF, rgb & 0xFF);
    return true;
}

static void table_pad(FILE *out, size_t n)
{
    while (n-- > 0)
        fputc(' ', out);
}

/* Prints one cell padded to width w: right-aligned numbers, left-aligned text. */
static void table_put(FILE *out, const char *text, size_t w, bool right, bool last,
                      const char *color)
{
    size_t len = report_utf8_width(text);
    size_t pad = w > len ? w - len : 0;
    if (right)
        table_pad(out, pad);
    fprintf(out, "%s%s%s", color ? color : "", text, color ? "\033[0m" : "");
    if (!right && !last)
        table_pad(out, pad);
}

static void table_row(FILE *out, const patuh_batch *batch, const patuh_agency *a,
                      const size_t *widths, size_t cols, const patuh_report_options *opt)
{
    char buf[256], color[48];
    for (size_t c = 0; c < cols; c++) {
        const char *paint = NULL;
        if (a && c == T_ZONE && opt->color) {
            const patuh_zone *zone = report_zone(batch->rubric, a);
            if (zone && table_color(zone->color, color, sizeof color))
                paint = color;
        }
        if (c > 0)
            fputs("  ", out);
        const char *text = table_cell(batch, a, c, opt->lang, buf, sizeof buf);
        table_put(out, text, widths[c], table_is_number(c), c + 1 == cols, paint);
    }
    fputc('\n', out);
}

static void table_rule(FILE *out, const size_t *widths, size_t cols)
{
    for (size_t c = 0; c < cols; c++) {
        if (c > 0)
            fputs("  ", out);
        for (size_t i = 0; i < widths[c]; i++)
            fputc('-', out);
    }
    fputc('\n', out);
}

static void table_widths(const patuh_batch *batch, size_t *widths, size_t cols, patuh_lang lang)
{
    char buf[256];
    for (size_t c = 0; c < cols; c++) {
        widths[c] = report_utf8_width(table_cell(batch, NULL, c, lang, buf, sizeof buf));
        for (size_t i = 0; i < batch->n_agencies; i++) {
            if (batch->agencies[i]->assessment == PATUH_NOT_ASSESSED)
                continue;
            size_t w =
                report_utf8_width(table_cell(batch, batch->agencies[i], c, lang, buf, sizeof buf));
            widths[c] = w > widths[c] ? w : widths[c];
        }
    }
}

/* Below the table, when some agency is not ranked: the agencies not assessed, listed apart
 * (they are not rows of the ranking), and how many are ranked, incomplete, not assessed. */
static void table_unranked(FILE *out, const patuh_batch *batch, patuh_lang lang)
{
    if (batch->n_ranked == batch->n_agencies)
        return;
    if (batch->n_not_assessed) {
        fprintf(out, "\n%s (%zu):\n", report_label(REPORT_L_NOT_ASSESSED_HEAD, lang),
                batch->n_not_assessed);
        size_t w = 0;
        for (size_t i = 0; i < batch->n_agencies; i++) {
            size_t n = report_utf8_width(batch->agencies[i]->id);
            w = batch->agencies[i]->assessment == PATUH_NOT_ASSESSED && n > w ? n : w;
        }
        for (size_t i = 0; i < batch->n_agencies; i++) {
            const patuh_agency *a = batch->agencies[i];
            if (a->assessment != PATUH_NOT_ASSESSED)
                continue;
            char id[256], name[512];
            fputs("  ", out);
            table_put(out, report_term_text(a->id, id, sizeof id), w, false, !a->name, NULL);
            fprintf(out, "%s%s\n", a->name ? "  " : "",
                    a->name ? report_term_text(a->name, name, sizeof name) : "");
        }
    }
    char counts[160];
    fprintf(out, "\n%s\n", report_counts(batch, lang, counts, sizeof counts));
}

patuh_status report_write_table(const report_subject *s, FILE *out, const patuh_report_options *opt,
                                patuh_diags *diags)
{
    const patuh_batch *batch = s->batch;
    (void)diags;
    size_t cols = table_cols(batch->rubric);
    size_t *widths = calloc(cols, sizeof *widths);
    if (!widths)
        return PATUH_ENOMEM;
    table_widths(batch, widths, cols, opt->lang);
    table_row(out, batch, NULL, widths, cols, opt);
    table_rule(out, widths, cols);
    for (size_t i = 0; i < batch->n_agencies; i++)
        if (batch->agencies[i]->assessment != PATUH_NOT_ASSESSED)
            table_row(out, batch, batch->agencies[i], widths, cols, opt);
    table_unranked(out, batch, opt->lang);
    free(widths);
    return PATUH_OK;
}
