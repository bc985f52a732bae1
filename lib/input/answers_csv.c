/* answers_csv.c — the CSV answer reader: RFC 4180 records, UTF-8 with or without a BOM, LF or
 * CRLF, `,` or `;` as the delimiter (whichever the header row uses more), headers matched by
 * name in any order. Each row goes through answers_row, the same checks as YAML; every problem
 * is located FILE:LINE:COL at the field it concerns. An optional `rubric` column names the
 * rubric of each row (`patuh template` writes it); rows for another rubric are not read. */
#include "input/input.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct csv_field {
    char *text; /* in the reader's buffer, set once the record is read */
    size_t at;  /* where the text starts in that buffer */
    unsigned line, col;
    bool quoted;
} csv_field;

typedef struct csv_record {
    csv_field *fields;
    size_t n, cap;
    unsigned line;
} csv_record;

typedef struct csv_reader {
    answers_ctx *c;
    const char *p, *end;
    unsigned line, col; /* of p */
    char delim;
    size_t max_string;
    char *buf; /* the texts of the record's fields, each ending in NUL */
    size_t len, cap;
    /* per byte: 1 ends an unquoted field (the delimiter, CR, LF), 2 is not plain ASCII (NUL or
     * a byte of a multi-byte character), 0 is neither */
    unsigned char stop[256];
    /* per byte, for plain_record: 1 the delimiter, 2 CR or LF, 3 a byte only the general
     * reader takes (a quote, NUL, a byte past ASCII), 0 any other */
    unsigned char plain[256];
    bool ascii; /* the field just read is ASCII without NUL: valid UTF-8 of one byte a column */
} csv_reader;

/* The outcome of reading a field or a record. */
enum { CSV_OK = 1, CSV_END = 0, CSV_BAD = -1, CSV_NOMEM = -2 };

static void record_clear(csv_reader *r, csv_record *rec)
{
    rec->n = 0;
    r->len = 0;
}

/* Moves past one byte, counting lines and (UTF-8) characters. */
static void advance(csv_reader *r)
{
    unsigned char ch = (unsigned char)*r->p++;
    if (ch == '\n') {
        r->line++;
        r->col = 1;
    } else if ((ch & 0xC0) != 0x80) {
        r->col++;
    }
}

static bool at_eol(const csv_reader *r)
{
    return r->p < r->end && (*r->p == '\n' || *r->p == '\r');
}

/* Past "\n", "\r\n" or a lone "\r". */
static void skip_eol(csv_reader *r)
{
    if (r->p < r->end && *r->p == '\r') {
        r->p++;
        if (r->p < r->end && *r->p == '\n') {
            advance(r);
        } else {
            r->line++;
            r->col = 1;
        }
    } else if (r->p < r->end && *r->p == '\n') {
        advance(r);
    }
}

/* Appends n bytes to the record's texts. */
static bool buf_put_n(csv_reader *r, const char *s, size_t n)
{
    if (r->len + n + 1 > r->cap) {
        size_t cap = r->cap ? r->cap : 256;
        while (cap < r->len + n + 1)
            cap *= 2;
        char *buf = realloc(r->buf, cap);
        if (!buf)
            return false;
        r->buf = buf;
        r->cap = cap;
    }
    memcpy(r->buf + r->len, s, n);
    r->len += n;
    return true;
}

static bool buf_put(csv_reader *r, char ch)
{
    return buf_put_n(r, &ch, 1);
}

/* Skips to the end of the line after a bad field, so the next record starts clean. */
static int bad_field(csv_reader *r)
{
    while (r->p < r->end && !at_eol(r))
        advance(r);
    return CSV_BAD;
}

/* True when the bytes are well-formed UTF-8 without NUL. */
static bool utf8_valid(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] - 1u < 0x7Fu) /* ASCII other than NUL, the usual case */
        i++;
    while (i < n) {
        unsigned char b = s[i];
        size_t k = b < 0x80             ? 0
                   : (b & 0xE0) == 0xC0 ? 1
                   : (b & 0xF0) == 0xE0 ? 2
                   : (b & 0xF8) == 0xF0 ? 3
                                        : 9;
        if (b == 0 || k == 9 || (k == 1 && b < 0xC2) || i + k >= n + (k ? 0 : 1))
            return false;
        for (size_t j = 1; j <= k; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return false;
        i += k + 1;
    }
    return true;
}

/* The body of a quoted field, after its opening quote, up to and past the closing one. */
static int quoted_body(csv_reader *r, const csv_field *f)
{
    for (;;) {
        if (r->p >= r->end) {
            answers_error(r->c, f->line, f->col,
                          "unterminated quoted field, expected a closing '\"'");
            return CSV_BAD;
        }
        char ch = *r->p;
        advance(r);
        if (ch == '"' && r->p < r->end && *r->p == '"')
            advance(r);
        else if (ch == '"')
            break;
        if (!buf_put(r, ch))
            return CSV_NOMEM;
    }
    if (r->p < r->end && *r->p != r->delim && !at_eol(r)) {
        answers_error(r->c, r->line, r->col,
                      "unexpected text after a closing quote, expected '%c' or the end of "
                      "the line",
                      r->delim);
        return bad_field(r);
    }
    return CSV_OK;
}

/* An unquoted field: its bytes up to the delimiter or the end of the line, copied at once
 * (it holds no newline, so only the column moves: one per UTF-8 character). */
static int plain_body(csv_reader *r)
{
    const char *start = r->p, *p = start, *end = r->end; /* locals: r->p may alias the text */
    const unsigned char *stop = r->stop;
    while (p < end && !stop[(unsigned char)*p])
        p++;
    r->ascii = p == end || stop[(unsigned char)*p] == 1;
    unsigned chars = (unsigned)(p - start);
    for (; p < end && stop[(unsigned char)*p] != 1; p++)
        chars += ((unsigned char)*p & 0xC0) != 0x80;
    r->p = p;
    r->col += chars;
    return buf_put_n(r, start, (size_t)(p - start)) ? CSV_OK : CSV_NOMEM;
}

/* 1 when a field's text starts with the ' that patuh's CSV writers put before text a
 * spreadsheet would run as a formula (doc/robustness.md): it is not part of the text. */
static size_t formula_quote(const char *text)
{
    return text[0] == '\'' && text[1] && strchr("=+-@\t\r", text[1]);
}

/* One field into f, its text appended to the record's; r->p is left on the delimiter, the
 * end of the line or the end. */
static int read_field(csv_reader *r, csv_field *f)
{
    *f = (csv_field){
        .at = r->len, .line = r->line, .col = r->col, .quoted = r->p < r->end && *r->p == '"'};
    r->ascii = false;
    int rc = f->quoted ? (advance(r), quoted_body(r, f)) : plain_body(r);
    if (rc != CSV_OK)
        return rc;
    size_t len = r->len - f->at;
    if (len > r->max_string) {
        answers_error(r->c, f->line, f->col, "field is longer than the limit of %zu bytes",
                      r->max_string);
        return bad_field(r);
    }
    /* an empty field may come before the record's buffer exists (r->buf NULL) */
    if (len && !r->ascii && !utf8_valid((const unsigned char *)r->buf + f->at, len)) {
        answers_error(r->c, f->line, f->col,
                      "field is not valid UTF-8 text, expected the file saved as CSV UTF-8");
        return bad_field(r);
    }
    if (!buf_put(r, '\0'))
        return CSV_NOMEM;
    f->at += formula_quote(r->buf + f->at);
    return CSV_OK;
}

static bool record_room(csv_record *rec)
{
    if (rec->n < rec->cap)
        return true;
    size_t cap = rec->cap ? rec->cap * 2 : 16;
    csv_field *fields = realloc(rec->fields, cap * sizeof *fields);
    if (!fields)
        return false;
    rec->fields = fields;
    rec->cap = cap;
    return true;
}

/* The most fields in a row: a spreadsheet's columns, A to XFD. Bounds the memory one row of
 * delimiters takes (a field costs a few dozen bytes). */
enum { CSV_MAX_FIELDS = 16384 };

/* The outcome of plain_record when the record needs the general reader. */
enum { CSV_GENERAL = 2 };

/* A record of plain ASCII fields on one line (no quote, NUL or byte past ASCII: the usual
 * case), split in one pass and copied at once. CSV_GENERAL, with nothing consumed, when it is
 * not such a record or has a field the general reader reports. */
static int plain_record(csv_reader *r, csv_record *rec)
{
    const unsigned char *start = (const unsigned char *)r->p, *p = start;
    const unsigned char *end = (const unsigned char *)r->end, *plain = r->plain;
    for (;;) {
        size_t at = (size_t)(p - start);
        while (p < end && !plain[*p])
            p++;
        unsigned char kind = p < end ? plain[*p] : 2;
        size_t len = (size_t)(p - start) - at;
        if (kind == 3 || len > r->max_string || rec->n == CSV_MAX_FIELDS)
            return CSV_GENERAL;
        if (!record_room(rec))
            return CSV_NOMEM;
        rec->fields[rec->n++] =
            (csv_field){.at = at, .line = r->line, .col = r->col + (unsigned)at};
        if (kind != 1)
            break;
        p++; /* past the delimiter */
    }
    size_t n = (size_t)(p - start);
    r->len = 0;
    if (!buf_put_n(r, (const char *)start, n) || !buf_put(r, '\0'))
        return CSV_NOMEM;
    for (size_t i = 1; i < rec->n; i++) /* each delimiter ends the field before it */
        r->buf[rec->fields[i].at - 1] = '\0';
    for (size_t i = 0; i < rec->n; i++)
        rec->fields[i].at += formula_quote(r->buf + rec->fields[i].at);
    r->p += n;
    r->col += (unsigned)n;
    return CSV_OK;
}

/* A record any other way: field by field, quoted or not. */
static int general_record(csv_reader *r, csv_record *rec)
{
    int rc = CSV_OK;
    for (;;) {
        if (rec->n == CSV_MAX_FIELDS) {
            answers_error(r->c, r->line, r->col,
                          "row has more than %d fields, expected at most the %d columns of a "
                          "spreadsheet",
                          CSV_MAX_FIELDS, CSV_MAX_FIELDS);
            rc = bad_field(r);
            break;
        }
        if (!record_room(rec))
            return CSV_NOMEM;
        if ((rc = read_field(r, &rec->fields[rec->n])) != CSV_OK)
            break;
        rec->n++;
        if (r->p >= r->end || at_eol(r))
            break;
        advance(r); /* the delimiter */
    }
    return rc;
}

/* One record into rec: CSV_OK, CSV_END at the end of the data, CSV_BAD (reported; the rest
 * of the record was skipped) or CSV_NOMEM. */
static int read_record(csv_reader *r, csv_record *rec)
{
    record_clear(r, rec);
    if (r->p >= r->end)
        return CSV_END;
    rec->line = r->line;
    int rc = plain_record(r, rec);
    if (rc == CSV_GENERAL) {
        record_clear(r, rec);
        rc = general_record(r, rec);
    }
    if (rc == CSV_NOMEM)
        return rc;
    skip_eol(r);
    for (size_t i = 0; i < rec->n; i++) /* the buffer has stopped moving */
        rec->fields[i].text = r->buf + rec->fields[i].at;
    return rc;
}

/* `;` when the header row has more semicolons than commas outside quotes, else `,`. */
/* `;` or a tab when the header row has more of it than commas outside quotes, else `,`.
 * Excel's "Unicode text" is tab-separated; its "sep=;" first line is read in detect_sep. */
static char detect_delim(const char *p, const char *end)
{
    size_t commas = 0, semis = 0, tabs = 0;
    bool quoted = false;
    for (; p < end && (quoted || (*p != '\n' && *p != '\r')); p++) {
        if (*p == '"')
            quoted = !quoted;
        else if (!quoted)
            commas += *p == ',', semis += *p == ';', tabs += *p == '\t';
    }
    if (tabs > commas && tabs > semis)
        return '\t';
    return semis > commas ? ';' : ',';
}

/* Excel's "sep=X" first line names the delimiter: it is taken and the line skipped. */
static char detect_sep(csv_reader *r)
{
    const char *p = r->p;
    if (r->end - p < 5 || strncasecmp(p, "sep=", 4) != 0 || !p[4] || !strchr(",;\t|", p[4]) ||
        (p + 5 < r->end && p[5] != '\n' && p[5] != '\r'))
        return 0;
    char delim = p[4];
    r->p = p + 5;
    r->p += r->p < r->end && *r->p == '\r';
    r->p += r->p < r->end && *r->p == '\n';
    r->line = 2;
    return delim;
}

/* ---- the header ----------------------------------------------------------------------- */

typedef struct csv_header {
    int *fields; /* per column: a tab_field, TAB_HELPER, or -1 */
    size_t n;
    size_t rubric; /* the rubric column (1-based); 0 when there is none */
} csv_header;

/* The rubric column of an answers table: `rubric` or `rubrik`, any case. */
static bool is_rubric_column(const char *name, bool agencies)
{
    return !agencies && (strcasecmp(name, "rubric") == 0 || strcasecmp(name, "rubrik") == 0);
}

/* The names an answers header may use, for messages. */
static const char *expected_names(bool agencies, char *buf, size_t size)
{
    snprintf(buf, size, "%s%s", tab_header_expected(agencies), agencies ? "" : ", rubric");
    return buf;
}

/* A header with an `id` column and no indicator column: the agency list that `template
 * --agencies` takes, given as answers. */
static bool looks_like_agency_list(const csv_record *rec)
{
    bool id = false;
    for (size_t i = 0; i < rec->n; i++) {
        if (tab_header_field(rec->fields[i].text, false) == TAB_INDICATOR)
            return false;
        id = id || strcasecmp(rec->fields[i].text, "id") == 0;
    }
    return id;
}

/* Which column each field is in, checking names; false when the header is unusable. */
static bool header_read(csv_reader *r, const csv_record *rec, bool agencies, csv_header *h)
{
    size_t at[TAB_N_FIELDS] = {0};
    char names[512];
    bool ok = true;
    if (!agencies && looks_like_agency_list(rec)) {
        answers_error(r->c, rec->line, 1,
                      "this is an agency list (an 'id' column, no 'indicator'), expected answers; "
                      "give it with --agencies FILE");
        return false;
    }
    for (size_t i = 0; i < rec->n; i++) {
        const csv_field *f = &rec->fields[i];
        int field = f->text[0] ? tab_header_field(f->text, agencies) : TAB_HELPER;
        h->fields[i] = field;
        if (is_rubric_column(f->text, agencies) && h->rubric) {
            answers_error(r->c, f->line, f->col, "duplicate column '%s', the same as column %zu",
                          f->text, h->rubric);
            ok = false;
        } else if (is_rubric_column(f->text, agencies)) {
            h->fields[i] = TAB_HELPER;
            h->rubric = i + 1;
        } else if (field < 0) { /* a column of the assessor's own: read the others */
            answers_warning(r->c, f->line, f->col,
                            "unknown column '%s' is ignored, expected one of: %s", f->text,
                            expected_names(agencies, names, sizeof names));
            h->fields[i] = TAB_HELPER;
        } else if (field < TAB_N_FIELDS && at[field]) {
            answers_error(r->c, f->line, f->col, "duplicate column '%s', the same as column %zu",
                          f->text, at[field]);
            ok = false;
        } else if (field < TAB_N_FIELDS) {
            at[field] = i + 1;
        }
    }
    for (int k = 0; k < TAB_N_FIELDS; k++) {
        if (at[k] || !tab_field_required(k, agencies))
            continue;
        answers_error(r->c, rec->line, 1, "missing column '%s', expected the columns %s",
                      tab_field_name(k, agencies), tab_required_expected(agencies));
        ok = false;
    }
    return ok;
}

/* ---- rows ----------------------------------------------------------------------------- */

static bool record_blank(const csv_record *rec)
{
    return rec->n == 1 && !rec->fields[0].quoted && !rec->fields[0].text[0];
}

static bool row_width(csv_reader *r, const csv_record *rec, const csv_header *h)
{
    if (rec->n == h->n)
        return true;
    const csv_field *f = &rec->fields[rec->n > h->n ? h->n : rec->n - 1];
    answers_error(r->c, f->line, f->col, "row has %zu fields, expected %zu as in the header",
                  rec->n, h->n);
    return false;
}

/* A row's rubric cell, when there is one and it is not empty, must name the batch's rubric. */
static bool row_rubric(csv_reader *r, const csv_record *rec, const csv_header *h)
{
    if (!h->rubric)
        return true;
    const csv_field *f = &rec->fields[h->rubric - 1];
    size_t start = strspn(f->text, " \t"), n = strlen(f->text);
    while (n > start && (f->text[n - 1] == ' ' || f->text[n - 1] == '\t'))
        n--;
    memmove(f->text, f->text + start, n - start); /* trimmed in place */
    f->text[n - start] = '\0';
    return !f->text[0] || answers_rubric_check(r->c, f->text, f->line, f->col);
}

static patuh_status row_apply(csv_reader *r, const csv_record *rec, const csv_header *h,
                              bool agencies)
{
    tab_cell row[TAB_N_FIELDS];
    if (!row_rubric(r, rec, h))
        return PATUH_OK;
    for (size_t k = 0; k < TAB_N_FIELDS; k++)
        row[k] = (tab_cell){.line = rec->line, .col = 1};
    for (size_t i = 0; i < rec->n; i++) {
        int field = h->fields[i];
        if (field < 0 || field >= TAB_N_FIELDS)
            continue;
        const csv_field *f = &rec->fields[i];
        row[field] = (tab_cell){.text = f->text,
                                .line = f->line,
                                .col = f->col,
                                .decimal_comma = r->delim == ';' || f->quoted};
    }
    return answers_row(r->c, row, agencies);
}

static patuh_status rows_read(csv_reader *r, csv_record *rec, const csv_header *h, bool agencies)
{
    patuh_status st = PATUH_OK;
    while (st == PATUH_OK) {
        int rc = read_record(r, rec);
        if (rc == CSV_NOMEM)
            return PATUH_ENOMEM;
        if (rc == CSV_END)
            break;
        if (rc == CSV_OK && !record_blank(rec) && row_width(r, rec, h))
            st = row_apply(r, rec, h, agencies);
    }
    return st;
}

patuh_status answers_read_csv(answers_ctx *c, const char *data, size_t len, bool agencies)
{
    csv_reader r = {.c = c,
                    .p = data,
                    .end = data + len,
                    .line = 1,
                    .col = 1,
                    .max_string = answers_limits(c)->max_string};
    csv_record rec = {0};
    csv_header h = {0};
    patuh_status st = PATUH_OK;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        r.p += 3;
    if (!(r.delim = detect_sep(&r)))
        r.delim = detect_delim(r.p, r.end);
    r.stop[(unsigned char)r.delim] = r.stop['\n'] = r.stop['\r'] = 1;
    r.stop[0] = 2;
    memset(r.stop + 0x80, 2, 0x80);
    r.plain[(unsigned char)r.delim] = 1;
    r.plain['\n'] = r.plain['\r'] = 2;
    r.plain['"'] = r.plain[0] = 3;
    memset(r.plain + 0x80, 3, 0x80);
    int rc = read_record(&r, &rec);
    if (rc == CSV_NOMEM) {
        st = PATUH_ENOMEM;
        goto done;
    }
    if (rc == CSV_END || (rc == CSV_OK && record_blank(&rec))) {
        answers_error(c, 0, 0, "empty file, expected a header row with the columns %s",
                      agencies ? "id, name, group, region, period"
                               : "agency, unit, indicator, value, evidence, note");
        goto done;
    }
    if (rc != CSV_OK)
        goto done;
    if (!(h.fields = calloc(rec.n, sizeof *h.fields))) {
        st = PATUH_ENOMEM;
        goto done;
    }
    h.n = rec.n;
    if (header_read(&r, &rec, agencies, &h))
        st = rows_read(&r, &rec, &h, agencies);
done:
    free(rec.fields);
    free(h.fields);
    free(r.buf);
    return st == PATUH_ENOMEM ? st : PATUH_OK;
}
