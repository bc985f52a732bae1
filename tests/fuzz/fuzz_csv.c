/* fuzz_csv.c — libFuzzer target for the CSV answers reader: any bytes are read as a CSV answer
 * file (patuh_batch_add_buffer with a .csv name) against a fixed rubric, and a batch that reads
 * cleanly is scored. Must end in a status and diagnostics, never a crash, leak or UB. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    patuh_rubric *rubric = fuzz_rubric();
    patuh_diags diags;
    patuh_diags_init(&diags);
    diags.max = 100;
    patuh_batch *batch = patuh_batch_new(rubric, NULL);
    if (!batch)
        abort();
    patuh_status st = patuh_batch_add_buffer(batch, "fuzz.csv", (const char *)data, size,
                                             &diags);
    if (st == PATUH_OK && diags.errors)
        abort(); /* an error must make the status EINVALID */
    if (st == PATUH_OK && batch->n_agencies > 0)
        patuh_batch_score(batch, &diags);
    fuzz_format_diags(&diags);
    patuh_batch_free(batch);
    patuh_diags_release(&diags);
    return 0;
}
