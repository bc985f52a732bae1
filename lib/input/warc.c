/* warc.c — a WARC file (ISO 28500; what `wget --warc-file` writes) as a saved site
 * (doc/formats.md §3.10), read over zlib: a gzip member per record or a plain file, each
 * record's WARC headers, and for a `response` record its HTTP status line and headers, so
 * the body handed to the HTML scan is the page itself. Not libarchive: 3.6.2 is reported
 * (issue 16) to skip the record whose URI path is `/` and to leave the HTTP headers in the
 * body, and zlib is already linked. Bounded:
 * a record's size and the file's decompression ratio are located errors. */
#include "input/scan.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

enum {
    WARC_CHUNK = 1 << 16,
    WARC_LINE = 8192,         /* a header line */
    WARC_RATIO_FREE = 1 << 20 /* the ratio is checked past 1 MiB of output, as for XLSX */
};

typedef struct warc_in {
    FILE *f;
    bool gz;
    z_stream z;
    unsigned char in[WARC_CHUNK], out[WARC_CHUNK];
    size_t pos, len; /* unread bytes out[pos..len) */
    uint64_t in_total, out_total;
    unsigned max_ratio;
    bool eof;
    const char *error; /* why reading stopped */
    char message[96];  /* an error with a number in it */
} warc_in;

/* Refills out[]: inflated bytes of the next gzip member as needed, or plain bytes. */
static bool warc_fill(warc_in *w)
{
    w->pos = w->len = 0;
    while (!w->eof && !w->error && w->len == 0) {
        if (!w->gz) {
            w->len = fread(w->out, 1, sizeof w->out, w->f);
            w->eof = w->len == 0;
            break;
        }
        if (w->z.avail_in == 0) {
            size_t n = fread(w->in, 1, sizeof w->in, w->f);
            if (n == 0) {
                w->eof = true;
                break;
            }
            w->in_total += n;
            w->z.next_in = w->in;
            w->z.avail_in = (uInt)n;
        }
        w->z.next_out = w->out;
        w->z.avail_out = sizeof w->out;
        int rc = inflate(&w->z, Z_NO_FLUSH);
        w->len = sizeof w->out - w->z.avail_out;
        if (rc == Z_STREAM_END)
            inflateReset(&w->z); /* the next gzip member, if any */
        else if (rc != Z_OK && rc != Z_BUF_ERROR)
            w->error = patuh_tr("not a valid gzip stream");
    }
    w->out_total += w->len;
    if (w->gz && w->out_total > WARC_RATIO_FREE && w->out_total / w->max_ratio > w->in_total) {
        snprintf(w->message, sizeof w->message,
                 patuh_tr("the file expands more than %u times its compressed size, expected at "
                          "most that"),
                 w->max_ratio);
        w->error = w->message;
        w->len = 0;
    }
    return w->len > 0;
}

static int warc_getc(warc_in *w)
{
    if (w->pos == w->len && !warc_fill(w))
        return EOF;
    return w->out[w->pos++];
}

/* A line without its CR LF; false at the end of the file. A longer line is cut. */
static bool warc_line(warc_in *w, char *buf, size_t size)
{
    size_t n = 0;
    int c;
    while ((c = warc_getc(w)) != EOF && c != '\n')
        if (n + 1 < size)
            buf[n++] = (char)c;
    if (n && buf[n - 1] == '\r')
        n--;
    buf[n] = '\0';
    return c != EOF || n > 0;
}

/* Exactly n bytes into buf (NULL: skipped); false when the file ends first. */
static bool warc_bytes(warc_in *w, char *buf, uint64_t n)
{
    while (n > 0) {
        if (w->pos == w->len && !warc_fill(w))
            return false;
        size_t k = w->len - w->pos < n ? w->len - w->pos : (size_t)n;
        if (buf) {
            memcpy(buf, w->out + w->pos, k);
            buf += k;
        }
        w->pos += k;
        n -= k;
    }
    return true;
}

/* ---- records ------------------------------------------------------------------------ */

typedef struct warc_record {
    size_t index; /* 1-based, for messages */
    char type[32], uri[2048], date[64];
    uint64_t length;
    bool has_length;
} warc_record;

/* A header's value when `line` is that header (case-insensitive name), else NULL. */
static const char *header_value(const char *line, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < n; i++)
        if (!line[i] || (line[i] | 32) != (name[i] | 32))
            return NULL;
    if (line[n] != ':')
        return NULL;
    line += n + 1;
    while (*line == ' ' || *line == '\t')
        line++;
    return line;
}

static void copy_text(char *dst, size_t size, const char *src)
{
    size_t n = strlen(src) < size - 1 ? strlen(src) : size - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
    if (n && dst[0] == '<' && dst[n - 1] == '>') { /* WARC/0.x wrote URIs in <> */
        memmove(dst, dst + 1, n - 2);
        dst[n - 2] = '\0';
    }
}

/* The WARC headers of the next record: 1 read, 0 the file ended cleanly, -1 malformed
 * (w->error says why). */
static int record_headers(warc_in *w, warc_record *rec)
{
    char line[WARC_LINE];
    do { /* blank lines between records */
        if (!warc_line(w, line, sizeof line))
            return 0;
    } while (line[0] == '\0');
    if (strncmp(line, "WARC/", 5) != 0) {
        w->error = patuh_tr("expected a record starting with 'WARC/'");
        return -1;
    }
    for (;;) {
        if (!warc_line(w, line, sizeof line)) {
            w->error = patuh_tr("the file ends inside a record's headers");
            return -1;
        }
        if (line[0] == '\0')
            break;
        const char *v;
        if ((v = header_value(line, "WARC-Type")))
            copy_text(rec->type, sizeof rec->type, v);
        else if ((v = header_value(line, "WARC-Target-URI")))
            copy_text(rec->uri, sizeof rec->uri, v);
        else if ((v = header_value(line, "WARC-Date")))
            copy_text(rec->date, sizeof rec->date, v);
        else if ((v = header_value(line, "Content-Length"))) {
            char *end;
            errno = 0;
            unsigned long long n = strtoull(v, &end, 10);
            rec->has_length = !errno && end != v && *end == '\0' && v[0] != '-';
            rec->length = n;
        }
    }
    if (!rec->has_length) {
        w->error = patuh_tr("expected a Content-Length in a record's headers");
        return -1;
    }
    return 1;
}

/* ---- HTTP responses ----------------------------------------------------------------- */

/* The end of the HTTP headers in a block: the offset of the body, or 0 when none. */
static size_t http_body_at(const char *b, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (b[i] == '\n' && b[i + 1] == '\n')
            return i + 2;
        if (i + 3 < n && b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n')
            return i + 4;
    }
    return 0;
}

/* A header of an HTTP head (NUL-terminated), case-insensitive; its value in buf. */
static bool http_header(const char *head, const char *name, char *buf, size_t size)
{
    for (const char *line = head; line && *line;) {
        const char *v = header_value(line, name);
        const char *end = line + strcspn(line, "\r\n");
        if (v && v < end) {
            size_t n = (size_t)(end - v) < size - 1 ? (size_t)(end - v) : size - 1;
            memcpy(buf, v, n);
            buf[n] = '\0';
            return true;
        }
        line = *end ? end + 1 + (end[0] == '\r' && end[1] == '\n') : NULL;
    }
    return false;
}

static bool contains_nocase(const char *s, const char *word)
{
    for (size_t n = strlen(word); *s; s++) {
        size_t i = 0;
        while (i < n && s[i] && (s[i] | 32) == (word[i] | 32))
            i++;
        if (i == n)
            return true;
    }
    return false;
}

static int hex_digit(char c)
{
    return c >= '0' && c <= '9'                 ? c - '0'
           : (c | 32) >= 'a' && (c | 32) <= 'f' ? (c | 32) - 'a' + 10
                                                : -1;
}

/* Decodes a chunked body of n bytes in place; false when it is malformed. The body is not
 * NUL-terminated: every read stays below *n. */
static bool unchunk(char *b, size_t *n)
{
    size_t in = 0, out = 0;
    for (;;) {
        size_t k = 0, digits = 0;
        for (int d; in < *n && (d = hex_digit(b[in])) >= 0; in++, digits++) {
            if (k > (SIZE_MAX >> 4))
                return false;
            k = k << 4 | (size_t)d;
        }
        const char *eol = in < *n ? memchr(b + in, '\n', *n - in) : NULL;
        if (digits == 0 || !eol)
            return false;
        in = (size_t)(eol - b) + 1; /* past chunk extensions and the line end */
        if (k == 0)
            break;
        if (k > *n - in)
            return false;
        memmove(b + out, b + in, k);
        out += k;
        in += k;
        if (in < *n && b[in] == '\r')
            in++;
        if (in < *n && b[in] == '\n')
            in++;
    }
    *n = out;
    return true;
}

/* A response record's block: an HTML page with a 2xx status is read, a PDF noted. */
static patuh_status response_read(scan_ctx *c, const warc_record *rec, char *block, size_t n)
{
    size_t at = http_body_at(block, n);
    if (at == 0 || strncmp(block, "HTTP/", 5) != 0) {
        c->site->others++;
        return PATUH_OK;
    }
    block[at - 1] = '\0'; /* the head as text */
    const char *sp = strchr(block, ' ');
    char type[256] = "", coding[64] = "", transfer[64] = "";
    http_header(block, "Content-Type", type, sizeof type);
    http_header(block, "Content-Encoding", coding, sizeof coding);
    http_header(block, "Transfer-Encoding", transfer, sizeof transfer);
    bool ok = sp && sp[1] == '2';
    size_t body_len = n - at;
    if (ok && contains_nocase(type, "pdf")) {
        scan_note(c, PATUH_SCAN_NOTE_PDF, rec->uri, strlen(rec->uri), NULL);
    } else if (!ok || !contains_nocase(type, "html")) {
        c->site->others++;
    } else if (coding[0] && !contains_nocase(coding, "identity")) {
        scan_note(c, PATUH_SCAN_NOTE_COMPRESSED, rec->uri, strlen(rec->uri), coding);
    } else if (contains_nocase(transfer, "chunked") && !unchunk(block + at, &body_len)) {
        scan_note(c, PATUH_SCAN_NOTE_CHUNKED, rec->uri, strlen(rec->uri), NULL);
    } else if (body_len > c->scan->limits.max_page_bytes) {
        patuh_diags_add(c->diags, PATUH_SEV_ERROR, c->site->path, 0, 0,
                        "record %zu ('%s'): page is larger than %zu bytes, expected at most "
                        "that many (--max-page-bytes)",
                        rec->index, rec->uri, c->scan->limits.max_page_bytes);
        return PATUH_EINVALID;
    } else {
        const scan_page page = {
            .page = rec->uri, .captured = rec->date, .data = block + at, .len = body_len};
        return scan_page_read(c, &page);
    }
    return PATUH_OK;
}

/* One record: a response is read whole (bounded), anything else skipped. */
static patuh_status record_read(scan_ctx *c, warc_in *w, const warc_record *rec, const char *path)
{
    const patuh_scan_limits *lim = &c->scan->limits;
    if (strcmp(rec->type, "response") != 0)
        return warc_bytes(w, NULL, rec->length) ? PATUH_OK : PATUH_EINVALID;
    if (rec->length > lim->max_record_bytes) {
        patuh_diags_add(c->diags, PATUH_SEV_ERROR, path, 0, 0,
                        "record %zu ('%s') is %llu bytes, expected at most %zu", rec->index,
                        rec->uri, (unsigned long long)rec->length, lim->max_record_bytes);
        return PATUH_EINVALID;
    }
    if (c->site->pages + c->site->duplicates >= lim->max_pages) {
        patuh_diags_add(c->diags, PATUH_SEV_ERROR, path, 0, 0,
                        "site has more than %zu pages, expected at most that many "
                        "(--max-pages)",
                        lim->max_pages);
        return PATUH_EINVALID;
    }
    char *block = malloc(rec->length ? (size_t)rec->length : 1);
    if (!block)
        return PATUH_ENOMEM;
    patuh_status st = PATUH_EINVALID;
    if (warc_bytes(w, block, rec->length))
        st = response_read(c, rec, block, (size_t)rec->length);
    free(block);
    return st;
}

static patuh_status records_read(scan_ctx *c, warc_in *w, const char *path)
{
    for (size_t i = 1;; i++) {
        warc_record rec = {.index = i};
        size_t errors = c->diags->errors;
        int rc = record_headers(w, &rec);
        patuh_status st = rc == 0 && !w->error ? PATUH_OK : PATUH_EINVALID;
        if (rc > 0)
            st = record_read(c, w, &rec, path);
        if (rc == 0 && st == PATUH_OK)
            return PATUH_OK;
        if (st == PATUH_EINVALID && c->diags->errors == errors)
            patuh_diags_add(c->diags, PATUH_SEV_ERROR, path, 0, 0, "record %zu: %s", i,
                            w->error ? w->error : patuh_tr("the file ends inside the record"));
        if (st != PATUH_OK)
            return st;
    }
}

/* A WARC file from an open stream (borrowed); `path` names it in messages. */
patuh_status scan_read_warc_stream(scan_ctx *c, FILE *f, const char *path)
{
    warc_in *w = calloc(1, sizeof *w);
    if (!w)
        return PATUH_ENOMEM;
    patuh_status st = PATUH_OK;
    w->f = f;
    int b0 = fgetc(f), b1 = fgetc(f);
    rewind(f);
    w->gz = b0 == 0x1f && b1 == 0x8b;
    w->max_ratio = c->scan->limits.max_ratio ? c->scan->limits.max_ratio : 1;
    if (w->gz && inflateInit2(&w->z, 15 + 32) != Z_OK) {
        free(w);
        return PATUH_ENOMEM;
    }
    st = records_read(c, w, path);
    if (st == PATUH_OK && ferror(f)) {
        patuh_diags_add(c->diags, PATUH_SEV_ERROR, path, 0, 0, "cannot read site: %s",
                        strerror(errno));
        st = PATUH_EIO;
    }
    if (w->gz)
        inflateEnd(&w->z);
    free(w);
    return st;
}

patuh_status scan_read_warc(scan_ctx *c, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        patuh_diags_add(c->diags, PATUH_SEV_ERROR, path, 0, 0, "cannot read site: %s",
                        strerror(errno));
        return PATUH_EIO;
    }
    patuh_status st = scan_read_warc_stream(c, f, path);
    fclose(f);
    return st;
}
