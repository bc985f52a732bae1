/* cmd_rubric.c — `patuh rubric check|show|list`: lint rubric files, print a rubric's tree with
 * each node's weight and effective share of the total, list the shipped rubrics. */
#include "cli.h"

#include <dirent.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

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
    "check: report every problem in rubric files; show: the tree with weights and each\n"
    "node's share of the total (summing to 100 %); list: the shipped rubrics.",
    NULL,
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
        if (st == PATUH_OK)
            printf("%s: ok, rubric '%s' with %zu sections and %zu indicators\n", files[i],
                   rubric->id, rubric->n_nodes - rubric->n_indicators - 1, rubric->n_indicators);
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
    for (size_t i = 1; i < rubric->n_nodes; i++) {
        int w = 2 * (int)node_depth(rubric->nodes[i]) + (int)strlen(rubric->nodes[i]->id);
        if (w > width)
            width = w;
    }
    return width;
}

static void show_node(const patuh_node *node, int id_width)
{
    const char *title = node->title ? node->title : node->text ? node->text : "";
    int indent = 2 * (int)node_depth(node);
    printf("%*s%-*s %8.2f %8.2f%%  %.60s%s\n", indent, "", id_width - indent, node->id,
           node->weight, 100.0 * patuh_node_share(node), title, node->critical ? " [kritis]" : "");
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
        printf("%s: %s", rubric->id, rubric->title);
        if (rubric->year)
            printf(" (%d)", rubric->year);
        int width = id_column(rubric);
        printf("\n%-*s %8s %9s  %s\n", width, "id", "weight", "share", "title");
        double indicators = 0;
        for (size_t i = 1; i < rubric->n_nodes; i++) {
            show_node(rubric->nodes[i], width);
            if (rubric->nodes[i]->is_indicator)
                indicators += patuh_node_share(rubric->nodes[i]);
        }
        printf("%-*s %8s %8.2f%%  (%zu indicators)\n", width, "total", "", 100.0 * indicators,
               rubric->n_indicators);
    }
    patuh_rubric_free(rubric);
    patuh_diags_release(&diags);
    return code;
}

/* ---- list --------------------------------------------------------------------------- */

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.yaml names in a folder, sorted; *n is their count. Caller frees. */
static char **yaml_files(const char *dir, size_t *n)
{
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    char **names = NULL;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0 || e->d_name[0] == '.')
            continue;
        char **grown = realloc(names, (*n + 1) * sizeof *names);
        if (!grown)
            break;
        names = grown;
        if ((names[*n] = strdup(e->d_name)))
            (*n)++;
    }
    closedir(d);
    if (names)
        qsort(names, *n, sizeof *names, compare_names);
    return names;
}

static void list_dir(const char *dir, size_t *shown)
{
    size_t n;
    char **names = yaml_files(dir, &n);
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        patuh_limits lim;
        patuh_diags diags;
        cli_setup(&lim, &diags, false);
        patuh_rubric *rubric = NULL;
        if (patuh_rubric_load(path, &lim, &rubric, &diags) == PATUH_OK) {
            printf("%-16s %4d  %-50.50s %s\n", rubric->id, rubric->year, rubric->title, path);
            (*shown)++;
        } else {
            printf("%-16s %4s  %-50s %s\n", names[i], "", "(invalid: see patuh rubric check)",
                   path);
        }
        patuh_rubric_free(rubric);
        patuh_diags_release(&diags);
        free(names[i]);
    }
    free(names);
}

static int rubric_list(int n)
{
    if (n != 0)
        return cli_usage_error(&rubric_spec, "list takes no arguments");
    size_t shown = 0;
    for (const char *const *dir = cli_rubric_dirs(); *dir; dir++)
        list_dir(*dir, &shown);
    if (!shown)
        fprintf(stderr, "patuh: no shipped rubrics found\n");
    return EXIT_OK;
}

int cmd_rubric(int argc, char **argv)
{
    const char *arg;
    int c;
    while ((c = cli_next_option(argc, argv, &rubric_spec, &arg)) != -1) {
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
        return rubric_list(n);
    return cli_usage_error(&rubric_spec, "unknown action '%s', expected check, show or list",
                           action);
}
