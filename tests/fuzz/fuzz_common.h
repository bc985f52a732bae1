/* fuzz_common.h — shared by the answer and score fuzz targets: the rubric every input is
 * checked against (rubrics/pengaduan.yaml by default, or $PATUH_FUZZ_RUBRIC), loaded once. */
#ifndef PATUH_FUZZ_COMMON_H
#define PATUH_FUZZ_COMMON_H

#include "patuh.h"

#include <stdio.h>
#include <stdlib.h>

static patuh_rubric *fuzz_rubric(void)
{
    static patuh_rubric *rubric;
    if (rubric)
        return rubric;
    const char *path = getenv("PATUH_FUZZ_RUBRIC");
    patuh_diags diags;
    patuh_diags_init(&diags);
    if (patuh_rubric_load(path ? path : "rubrics/pengaduan.yaml", NULL, &rubric, &diags) !=
        PATUH_OK) {
        fprintf(stderr, "fuzz: cannot load the rubric (run from the top of the tree)\n");
        abort();
    }
    patuh_diags_release(&diags);
    return rubric;
}

/* Formats every stored diagnostic, so the formatting code is exercised too. */
static void fuzz_format_diags(const patuh_diags *diags)
{
    char buf[256];
    for (size_t i = 0; i < diags->count; i++)
        patuh_diag_format(&diags->items[i], buf, sizeof buf);
}

#endif
