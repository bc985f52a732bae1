/* cmd_rubric.c — `patuh rubric check|show|list`: lint rubric files, print a rubric's tree with
 * each node's weight and effective share of the total, list the shipped rubrics. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

enum { OPT_IDS = 256 };

static const cli_option rubric_options[] = {
    {"ids", OPT_IDS, NULL, NULL}, /* hidden: `list --ids` prints the ids only */
    {0},
};

static const char *const rubric_usage[] = {
    "patuh rubric check|show|list [RUBRIC]",
    "patuh rubric check FILE...",
    "patuh rubric show RUBRIC",
    "patuh rubric list",
    NULL,
};

static const cli_spec rubric_spec = {
    "rubric",
    rubric_usage,
    N_("check: report every problem in rubric files; show: the tree with weights and each\n"
       "node's share of the total (summing to 100 %); list: the shipped rubrics."),
    rubric_options,
};

/* ---- check -------------------------------------------------------------------------- */

static int rubric_check(int n, char **files)
{
    if (n == 0)
        return cli_usage_error(&rubric_spec, "check needs at least one FILE");
    int worst = EXIT_OK;
    for (int i = 0; i < n; i++) {
        patuh_limits lim;
        patuh_diags diags;
        cli_setup(&lim, &diags, false);
        patuh_rubric *rubric = NULL;
        patuh_status st = patuh_rubric_load(files[i], &lim, &rubric, &diags);
        cli_print_diags(&diags);
        char file[1024], id[256];
        if (st == PATUH_OK)
            printf(_("%s: ok, rubric '%s' with %zu sections and %zu indicators\n"),
                   patuh_term_text(files[i], file, sizeof file),
                   patuh_term_text(rubric->id, id, sizeof id),
                   rubric->n_nodes - rubric->n_indicators - 1, rubric->n_indicators);
        int code = cli_exit_code(st);
        if (code > worst)
            worst = code;
        patuh_rubric_free(rubric);
        patuh_diags_release(&diags);
    }
    return worst;
}

/* ---- show --------------------------------------------------------------------------- */

static unsigned node_depth(const patuh_node *node)
{
    unsigned depth = 0;
    for (; node->parent; node = node->parent)
        depth++;
    return depth;
}

/* The width of the id column: the deepest indented id, at least "id". */
static int id_column(const patuh_rubric *rubric)
{
    int width = 2;
    char id[256];
    for (size_t i = 1; i < rubric->n_nodes; i++) {
        int w = 2 * (int)node_depth(rubric->nodes[i]) +
                (int)strlen(patuh_term_text(rubric->nodes[i]->id, id, sizeof id));
        if (w > width)
            width = w;
    }
    return width;
}

static void show_node(const patuh_node *node, int id_width)
{
    char id[256], title[256];
    int indent = 2 * (int)node_depth(node);
    const patuh_node *penalty = patuh_node_penalty(node);
    if (penalty) { /* the most it takes off the total, in points (doc/scoring.md §15) */
        printf("%*s%-*s %8.2f %8.2f   %.60s [%s]\n", indent, "", id_width - indent,
               patuh_term_text(node->id, id, sizeof id), node->weight,
               -penalty->weight * patuh_node_share(node),
               patuh_term_text(node->title ? node->title : node->text, title, sizeof title),
               _("deduction"));
        return;
    }
    printf("%*s%-*s %8.2f %8.2f%%  %.60s%s\n", indent, "", id_width - indent,
           patuh_term_text(node->id, id, sizeof id), node->weight, 100.0 * patuh_node_share(node),
           patuh_term_text(node->title ? node->title : node->text, title, sizeof title),
           node->critical ? " [kritis]" : "");
}

static int rubric_show(int n, char **args)
{
    if (n != 1)
        return cli_usage_error(&rubric_spec, "show needs one RUBRIC");
    patuh_limits lim;
    patuh_diags diags;
    cli_setup(&lim, &diags, false);
    patuh_rubric *rubric = NULL;
    int code = cli_load_rubric(args[0], &lim, &rubric, &diags);
    if (code == EXIT_OK) {
        char id[256], title[512];
        printf("%s: %s", patuh_term_text(rubric->id, id, sizeof id),
               patuh_term_text(rubric->title, title, sizeof title));
        if (rubric->year)
            printf(" (%d)", rubric->year);
        int width = id_column(rubric);
        printf("\n%-*s %8s %9s  %s\n", width, "id", _("weight"), _("share"), _("title"));
        double indicators = 0;
        for (size_t i = 1; i < rubric->n_nodes; i++) {
            show_node(rubric->nodes[i], width);
            if (rubric->nodes[i]->is_indicator && !patuh_node_penalty(rubric->nodes[i]))
                indicators += patuh_node_share(rubric->nodes[i]);
        }
        printf(_("%-*s %8s %8.2f%%  (%zu indicators)\n"), width, _("total"), "", 100.0 * indicators,
               rubric->n_indicators);
    }
    patuh_rubric_free(rubric);
    patuh_diags_release(&diags);
    return code;
}

/* ---- list --------------------------------------------------------------------------- */

/* The width to wrap to: $COLUMNS, else the terminal's, else 80. */
static int output_width(void)
{
    const char *columns = getenv("COLUMNS");
    char *end;
    long n = columns ? strtol(columns, &end, 10) : 0;
    if (columns && *columns && !*end && n >= 40 && n <= 1000)
        return (int)n;
    struct winsize ws;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
        return ws.ws_col;
    return 80;
}

/* Characters on screen of the first `len` bytes of UTF-8 text. */
static int text_width(const char *text, size_t len)
{
    int width = 0;
    for (size_t i = 0; i < len; i++)
        width += ((unsigned char)text[i] & 0xC0) != 0x80;
    return width;
}

/* Prints text from column `indent` to `width`, breaking lines between words only (a word
 * longer than a line stands alone on its line). The first line starts where the cursor is. */
static void print_wrapped(const char *text, int indent, int width)
{
    int column = indent;
    bool line_start = true;
    while (*text) {
        text += strspn(text, " \n");
        size_t len = strcspn(text, " \n");
        if (!len)
            break;
        int w = text_width(text, len);
        if (!line_start && column + 1 + w > width) {
            printf("\n%*s", indent, "");
            column = indent;
            line_start = true;
        }
        printf("%s%.*s", line_start ? "" : " ", (int)len, text);
        column += w + !line_start;
        line_start = false;
        text += len;
    }
    putchar('\n');
}

/* One folder's rubrics: the folder, then "  ID  YEAR  TITLE" with the title wrapped. */
static void list_dir(const char *dir, size_t *shown, int width)
{
    size_t n;
    char **names = cli_yaml_files(dir, &n);
    char folder[4096];
    if (n)
        printf("%s\n", patuh_term_text(dir, folder, sizeof folder));
    int id_width = 16; /* the longest file name without its extension, so columns line up */
    for (size_t i = 0; i < n; i++) {
        const char *dot = strrchr(names[i], '.');
        int len = (int)(dot ? (size_t)(dot - names[i]) : strlen(names[i]));
        if (len > id_width)
            id_width = len;
    }
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        patuh_limits lim;
        patuh_diags diags;
        cli_setup(&lim, &diags, false);
        patuh_rubric *rubric = NULL;
        char id[256], title[1024];
        if (patuh_rubric_load(path, &lim, &rubric, &diags) == PATUH_OK) {
            printf("  %-*s %4d  ", id_width, patuh_term_text(rubric->id, id, sizeof id),
                   rubric->year);
            print_wrapped(patuh_term_text(rubric->title, title, sizeof title),
                          2 + id_width + 1 + 4 + 2, width);
            (*shown)++;
        } else {
            printf("  %-*s %4s  %s\n", id_width, patuh_term_text(names[i], id, sizeof id), "",
                   _("(invalid: see patuh rubric check)"));
        }
        patuh_rubric_free(rubric);
        patuh_diags_release(&diags);
    }
    cli_free_names(names, n);
}

/* `rubric list --ids` (hidden, for shell completion): each id a rubric can be named by,
 * once, in the order found. */
static void list_ids(void)
{
    const char *const *dirs = cli_rubric_dirs();
    for (size_t d = 0; dirs[d]; d++) {
        size_t n;
        char **names = cli_yaml_files(dirs[d], &n);
        for (size_t i = 0; i < n; i++) {
            bool earlier = false;
            for (size_t e = 0; e < d && !earlier; e++) {
                char path[4096];
                snprintf(path, sizeof path, "%s/%s", dirs[e], names[i]);
                earlier = access(path, F_OK) == 0;
            }
            if (!earlier)
                printf("%.*s\n", (int)strlen(names[i]) - 5, names[i]);
        }
        cli_free_names(names, n);
    }
}

static int rubric_list(int n, bool ids)
{
    if (n != 0)
        return cli_usage_error(&rubric_spec, "list takes no arguments");
    if (ids) {
        list_ids();
        return EXIT_OK;
    }
    size_t shown = 0;
    int width = output_width();
    for (const char *const *dir = cli_rubric_dirs(); *dir; dir++)
        list_dir(*dir, &shown, width);
    if (shown)
        return EXIT_OK;
    fprintf(stderr, _("patuh: no shipped rubrics found\n"));
    cli_print_rubric_places();
    return EXIT_SYSTEM;
}

int cmd_rubric(int argc, char **argv)
{
    const char *arg;
    int c;
    bool ids = false;
    while ((c = cli_next_option(argc, argv, &rubric_spec, &arg)) != -1) {
        if (c == OPT_IDS) {
            ids = true;
            continue;
        }
        if (c != 'h')
            return EXIT_USAGE;
        cli_help(&rubric_spec, stdout);
        return EXIT_OK;
    }
    if (optind >= argc)
        return cli_usage_error(&rubric_spec, "missing check, show or list");
    const char *action = argv[optind];
    int n = argc - optind - 1;
    char **rest = argv + optind + 1;
    if (strcmp(action, "check") == 0)
        return rubric_check(n, rest);
    if (strcmp(action, "show") == 0)
        return rubric_show(n, rest);
    if (strcmp(action, "list") == 0)
        return rubric_list(n, ids);
    return cli_usage_error(&rubric_spec, "unknown action '%s', expected check, show or list",
                           action);
}
