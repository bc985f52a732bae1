/* cli.h — what the subcommands of the patuh command share: the option tables that drive both
 * getopt_long and --help, rubric lookup, diagnostic printing and the one mapping from a
 * library status to an exit code. */
#ifndef PATUH_CLI_H
#define PATUH_CLI_H

#include "patuh.h"

#include <libintl.h>

/* Messages: _() translates in place; N_() marks a table's string, translated where it is
 * printed. English is the source language; po/id.po holds the Indonesian. */
#define _(msgid)  gettext(msgid)
#define N_(msgid) msgid

enum cli_exit { EXIT_OK = 0, EXIT_INVALID = 1, EXIT_USAGE = 2, EXIT_SYSTEM = 3 };

/* One option of a command; the table ends with a zeroed entry. */
typedef struct cli_option {
    const char *name; /* long name without dashes */
    int key;          /* short letter, or a value >= 256 for long-only options */
    const char *arg;  /* argument name for --help, NULL for a flag */
    const char *help; /* NULL: hidden from --help (machine-readable, for shell completion) */
} cli_option;

typedef struct cli_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} cli_command;

/* A command's usage and options: the first usage line is the man page's SYNOPSIS. */
typedef struct cli_spec {
    const char *command;      /* "score" */
    const char *const *usage; /* NULL-terminated lines, without the leading "usage: " */
    const char *about;        /* one sentence */
    const cli_option *options;
} cli_spec;

/* The next option, as getopt_long returns it: the option's key, -1 at the end; on an unknown
 * option or a missing argument prints the message and returns '?'. `--help` is built in and
 * returns 'h'. Sets *optarg_out. */
int cli_next_option(int argc, char **argv, const cli_spec *spec, const char **optarg_out);
void cli_help(const cli_spec *spec, FILE *out);
/* Prints "patuh CMD: MESSAGE" and the usage hint to stderr; returns EXIT_USAGE. */
int cli_usage_error(const cli_spec *spec, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Chooses the language of messages from the locale and --lang (found anywhere in argv) and
 * binds the catalogue; call first in main, before any message. */
void cli_intl_init(int argc, char **argv);

/* Exit code for a library status (0, 1, 2 or 3). */
int cli_exit_code(patuh_status status);
/* Prints every stored diagnostic to stderr, each followed by "... and N more like this" when
 * later ones of its kind were folded into it, then "... and N more problems not shown" if
 * some were not stored. */
void cli_print_diags(const patuh_diags *diags);
/* Default limits and diags->max, max_like for a command run. */
void cli_setup(patuh_limits *lim, patuh_diags *diags, bool strict);
/* Loads RUBRIC: a path, or the id of a shipped rubric in one of cli_rubric_dirs(). Prints
 * problems (for an unknown id every place looked and the closest ids); returns the exit code
 * (0 on success). */
int cli_load_rubric(const char *name, const patuh_limits *lim, patuh_rubric **out,
                    patuh_diags *diags);

/* Data found from the binary's own location (cli/datadir.c). The folders searched for
 * shipped rubrics, in order: <prefix>/share/patuh/rubrics for <prefix>/bin/patuh (for a
 * binary in a checkout's build folder only if it exists), that checkout's rubrics/,
 * $PATUH_RUBRICS, ./rubrics; each folder once. NULL-terminated, static storage. */
const char *const *cli_rubric_dirs(void);
/* Prints "patuh: looked in DIR, DIR..." (the folders above) to stderr. */
void cli_print_rubric_places(void);
/* The message catalogues: $PATUH_LOCALEDIR, else <prefix>/share/locale for
 * <prefix>/bin/patuh, else locale/ beside a binary in its build folder (build/locale); NULL
 * when none exists (the C library's default folder is used). Static storage. */
const char *cli_locale_dir(void);
/* The *.yaml names in a folder, sorted; *n is their count; NULL when none or unreadable.
 * Free with cli_free_names. */
char **cli_yaml_files(const char *dir, size_t *n);
void cli_free_names(char **names, size_t n);

/* Prints "did you mean 'LEAD NAME'?" to stderr for the names closest to `typed` (edit
 * distance at most 2), else for the names that begin with it (cli/suggest.c). */
void cli_suggest(const char *typed, const char *const *names, size_t n, const char *lead);
/* Reads every input path into the batch; returns the worst status (ENOMEM, EIO, EINVALID). */
patuh_status cli_read_inputs(patuh_batch *batch, int n, char **paths, patuh_diags *diags);

/* What score, gaps and validate share: a rubric, the answers read against it, scored. */
typedef struct cli_run {
    patuh_limits lim;
    patuh_diags diags; /* every problem found; the warnings go into reports */
    patuh_rubric *rubric;
    patuh_batch *batch;
    patuh_status status; /* of reading and scoring */
} cli_run;

/* How a run scores: --agencies FILE, --strict, --min-coverage (negative: the rubric's),
 * --rank-incomplete,
 * --verbose (one warning per missing answer), and `score_invalid`: scoring also runs over
 * invalid answers (validate: so missing answers are listed too). */
typedef struct cli_score_opts {
    const char *agencies; /* --agencies FILE: the agency list, read first */
    bool strict;
    double min_coverage;
    bool rank_incomplete;
    bool verbose;
    bool score_invalid;
} cli_score_opts;

/* The options' defaults: nothing strict, the rubric's minimum coverage. */
cli_score_opts cli_score_defaults(void);
/* Parses --min-coverage: a number from 0 to 1, or a percentage "90%"; false otherwise. */
bool cli_parse_coverage(const char *text, double *out);
/* "13 agencies: 2 ranked, 0 incomplete, 11 not assessed" into buf. */
const char *cli_counts(const patuh_batch *batch, char *buf, size_t size);

/* Loads the rubric, reads the inputs and scores, then prints every problem. Returns the
 * exit code; 0 means run->batch is scored and usable. cli_run_release frees everything,
 * whatever the outcome. */
int cli_run_score(cli_run *run, const char *rubric, const cli_score_opts *opts, int n,
                  char **inputs);
void cli_run_release(cli_run *run);
/* The report time: SOURCE_DATE_EPOCH when set (reproducible reports), else now. A value that
 * is not whole seconds from 0 to PATUH_TIME_MAX is a usage error: printed, false. */
bool cli_report_time(const cli_spec *spec, int64_t *out);
/* Seconds east of UTC of the local time (TZ) at t; 0 when it cannot be known. */
int32_t cli_utc_offset(int64_t t);
/* The format of a report of `kind`: --format `name` when given, else from -o `output`'s
 * extension, else table. A usage error names the formats the kind has. */
int cli_parse_format(const cli_spec *spec, patuh_report_kind kind, const char *output,
                     const char *name, patuh_format *out);
/* Parses --lang (NULL = id); a usage error for anything but id or en. */
int cli_parse_lang(const cli_spec *spec, const char *name, patuh_lang *out);
/* --csv STYLE: "id" sets *csv_id (CSV for Indonesian Excel), "en" or NULL clears it; else a
 * usage error. */
int cli_parse_csv(const cli_spec *spec, const char *name, bool *csv_id);
/* True when colour may be used on this stream (a terminal and NO_COLOR unset). */
bool cli_color(FILE *stream);
/* Flushes stdout; a failed write is exit 3 with a message. Returns `code` otherwise. */
int cli_finish(int code);

int cmd_score(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_rubric(int argc, char **argv);
int cmd_template(int argc, char **argv);
int cmd_gaps(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_scan(int argc, char **argv);

#endif
