/* fuzz_template.c — libFuzzer target for `patuh template`: the input is split at its first NUL
 * byte into a rubric (YAML) and an agencies list (the rest: CSV when its first byte is not
 * '-' or 'a', else YAML), both read as `template --agencies` reads them, and the form written
 * in every format (.yaml, .csv, .xlsx) to a scratch folder. Must end in a status and
 * diagnostics, never a crash, leak or UB. */
#include "patuh.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A scratch folder of this process, made once. */
static const char *scratch(void)
{
    static char dir[64];
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/patuh-fuzz-template-%ld", (long)getpid());
        char cmd[96];
        snprintf(cmd, sizeof cmd, "mkdir -p %s", dir);
        if (system(cmd) != 0)
            abort();
    }
    return dir;
}

static bool write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    bool ok = fwrite(data, 1, len, f) == len;
    return fclose(f) == 0 && ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *nul = memchr(text, '\0', size);
    if (!nul)
        return 0; /* a rubric and an agencies list, or nothing to do */
    size_t rubric_len = (size_t)(nul - text), rest = size - rubric_len - 1;
    const char *agencies = nul + 1;
    patuh_diags diags;
    patuh_diags_init(&diags);
    diags.max = 100;
    patuh_rubric *rubric = NULL;
    patuh_batch *batch = NULL;
    if (patuh_rubric_load_buffer("rubric.yaml", text, rubric_len, NULL, &rubric, &diags) !=
            PATUH_OK ||
        !(batch = patuh_batch_new(rubric, NULL)))
        goto done;
    char path[128];
    bool yaml = rest > 0 && (agencies[0] == '-' || agencies[0] == 'a');
    snprintf(path, sizeof path, "%s/agencies.%s", scratch(), yaml ? "yaml" : "csv");
    if (!write_file(path, agencies, rest))
        abort();
    if (patuh_batch_add_agencies(batch, path, &diags) != PATUH_OK)
        goto done;
    static const char *const exts[] = {"yaml", "csv", "xlsx"};
    patuh_report_options opt = {.time = 1700000000};
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/form.%s", scratch(), exts[i]);
        patuh_template_write(batch, path, &opt, &diags);
    }
done:
    for (size_t i = 0; i < diags.count; i++) {
        char buf[256];
        patuh_diag_format(&diags.items[i], buf, sizeof buf);
    }
    patuh_batch_free(batch);
    patuh_rubric_free(rubric);
    patuh_diags_release(&diags);
    patuh_inputs_forget(); /* the agencies file is read again next time */
    return 0;
}
