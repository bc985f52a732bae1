/* cmd_compare.c — `patuh compare OLD.json NEW.json`: two JSON reports of `patuh score`
 * side by side — totals, ranks, bands and zones with their change, agencies added and
 * removed, the zone transition matrix, the biggest risers and fallers. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_FORMAT = 256, OPT_FORCE, OPT_LANG };

static const cli_option compare_options[] = {
    {"output", 'o', "OUT", "write to OUT; its extension sets the format (.csv .json .xlsx)"},
    {"format", OPT_FORMAT, "FMT", "table, csv, json or xlsx (default: from OUT, else table)"},
    {"lang", OPT_LANG, "LANG", "table and workbook labels: id (Indonesian, default) or en"},
    {"force", OPT_FORCE, NULL, "compare reports of different rubrics"},
    {0},
};

static const char *const compare_usage[] = {
    "patuh compare OLD.json NEW.json [-o OUT] [--format table|csv|json|xlsx] [--lang id|en] "
    "[--force]",
    NULL,
};

static const cli_spec compare_spec = {
    "compare",
    compare_usage,
    "Compares two JSON reports written by 'patuh score' (for example two years), matching\n"
    "agencies by id.",
    compare_options,
};

typedef struct compare_args {
    const char *output, *format, *lang;
    bool force;
    patuh_format fmt;
    patuh_lang report_lang;
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
        case OPT_FORCE: a->force = true; break;
        case OPT_LANG: a->lang = arg; break;
        case 'h': cli_help(&compare_spec, stdout); return -1;
        default: return EXIT_USAGE;
        }
    }
    if (argc - optind != 2)
        return cli_usage_error(&compare_spec, "expected two reports, OLD.json and NEW.json");
    int code =
        cli_parse_format(&compare_spec, PATUH_REPORT_COMPARISON, a->output, a->format, &a->fmt);
    if (code)
        return code;
    a->report_lang = PATUH_LANG_ID;
    if (a->lang && strcmp(a->lang, "en") == 0)
        a->report_lang = PATUH_LANG_EN;
    else if (a->lang && strcmp(a->lang, "id") != 0)
        return cli_usage_error(&compare_spec, "unknown language '%s', expected id or en", a->lang);
    if (!cli_report_time(&compare_spec, &a->time))
        return EXIT_USAGE;
    return EXIT_OK;
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
    patuh_report_data *old = NULL, *new = NULL;
    patuh_comparison *cmp = NULL;
    patuh_report_options opt = {.lang = a.report_lang, .options = "compare", .time = a.time};
    patuh_status st = patuh_report_read(argv[optind], &lim, &old, &diags);
    patuh_status st2 = patuh_report_read(argv[optind + 1], &lim, &new, &diags);
    if (st == PATUH_OK)
        st = st2;
    if (st == PATUH_OK)
        st = patuh_compare(old, new, a.force, &cmp, &diags);
    if (st == PATUH_OK)
        st = patuh_compare_write(cmp, a.fmt, a.output, &opt, &diags);
    cli_print_diags(&diags);
    if (st == PATUH_OK && a.output)
        fprintf(stderr, "patuh: wrote %s (%zu agencies)\n", a.output, cmp->n_rows);
    code = cli_exit_code(st);
    patuh_comparison_free(cmp);
    patuh_report_data_free(old);
    patuh_report_data_free(new);
    patuh_diags_release(&diags);
    return code;
}
