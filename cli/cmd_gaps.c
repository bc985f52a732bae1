/* cmd_gaps.c — `patuh gaps`: score the answers, then for each agency (or the one named by
 * --agency) list what falls short of full marks with the exact gain of each fix, failed
 * critical indicators first, and the smallest set of level raises to the next band and zone
 * (doc/scoring.md §9). */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_FORMAT = 256, OPT_CSV, OPT_LANG, OPT_AGENCY, OPT_AGENCIES };

static const cli_option gaps_options[] = {
    {"rubric", 'r', "RUBRIC", N_("rubric file, or the id of a shipped rubric (required)")},
    {"agency", OPT_AGENCY, "ID", N_("only this agency")},
    {"agencies", OPT_AGENCIES, "FILE",
     N_("the agency list (as template takes): listed agencies without answers are not assessed")},
    {"output", 'o', "OUT", N_("write to OUT; its extension sets the format")},
    {"format", OPT_FORMAT, "FMT", N_("table, csv, json or xlsx (default: from OUT, else table)")},
    {"csv", OPT_CSV, "STYLE",
     N_("CSV: en (RFC 4180, default) or id (Indonesian Excel: ';', decimal comma)")},
    {"lang", OPT_LANG, "LANG",
     N_("labels, and messages when given: id (Indonesian, default) or en")},
    {0},
};

static const char *const gaps_usage[] = {
    "patuh gaps -r RUBRIC [--agency ID] [--agencies FILE] [-o OUT] [--format table|csv|json|xlsx] "
    "[--csv id|en] "
    "[--lang id|en] "
    "INPUT...",
    NULL,
};

static const cli_spec gaps_spec = {
    "gaps",
    gaps_usage,
    N_("Lists, per agency, every indicator below full marks with the exact rise of the total\n"
       "for each level it can be raised to and the rubric's fix text, failed critical indicators\n"
       "first, then the smallest set of level raises that reaches the next band and the next "
       "zone."),
    gaps_options,
};

typedef struct gaps_args {
    const char *csv, *rubric, *output, *format, *lang, *agency, *agencies;
    patuh_format fmt;
    patuh_lang report_lang;
    bool csv_id;  /* --csv id */
    int64_t time; /* of the report: SOURCE_DATE_EPOCH or now */
} gaps_args;

static int parse_args(int argc, char **argv, gaps_args *a)
{
    const char *arg;
    int c;
    while ((c = cli_next_option(argc, argv, &gaps_spec, &arg)) != -1) {
        switch (c) {
        case 'r': a->rubric = arg; break;
        case 'o': a->output = arg; break;
        case OPT_FORMAT: a->format = arg; break;
        case OPT_CSV: a->csv = arg; break;
        case OPT_LANG: a->lang = arg; break;
        case OPT_AGENCY: a->agency = arg; break;
        case OPT_AGENCIES: a->agencies = arg; break;
        case 'h': cli_help(&gaps_spec, stdout); return -1;
        default: return EXIT_USAGE;
        }
    }
    if (!a->rubric)
        return cli_usage_error(&gaps_spec, "missing -r RUBRIC");
    if (optind >= argc)
        return cli_usage_error(&gaps_spec, "missing INPUT: answer files or folders");
    int code = cli_parse_format(&gaps_spec, PATUH_REPORT_GAPS, a->output, a->format, &a->fmt);
    if (code)
        return code;
    if (!cli_report_time(&gaps_spec, &a->time))
        return EXIT_USAGE;
    code = cli_parse_csv(&gaps_spec, a->csv, &a->csv_id);
    if (code)
        return code;
    return cli_parse_lang(&gaps_spec, a->lang, &a->report_lang);
}

/* The agencies gaps lists: the one asked for, else every assessed one (an agency not
 * assessed has no gaps to list, doc/scoring.md §12), as indexes into the batch. */
static size_t gaps_chosen(const patuh_batch *batch, const gaps_args *a, size_t *chosen)
{
    size_t n = 0;
    for (size_t i = 0; i < batch->n_agencies; i++)
        if (a->agency ? strcmp(batch->agencies[i]->id, a->agency) == 0
                      : batch->agencies[i]->assessment != PATUH_NOT_ASSESSED)
            chosen[n++] = i;
    return n;
}

/* The gaps of one agency at a time for patuh_gaps_write_each: each computed when the
 * writer asks and released at the next, so a run holds one agency's gaps, however many
 * agencies it lists (per agency, limits.max_gaps bounds them). */
typedef struct gaps_stream {
    patuh_batch *batch;
    const size_t *chosen;
    patuh_gaps current;
    patuh_diags *diags;
} gaps_stream;

static patuh_status gaps_stream_next(void *ctx, size_t k, const patuh_gaps **out)
{
    gaps_stream *g = ctx;
    patuh_gaps_release(&g->current);
    memset(&g->current, 0, sizeof g->current);
    patuh_status st =
        patuh_gaps_compute(g->batch, g->batch->agencies[g->chosen[k]], &g->current, g->diags);
    *out = &g->current;
    return st;
}

/* The workbook: its sheets pass over the gaps twice, so they are held at once, at most
 * limits.max_gaps shortfalls in the run (libxlsxwriter holds the cells anyway). */
static patuh_status gaps_write_book(patuh_batch *batch, const gaps_args *a, const size_t *chosen,
                                    size_t n_chosen, const patuh_report_options *opt,
                                    patuh_diags *diags)
{
    patuh_gaps *all = calloc(n_chosen ? n_chosen : 1, sizeof *all);
    if (!all)
        return PATUH_ENOMEM;
    size_t n = 0, listed = 0, max = batch->limits.max_gaps;
    patuh_status st = PATUH_OK;
    for (; n < n_chosen && st == PATUH_OK; n++) {
        st = patuh_gaps_compute(batch, batch->agencies[chosen[n]], &all[n], diags);
        listed += st == PATUH_OK ? all[n].count : 0;
        if (st == PATUH_OK && listed > max) { /* held at once: at most twice the limit */
            patuh_diags_add(diags, PATUH_SEV_ERROR, NULL, 0, 0,
                            "the gaps of %zu agencies have more shortfalls than the limit of %zu "
                            "a gaps workbook holds, expected fewer agencies in one run, "
                            "'patuh gaps --agency ID', or a .csv or .json output",
                            n + 1, max);
            st = PATUH_EINVALID;
        }
    }
    if (st == PATUH_OK)
        st = patuh_gaps_write(batch, all, n, a->fmt, a->output, opt, diags);
    patuh_gaps_free_all(all, n);
    return st;
}

/* Computes the gaps of the chosen agencies and writes them. */
static patuh_status gaps_write(patuh_batch *batch, const gaps_args *a,
                               const patuh_report_options *opt, patuh_diags *diags)
{
    size_t *chosen = calloc(batch->n_agencies ? batch->n_agencies : 1, sizeof *chosen);
    if (!chosen)
        return PATUH_ENOMEM;
    size_t n = gaps_chosen(batch, a, chosen);
    patuh_status st;
    if (a->fmt == PATUH_FMT_XLSX) {
        st = gaps_write_book(batch, a, chosen, n, opt, diags);
    } else {
        gaps_stream g = {.batch = batch, .chosen = chosen, .diags = diags};
        st = patuh_gaps_write_each(batch, n, gaps_stream_next, &g, a->fmt, a->output, opt, diags);
        patuh_gaps_release(&g.current);
    }
    free(chosen);
    return st;
}

static bool has_agency(const patuh_batch *batch, const char *id)
{
    for (size_t i = 0; i < batch->n_agencies; i++)
        if (strcmp(batch->agencies[i]->id, id) == 0)
            return true;
    return false;
}

static int run_gaps(patuh_batch *batch, const gaps_args *a, const patuh_diags *warnings)
{
    if (a->agency && !has_agency(batch, a->agency)) {
        fprintf(stderr, _("patuh gaps: no agency '%s' in the inputs\n"), a->agency);
        return EXIT_INVALID;
    }
    patuh_report_options opt = {
        .lang = a->report_lang,
        .options = "gaps",
        .time = a->time,
        .warnings = warnings,
        .csv_id = a->csv_id,
    };
    patuh_diags diags;
    patuh_diags_init(&diags);
    patuh_status st = gaps_write(batch, a, &opt, &diags);
    cli_print_diags(&diags);
    patuh_diags_release(&diags);
    if (st == PATUH_OK && a->output)
        fprintf(stderr, _("patuh: wrote %s\n"), a->output);
    return cli_exit_code(st);
}

int cmd_gaps(int argc, char **argv)
{
    gaps_args a = {0};
    int code = parse_args(argc, argv, &a);
    if (code)
        return code < 0 ? EXIT_OK : code;
    cli_run run;
    cli_score_opts opts = cli_score_defaults();
    opts.agencies = a.agencies;
    code = cli_run_score(&run, a.rubric, &opts, argc - optind, argv + optind);
    if (code == EXIT_OK)
        code = run_gaps(run.batch, &a, &run.diags);
    cli_run_release(&run);
    return code;
}
