/* cmd_scan.c — `patuh scan`: answers proposed from saved agency websites (directories of
 * saved pages or WARC files), with the evidence an auditor can re-check, as a YAML answers
 * file that `patuh score` reads (doc/commands.md §8, doc/formats.md §3.10). */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_AGENCIES = 256, OPT_FORM, OPT_LANG, OPT_MAX_PAGES, OPT_MAX_PAGE_BYTES };

static const cli_option scan_options[] = {
    {"rubric", 'r', "RUBRIC", N_("rubric file, or the id of a shipped rubric (required)")},
    {"agencies", OPT_AGENCIES, "FILE",
     N_("agencies: CSV (id, name, group, region, period, website) or a YAML list; each site's "
        "name is an id or a host of the agency's website")},
    {"output", 'o', "OUT",
     N_("proposed answers (.yaml, .yml; default standard output) or the evidence workbook "
        "(.xlsx); twice for both")},
    {"form", OPT_FORM, "FILE.xlsx",
     N_("the proposed answers also as the answer form of 'patuh template', which 'patuh score' "
        "reads")},
    {"lang", OPT_LANG, "LANG",
     N_("labels, headers, sheet names and notes of the workbooks: id (Indonesian, default) or "
        "en")},
    {"max-pages", OPT_MAX_PAGES, "N", N_("pages read from one site (default 20000)")},
    {"max-page-bytes", OPT_MAX_PAGE_BYTES, "N", N_("bytes of one page (default 8388608)")},
    {0},
};

static const char *const scan_usage[] = {
    "patuh scan -r RUBRIC [--agencies FILE] [-o OUT] [--form FILE.xlsx] [--lang id|en] SITE...",
    NULL,
};

static const cli_spec scan_spec = {
    "scan",
    scan_usage,
    N_("Proposes answers from saved websites, with the evidence found on each page."),
    scan_options,
};

static bool ends_with(const char *path, const char *ext)
{
    size_t n = strlen(path), e = strlen(ext);
    return n > e && strcmp(path + n - e, ext) == 0;
}

/* 0 for YAML, 1 for the workbook, -1 for anything else. */
static int output_kind(const char *path)
{
    return ends_with(path, ".yaml") || ends_with(path, ".yml") ? 0
           : ends_with(path, ".xlsx")                          ? 1
                                                               : -1;
}

/* A positive whole number for a limit option. */
static int parse_count(const char *name, const char *arg, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(arg, &end, 10);
    if (errno || end == arg || *end || v == 0 || arg[0] == '-' || v > SIZE_MAX)
        return cli_usage_error(&scan_spec, "expected a whole number above 0 for --%s, got '%s'",
                               name, arg);
    *out = (size_t)v;
    return EXIT_OK;
}

/* With --agencies, every site names one of them, by its id or a host of its website
 * (doc/formats.md §3.10 1); and no two sites are one agency's. */
static bool sites_listed(const patuh_scan *scan, const char *file, patuh_diags *diags)
{
    bool ok = true;
    for (size_t i = 0; i < scan->n_sites; i++) {
        const patuh_scan_site *site = &scan->sites[i];
        if (file && !patuh_batch_find_site(scan->agencies, site->agency)) {
            patuh_diags_add(diags, PATUH_SEV_ERROR, site->path, 0, 0,
                            "site '%s' is no agency's id or website host in '%s', expected a "
                            "site named by one of them",
                            site->agency, file);
            ok = false;
            continue;
        }
        for (size_t k = 0; k < i; k++)
            if (strcmp(scan->sites[k].agency, site->agency) == 0) {
                patuh_diags_add(diags, PATUH_SEV_ERROR, site->path, 0, 0,
                                "site of agency '%s' given twice, first as '%s', expected one "
                                "site per agency",
                                site->agency, scan->sites[k].path);
                ok = false;
                break;
            }
    }
    return ok;
}

typedef struct scan_args {
    const char *rubric, *agencies;
    const char *out[2]; /* the YAML and the workbook; both NULL: YAML to standard output */
    const char *form;   /* the proposals as the answer form of `patuh template` */
    const char *lang;   /* --lang as given */
    patuh_lang report_lang;
    patuh_scan_limits lim;
    int64_t time; /* a page's capture time later than this is given as this */
    int n_sites;
    char **sites;
} scan_args;

static int set_output(scan_args *a, const char *path)
{
    int kind = strcmp(path, "-") == 0 ? 0 : output_kind(path);
    if (kind < 0)
        return cli_usage_error(&scan_spec,
                               "cannot tell the output's format from '%s', expected .yaml, .yml "
                               "or .xlsx",
                               path);
    if (a->out[kind])
        return cli_usage_error(&scan_spec, "-o '%s' and '%s' are both %s, expected one of each",
                               a->out[kind], path, kind ? _("workbooks") : "YAML");
    a->out[kind] = path;
    return EXIT_OK;
}

/* The form is one workbook, and not the evidence workbook's file. */
static int set_form(scan_args *a, const char *path)
{
    if (output_kind(path) != 1)
        return cli_usage_error(&scan_spec, "expected a .xlsx file for --form, got '%s'", path);
    if (a->form)
        return cli_usage_error(&scan_spec, "--form '%s' and '%s', expected one form", a->form,
                               path);
    a->form = path;
    return EXIT_OK;
}

static patuh_status read_sites(patuh_scan *scan, const scan_args *a, patuh_diags *diags)
{
    patuh_status worst = PATUH_OK;
    for (int i = 0; i < a->n_sites; i++) {
        patuh_status st = patuh_scan_add_site(scan, a->sites[i], diags);
        if (st == PATUH_ENOMEM)
            return st;
        if (st != PATUH_OK && (worst == PATUH_OK || st == PATUH_EIO))
            worst = st;
    }
    if (worst == PATUH_OK && !sites_listed(scan, a->agencies, diags))
        worst = PATUH_EINVALID;
    return worst;
}

static int run_scan(const scan_args *a)
{
    patuh_limits lim;
    patuh_diags diags;
    cli_setup(&lim, &diags, false);
    patuh_rubric *rubric = NULL;
    patuh_batch *agencies = NULL;
    patuh_scan *scan = NULL;
    int code = cli_load_rubric(a->rubric, &lim, &rubric, &diags);
    if (code)
        goto done;
    patuh_status st = PATUH_ENOMEM;
    if (!(scan = patuh_scan_new(rubric, &a->lim)))
        goto report;
    scan->clamp = a->time;
    st = PATUH_OK;
    if (a->agencies) {
        st = (agencies = patuh_batch_new(rubric, &lim))
                 ? patuh_batch_add_agencies(agencies, a->agencies, &diags)
                 : PATUH_ENOMEM;
        scan->agencies = agencies;
    }
    if (st == PATUH_OK)
        st = read_sites(scan, a, &diags);
    if (st == PATUH_OK && diags.errors)
        st = PATUH_EINVALID;
    patuh_report_options opt = {.time = a->time, .lang = a->report_lang};
    bool to_stdout =
        (!a->out[0] && !a->out[1] && !a->form) || (a->out[0] && strcmp(a->out[0], "-") == 0);
    if (st == PATUH_OK && to_stdout)
        st = patuh_scan_write_stream(scan, stdout, &diags);
    for (int k = 0; k < 2 && st == PATUH_OK; k++)
        if (a->out[k] && strcmp(a->out[k], "-") != 0)
            st = patuh_scan_write(scan, a->out[k], &opt, &diags);
    if (st == PATUH_OK && a->form)
        st = patuh_scan_write_form(scan, a->form, &opt, &diags);
report:
    cli_print_diags(&diags);
    code = cli_exit_code(st);
done:
    patuh_scan_free(scan);
    patuh_batch_free(agencies);
    patuh_rubric_free(rubric);
    patuh_diags_release(&diags);
    return code;
}

int cmd_scan(int argc, char **argv)
{
    scan_args a = {0};
    patuh_scan_limits_default(&a.lim);
    const char *arg;
    int c, bad = EXIT_OK;
    while ((c = cli_next_option(argc, argv, &scan_spec, &arg)) != -1 && !bad) {
        switch (c) {
        case 'r': a.rubric = arg; break;
        case 'o': bad = set_output(&a, arg); break;
        case OPT_AGENCIES: a.agencies = arg; break;
        case OPT_FORM: bad = set_form(&a, arg); break;
        case OPT_LANG: a.lang = arg; break;
        case OPT_MAX_PAGES: bad = parse_count("max-pages", arg, &a.lim.max_pages); break;
        case OPT_MAX_PAGE_BYTES:
            bad = parse_count("max-page-bytes", arg, &a.lim.max_page_bytes);
            break;
        case 'h': cli_help(&scan_spec, stdout); return EXIT_OK;
        default: return EXIT_USAGE;
        }
    }
    if (bad)
        return bad;
    if (!a.rubric)
        return cli_usage_error(&scan_spec, "missing -r RUBRIC");
    if (a.form && a.out[1] && strcmp(a.form, a.out[1]) == 0)
        return cli_usage_error(&scan_spec,
                               "--form '%s' is also the evidence workbook of -o, expected two "
                               "files",
                               a.form);
    if (optind >= argc)
        return cli_usage_error(&scan_spec, "missing SITE, expected a directory or WARC file");
    if (cli_parse_lang(&scan_spec, a.lang, &a.report_lang))
        return EXIT_USAGE;
    if (!cli_report_time(&scan_spec, &a.time))
        return EXIT_USAGE;
    a.n_sites = argc - optind;
    a.sites = argv + optind;
    return run_scan(&a);
}
