/* scan.h — what the readers of saved websites share (scan_site.c walks a directory,
 * warc.c reads a WARC file, scan_html.c finds the rubric's evidence in one page). Internal
 * to the input layer; the public side is patuh_scan in patuh.h. */
#ifndef PATUH_SCAN_H
#define PATUH_SCAN_H

#include "model/model.h"

/* One site being read. */
typedef struct scan_ctx {
    patuh_scan *scan;
    patuh_scan_site *site;
    patuh_diags *diags;
    patuh_idmap *seen; /* page hash -> its first page, for duplicates */
    char **seen_keys;  /* the keys and pages the map borrows, freed with it */
    size_t n_seen;
    patuh_idmap *noted; /* note text -> itself, so a note is kept once */
    bool nomem;
} scan_ctx;

/* One page: its address and capture time for evidence, and its bytes (borrowed). */
typedef struct scan_page {
    const char *page;     /* URL or file path */
    const char *captured; /* ISO 8601 UTC */
    const char *data;
    size_t len;
} scan_page;

/* Reads one page into the site's findings: duplicates are skipped (and noted), a
 * JavaScript shell is noted; the rules not yet found are looked for. ENOMEM only. */
patuh_status scan_page_read(scan_ctx *c, const scan_page *page);
/* Adds a note to the site, once: its kind, the page, record or link (its first `len` bytes)
 * and the other text the kind names (NULL when none). */
void scan_note(scan_ctx *c, patuh_scan_note_kind kind, const char *subject, size_t len,
               const char *other);
/* Whether a path names a page by its extension (.html, .htm, ...), a PDF. */
bool scan_is_page_name(const char *name);
bool scan_is_pdf_name(const char *name, size_t len);
/* "2023-11-14T22:13:20Z" for seconds since the epoch. */
void scan_time_text(int64_t t, char buf[32]);
/* A WARC file into the site (warc.c), by path or from an open stream named `path`. */
patuh_status scan_read_warc(scan_ctx *c, const char *path);
patuh_status scan_read_warc_stream(scan_ctx *c, FILE *f, const char *path);

#endif
