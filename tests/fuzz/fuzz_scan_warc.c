/* fuzz_scan_warc.c — libFuzzer target for the WARC reader of `patuh scan`: any bytes are a
 * WARC file (patuh_scan_add_buffer with a .warc.gz name: gzip members or plain records) whose
 * HTML responses are scanned against rubrics/publikasi-standar.yaml, and the proposals are
 * written. Must end in a status and diagnostics, never a crash, leak or UB. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_scan_one("fuzz.warc.gz", data, size);
}
