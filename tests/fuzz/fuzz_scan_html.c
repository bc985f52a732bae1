/* fuzz_scan_html.c — libFuzzer target for the HTML scan of `patuh scan`: any bytes are one
 * saved page (patuh_scan_add_buffer with an .html name) scanned against the rules of
 * rubrics/publikasi-standar.yaml (links, phrases, within, near), and the proposals are
 * written. Must end in a status and diagnostics, never a crash, leak or UB. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_scan_one("fuzz.html", data, size);
}
