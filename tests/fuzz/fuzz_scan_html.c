/* fuzz_scan_html.c — libFuzzer target for the HTML scan of `patuh scan`: any bytes are one
 * saved page (patuh_scan_add_buffer with an .html name) scanned against the rules of
 * rubrics/publikasi-standar.yaml (links, phrases, within, near), and the proposals are
 * written. Must end in a status and diagnostics, never a crash, leak or UB. */
#include "patuh.h"

#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static patuh_rubric *scan_rubric(void)
{
    static patuh_rubric *rubric;
    patuh_diags diags;
    patuh_diags_init(&diags);
    if (!rubric &&
        patuh_rubric_load("rubrics/publikasi-standar.yaml", NULL, &rubric, &diags) != PATUH_OK) {
        fprintf(stderr, "fuzz: cannot load the rubric (run from the top of the tree)\n");
        abort();
    }
    patuh_diags_release(&diags);
    return rubric;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    patuh_scan *scan = patuh_scan_new(scan_rubric(), NULL);
    patuh_diags diags;
    patuh_diags_init(&diags);
    if (!scan)
        abort();
    patuh_status st = patuh_scan_add_buffer(scan, "fuzz.html", (const char *)data, size, &diags);
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
