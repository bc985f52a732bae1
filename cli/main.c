/* main.c — the patuh command: the table of subcommands, --version and --help, "did you
 * mean" for a mistyped command. Each subcommand lives in cli/cmd_<name>.c. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const cli_command commands[] = {
    {"score", cmd_score, N_("score answer files against a rubric and write the ranked report")},
    {"validate", cmd_validate, N_("list every problem in answer files, score nothing")},
    {"gaps", cmd_gaps, N_("what each agency should fix first, and what reaches the next band")},
    {"compare", cmd_compare, N_("compare two JSON reports: rank, total, band and zone movement")},
    {"template", cmd_template, N_("write a blank answer form: XLSX with dropdowns, YAML or CSV")},
    {"scan", cmd_scan, N_("propose answers from saved websites, with evidence for each")},
    {"rubric", cmd_rubric, N_("check a rubric, show its tree with weights, list shipped rubrics")},
};
enum { N_COMMANDS = sizeof commands / sizeof *commands };

static void print_help(FILE *out)
{
    fprintf(out, _("usage: patuh <command> [options] [args]\n\n"
                   "Score public-service agencies against YAML rubrics and write ranked "
                   "reports.\n\n"
                   "commands:\n"));
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
    fprintf(out, _("\n'patuh <command> --help' shows a command's options; man patuh for more.\n"));
}

static int unknown_command(const char *name)
{
    fprintf(stderr, _("patuh: '%s' is not a patuh command, see 'patuh --help'\n"), name);
    const char *names[N_COMMANDS];
    for (size_t i = 0; i < N_COMMANDS; i++)
        names[i] = commands[i].name;
    cli_suggest(name, names, N_COMMANDS, "");
    return EXIT_USAGE;
}

/* `patuh help CMD` is `patuh CMD --help`, as in git. */
static int help_command(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(name, commands[i].name) == 0) {
            char help[] = "--help";
            char *args[] = {(char *)commands[i].name, help, NULL};
            return cli_finish(commands[i].run(2, args));
        }
    return unknown_command(name);
}

int main(int argc, char **argv)
{
    cli_intl_init(argc, argv);
    if (argc < 2) {
        print_help(stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
        printf("patuh %s\n", PATUH_VERSION);
        return cli_finish(EXIT_OK);
    }
    if (strcmp(name, "help") == 0 && argc > 2 && argv[2][0] != '-')
        return help_command(argv[2]);
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        print_help(stdout);
        return cli_finish(EXIT_OK);
    }
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(name, commands[i].name) == 0)
            return cli_finish(commands[i].run(argc - 1, argv + 1));
    return unknown_command(name);
}
