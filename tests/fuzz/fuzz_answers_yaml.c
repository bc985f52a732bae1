/* fuzz_answers_yaml.c — libFuzzer target for the YAML answers reader: any bytes are read as
 * an answer file against a fixed rubric (tests/fuzz/fuzz_common.h). Reading must end in a
 * status and diagnostics, never a crash, a leak or undefined behaviour. */
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
    patuh_status st = patuh_batch_add_buffer(batch, "fuzz.yaml", (const char *)data, size,
                                             &diags);
    if (st == PATUH_OK && diags.errors)
        abort();
    fuzz_format_diags(&diags);
    patuh_batch_free(batch);
    patuh_diags_release(&diags);
    return 0;
}
