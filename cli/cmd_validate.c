/* cmd_validate.c — `patuh validate`: read a rubric and answer files and list every problem,
 * missing answers included, then a one-line summary. Writes no report. */
#include "cli.h"

#include <getopt.h>
#include <string.h>

enum { OPT_STRICT = 256, OPT_AGENCIES };

static const cli_option validate_options[] = {
    {"rubric", 'r', "RUBRIC", N_("rubric file, or the id of a shipped rubric (required)")},
    {"strict", OPT_STRICT, NULL,
     N_("treat warnings (missing answers, N/A without note) as errors")},
    {"agencies", OPT_AGENCIES, "FILE",
     N_("the agency list (as template takes): listed agencies without answers are not assessed")},
    {0},
};

static const char *const validate_usage[] = {
    "patuh validate -r RUBRIC [--strict] [--agencies FILE] INPUT...",
    NULL,
};

static const cli_spec validate_spec = {
    "validate",
    validate_usage,
    N_("Lists every problem in answer files, with its location, and scores nothing."),
    validate_options,
};

static void print_summary(const patuh_batch *batch, const patuh_diags *diags)
{
    size_t agencies = batch ? batch->n_agencies : 0, units = batch ? batch->n_units : 0;
    size_t answers = batch ? batch->n_answers : 0;
    char a[64], u[64], n[64], e[64], w[64];
    snprintf(a, sizeof a, ngettext("%zu agency", "%zu agencies", agencies), agencies);
    snprintf(u, sizeof u, ngettext("%zu unit", "%zu units", units), units);
    snprintf(n, sizeof n, ngettext("%zu answer", "%zu answers", answers), answers);
    snprintf(e, sizeof e, ngettext("%zu error", "%zu errors", diags->errors), diags->errors);
    snprintf(w, sizeof w, ngettext("%zu warning", "%zu warnings", diags->warnings),
             diags->warnings);
    fprintf(stderr, "%s, %s, %s: %s, %s\n", a, u, n, e, w);
}

int cmd_validate(int argc, char **argv)
{
    const char *rubric_name = NULL, *agencies = NULL, *arg;
    bool strict = false;
    int c;
    while ((c = cli_next_option(argc, argv, &validate_spec, &arg)) != -1) {
        switch (c) {
        case 'r': rubric_name = arg; break;
        case OPT_STRICT: strict = true; break;
        case OPT_AGENCIES: agencies = arg; break;
        case 'h': cli_help(&validate_spec, stdout); return EXIT_OK;
        default: return EXIT_USAGE;
        }
    }
    if (!rubric_name)
        return cli_usage_error(&validate_spec, "missing -r RUBRIC");
    if (optind >= argc)
        return cli_usage_error(&validate_spec, "missing INPUT: answer files or folders");
    cli_run run;
    cli_score_opts opts = cli_score_defaults();
    opts.strict = strict;
    opts.agencies = agencies;
    opts.verbose = opts.score_invalid = true; /* validate lists every missing answer */
    int code = cli_run_score(&run, rubric_name, &opts, argc - optind, argv + optind);
    /* a rubric that cannot be loaded has no summary to give */
    if (run.rubric)
        print_summary(run.batch, &run.diags);
    cli_run_release(&run);
    return code;
}
