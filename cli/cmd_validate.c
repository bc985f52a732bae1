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
    "validate",
    validate_usage,
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
            plural(agencies, "agency", "agencies"), units, plural(units, "unit", "units"), answers,
            plural(answers, "answer", "answers"), diags->errors,
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
    cli_run run;
    int code = cli_run_score(&run, rubric_name, strict, argc - optind, argv + optind, true);
    /* a rubric that cannot be loaded has no summary to give */
    if (run.rubric)
        print_summary(run.batch, &run.diags);
    cli_run_release(&run);
    return code;
}
