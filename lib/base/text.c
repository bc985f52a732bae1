/* text.c — small rules on texts shared by every reader: what a number and a null look like
 * (YAML's words, which table cells share), the name of a spreadsheet cell, joining names for
 * messages, the one growable array and the one growable text. */
#include "base/base.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *array_room(void *arr, size_t n, size_t size)
{
    if (n & (n - 1))
        return arr;
    return realloc(arr, (n ? n * 2 : 1) * size);
}

bool text_addn(text_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *bigger = realloc(b->s, cap);
        if (!bigger)
            return false;
        b->s = bigger;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
    return true;
}

void text_clear(text_buf *b)
{
    b->len = 0;
    if (b->s)
        b->s[0] = '\0';
}

void tb_init(tbuf *t, char *buf, size_t size)
{
    *t = (tbuf){buf, size, 0};
    if (size)
        buf[0] = '\0';
}

static void tb_vadd(tbuf *t, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

static void tb_vadd(tbuf *t, const char *fmt, va_list ap)
{
    if (t->used >= t->size)
        return;
    int n = vsnprintf(t->buf + t->used, t->size - t->used, fmt, ap);
    t->used += n > 0 ? (size_t)n : 0;
    if (t->used >= t->size && t->size > 4)
        memcpy(t->buf + t->size - 4, "...", 4);
}

void tb_add(tbuf *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tb_vadd(t, fmt, ap);
    va_end(ap);
}

void tb_item(tbuf *t, const char *sep, const char *fmt, ...)
{
    if (t->used >= t->size)
        return;
    if (t->used)
        tb_add(t, "%s", sep);
    va_list ap;
    va_start(ap, fmt);
    tb_vadd(t, fmt, ap);
    va_end(ap);
}

/* The escape of one control character at s (C0, DEL, C1, U+2028, U+2029), its length in
 * *n; NULL when s does not start with one. */
static const char *control_escape(const unsigned char *s, size_t *n, char buf[8])
{
    static const char *const named[] = {['\n'] = "\\n", ['\t'] = "\\t", ['\r'] = "\\r"};
    *n = 1;
    if (s[0] < 0x20 || s[0] == 0x7f) {
        if (s[0] < sizeof named / sizeof *named && named[s[0]])
            return named[s[0]];
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
        snprintf(buf, 8, "\\u%04x", 0x2000 + (s[2] - 0x80));
        return buf;
    }
    return NULL;
}

bool text_has_control(const char *s)
{
    char buf[8];
    size_t n;
    for (; s && *s; s++)
        if (control_escape((const unsigned char *)s, &n, buf))
            return true;
    return false;
}

size_t text_escape(const char *s, char *buf, size_t size)
{
    size_t used = 0, written = 0;
    bool full = size == 0;
    char esc[8];
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p;) {
        size_t n;
        const char *e = control_escape(p, &n, esc);
        size_t len = e ? strlen(e) : 1;
        if (!full && used + len < size) {
            memcpy(buf + used, e ? e : (const char *)p, len);
            written = used + len;
        } else {
            full = true; /* cut here, never inside an escape */
        }
        used += len;
        p += n;
    }
    if (size)
        buf[written] = '\0';
    return used;
}

/* The code point of the UTF-8 sequence at s, its length in *n (1 for a stray byte). */
static unsigned utf8_at(const unsigned char *s, size_t *n)
{
    unsigned cp = s[0];
    size_t len = cp >= 0xF0 ? 4 : cp >= 0xE0 ? 3 : cp >= 0xC0 ? 2 : 1;
    if (len > 1)
        cp &= 0x3Fu >> (len - 1);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *n = 1;
            return s[0];
        }
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    *n = len;
    return cp;
}

/* Characters that show as nothing, or as a plain space: the format characters (zero-width
 * space and joiners, direction marks and isolates, the soft hyphen, the BOM, variation
 * selectors, tags) and every space but U+0020 (NBSP, the en and em spaces, U+3000, ...). */
static bool invisible(unsigned cp)
{
    static const unsigned ranges[][2] = {
        {0x00A0, 0x00A0}, {0x00AD, 0x00AD},   {0x034F, 0x034F}, {0x061C, 0x061C}, {0x115F, 0x1160},
        {0x17B4, 0x17B5}, {0x180B, 0x180E},   {0x2000, 0x200F}, {0x202A, 0x202F}, {0x205F, 0x206F},
        {0x3000, 0x3000}, {0x3164, 0x3164},   {0xFE00, 0xFE0F}, {0xFEFF, 0xFEFF}, {0xFFA0, 0xFFA0},
        {0xFFF9, 0xFFFB}, {0xE0000, 0xE0FFF},
    };
    for (size_t i = 0; i < sizeof ranges / sizeof *ranges; i++)
        if (cp >= ranges[i][0] && cp <= ranges[i][1])
            return true;
    return false;
}

/* The Combining Diacritical Marks: an accent written after its letter (decomposed, NFD). */
static bool combining(unsigned cp)
{
    return cp >= 0x0300 && cp <= 0x036F;
}

unsigned text_invisible(const char *s, bool *is_combining)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p;) {
        size_t n = 1;
        unsigned cp = *p < 0x80 ? *p : utf8_at(p, &n);
        if (invisible(cp) || combining(cp)) {
            *is_combining = combining(cp);
            return cp;
        }
        p += n;
    }
    return 0;
}

void text_show_invisible(const char *s, char *buf, size_t size)
{
    tbuf t;
    tb_init(&t, buf, size);
    char esc[8];
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p;) {
        size_t n;
        const char *e = control_escape(p, &n, esc);
        unsigned cp = e || *p < 0x80 ? 0 : utf8_at(p, &n);
        if (e)
            tb_add(&t, "%s", e);
        else if (invisible(cp) || combining(cp))
            tb_add(&t, "<U+%04X>", cp);
        else
            tb_add(&t, "%.*s", (int)n, (const char *)p);
        p += n;
    }
}

const char *text_join(const char *const *texts, size_t n, char *buf, size_t size)
{
    tbuf t;
    tb_init(&t, buf, size);
    for (size_t i = 0; i < n && (n != SIZE_MAX || texts[i]); i++)
        tb_item(&t, ", ", "%s", texts[i]);
    return buf;
}

char *str_join(const char *const *texts, size_t n, const char *sep)
{
    size_t len = 1, seplen = strlen(sep);
    for (size_t i = 0; i < n; i++)
        len += strlen(texts[i]) + seplen;
    char *out = malloc(len), *p = out;
    for (size_t i = 0; out && i < n; i++) {
        size_t k = strlen(texts[i]);
        if (i) {
            memcpy(p, sep, seplen);
            p += seplen;
        }
        memcpy(p, texts[i], k);
        p += k;
    }
    if (out)
        *p = '\0';
    return out;
}

bool text_is_null(const char *s)
{
    if (*s != '~' && *s != 'n' && *s != 'N')
        return !*s;
    return strcmp(s, "~") == 0 || strcmp(s, "null") == 0 || strcmp(s, "Null") == 0 ||
           strcmp(s, "NULL") == 0;
}

/* A YAML number: [+-] digits [. digits] [e [+-] digits], or [+-] . digits [...]. */
static bool looks_numeric(const char *s)
{
    if (*s == '+' || *s == '-')
        s++;
    size_t digits = 0;
    while (isdigit((unsigned char)*s))
        s++, digits++;
    if (*s == '.') {
        s++;
        while (isdigit((unsigned char)*s))
            s++, digits++;
    }
    if (!digits)
        return false;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        if (!isdigit((unsigned char)*s))
            return false;
        while (isdigit((unsigned char)*s))
            s++;
    }
    return *s == '\0';
}

/* Clinger's fast path for [+-] digits [. digits] with at most 15 digits: the digits and the
 * power of ten are exact doubles, so one correctly rounded division gives what strtod
 * gives. false when the text needs strtod. */
static bool decimal_fast(const char *s, double *out)
{
    static const double pow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    bool negative = *s == '-';
    uint64_t m = 0;
    unsigned digits = 0, fraction = 0;
    if (*s == '+' || *s == '-')
        s++;
    if (!isdigit((unsigned char)*s))
        return false;
    for (; isdigit((unsigned char)*s); s++, digits++)
        m = m * 10 + (uint64_t)(*s - '0');
    if (*s == '.') {
        if (!isdigit((unsigned char)*++s))
            return false;
        for (; isdigit((unsigned char)*s); s++, digits++, fraction++)
            m = m * 10 + (uint64_t)(*s - '0');
    }
    if (*s || digits > 15)
        return false;
    double v = (double)m / pow10[fraction];
    *out = negative ? -v : v;
    return true;
}

text_number text_to_number(const char *s, double *out)
{
    if (decimal_fast(s, out))
        return TEXT_NUMBER;
    if (!looks_numeric(s))
        return TEXT_NOT_NUMBER;
    double v = strtod(s, NULL);
    if (!isfinite(v))
        return TEXT_OUT_OF_RANGE;
    *out = v;
    return TEXT_NUMBER;
}

void cell_name(unsigned row, unsigned col, char *buf, size_t size)
{
    char letters[8];
    size_t n = 0;
    for (unsigned k = col; k > 0 && n < sizeof letters; k = (k - 1) / 26)
        letters[n++] = (char)('A' + (k - 1) % 26);
    size_t used = 0;
    while (n > 0 && used + 1 < size)
        buf[used++] = letters[--n];
    snprintf(buf + used, size - used, "%u", row);
}
