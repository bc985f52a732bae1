/* cmd_validate.c — `patuh validate`: read a rubric and answer files and list every problem,
 * missing answers included, then a one-line summary. Writes no report. */
#include "cli.h"

#include <getopt.h>
#include <string.h>

enum { OPT_STRICT = 256 };

static const cli_option validate_options[] = {
    {"rubric", 'r', "RUBRIC", "rubric file, or the id of a shipped rubric (required)"},
    {"strict", OPT_STRICT, NULL, "treat warnings (missing answers, N/A without note) as errors"},
    {0},
};

static const char *const validate_usage[] = {
    "patuh validate -r RUBRIC [--strict] INPUT...",
    NULL,
};

static const cli_spec validate_spec = {
    "validate", validate_usage,
    "Lists every problem in answer files, with its location, and scores nothing.",
    validate_options,
};

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

static void print_summary(const patuh_batch *batch, const patuh_diags *diags)
{
    size_t agencies = batch ? batch->n_agencies : 0, units = batch ? batch->n_units : 0;
    size_t answers = batch ? batch->n_answers : 0;
    fprintf(stderr, "%zu %s, %zu %s, %zu %s: %zu %s, %zu %s\n", agencies,
            plural(agencies, "agency", "agencies"), units, plural(units, "unit", "units"),
            answers, plural(answers, "answer", "answers"), diags->errors,
            plural(diags->errors, "error", "errors"), diags->warnings,
            plural(diags->warnings, "warning", "warnings"));
}

int cmd_validate(int argc, char **argv)
{
    const char *rubric_name = NULL, *arg;
    bool strict = false;
    int c;
    while ((c = cli_next_option(argc, argv, &validate_spec, &arg)) != -1) {
        switch (c) {
        case 'r': rubric_name = arg; break;
        case OPT_STRICT: strict = true; break;
        case 'h': cli_help(&validate_spec, stdout); return EXIT_OK;
        default: return EXIT_USAGE;
        }
    }
    if (!rubric_name)
        return cli_usage_error(&validate_spec, "missing -r RUBRIC");
    if (optind >= argc)
        return cli_usage_error(&validate_spec, "missing INPUT: answer files or folders");
    patuh_limits lim;
    patuh_diags diags;
    cli_setup(&lim, &diags, strict);
    patuh_rubric *rubric = NULL;
    patuh_batch *batch = NULL;
    int code = cli_load_rubric(rubric_name, &lim, &rubric, &diags);
    if (code)
        goto done;
    if (!(batch = patuh_batch_new(rubric, &lim))) {
        code = cli_exit_code(PATUH_ENOMEM);
        goto done;
    }
    patuh_status st = cli_read_inputs(batch, argc - optind, argv + optind, &diags);
    /* scoring finds the missing answers, so it runs on invalid answers too (they were not
     * stored), though not when a file could not be read at all */
    if (st == PATUH_OK || st == PATUH_EINVALID) {
        patuh_status scored = patuh_batch_score(batch, &diags);
        if (st == PATUH_OK)
            st = scored;
    }
    cli_print_diags(&diags);
    print_summary(batch, &diags);
    code = cli_exit_code(st);
done:
    patuh_batch_free(batch);
    patuh_rubric_free(rubric);
    patuh_diags_release(&diags);
    return code;
}
