/* suggest.c — "did you mean" for a mistyped command, option or rubric id, as git does: the
 * closest names by edit distance (at most 2), else the names the typed word begins. */
#include "cli.h"

#include <string.h>

/* Edit distance between two short words; 99 for words of 32 bytes or more. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t n = strlen(b), row[32];
    if (n >= 32 || strlen(a) >= 32)
        return 99;
    for (size_t j = 0; j <= n; j++)
        row[j] = j;
    for (size_t i = 1; a[i - 1]; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= n; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[n];
}

void cli_suggest(const char *typed, const char *const *names, size_t n, const char *lead)
{
    size_t best = 3;
    for (size_t i = 0; i < n; i++) {
        size_t d = edit_distance(typed, names[i]);
        if (d < best)
            best = d;
    }
    for (size_t i = 0; i < n; i++) {
        bool close = best <= 2 ? edit_distance(typed, names[i]) == best
                               : *typed && strncmp(typed, names[i], strlen(typed)) == 0;
        if (close)
            fprintf(stderr, _("did you mean '%s%s'?\n"), lead, names[i]);
    }
}
