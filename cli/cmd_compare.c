/* cmd_compare.c — `patuh compare REPORT...`: reports of `patuh score` (JSON or its ranking
 * workbook) for two or more periods, oldest first, side by side — totals per period, signed
 * changes, ranks among the agencies in both periods, bands and zones, section changes,
 * agencies added and removed, the zone transition matrix, the biggest risers and fallers
 * (doc/scoring.md §11). */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_FORMAT = 256, OPT_CSV, OPT_FORCE, OPT_LANG };

static const cli_option compare_options[] = {
    {"output", 'o', "OUT", N_("write to OUT; its extension sets the format (.csv .json .xlsx)")},
    {"format", OPT_FORMAT, "FMT", N_("table, csv, json or xlsx (default: from OUT, else table)")},
    {"csv", OPT_CSV, "STYLE",
     N_("CSV: en (RFC 4180, default) or id (Indonesian Excel: ';', decimal comma)")},
    {"lang", OPT_LANG, "LANG",
     N_("table and workbook labels, and messages when given: id (Indonesian, default) or en")},
    {"force", OPT_FORCE, NULL, N_("compare reports of different rubrics")},
    {0},
};

static const char *const compare_usage[] = {
    "patuh compare REPORT REPORT... [-o OUT] [--format table|csv|json|xlsx] [--csv id|en] "
    "[--lang id|en] [--force]",
    NULL,
};

static const cli_spec compare_spec = {
    "compare",
    compare_usage,
    N_("Compares reports written by 'patuh score', JSON or the ranking workbook (patuh score\n"
       "... -o 2024.json, or -o 2024.xlsx), for two or more periods, oldest first, matching\n"
       "agencies by id."),
    compare_options,
};

typedef struct compare_args {
    const char *csv, *output, *format, *lang;
    bool force;
    patuh_format fmt;
    patuh_lang report_lang;
    bool csv_id;  /* --csv id */
    int64_t time; /* of the report: SOURCE_DATE_EPOCH or now */
} compare_args;

static int parse_args(int argc, char **argv, compare_args *a)
{
    const char *arg;
    int c;
    while ((c = cli_next_option(argc, argv, &compare_spec, &arg)) != -1) {
        switch (c) {
        case 'o': a->output = arg; break;
        case OPT_FORMAT: a->format = arg; break;
        case OPT_CSV: a->csv = arg; break;
        case OPT_FORCE: a->force = true; break;
        case OPT_LANG: a->lang = arg; break;
        case 'h': cli_help(&compare_spec, stdout); return -1;
        default: return EXIT_USAGE;
        }
    }
    if (argc - optind < 2)
        return cli_usage_error(&compare_spec,
                               "expected two or more reports, oldest first: 2023.json 2024.json");
    int code =
        cli_parse_format(&compare_spec, PATUH_REPORT_COMPARISON, a->output, a->format, &a->fmt);
    if (code)
        return code;
    a->report_lang = PATUH_LANG_ID;
    if (a->lang && strcmp(a->lang, "en") == 0)
        a->report_lang = PATUH_LANG_EN;
    else if (a->lang && strcmp(a->lang, "id") != 0)
        return cli_usage_error(&compare_spec, "unknown language '%s', expected id or en", a->lang);
    code = cli_parse_csv(&compare_spec, a->csv, &a->csv_id);
    if (code)
        return code;
    if (!cli_report_time(&compare_spec, &a->time))
        return EXIT_USAGE;
    return EXIT_OK;
}

/* Reads every report (all of them, so every problem is listed), then compares and writes. */
static patuh_status compare_run(char **paths, size_t n, const compare_args *a,
                                const patuh_limits *lim, patuh_diags *diags)
{
    patuh_report_data **reports = calloc(n, sizeof *reports);
    patuh_comparison *cmp = NULL;
    if (!reports)
        return PATUH_ENOMEM;
    patuh_status st = PATUH_OK;
    for (size_t k = 0; k < n; k++) {
        patuh_status one = patuh_report_read(paths[k], lim, &reports[k], diags);
        if (st == PATUH_OK)
            st = one;
    }
    patuh_report_options opt = {
        .lang = a->report_lang, .options = "compare", .time = a->time, .csv_id = a->csv_id};
    if (st == PATUH_OK)
        st = patuh_compare((const patuh_report_data *const *)reports, n, a->force, &cmp, diags);
    if (st == PATUH_OK)
        st = patuh_compare_write(cmp, a->fmt, a->output, &opt, diags);
    if (st == PATUH_OK && a->output)
        fprintf(stderr, _("patuh: wrote %s (%zu agencies, %zu periods)\n"), a->output, cmp->n_rows,
                n);
    patuh_comparison_free(cmp);
    for (size_t k = 0; k < n; k++)
        patuh_report_data_free(reports[k]);
    free(reports);
    return st;
}

int cmd_compare(int argc, char **argv)
{
    compare_args a = {0};
    int code = parse_args(argc, argv, &a);
    if (code)
        return code < 0 ? EXIT_OK : code;
    patuh_limits lim;
    patuh_diags diags;
    cli_setup(&lim, &diags, false);
    patuh_status st = compare_run(argv + optind, (size_t)(argc - optind), &a, &lim, &diags);
    cli_print_diags(&diags);
    code = cli_exit_code(st);
    patuh_diags_release(&diags);
    return code;
}
