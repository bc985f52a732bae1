/* text.c — small rules on texts shared by every reader: what a number and a null look like
 * (YAML's words, which table cells share), the name of a spreadsheet cell, joining names for
 * messages, and the one growable array. */
#include "base/base.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void *array_room(void *arr, size_t n, size_t size)
{
    if (n & (n - 1))
        return arr;
    return realloc(arr, (n ? n * 2 : 1) * size);
}

const char *text_join(char *const *texts, size_t n, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", texts[i]);
    if (used >= size && size > 4)
        memcpy(buf + size - 4, "...", 4);
    return buf;
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
