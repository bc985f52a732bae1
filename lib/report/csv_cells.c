/* csv_cells.c — the one cell writer of every CSV patuh writes (the ranking, gaps and compare
 * reports, the CSV answer form) and its dialects (doc/formats.md §4.3): RFC 4180 with '.' and
 * English column ids, or for spreadsheets in the Indonesian locale a byte order mark, ';',
 * CRLF, a decimal comma and Indonesian column names and words. Text is quoted and guarded
 * against formulas here and nowhere else. */
#include "report/report.h"

#include <string.h>

const report_csv_dialect report_csv_en = {',', '.', false, "\n", PATUH_LANG_EN};
const report_csv_dialect report_csv_id = {';', ',', true, "\r\n", PATUH_LANG_ID};
const report_csv_dialect report_csv_form = {',', '.', false, "\r\n", PATUH_LANG_EN};

const report_csv_dialect *report_csv_dialect_of(const patuh_report_options *opt)
{
    return opt && opt->csv_id ? &report_csv_id : &report_csv_en;
}

report_csv report_csv_start(FILE *out, const report_csv_dialect *d)
{
    if (d->bom)
        fputs("\xEF\xBB\xBF", out); /* Excel reads the file as UTF-8 */
    return (report_csv){.out = out, .d = d};
}

/* The separator before every cell but the first of a row. */
static void csv_sep(report_csv *c)
{
    if (c->cells++)
        fputc(c->d->sep, c->out);
}

void report_csv_end(report_csv *c)
{
    fputs(c->d->eol, c->out);
    c->cells = 0;
}

void report_csv_empty(report_csv *c)
{
    csv_sep(c);
}

/* ---- text -------------------------------------------------------------------------- */

/* Whether a spreadsheet would run the text as a formula. */
static bool csv_is_formula(const char *s)
{
    return s[0] && strchr("=+-@\t\r", s[0]) != NULL;
}

/* Quoted when it holds the separator, ';' (Excel's separator in the Indonesian locale, so
 * `x;=1+1` never splits into a live formula), '"', CR or LF; quotes doubled. */
void report_csv_text(report_csv *c, const char *s)
{
    csv_sep(c);
    if (!s)
        return;
    bool quote = strchr(s, c->d->sep) || strpbrk(s, ";\"\r\n");
    if (quote)
        fputc('"', c->out);
    if (csv_is_formula(s))
        fputc('\'', c->out);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', c->out);
        fputc(*p, c->out);
    }
    if (quote)
        fputc('"', c->out);
}

/* ---- numbers ----------------------------------------------------------------------- */

void report_csv_number(report_csv *c, const char *num)
{
    csv_sep(c);
    for (const char *p = num; *p; p++)
        fputc(*p == '.' ? c->d->decimal : *p, c->out);
}

void report_csv_int(report_csv *c, long long n)
{
    csv_sep(c);
    fprintf(c->out, "%lld", n);
}

void report_csv_bool(report_csv *c, bool v)
{
    csv_sep(c);
    fputs(c->d->lang == PATUH_LANG_ID ? (v ? "ya" : "tidak") : (v ? "true" : "false"), c->out);
}

/* ---- words ------------------------------------------------------------------------- */

/* The words of the status, row and note columns, by their English ids. */
static const char *const csv_words[][2] = {
    {"both", "keduanya"},
    {"added", "baru"},
    {"removed", "hilang"},
    {"earlier", "sebelumnya"},
    {"gap", "kekurangan"},
    {"next_band", "predikat berikutnya"},
    {"next_zone", "zona berikutnya"},
    {"top", "sudah tertinggi"},
    {"unreachable", "tidak tercapai"},
    {"capped", "indikator kritis dulu"},
};

void report_csv_word(report_csv *c, const char *word)
{
    if (c->d->lang == PATUH_LANG_ID)
        for (size_t i = 0; word && i < sizeof csv_words / sizeof csv_words[0]; i++)
            if (strcmp(word, csv_words[i][0]) == 0) {
                report_csv_text(c, csv_words[i][1]);
                return;
            }
    report_csv_text(c, word);
}

/* ---- column names ------------------------------------------------------------------ */

/* Whole column ids and their Indonesian names. */
static const char *const csv_heads[][2] = {
    {"rank", "Peringkat"},
    {"group_rank", "Peringkat Kelompok"},
    {"id", "Kode"},
    {"name", "Nama"},
    {"group", "Kelompok"},
    {"region", "Wilayah"},
    {"period", "Periode"},
    {"total", "Nilai"},
    {"band", "Predikat"},
    {"label", "Keterangan"},
    {"zone", "Zona"},
    {"unanswered", "Belum Dijawab"},
    {"critical_failed", "Indikator Kritis Gagal"},
    {"agency", "Kode Instansi"},
    {"agency_name", "Nama Instansi"},
    {"row", "Baris"},
    {"target", "Sasaran"},
    {"no", "No"},
    {"indicator", "Indikator"},
    {"critical", "Kritis"},
    {"unit", "Unit"},
    {"value", "Jawaban"},
    {"to", "Naik ke"},
    {"to_label", "Keterangan Level"},
    {"steps", "Langkah Level"},
    {"gain", "Kenaikan (poin)"},
    {"fix", "Perbaikan"},
    {"result_total", "Nilai Hasil"},
    {"result_band", "Predikat Hasil"},
    {"note", "Catatan"},
    {"status", "Status"},
};

/* Column ids that start with a prefix and end with a period ("total_2024" -> "Nilai 2024")
 * or a step of two periods ("change_2023_2024" -> "Perubahan 2023→2024"). Longest first. */
static const struct csv_prefix {
    const char *prefix, *head;
    bool step;
} csv_prefixes[] = {
    {"rank_both_from_", "Peringkat di keduanya, awal", true},
    {"rank_both_to_", "Peringkat di keduanya, akhir", true},
    {"rank_change_", "Naik Peringkat", true},
    {"change_", "Perubahan", true},
    {"total_", "Nilai", false},
    {"rank_", "Peringkat", false},
    {"band_", "Predikat", false},
    {"zone_", "Zona", false},
};

/* "2023_2024" as "2023→2024" (the last '_' parts the periods). */
static void csv_step(const char *label, const char *rest, char *buf, size_t size)
{
    const char *sep = strrchr(rest, '_');
    if (sep)
        snprintf(buf, size, "%s%s%.*s→%s", label, label[0] ? " " : "", (int)(sep - rest), rest,
                 sep + 1);
    else
        snprintf(buf, size, "%s%s%s", label, label[0] ? " " : "", rest);
}

/* The Indonesian name of a column id; the id itself when none is known. */
static void csv_head_id(const char *id, char *buf, size_t size)
{
    for (size_t i = 0; i < sizeof csv_heads / sizeof csv_heads[0]; i++)
        if (strcmp(id, csv_heads[i][0]) == 0) {
            snprintf(buf, size, "%s", csv_heads[i][1]);
            return;
        }
    for (size_t i = 0; i < sizeof csv_prefixes / sizeof csv_prefixes[0]; i++) {
        const struct csv_prefix *p = &csv_prefixes[i];
        size_t n = strlen(p->prefix);
        if (strncmp(id, p->prefix, n) != 0 || !id[n])
            continue;
        if (p->step)
            csv_step(p->head, id + n, buf, size);
        else
            snprintf(buf, size, "%s %s", p->head, id + n);
        return;
    }
    /* "section_kanal_change_2023_2024" -> "kanal 2023→2024" */
    const char *mid = strncmp(id, "section_", 8) == 0 ? strstr(id + 8, "_change_") : NULL;
    if (mid) {
        char section[256];
        snprintf(section, sizeof section, "%.*s", (int)(mid - id - 8), id + 8);
        csv_step(section, mid + 8, buf, size);
        return;
    }
    snprintf(buf, size, "%s", id);
}

void report_csv_head(report_csv *c, const char *id)
{
    if (c->d->lang == PATUH_LANG_EN) {
        report_csv_text(c, id);
        return;
    }
    char head[512];
    csv_head_id(id, head, sizeof head);
    report_csv_text(c, head);
}

void report_csv_heads(report_csv *c, const char *const *ids, size_t n)
{
    for (size_t i = 0; i < n; i++)
        report_csv_head(c, ids[i]);
}
