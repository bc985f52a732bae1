/* fuzz_score.c — libFuzzer target for the whole pipeline: fuzzed YAML answers against a fixed
 * rubric, then scoring, ranking and the table, CSV and JSON reports written to /dev/null.
 * Any input that reads cleanly must score and write without a crash or leak. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull;

static void fuzz_reports(const patuh_batch *batch, const patuh_diags *warnings)
{
    static const patuh_format formats[] = {PATUH_FMT_TABLE, PATUH_FMT_CSV, PATUH_FMT_JSON};
    patuh_report_options opt = {.lang = PATUH_LANG_ID, .options = "fuzz", .time = 1700000000,
                                .warnings = warnings};
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
        patuh_diags diags;
        patuh_diags_init(&diags);
        opt.lang = i % 2 ? PATUH_LANG_EN : PATUH_LANG_ID;
        if (patuh_report_write_stream(batch, formats[i], devnull, &opt, &diags) != PATUH_OK)
            abort(); /* writing a scored batch to /dev/null cannot fail */
        patuh_diags_release(&diags);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    patuh_rubric *rubric = fuzz_rubric();
    if (!devnull && !(devnull = fopen("/dev/null", "w")))
        abort();
    patuh_diags diags;
    patuh_diags_init(&diags);
    diags.max = 100;
    patuh_batch *batch = patuh_batch_new(rubric, NULL);
    if (!batch)
        abort();
    patuh_status st = patuh_batch_add_buffer(batch, "fuzz.yaml", (const char *)data, size,
                                             &diags);
    if (st == PATUH_OK && batch->n_agencies > 0) {
        st = patuh_batch_score(batch, &diags);
        if (st == PATUH_OK)
            fuzz_reports(batch, &diags);
    }
    fuzz_format_diags(&diags);
    patuh_batch_free(batch);
    patuh_diags_release(&diags);
    return 0;
}
