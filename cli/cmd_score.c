/* cmd_score.c — `patuh score`: read a rubric and answer files, score and rank every agency,
 * write the report (table on stdout, or a file whose format follows -o's extension). Nothing
 * is written when any input is invalid. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

enum {
    OPT_FORMAT = 256,
    OPT_CSV,
    OPT_LANG,
    OPT_STRICT,
    OPT_EXPLAIN,
    OPT_AGENCY,
    OPT_MIN_COVERAGE,
    OPT_RANK_INCOMPLETE,
    OPT_AGENCIES,
    OPT_TITLE,
    OPT_OFFICE
};

static const cli_option score_options[] = {
    {"rubric", 'r', "RUBRIC", N_("rubric file, or the id of a shipped rubric (required)")},
    {"output", 'o', "OUT", N_("write the report to OUT; its extension sets the format")},
    {"format", OPT_FORMAT, "FMT", N_("table, csv, json or xlsx (default: from OUT, else table)")},
    {"csv", OPT_CSV, "STYLE",
     N_("CSV: en (RFC 4180, default) or id (Indonesian Excel: ';', decimal comma)")},
    {"lang", OPT_LANG, "LANG",
     N_("report labels, and messages when given: id (Indonesian, default) or en")},
    {"strict", OPT_STRICT, NULL,
     N_("treat warnings (missing answers, N/A without note) as errors")},
    {"agencies", OPT_AGENCIES, "FILE",
     N_("the agency list (as template takes): listed agencies without answers are not assessed")},
    {"min-coverage", OPT_MIN_COVERAGE, "X",
     N_("rank only agencies that answered at least X (0-1 or N%) of what applies to them")},
    {"rank-incomplete", OPT_RANK_INCOMPLETE, NULL,
     N_("rank agencies below the minimum coverage too")},
    {"title", OPT_TITLE, "TEXT",
     N_("XLSX: the title above the ranking (default: the rubric's title)")},
    {"office", OPT_OFFICE, "TEXT",
     N_("XLSX: the assessing office and its region, under the title")},
    {"verbose", 'v', NULL, N_("list every missing answer, not one line per agency")},
    {"explain", OPT_EXPLAIN, NULL, N_("print how one agency's total adds up, section by section")},
    {"agency", OPT_AGENCY, "ID", N_("the agency to explain (with --explain)")},
    {0},
};

static const char *const score_usage[] = {
    "patuh score -r RUBRIC [-o OUT] [--format table|csv|json|xlsx] [--csv id|en] [--lang id|en] "
    "[--strict] [--agencies FILE] [--min-coverage X] [--rank-incomplete] [--title TEXT] [--office "
    "TEXT] [-v] "
    "INPUT...",
    "patuh score -r RUBRIC --explain --agency ID [--lang id|en] INPUT...",
    NULL,
};

static const cli_spec score_spec = {
    "score",
    score_usage,
    N_("Scores answer files (YAML; folders are read recursively; - is standard input) against a "
       "rubric,\nranks the agencies and writes the report."),
    score_options,
};

typedef struct score_args {
    const char *csv, *rubric, *output, *format, *lang, *agency, *title, *office;
    bool explain;
    cli_score_opts run;
    patuh_format fmt;
    patuh_lang report_lang;
    bool csv_id;  /* --csv id */
    int64_t time; /* of the report: SOURCE_DATE_EPOCH or now */
} score_args;

static int parse_args(int argc, char **argv, score_args *a)
{
    const char *arg;
    int c;
    while ((c = cli_next_option(argc, argv, &score_spec, &arg)) != -1) {
        switch (c) {
        case 'r': a->rubric = arg; break;
        case 'o': a->output = arg; break;
        case OPT_FORMAT: a->format = arg; break;
        case OPT_CSV: a->csv = arg; break;
        case OPT_LANG: a->lang = arg; break;
        case OPT_STRICT: a->run.strict = true; break;
        case OPT_RANK_INCOMPLETE: a->run.rank_incomplete = true; break;
        case OPT_AGENCIES: a->run.agencies = arg; break;
        case OPT_TITLE: a->title = arg; break;
        case OPT_OFFICE: a->office = arg; break;
        case 'v': a->run.verbose = true; break;
        case OPT_MIN_COVERAGE:
            if (!cli_parse_coverage(arg, &a->run.min_coverage))
                return cli_usage_error(&score_spec,
                                       "expected a number from 0 to 1 or a percentage for "
                                       "'--min-coverage', got '%s'",
                                       arg);
            break;
        case OPT_EXPLAIN: a->explain = true; break;
        case OPT_AGENCY: a->agency = arg; break;
        case 'h': cli_help(&score_spec, stdout); return -1;
        default: return EXIT_USAGE;
        }
    }
    if (!a->rubric)
        return cli_usage_error(&score_spec, "missing -r RUBRIC");
    if (optind >= argc)
        return cli_usage_error(&score_spec, "missing INPUT: answer files or folders");
    if (a->explain != (a->agency != NULL))
        return cli_usage_error(&score_spec, "--explain and --agency ID go together");
    int code = cli_parse_format(&score_spec, PATUH_REPORT_RANKING, a->output, a->format, &a->fmt);
    if (code)
        return code;
    if (!cli_report_time(&score_spec, &a->time))
        return EXIT_USAGE;
    code = cli_parse_csv(&score_spec, a->csv, &a->csv_id);
    if (code)
        return code;
    return cli_parse_lang(&score_spec, a->lang, &a->report_lang);
}

static int write_report(patuh_batch *batch, const score_args *a, const patuh_diags *warn)
{
    char options[512];
    bool en = a->report_lang == PATUH_LANG_EN; /* the About sheet is in the report's language */
    snprintf(options, sizeof options,
             en ? "rubric=%s format=%s lang=%s strict=%s"
                : "rubrik=%s format=%s bahasa=%s ketat=%s",
             a->rubric, patuh_format_name(a->fmt), en ? "en" : "id",
             a->run.strict ? (en ? "yes" : "ya") : (en ? "no" : "tidak"));
    patuh_report_options opt = {
        .lang = a->report_lang,
        .options = options,
        .time = a->time,
        .utc_offset = cli_utc_offset(a->time),
        .title = a->title,
        .office = a->office,
        .warnings = warn,
        .color = !a->output && cli_color(stdout),
        .csv_id = a->csv_id,
    };
    patuh_diags diags;
    patuh_diags_init(&diags);
    patuh_gaps *gaps = NULL; /* the workbook's gaps sheet */
    patuh_status st =
        a->fmt == PATUH_FMT_XLSX ? patuh_gaps_compute_all(batch, &gaps, &diags) : PATUH_OK;
    opt.gaps = gaps;
    if (st == PATUH_OK)
        st = a->output ? patuh_report_write(batch, a->fmt, a->output, &opt, &diags)
                       : patuh_report_write_stream(batch, a->fmt, stdout, &opt, &diags);
    patuh_gaps_free_all(gaps, gaps ? batch->n_agencies : 0);
    cli_print_diags(&diags);
    patuh_diags_release(&diags);
    char counts[160];
    if (st == PATUH_OK && a->output)
        fprintf(stderr, _("patuh: wrote %s (%s)\n"), a->output,
                cli_counts(batch, counts, sizeof counts));
    return cli_exit_code(st);
}

/* --explain: one agency's sections, weights, shares and contributions on stdout. */
static int explain(const patuh_batch *batch, const score_args *a)
{
    for (size_t i = 0; i < batch->n_agencies; i++) {
        if (strcmp(batch->agencies[i]->id, a->agency) != 0)
            continue;
        patuh_report_options opt = {.lang = a->report_lang};
        patuh_diags diags;
        patuh_diags_init(&diags);
        patuh_status st = patuh_explain_write(batch, batch->agencies[i], stdout, &opt, &diags);
        cli_print_diags(&diags);
        patuh_diags_release(&diags);
        return cli_exit_code(st);
    }
    fprintf(stderr, _("patuh score: no agency '%s' in the inputs\n"), a->agency);
    return EXIT_INVALID;
}

int cmd_score(int argc, char **argv)
{
    score_args a = {.run = cli_score_defaults()};
    int code = parse_args(argc, argv, &a);
    if (code)
        return code < 0 ? EXIT_OK : code;
    cli_run run;
    code = cli_run_score(&run, a.rubric, &a.run, argc - optind, argv + optind);
    if (code == EXIT_OK)
        code = a.explain ? explain(run.batch, &a) : write_report(run.batch, &a, &run.diags);
    cli_run_release(&run);
    return code;
}
