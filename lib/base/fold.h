/* fold.h — text folded for matching phrases as a reader sees them: lower case, accents
 * dropped, every run of other characters one space; a block boundary is a line break that no
 * phrase spans. `patuh scan` matches the rubric's phrases in pages this way
 * (doc/formats.md §2.8). */
#ifndef PATUH_FOLD_H
#define PATUH_FOLD_H

#include "base/base.h"

/* A growing folded text: only a-z, 0-9, single spaces and '\n' between blocks. */
typedef struct fold_buf {
    char *text; /* NUL-terminated; owned */
    size_t len, cap;
    size_t max; /* stop growing here (0 = no limit): `full` is then set */
    bool nomem;
    bool full;
} fold_buf;

/* Appends n bytes of UTF-8 text, folded; invalid bytes fold to a space. */
void fold_add(fold_buf *b, const char *s, size_t n);
/* Ends a block: the next text starts after a line break. */
void fold_break(fold_buf *b);
void fold_release(fold_buf *b);
/* The folded text of s (caller frees); NULL when out of memory. */
char *text_fold(const char *s);
/* The first place at or after `from` where the folded `needle` stands on word boundaries in
 * the folded `hay` of hay_len bytes, which must be NUL-terminated at or after hay_len (a
 * fold_buf's text is); false when none. */
bool fold_find(const char *hay, size_t hay_len, size_t from, const char *needle, size_t *at);

#endif
