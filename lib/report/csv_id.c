/* csv_id.c — CSV for spreadsheets in the Indonesian locale (doc/formats.md §4.3): every CSV
 * report is written as RFC 4180 first, then rewritten with a byte order mark, ';' between
 * fields, a decimal comma in the numbers and Indonesian headers, so that Excel or LibreOffice
 * set to Indonesian opens it in columns. A field that was quoted is text and keeps its
 * characters; an unquoted field that is a decimal number gets its comma. */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

/* ---- headers ------------------------------------------------------------------------- */

/* Whole column ids of the English CSV and their Indonesian headers. */
static const char *const csv_id_heads[][2] = {
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
static const struct csv_id_prefix {
    const char *prefix, *head;
    bool step;
} csv_id_prefixes[] = {
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
static void csv_id_step(const char *label, const char *rest, char *buf, size_t size)
{
    const char *sep = strrchr(rest, '_');
    if (sep)
        snprintf(buf, size, "%s%s%.*s→%s", label, label[0] ? " " : "", (int)(sep - rest), rest,
                 sep + 1);
    else
        snprintf(buf, size, "%s%s%s", label, label[0] ? " " : "", rest);
}

/* The Indonesian header of a column id; the id itself when none is known. */
static void csv_id_head(const char *field, char *buf, size_t size)
{
    for (size_t i = 0; i < sizeof csv_id_heads / sizeof csv_id_heads[0]; i++)
        if (strcmp(field, csv_id_heads[i][0]) == 0) {
            snprintf(buf, size, "%s", csv_id_heads[i][1]);
            return;
        }
    for (size_t i = 0; i < sizeof csv_id_prefixes / sizeof csv_id_prefixes[0]; i++) {
        const struct csv_id_prefix *p = &csv_id_prefixes[i];
        size_t n = strlen(p->prefix);
        if (strncmp(field, p->prefix, n) != 0 || !field[n])
            continue;
        if (p->step)
            csv_id_step(p->head, field + n, buf, size);
        else
            snprintf(buf, size, "%s %s", p->head, field + n);
        return;
    }
    /* "section_kanal_change_2023_2024" -> "kanal 2023→2024" */
    const char *mid = strncmp(field, "section_", 8) == 0 ? strstr(field + 8, "_change_") : NULL;
    if (mid) {
        char section[256];
        snprintf(section, sizeof section, "%.*s", (int)(mid - field - 8), field + 8);
        csv_id_step(section, mid + 8, buf, size);
        return;
    }
    snprintf(buf, size, "%s", field);
}

/* Values of the English CSV that are words, per column, in Indonesian. */
static const char *const csv_id_words[][3] = {
    {"status", "both", "keduanya"},
    {"status", "added", "baru"},
    {"status", "removed", "hilang"},
    {"status", "earlier", "sebelumnya"},
    {"row", "gap", "kekurangan"},
    {"row", "next_band", "predikat berikutnya"},
    {"row", "next_zone", "zona berikutnya"},
    {"note", "top", "sudah tertinggi"},
    {"note", "unreachable", "tidak tercapai"},
    {"note", "capped", "indikator kritis dulu"},
};

/* A word of column `column` in Indonesian; NULL when it is not one. */
static const char *csv_id_word(const char *column, const char *value)
{
    for (size_t i = 0; column && i < sizeof csv_id_words / sizeof csv_id_words[0]; i++)
        if (strcmp(column, csv_id_words[i][0]) == 0 && strcmp(value, csv_id_words[i][1]) == 0)
            return csv_id_words[i][2];
    return NULL;
}

/* ---- fields ------------------------------------------------------------------------- */

/* Whether an unquoted field is a decimal number: -?digits.digits */
static bool csv_id_decimal(const char *s)
{
    if (*s == '-')
        s++;
    const char *start = s;
    while (*s >= '0' && *s <= '9')
        s++;
    if (s == start || *s != '.')
        return false;
    const char *frac = ++s;
    while (*s >= '0' && *s <= '9')
        s++;
    return s > frac && !*s;
}

/* One field out: quoted when it holds ';', '"', CR or LF (the quotes doubled). */
static void csv_id_field(FILE *out, const char *s)
{
    bool quote = strpbrk(s, ";\"\r\n") != NULL;
    if (quote)
        fputc('"', out);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', out);
        fputc(*p, out);
    }
    if (quote)
        fputc('"', out);
}

/* Reads one RFC 4180 field from text[*at] into buf (NUL-terminated, cut at size); sets
 * *quoted, and *end_of_row when the field ends its record (or the text). */
static void csv_id_read(const char *text, size_t len, size_t *at, char *buf, size_t size,
                        bool *quoted, bool *end_of_row)
{
    size_t i = *at, n = 0;
    *quoted = i < len && text[i] == '"';
    if (*quoted)
        i++;
    for (; i < len; i++) {
        char ch = text[i];
        if (*quoted) {
            if (ch == '"' && i + 1 < len && text[i + 1] == '"') {
                i++;
            } else if (ch == '"') {
                i++; /* past the closing quote, onto the delimiter */
                break;
            }
        } else if (ch == ',' || ch == '\n') {
            break;
        }
        if (n + 1 < size)
            buf[n++] = ch;
    }
    buf[n] = '\0';
    if (n && buf[n - 1] == '\r' && !*quoted)
        buf[--n] = '\0';
    *end_of_row = i >= len || text[i] == '\n';
    *at = i < len ? i + 1 : len;
}

/* The column ids of the header row whose values are words (status, row, note), by index. */
#define CSV_ID_COLUMNS 64

patuh_status report_csv_localize(const char *text, size_t len, FILE *out)
{
    size_t size = len + 1, column = 0;
    char *field = malloc(size), *head = malloc(512);
    const char *word_column[CSV_ID_COLUMNS] = {0};
    if (!field || !head) {
        free(field);
        free(head);
        return PATUH_ENOMEM;
    }
    fputs("\xEF\xBB\xBF", out); /* the byte order mark: Excel reads the file as UTF-8 */
    bool first_row = true, first_field = true;
    for (size_t at = 0; at < len;) {
        bool quoted, end;
        csv_id_read(text, len, &at, field, size, &quoted, &end);
        if (!first_field)
            fputc(';', out);
        first_field = false;
        const char *word = NULL;
        if (first_row) {
            csv_id_head(field, head, 512);
            csv_id_field(out, head);
            for (size_t i = 0;
                 column < CSV_ID_COLUMNS && i < sizeof csv_id_words / sizeof csv_id_words[0]; i++)
                if (strcmp(field, csv_id_words[i][0]) == 0)
                    word_column[column] = csv_id_words[i][0];
        } else if (!quoted && column < CSV_ID_COLUMNS &&
                   (word = csv_id_word(word_column[column], field)) != NULL) {
            fputs(word, out);
        } else if (!quoted && csv_id_decimal(field)) {
            *strchr(field, '.') = ',';
            fputs(field, out);
        } else if (!quoted && (strcmp(field, "true") == 0 || strcmp(field, "false") == 0)) {
            fputs(field[0] == 't' ? "ya" : "tidak", out);
        } else {
            csv_id_field(out, field);
        }
        column++;
        if (end) {
            fputs("\r\n", out);
            first_row = false;
            first_field = true;
            column = 0;
        }
    }
    free(field);
    free(head);
    return PATUH_OK;
}
