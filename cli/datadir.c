/* datadir.c — where patuh's data is: found from the running binary's own location
 * (/proc/self/exe), so an installed tree works from any prefix and no path is fixed at build
 * time. <prefix>/bin/patuh reads <prefix>/share/...; build/patuh in a checkout reads the
 * checkout's own files. */
#include "cli.h"

#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { MAX_RUBRIC_DIRS = 6 };

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The folder of the running binary, without a trailing slash; "" when unknown. */
static const char *bin_dir(void)
{
    static char dir[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
    dir[n > 0 ? n : 0] = '\0';
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    else
        dir[0] = '\0';
    return dir;
}

/* Cuts the last component off a path, in place: dirname; "/x" becomes "/". */
static void to_parent(char *path)
{
    char *slash = strrchr(path, '/');
    if (slash && slash != path)
        *slash = '\0';
    else if (slash)
        slash[1] = '\0';
}

/* "<prefix>/SUB" for the prefix above the binary's folder ("/usr/bin" gives "/usr"). */
static void under_prefix(const char *bin, const char *sub, char *out, size_t size)
{
    char prefix[PATH_MAX];
    snprintf(prefix, sizeof prefix, "%s", bin);
    to_parent(prefix);
    snprintf(out, size, "%s/%s", strcmp(prefix, "/") == 0 ? "" : prefix, sub);
}

/* The checkout a binary in its build folder (build/, build/san/) belongs to: the nearest of
 * the two folders above it that holds a Makefile and rubrics/. Empty when there is none. */
static void checkout_dir(const char *bin, char *out, size_t size)
{
    char dir[PATH_MAX], probe[PATH_MAX + 16];
    snprintf(dir, sizeof dir, "%s", bin);
    for (int up = 0; up < 2 && *dir; up++) {
        to_parent(dir);
        snprintf(probe, sizeof probe, "%s/Makefile", dir);
        if (access(probe, F_OK) == 0) {
            snprintf(probe, sizeof probe, "%s/rubrics", dir);
            if (is_dir(probe)) {
                snprintf(out, size, "%s", dir);
                return;
            }
        }
    }
    *out = '\0';
}

/* Adds a folder unless the same folder is already listed (the checkout's rubrics/ is often
 * also $PATUH_RUBRICS and ./rubrics). */
static void add_dir(const char **dirs, size_t *n, const char *dir)
{
    struct stat a, b;
    for (size_t i = 0; i < *n; i++)
        if (strcmp(dirs[i], dir) == 0 || (stat(dirs[i], &a) == 0 && stat(dir, &b) == 0 &&
                                          a.st_dev == b.st_dev && a.st_ino == b.st_ino))
            return;
    dirs[(*n)++] = dir;
}

const char *const *cli_rubric_dirs(void)
{
    static char installed[PATH_MAX + 32], checkout[PATH_MAX + 16];
    char top[PATH_MAX];
    static const char *dirs[MAX_RUBRIC_DIRS];
    size_t n = 0;
    const char *bin = bin_dir();
    if (*bin) {
        under_prefix(bin, "share/patuh/rubrics", installed, sizeof installed);
        checkout_dir(bin, top, sizeof top);
        /* in a build folder <prefix>/share is no place to look, unless an install put it there */
        if (!*top || is_dir(installed))
            add_dir(dirs, &n, installed);
        if (*top) {
            snprintf(checkout, sizeof checkout, "%s/rubrics", top);
            add_dir(dirs, &n, checkout);
        }
    }
    const char *env = getenv("PATUH_RUBRICS");
    if (env && *env)
        add_dir(dirs, &n, env);
    add_dir(dirs, &n, "./rubrics");
    dirs[n] = NULL;
    return dirs;
}

void cli_print_rubric_places(void)
{
    const char *env = getenv("PATUH_RUBRICS");
    fprintf(stderr, "%s", _("patuh: looked in"));
    const char *sep = " ";
    for (const char *const *dir = cli_rubric_dirs(); *dir; dir++, sep = ", ")
        fprintf(stderr, "%s%s", sep, *dir);
    fprintf(stderr, "%s\n", env && *env ? "" : _(" (PATUH_RUBRICS is not set)"));
}

const char *cli_locale_dir(void)
{
    static char dir[PATH_MAX + 32];
    const char *env = getenv("PATUH_LOCALEDIR");
    if (env && *env)
        return env;
    const char *bin = bin_dir();
    if (!*bin)
        return NULL;
    under_prefix(bin, "share/locale", dir, sizeof dir);
    if (is_dir(dir))
        return dir;
    snprintf(dir, sizeof dir, "%s/locale", bin); /* build/patuh: build/locale */
    return is_dir(dir) ? dir : NULL;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **cli_yaml_files(const char *dir, size_t *n)
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

void cli_free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}
