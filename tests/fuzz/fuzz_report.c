/* fuzz_report.c — libFuzzer target for what `patuh compare` reads: any bytes are read as a
 * JSON report (patuh_report_read_buffer); a report that reads is compared with itself and
 * the comparison written as a table, CSV and JSON (to /dev/null). Must end in a status and
 * diagnostics, never a crash, leak or UB. */
#include "patuh.h"

#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool quiet;
    if (!quiet) /* the writers print to standard output */
        quiet = freopen("/dev/null", "w", stdout) != NULL;
    patuh_diags diags;
    patuh_diags_init(&diags);
    diags.max = 100;
    patuh_report_data *report = NULL;
    patuh_status st =
        patuh_report_read_buffer("fuzz.json", (const char *)data, size, &report, &diags);
    if ((st == PATUH_OK) != (report != NULL))
        abort(); /* the contract: *out is set exactly on success */
    patuh_comparison *cmp = NULL;
    const patuh_report_data *three[] = {report, report, report}; /* three periods */
    if (report && patuh_compare(three, 3, false, &cmp, &diags) == PATUH_OK) {
        static const patuh_format formats[] = {PATUH_FMT_TABLE, PATUH_FMT_CSV, PATUH_FMT_JSON};
        for (size_t i = 0; i < 3; i++)
            patuh_compare_write(cmp, formats[i], NULL, NULL, &diags);
    }
    char buf[256];
    for (size_t i = 0; i < diags.count; i++)
        patuh_diag_format(&diags.items[i], buf, sizeof buf);
    patuh_comparison_free(cmp);
    patuh_report_data_free(report);
    patuh_diags_release(&diags);
    return 0;
}
