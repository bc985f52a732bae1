/* common.c — helpers every subcommand uses: option parsing from one table (which also
 * writes --help), diagnostics on stderr, rubric lookup by path or id, exit codes. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { MAX_OPTIONS = 32 };

/* ---- options ------------------------------------------------------------------------ */

static size_t build_getopt(const cli_spec *spec, struct option *longs, char *shorts)
{
    size_t n = 0, s = 0;
    shorts[s++] = ':';
    shorts[s++] = 'h';
    for (const cli_option *o = spec->options; o && o->name && n < MAX_OPTIONS - 2; o++, n++) {
        longs[n] = (struct option){o->name, o->arg ? required_argument : no_argument, NULL, o->key};
        if (o->key < 256) {
            shorts[s++] = (char)o->key;
            if (o->arg)
                shorts[s++] = ':';
        }
    }
    longs[n++] = (struct option){"help", no_argument, NULL, 'h'};
    longs[n] = (struct option){NULL, 0, NULL, 0};
    shorts[s] = '\0';
    return n;
}

static const char *option_name(const cli_spec *spec, int key, char *buf, size_t size)
{
    for (const cli_option *o = spec->options; o && o->name; o++)
        if (o->key == key) {
            snprintf(buf, size, "--%s", o->name);
            return buf;
        }
    snprintf(buf, size, "-%c", key);
    return buf;
}

/* "did you mean" over a command's long options, for an unknown "--name" or "--name=value". */
static void suggest_option(const cli_spec *spec, const char *arg)
{
    const char *names[MAX_OPTIONS];
    size_t n = 0;
    for (const cli_option *o = spec->options; o && o->name && n < MAX_OPTIONS - 1; o++)
        if (o->help) /* not the hidden ones */
            names[n++] = o->name;
    names[n++] = "help";
    char typed[64];
    snprintf(typed, sizeof typed, "%s", arg + strspn(arg, "-"));
    typed[strcspn(typed, "=")] = '\0';
    cli_suggest(typed, names, n, "--");
}

int cli_next_option(int argc, char **argv, const cli_spec *spec, const char **optarg_out)
{
    struct option longs[MAX_OPTIONS];
    char shorts[2 * MAX_OPTIONS + 3];
    build_getopt(spec, longs, shorts);
    opterr = 0;
    int c = getopt_long(argc, argv, shorts, longs, NULL);
    *optarg_out = optarg;
    char name[64];
    if (c == ':') {
        cli_usage_error(spec, "option '%s' needs an argument",
                        optopt ? option_name(spec, optopt, name, sizeof name) : argv[optind - 1]);
        return '?';
    }
    if (c == '?') {
        if (optopt)
            cli_usage_error(spec, "unknown option '-%c'", optopt);
        else {
            cli_usage_error(spec, "unknown option '%s'", argv[optind - 1]);
            suggest_option(spec, argv[optind - 1]);
        }
        return '?';
    }
    return c;
}

void cli_help(const cli_spec *spec, FILE *out)
{
    for (size_t i = 0; spec->usage[i]; i++)
        fprintf(out, "%s%s\n", i ? _("   or: ") : _("usage: "), spec->usage[i]);
    fprintf(out, "\n%s\n\n%s\n", _(spec->about), _("options:"));
    for (const cli_option *o = spec->options; o && o->name; o++) {
        if (!o->help) /* a hidden option, for shell completion */
            continue;
        char left[64];
        if (o->key < 256)
            snprintf(left, sizeof left, "-%c, --%s%s%s", o->key, o->name, o->arg ? " " : "",
                     o->arg ? o->arg : "");
        else
            snprintf(left, sizeof left, "    --%s%s%s", o->name, o->arg ? " " : "",
                     o->arg ? o->arg : "");
        fprintf(out, "  %-28s %s\n", left, _(o->help));
    }
    fprintf(out, "  %-28s %s\n", "-h, --help", _("show this help"));
}

int cli_usage_error(const cli_spec *spec, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "patuh %s: ", spec->command);
    vfprintf(stderr, _(fmt), ap);
    va_end(ap);
    fputc('\n', stderr);
    fprintf(stderr, _("usage: %s\n(see 'patuh %s --help')\n"), spec->usage[0], spec->command);
    return EXIT_USAGE;
}

/* ---- results ------------------------------------------------------------------------ */

int cli_exit_code(patuh_status status)
{
    switch (status) {
    case PATUH_OK: return EXIT_OK;
    case PATUH_EINVALID: return EXIT_INVALID;
    case PATUH_EARG: return EXIT_USAGE;
    case PATUH_EIO:
    case PATUH_ENOMEM:
    case PATUH_STATUS_COUNT: break;
    }
    return EXIT_SYSTEM;
}

bool cli_color(FILE *stream)
{
    const char *no_color = getenv("NO_COLOR");
    return isatty(fileno(stream)) && !(no_color && *no_color);
}

/* One diagnostic line; on a colour terminal its severity painted. */
static void print_diag(const patuh_diag *d, bool color)
{
    char line[4096];
    patuh_diag_format(d, line, sizeof line);
    const char *tag = d->severity == PATUH_SEV_ERROR     ? ": error: "
                      : d->severity == PATUH_SEV_WARNING ? ": warning: "
                                                         : ": note: ";
    char *at = color ? strstr(line, tag) : NULL;
    if (!at) {
        fprintf(stderr, "%s\n", line);
        return;
    }
    const char *paint = d->severity == PATUH_SEV_ERROR     ? "\033[1;31m"
                        : d->severity == PATUH_SEV_WARNING ? "\033[1;33m"
                                                           : "\033[1;36m";
    fprintf(stderr, "%.*s: %s%.*s\033[0m: %s\n", (int)(at - line), line, paint,
            (int)strlen(tag) - 4, tag + 2, at + strlen(tag));
}

void cli_print_diags(const patuh_diags *diags)
{
    bool color = cli_color(stderr);
    for (size_t i = 0; i < diags->count; i++) {
        print_diag(&diags->items[i], color);
        if (diags->items[i].more_like)
            fprintf(stderr, _("patuh: ... and %zu more like this\n"), diags->items[i].more_like);
    }
    size_t total = diags->errors + diags->warnings + diags->notes;
    if (total > diags->count + diags->folded)
        fprintf(stderr, _("patuh: ... and %zu more problems not shown\n"),
                total - diags->count - diags->folded);
}

void cli_setup(patuh_limits *lim, patuh_diags *diags, bool strict)
{
    patuh_limits_default(lim);
    patuh_diags_init(diags);
    diags->max = lim->max_diags;
    diags->max_like = lim->max_like;
    diags->strict = strict;
}

int cli_finish(int code)
{
    patuh_inputs_forget();
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, _("patuh: cannot write to standard output: %s\n"), strerror(errno));
        return EXIT_SYSTEM;
    }
    return code;
}

/* ---- rubrics ------------------------------------------------------------------------ */

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* path relative to the working directory when it lies below it (reports name the rubric by
 * where it was read: doc/formats.md §4.5), else path itself; owned, may be path. */
static char *below_cwd(char *path)
{
    char cwd[4096];
    if (path[0] != '/' || !getcwd(cwd, sizeof cwd))
        return path;
    size_t n = strlen(cwd);
    if (n > 1 && strncmp(path, cwd, n) == 0 && path[n] == '/')
        memmove(path, path + n + 1, strlen(path + n + 1) + 1);
    return path;
}

/* A path as given, else <dir>/<id>.yaml in the shipped-rubric folders. Caller frees. */
static char *find_rubric(const char *name)
{
    if (is_file(name) || strchr(name, '/'))
        return strdup(name);
    for (const char *const *dir = cli_rubric_dirs(); *dir; dir++) {
        size_t n = strlen(*dir) + strlen(name) + 8;
        char *path = malloc(n);
        if (!path)
            return NULL;
        snprintf(path, n, "%s/%s.yaml", *dir, name);
        if (is_file(path))
            return below_cwd(path);
        free(path);
    }
    return NULL;
}

/* "did you mean" over the ids of the shipped rubrics, each id once. */
static void suggest_rubric(const char *name)
{
    const char *ids[64];
    char *owned[64];
    size_t n_ids = 0;
    for (const char *const *dir = cli_rubric_dirs(); *dir; dir++) {
        size_t n;
        char **files = cli_yaml_files(*dir, &n);
        for (size_t i = 0; i < n && n_ids < 64; i++) {
            files[i][strlen(files[i]) - 5] = '\0'; /* drop ".yaml" */
            bool seen = false;
            for (size_t j = 0; j < n_ids && !seen; j++)
                seen = strcmp(ids[j], files[i]) == 0;
            if (!seen) {
                ids[n_ids] = owned[n_ids] = files[i];
                files[i] = NULL;
                n_ids++;
            }
        }
        cli_free_names(files, n);
    }
    cli_suggest(name, ids, n_ids, "");
    for (size_t i = 0; i < n_ids; i++)
        free(owned[i]);
}

int cli_load_rubric(const char *name, const patuh_limits *lim, patuh_rubric **out,
                    patuh_diags *diags)
{
    *out = NULL;
    char *path = find_rubric(name);
    if (!path) {
        fprintf(stderr,
                _("patuh: cannot find rubric '%s': no such file and no shipped rubric of that "
                  "id (see 'patuh rubric list')\n"),
                name);
        cli_print_rubric_places();
        suggest_rubric(name);
        return EXIT_SYSTEM;
    }
    patuh_status st = patuh_rubric_load(path, lim, out, diags);
    free(path);
    if (st != PATUH_OK) {
        cli_print_diags(diags);
        if (st == PATUH_ENOMEM)
            fprintf(stderr, "patuh: %s\n", _(patuh_strerror(st)));
    }
    return cli_exit_code(st);
}

/* ---- inputs ------------------------------------------------------------------------- */

patuh_status cli_read_inputs(patuh_batch *batch, int n, char **paths, patuh_diags *diags)
{
    patuh_status worst = PATUH_OK;
    for (int i = 0; i < n; i++) {
        patuh_status st = patuh_batch_add_path(batch, paths[i], diags);
        /* a file that cannot be read outranks invalid content, as in the exit codes */
        if (st == PATUH_ENOMEM || (st == PATUH_EIO && worst != PATUH_ENOMEM) ||
            (st == PATUH_EINVALID && worst == PATUH_OK))
            worst = st;
    }
    return worst;
}

/* ---- the shared pipeline ------------------------------------------------------------ */

/* Progress on stderr, only on a terminal and never with NO_COLOR: a line redrawn at most
 * five times a second, cleared when the work ends. */
typedef struct progress {
    bool shown;
    double last;
} progress;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void progress_file(void *ctx, const patuh_batch *batch, const char *path)
{
    progress *p = ctx;
    double t = now_seconds();
    if (p->shown && t - p->last < 0.2)
        return;
    char shown[1024]; /* a file found in a folder may be named with an escape sequence */
    fputs("\r\033[K", stderr);
    fprintf(stderr, _("patuh: reading %zu files, %zu agencies so far: %.60s"), batch->n_inputs + 1,
            batch->n_agencies, patuh_term_text(path, shown, sizeof shown));
    p->shown = true;
    p->last = t;
}

static void progress_scoring(progress *p, size_t n)
{
    if (p->shown) {
        fputs("\r\033[K", stderr);
        fprintf(stderr, _("patuh: scoring %zu agencies"), n);
    }
}

static void progress_end(progress *p)
{
    if (p->shown)
        fputs("\r\033[K", stderr);
    p->shown = false;
}

cli_score_opts cli_score_defaults(void)
{
    return (cli_score_opts){.min_coverage = -1};
}

bool cli_parse_coverage(const char *text, double *out)
{
    char *end;
    errno = 0;
    double x = strtod(text, &end);
    if (end == text || errno)
        return false;
    if (*end == '%' && end[1] == '\0') {
        x /= 100;
        end++;
    }
    if (*end || !(x >= 0 && x <= 1))
        return false;
    *out = x;
    return true;
}

const char *cli_counts(const patuh_batch *batch, char *buf, size_t size)
{
    if (batch->n_agencies == 1)
        snprintf(buf, size, _("1 agency: %zu ranked, %zu incomplete, %zu not assessed"),
                 batch->n_ranked, batch->n_incomplete, batch->n_not_assessed);
    else
        snprintf(buf, size, _("%zu agencies: %zu ranked, %zu incomplete, %zu not assessed"),
                 batch->n_agencies, batch->n_ranked, batch->n_incomplete, batch->n_not_assessed);
    return buf;
}

int cli_run_score(cli_run *run, const char *rubric, const cli_score_opts *opts, int n,
                  char **inputs)
{
    bool score_invalid = opts->score_invalid;
    memset(run, 0, sizeof *run);
    cli_setup(&run->lim, &run->diags, opts->strict);
    int code = cli_load_rubric(rubric, &run->lim, &run->rubric, &run->diags);
    if (code)
        return code;
    if (!(run->batch = patuh_batch_new(run->rubric, &run->lim)))
        return cli_exit_code(run->status = PATUH_ENOMEM);
    if (opts->min_coverage >= 0)
        run->batch->min_coverage = opts->min_coverage;
    run->batch->rank_incomplete = opts->rank_incomplete;
    run->batch->missing_detail = opts->verbose;
    progress shown = {0};
    if (cli_color(stderr))
        patuh_batch_set_progress(run->batch, progress_file, &shown);
    /* the agency list first: its agencies exist even without answers (then not assessed),
     * and a folder holding it skips it */
    patuh_status st = opts->agencies
                          ? patuh_batch_add_agencies(run->batch, opts->agencies, &run->diags)
                          : PATUH_OK;
    if (st != PATUH_ENOMEM && st != PATUH_EIO) {
        patuh_status read = cli_read_inputs(run->batch, n, inputs, &run->diags);
        st = st == PATUH_OK || read == PATUH_ENOMEM || read == PATUH_EIO ? read : st;
    }
    patuh_batch_set_progress(run->batch, NULL, NULL);
    if (st == PATUH_OK || (score_invalid && st == PATUH_EINVALID)) {
        progress_scoring(&shown, run->batch->n_agencies);
        patuh_status scored = patuh_batch_score(run->batch, &run->diags);
        if (st == PATUH_OK)
            st = scored;
    }
    progress_end(&shown);
    cli_print_diags(&run->diags);
    run->status = st;
    return cli_exit_code(st);
}

void cli_run_release(cli_run *run)
{
    patuh_batch_free(run->batch);
    patuh_rubric_free(run->rubric);
    patuh_diags_release(&run->diags);
    run->batch = NULL;
    run->rubric = NULL;
}

bool cli_report_time(const cli_spec *spec, int64_t *out)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    *out = (int64_t)time(NULL);
    if (!epoch || !*epoch)
        return true;
    char *end;
    errno = 0;
    long long t = strtoll(epoch, &end, 10);
    if (!*end && errno == 0 && t >= 0 && t <= PATUH_TIME_MAX && epoch[0] != ' ') {
        *out = t;
        return true;
    }
    cli_usage_error(spec,
                    "SOURCE_DATE_EPOCH '%.40s' is not a time a report can record, expected "
                    "whole seconds from 0 to %lld (9999-12-31 23:59:59 UTC)",
                    epoch, (long long)PATUH_TIME_MAX);
    return false;
}

/* Days from 1970-01-01 to a civil date (H. Hinnant's days_from_civil): timegm is not POSIX. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

int32_t cli_utc_offset(int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!localtime_r(&tt, &tm))
        return 0;
    int64_t local =
        days_from_civil((int64_t)tm.tm_year + 1900, (unsigned)tm.tm_mon + 1, (unsigned)tm.tm_mday) *
            86400 +
        tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
    int64_t off = local - t;
    return off > -86400 && off < 86400 ? (int32_t)off : 0;
}

int cli_parse_format(const cli_spec *spec, patuh_report_kind kind, const char *output,
                     const char *name, patuh_format *out)
{
    *out = output ? patuh_format_from_path(output) : PATUH_FMT_TABLE;
    if (name && !patuh_format_parse(name, out))
        return cli_usage_error(spec, "unknown format '%s', expected %s", name,
                               _(patuh_format_list(kind)));
    if (!patuh_format_supported(kind, *out))
        return cli_usage_error(spec, "format '%s' is not available here, expected %s",
                               patuh_format_name(*out), _(patuh_format_list(kind)));
    if (*out == PATUH_FMT_XLSX && !output)
        return cli_usage_error(spec, "xlsx needs -o OUT.xlsx");
    return 0;
}

int cli_parse_lang(const cli_spec *spec, const char *name, patuh_lang *out)
{
    *out = PATUH_LANG_ID;
    if (!name || strcmp(name, "id") == 0)
        return EXIT_OK;
    if (strcmp(name, "en") == 0) {
        *out = PATUH_LANG_EN;
        return EXIT_OK;
    }
    return cli_usage_error(spec, "unknown language '%s', expected id or en", name);
}

int cli_parse_csv(const cli_spec *spec, const char *name, bool *csv_id)
{
    *csv_id = false;
    if (!name || strcmp(name, "en") == 0)
        return EXIT_OK;
    if (strcmp(name, "id") == 0) {
        *csv_id = true;
        return EXIT_OK;
    }
    return cli_usage_error(spec,
                           "unknown CSV style '%s', expected id (Indonesian Excel: ';', "
                           "decimal comma) or en (RFC 4180, the default)",
                           name);
}
