/* cmd_template.c — `patuh template`: a blank answer form for a rubric, as an XLSX workbook
 * with dropdowns, or as YAML or CSV; prefilled with agencies from --agencies. */
#include "cli.h"

#include <getopt.h>
#include <string.h>

enum { OPT_AGENCIES = 256, OPT_LANG };

static const cli_option template_options[] = {
    {"rubric", 'r', "RUBRIC", N_("rubric file, or the id of a shipped rubric (required)")},
    {"agencies", OPT_AGENCIES, "FILE",
     N_("agencies (and units) to prefill: CSV (id, name, group, region, period, unit, "
        "unit_name) or a YAML list")},
    {"output", 'o', "OUT", N_("the form to write: .xlsx, .yaml, .yml or .csv (required)")},
    {"lang", OPT_LANG, "LANG",
     N_("labels, headers and sheet names: id (Indonesian, default) or en")},
    {0},
};

static const char *const template_usage[] = {
    "patuh template -r RUBRIC [--agencies FILE] [--lang id|en] -o OUT",
    NULL,
};

static const cli_spec template_spec = {
    "template",
    template_usage,
    N_("Writes a blank answer form for a rubric: an XLSX workbook with dropdowns, YAML or CSV."),
    template_options,
};

static bool known_extension(const char *path)
{
    static const char *const exts[] = {".xlsx", ".yaml", ".yml", ".csv"};
    for (size_t i = 0; i < 4; i++)
        if (strlen(path) > strlen(exts[i]) &&
            strcmp(path + strlen(path) - strlen(exts[i]), exts[i]) == 0)
            return true;
    return false;
}

static int write_form(const char *rubric_name, const char *agencies, const char *out, int64_t time,
                      patuh_lang lang)
{
    patuh_limits lim;
    patuh_diags diags;
    cli_setup(&lim, &diags, false);
    patuh_rubric *rubric = NULL;
    patuh_batch *batch = NULL;
    int code = cli_load_rubric(rubric_name, &lim, &rubric, &diags);
    if (code)
        goto done;
    patuh_status st = PATUH_ENOMEM;
    if ((batch = patuh_batch_new(rubric, &lim)))
        st = agencies ? patuh_batch_add_agencies(batch, agencies, &diags) : PATUH_OK;
    if (st == PATUH_OK) {
        patuh_report_options opt = {.time = time, .lang = lang};
        st = patuh_template_write(batch, out, &opt, &diags);
    }
    cli_print_diags(&diags);
    if (st == PATUH_OK) /* what the form holds, so a wrong agency list shows at once */
        fprintf(stderr,
                batch->n_agencies == 1 ? _("patuh: wrote %s (%zu agency, %zu answer rows)\n")
                                       : _("patuh: wrote %s (%zu agencies, %zu answer rows)\n"),
                out, batch->n_agencies, patuh_template_rows(batch));
    code = cli_exit_code(st);
done:
    patuh_batch_free(batch);
    patuh_rubric_free(rubric);
    patuh_diags_release(&diags);
    return code;
}

int cmd_template(int argc, char **argv)
{
    const char *rubric_name = NULL, *agencies = NULL, *out = NULL, *lang = NULL, *arg;
    patuh_lang form_lang;
    int c;
    while ((c = cli_next_option(argc, argv, &template_spec, &arg)) != -1) {
        switch (c) {
        case 'r': rubric_name = arg; break;
        case 'o': out = arg; break;
        case OPT_AGENCIES: agencies = arg; break;
        case OPT_LANG: lang = arg; break;
        case 'h': cli_help(&template_spec, stdout); return EXIT_OK;
        default: return EXIT_USAGE;
        }
    }
    if (!rubric_name)
        return cli_usage_error(&template_spec, "missing -r RUBRIC");
    if (!out)
        return cli_usage_error(&template_spec, "missing -o OUT");
    if (optind < argc)
        return cli_usage_error(&template_spec, "unexpected argument '%s'", argv[optind]);
    if (!known_extension(out))
        return cli_usage_error(&template_spec,
                               "cannot tell the form's format from '%s', expected .xlsx, "
                               ".yaml, .yml or .csv",
                               out);
    int64_t time;
    if (!cli_report_time(&template_spec, &time))
        return EXIT_USAGE;
    if (cli_parse_lang(&template_spec, lang, &form_lang))
        return EXIT_USAGE;
    return write_form(rubric_name, agencies, out, time, form_lang);
}
