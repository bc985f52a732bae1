/* fold.c — folding text for phrase matching (fold.h): ASCII letters lowered, the accented
 * Latin letters of U+00C0-U+017F to their base letter, anything else a separator. */
#include "base/fold.h"

#include <stdlib.h>
#include <string.h>

/* U+00C0..U+017F to a base letter, ' ' for the signs among them (x and division). */
static const char latin_base[] =
    "aaaaaaaceeeeiiiidnooooo ouuuuytsaaaaaaaceeeeiiiidnooooo ouuuuyty"
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooo"
    "rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

static bool fold_room(fold_buf *b, size_t n)
{
    if (b->nomem || b->full)
        return false;
    if (b->max && b->len + n > b->max) {
        b->full = true;
        return false;
    }
    if (b->len + n + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1)
        cap *= 2;
    char *grown = realloc(b->text, cap);
    if (!grown) {
        b->nomem = true;
        return false;
    }
    b->text = grown;
    b->cap = cap;
    return true;
}

/* The letter a two-byte UTF-8 sequence folds to, or ' '. */
static char fold_two(unsigned char c0, unsigned char c1)
{
    unsigned cp = ((c0 & 0x1Fu) << 6) | (c1 & 0x3Fu);
    return cp >= 0xC0 && cp < 0x180 ? latin_base[cp - 0xC0] : ' ';
}

/* What an ASCII byte folds to: a lowered letter, a digit, or ' '. */
static char fold_ascii(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        return (char)c;
    return c >= 'A' && c <= 'Z' ? (char)(c + 32) : ' ';
}

/* Folded text is never longer than its source, so room for n bytes is made once. */
void fold_add(fold_buf *b, const char *s, size_t n)
{
    if (!fold_room(b, n))
        return;
    const unsigned char *p = (const unsigned char *)s;
    char *out = b->text;
    size_t len = b->len;
    for (size_t i = 0; i < n;) {
        unsigned char c = p[i];
        char ch;
        if (c < 0x80) {
            ch = fold_ascii(c);
            i++;
        } else if ((c & 0xE0) == 0xC0 && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
            ch = fold_two(c, p[i + 1]);
            i += 2;
        } else { /* any other sequence (or a stray byte) is one separator */
            size_t k = 1;
            while (i + k < n && (p[i + k] & 0xC0) == 0x80 && k < 4)
                k++;
            ch = ' ';
            i += k;
        }
        if (ch != ' ')
            out[len++] = ch;
        else if (len > 0 && out[len - 1] != ' ' && out[len - 1] != '\n')
            out[len++] = ' ';
    }
    out[len] = '\0';
    b->len = len;
}

void fold_break(fold_buf *b)
{
    if (b->len && b->text[b->len - 1] == ' ')
        b->len--;
    if (b->len == 0 || b->text[b->len - 1] == '\n')
        return;
    if (fold_room(b, 1)) {
        b->text[b->len++] = '\n';
        b->text[b->len] = '\0';
    }
}

void fold_release(fold_buf *b)
{
    free(b->text);
    *b = (fold_buf){0};
}

char *text_fold(const char *s)
{
    fold_buf b = {0};
    if (!fold_room(&b, 0))
        return NULL;
    b.text[0] = '\0';
    fold_add(&b, s, strlen(s));
    if (b.len && b.text[b.len - 1] == ' ')
        b.text[--b.len] = '\0';
    if (b.nomem) {
        fold_release(&b);
        return NULL;
    }
    return b.text;
}

static bool fold_bound(char c)
{
    return c == ' ' || c == '\n' || c == '\0';
}

bool fold_find(const char *hay, size_t hay_len, size_t from, const char *needle, size_t *at)
{
    size_t n = strlen(needle);
    if (n == 0 || !hay || from > hay_len)
        return false;
    /* hay is NUL-terminated at or after hay_len (a fold_buf is), so strstr may run */
    for (const char *hit = hay + from; (hit = strstr(hit, needle)); hit++) {
        size_t i = (size_t)(hit - hay);
        if (i + n > hay_len)
            return false;
        if ((i == 0 || fold_bound(hay[i - 1])) && fold_bound(hay[i + n])) {
            *at = i;
            return true;
        }
    }
    return false;
}
