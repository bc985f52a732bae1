/* fuzz_common.h — shared by the fuzz targets: the rubric every input is checked against
 * ($PATUH_FUZZ_RUBRIC, else the target's default), loaded once; the scan of one buffer. */
#ifndef PATUH_FUZZ_COMMON_H
#define PATUH_FUZZ_COMMON_H

#include "patuh.h"

#include <stdio.h>
#include <stdlib.h>

/* The rubric of this target: $PATUH_FUZZ_RUBRIC, else `fallback`; loaded once. */
static patuh_rubric *fuzz_rubric_from(const char *fallback)
{
    static patuh_rubric *rubric;
    if (rubric)
        return rubric;
    const char *path = getenv("PATUH_FUZZ_RUBRIC");
    patuh_diags diags;
    patuh_diags_init(&diags);
    if (patuh_rubric_load(path ? path : fallback, NULL, &rubric, &diags) != PATUH_OK) {
        fprintf(stderr, "fuzz: cannot load the rubric (run from the top of the tree)\n");
        abort();
    }
    patuh_diags_release(&diags);
    return rubric;
}

static inline patuh_rubric *fuzz_rubric(void)
{
    return fuzz_rubric_from("rubrics/pengaduan.yaml");
}

/* One input of the scan targets: `data` read as the file `name` (its extension picks a saved
 * page or a WARC file), scanned against rubrics/publikasi-standar.yaml, and the proposals
 * written. Ends in a status and diagnostics, never a crash, leak or UB. */
static inline int fuzz_scan_one(const char *name, const uint8_t *data, size_t size)
{
    patuh_scan *scan = patuh_scan_new(fuzz_rubric_from("rubrics/publikasi-standar.yaml"), NULL);
    patuh_diags diags;
    patuh_diags_init(&diags);
    if (!scan)
        abort();
    patuh_status st = patuh_scan_add_buffer(scan, name, (const char *)data, size, &diags);
    if (st == PATUH_OK && diags.errors)
        abort(); /* an error must make the status EINVALID */
    FILE *out = fopen("/dev/null", "w");
    if (st == PATUH_OK && out)
        patuh_scan_write_stream(scan, out, &diags);
    if (out)
        fclose(out);
    patuh_scan_free(scan);
    patuh_diags_release(&diags);
    return 0;
}

/* Formats every stored diagnostic, so the formatting code is exercised too. */
static inline void fuzz_format_diags(const patuh_diags *diags)
{
    char buf[256];
    for (size_t i = 0; i < diags->count; i++)
        patuh_diag_format(&diags->items[i], buf, sizeof buf);
}

#endif
