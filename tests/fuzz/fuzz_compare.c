/* fuzz_compare.c — libFuzzer target for `patuh compare` over two reports: the input is split
 * at its first NUL byte (JSON holds none) into OLD and NEW (without one, NEW is the second
 * half); each is read as a JSON report, the two compared, with and without --force, and the
 * comparison written as a table, CSV and JSON (to /dev/null). An input that is a zip ("PK")
 * is a ranking workbook (input/report_xlsx_read.c), read whole as both reports. Must end in
 * a status and diagnostics, never a crash, leak or UB. */
#include "patuh.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static patuh_report_data *read_one(const char *name, const char *data, size_t size,
                                   patuh_diags *diags)
{
    patuh_report_data *report = NULL;
    patuh_status st = patuh_report_read_buffer(name, data, size, &report, diags);
    if ((st == PATUH_OK) != (report != NULL))
        abort(); /* the contract: *out is set exactly on success */
    return report;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool quiet;
    if (!quiet) /* the writers print to standard output */
        quiet = freopen("/dev/null", "w", stdout) != NULL;
    const char *text = (const char *)data;
    const char *nul = memchr(text, '\0', size);
    bool zip = size >= 2 && text[0] == 'P' && text[1] == 'K'; /* a workbook holds NULs */
    size_t old_len = zip ? size : nul ? (size_t)(nul - text) : size / 2;
    size_t new_at = zip ? 0 : nul ? old_len + 1 : old_len;
    patuh_diags diags;
    patuh_diags_init(&diags);
    diags.max = 100;
    patuh_report_data *old = read_one(zip ? "old.xlsx" : "old.json", text, old_len, &diags);
    patuh_report_data *new = read_one("new.json", text + new_at, size - new_at, &diags);
    const patuh_report_data *const reports[] = {old, new};
    for (int force = 0; old && new && force < 2; force++) {
        patuh_comparison *cmp = NULL;
        if (patuh_compare(reports, 2, force, &cmp, &diags) == PATUH_OK) {
            static const patuh_format formats[] = {PATUH_FMT_TABLE, PATUH_FMT_CSV,
                                                   PATUH_FMT_JSON};
            for (size_t i = 0; i < 3; i++)
                patuh_compare_write(cmp, formats[i], NULL, NULL, &diags);
        } else if (cmp) {
            abort(); /* no comparison on failure */
        }
        patuh_comparison_free(cmp);
    }
    char buf[256];
    for (size_t i = 0; i < diags.count; i++)
        patuh_diag_format(&diags.items[i], buf, sizeof buf);
    patuh_report_data_free(old);
    patuh_report_data_free(new);
    patuh_diags_release(&diags);
    return 0;
}
