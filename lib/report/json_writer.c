/* json_writer.c — the streaming JSON writer (json_writer.h): json-c's pretty layout and
 * escaping, written into a buffer flushed to the FILE every JW_FLUSH bytes. */
#include "report/json_writer.h"
#include "patuh.h"

#include <math.h>

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

enum { JW_FLUSH = 1 << 16 };

void jw_init(json_writer *w, FILE *out)
{
    *w = (json_writer){.out = out};
}

static void jw_flush(json_writer *w)
{
    if (w->len && fwrite(w->buf, 1, w->len, w->out) != w->len)
        w->failed = true; /* the caller sees the stream's error too */
    w->len = 0;
}

/* Room for n more bytes; false (and failed) when there is no memory for them. */
static bool jw_room(json_writer *w, size_t n)
{
    if (w->len + n <= w->cap)
        return true;
    if (w->len >= JW_FLUSH)
        jw_flush(w);
    if (w->len + n <= w->cap)
        return true;
    size_t cap = w->cap ? w->cap : JW_FLUSH * 2;
    while (cap < w->len + n)
        cap *= 2;
    char *bigger = realloc(w->buf, cap);
    if (!bigger) {
        w->failed = true;
        return false;
    }
    w->buf = bigger;
    w->cap = cap;
    return true;
}

static void jw_put(json_writer *w, const char *s, size_t n)
{
    if (jw_room(w, n)) {
        memcpy(w->buf + w->len, s, n);
        w->len += n;
    }
}

void jw_raw(json_writer *w, const char *text)
{
    jw_put(w, text, strlen(text));
}

bool jw_finish(json_writer *w)
{
    jw_flush(w);
    free(w->buf);
    w->buf = NULL;
    w->cap = 0;
    return !w->failed && w->depth == 0;
}

/* A newline and two spaces per level of `depth`. */
static void jw_newline(json_writer *w, int depth)
{
    size_t n = 1 + 2 * (size_t)depth;
    if (!jw_room(w, n))
        return;
    w->buf[w->len] = '\n';
    memset(w->buf + w->len + 1, ' ', n - 1);
    w->len += n;
}

void jw_open(json_writer *w, char bracket)
{
    if (w->depth >= JW_MAX_DEPTH) {
        w->failed = true;
        return;
    }
    jw_put(w, &bracket, 1);
    w->has_items[w->depth++] = false;
}

void jw_close(json_writer *w, char bracket)
{
    if (w->depth <= 0) {
        w->failed = true;
        return;
    }
    jw_newline(w, --w->depth);
    jw_put(w, &bracket, 1);
}

void jw_item(json_writer *w)
{
    if (w->depth <= 0) {
        w->failed = true;
        return;
    }
    if (w->has_items[w->depth - 1])
        jw_put(w, ",", 1);
    w->has_items[w->depth - 1] = true;
    jw_newline(w, w->depth);
}

void jw_key(json_writer *w, const char *key)
{
    jw_item(w);
    jw_escaped(w, key);
    jw_put(w, ": ", 2);
}

void jw_escaped(json_writer *w, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    size_t n = strlen(s);
    /* at most six bytes out per byte in, and the quotes */
    if (!jw_room(w, 6 * n + 2))
        return;
    char *o = w->buf + w->len;
    *o++ = '"';
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned char c = *p;
        const char *esc = c == '"'    ? "\\\""
                          : c == '\\' ? "\\\\"
                          : c == '\b' ? "\\b"
                          : c == '\f' ? "\\f"
                          : c == '\n' ? "\\n"
                          : c == '\r' ? "\\r"
                          : c == '\t' ? "\\t"
                                      : NULL;
        if (esc) {
            *o++ = esc[0];
            *o++ = esc[1];
        } else if (c < 0x20) {
            memcpy(o, "\\u00", 4);
            o[4] = hex[c >> 4];
            o[5] = hex[c & 0xF];
            o += 6;
        } else {
            *o++ = (char)c;
        }
    }
    *o++ = '"';
    w->len = (size_t)(o - w->buf);
}

void jw_string(json_writer *w, const char *s)
{
    if (s)
        jw_escaped(w, s);
    else
        jw_null(w);
}

void jw_null(json_writer *w)
{
    jw_put(w, "null", 4);
}

void jw_int(json_writer *w, int64_t n)
{
    char text[24];
    jw_put(w, text, (size_t)snprintf(text, sizeof text, "%" PRId64, n));
}

void jw_number(json_writer *w, const char *text)
{
    jw_raw(w, text);
}

void jw_bool(json_writer *w, bool b)
{
    jw_number(w, b ? "true" : "false");
}

void jw_score(json_writer *w, double v, int decimals)
{
    char text[64];
    if (isnan(v)) {
        jw_null(w);
        return;
    }
    patuh_format_number(patuh_round(v, decimals), decimals, text, sizeof text);
    jw_number(w, text);
}

void jw_plain(json_writer *w, double v)
{
    char text[64];
    if (v == floor(v) && fabs(v) < 1e15) {
        jw_int(w, (int64_t)v);
        return;
    }
    snprintf(text, sizeof text, "%.15g", v);
    jw_number(w, text);
}

void jw_key_string(json_writer *w, const char *key, const char *s)
{
    jw_key(w, key);
    jw_string(w, s);
}

void jw_key_int(json_writer *w, const char *key, int64_t n)
{
    jw_key(w, key);
    jw_int(w, n);
}

void jw_key_null(json_writer *w, const char *key)
{
    jw_key(w, key);
    jw_null(w);
}

void jw_key_bool(json_writer *w, const char *key, bool b)
{
    jw_key(w, key);
    jw_bool(w, b);
}

void jw_key_score(json_writer *w, const char *key, double v, int decimals)
{
    jw_key(w, key);
    jw_score(w, v, decimals);
}
