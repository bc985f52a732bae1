/* fuzz_rubric.c — libFuzzer target for the rubric loader: any bytes go to
 * patuh_rubric_load_buffer, which must return a status and diagnostics, never crash or leak.
 * Built by `make fuzz` with clang -fsanitize=fuzzer,address,undefined. */
#include "patuh.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    patuh_limits lim;
    patuh_limits_default(&lim);
    patuh_diags diags;
    patuh_diags_init(&diags);
    diags.max = 100;
    patuh_rubric *rubric = NULL;
    patuh_status st = patuh_rubric_load_buffer("fuzz.yaml", (const char *)data, size, &lim,
                                               &rubric, &diags);
    if ((st == PATUH_OK) != (rubric != NULL))
        abort(); /* the contract: *out is set exactly on success */
    if (st == PATUH_OK && diags.errors)
        abort();
    char buf[256];
    for (size_t i = 0; i < diags.count; i++)
        patuh_diag_format(&diags.items[i], buf, sizeof buf);
    patuh_rubric_free(rubric);
    patuh_diags_release(&diags);
    return 0;
}
