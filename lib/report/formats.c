/* formats.c — the one table from (report kind, format) to its writer, and the entry points
 * that use it: a pair without a writer is refused naming the formats the kind has, a text
 * report goes to a stream or through a temporary file, a workbook only to a file. Adding a
 * report format is a row here and its writer. */
#include "report/report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *const format_names[] = {
    [PATUH_FMT_TABLE] = "table",
    [PATUH_FMT_CSV] = "csv",
    [PATUH_FMT_JSON] = "json",
    [PATUH_FMT_XLSX] = "xlsx",
};
enum { N_FORMATS = sizeof format_names / sizeof format_names[0] };

/* What each kind is called in messages, and the formats it has, listed. */
static const struct report_kind_info {
    const char *noun;
    const char *formats;
} kinds[] = {
    [PATUH_REPORT_RANKING] = {patuh_tr_noop("a report"), patuh_tr_noop("table, csv, json or xlsx")},
    [PATUH_REPORT_GAPS] = {patuh_tr_noop("gaps"), patuh_tr_noop("table, csv, json or xlsx")},
    [PATUH_REPORT_COMPARISON] = {patuh_tr_noop("a comparison"),
                                 patuh_tr_noop("table, csv, json or xlsx")},
};
enum { N_KINDS = sizeof kinds / sizeof kinds[0] };

/* The writers: a text writer (stream or file), or a workbook writer (a file only). */
static const struct report_writer {
    patuh_report_kind kind;
    patuh_format format;
    report_text_fn text;
    report_book_fn book;
} writers[] = {
    {PATUH_REPORT_RANKING, PATUH_FMT_TABLE, report_write_table, NULL},
    {PATUH_REPORT_RANKING, PATUH_FMT_CSV, report_write_csv, NULL},
    {PATUH_REPORT_RANKING, PATUH_FMT_JSON, report_write_json, NULL},
    {PATUH_REPORT_RANKING, PATUH_FMT_XLSX, NULL, report_write_xlsx},
    {PATUH_REPORT_GAPS, PATUH_FMT_TABLE, report_write_gaps_table, NULL},
    {PATUH_REPORT_GAPS, PATUH_FMT_CSV, report_write_gaps_csv, NULL},
    {PATUH_REPORT_GAPS, PATUH_FMT_JSON, report_write_gaps_json, NULL},
    {PATUH_REPORT_GAPS, PATUH_FMT_XLSX, NULL, report_write_gaps_xlsx},
    {PATUH_REPORT_COMPARISON, PATUH_FMT_TABLE, report_write_compare_table, NULL},
    {PATUH_REPORT_COMPARISON, PATUH_FMT_CSV, report_write_compare_csv, NULL},
    {PATUH_REPORT_COMPARISON, PATUH_FMT_JSON, report_write_compare_json, NULL},
    {PATUH_REPORT_COMPARISON, PATUH_FMT_XLSX, NULL, report_write_compare_xlsx},
};

static const struct report_writer *writer_for(patuh_report_kind kind, patuh_format format)
{
    for (size_t i = 0; i < sizeof writers / sizeof writers[0]; i++)
        if (writers[i].kind == kind && writers[i].format == format)
            return &writers[i];
    return NULL;
}

/* ---- formats ------------------------------------------------------------------------ */

patuh_format patuh_format_from_path(const char *path)
{
    if (!path)
        return PATUH_FMT_TABLE;
    for (size_t i = 0; i < N_FORMATS; i++) {
        char ext[16];
        snprintf(ext, sizeof ext, ".%s", format_names[i]);
        if (i != PATUH_FMT_TABLE && str_ends_with(path, ext))
            return (patuh_format)i;
    }
    return PATUH_FMT_TABLE;
}

bool patuh_format_parse(const char *name, patuh_format *out)
{
    for (size_t i = 0; name && i < N_FORMATS; i++) {
        if (strcmp(name, format_names[i]) == 0) {
            if (out)
                *out = (patuh_format)i;
            return true;
        }
    }
    return false;
}

const char *patuh_format_name(patuh_format format)
{
    return (unsigned)format < N_FORMATS ? format_names[format] : "";
}

bool patuh_format_supported(patuh_report_kind kind, patuh_format format)
{
    return writer_for(kind, format) != NULL;
}

const char *patuh_format_list(patuh_report_kind kind)
{
    return (unsigned)kind < N_KINDS ? kinds[kind].formats : "";
}

/* ---- writing ------------------------------------------------------------------------ */

/* One write through the table, for atomic_write. */
typedef struct report_job {
    const struct report_writer *w;
    const report_subject *s;
    const patuh_report_options *opt;
} report_job;

static patuh_status job_text(void *ctx, FILE *out, patuh_diags *diags)
{
    const report_job *job = ctx;
    return job->w->text(job->s, out, job->opt, diags);
}

static patuh_status job_write(void *ctx, const char *tmp, const char *path, patuh_diags *diags)
{
    const report_job *job = ctx;
    if (job->w->book)
        return job->w->book(job->s, tmp, path, job->opt, diags);
    return atomic_write_text(tmp, path, job_text, ctx, diags);
}

/* Writes a report of `kind` in `format` to `path`, or to `stream` when path is NULL or "-"
 * (standard output when stream is NULL). */
static patuh_status report_dispatch(patuh_report_kind kind, const report_subject *s,
                                    patuh_format format, const char *path, FILE *stream,
                                    const patuh_report_options *opt, patuh_diags *diags)
{
    patuh_report_options o = {0};
    if (opt)
        o = *opt;
    const struct report_writer *w = writer_for(kind, format);
    if (!w) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, NULL, 0, 0, "cannot write %s as '%s', expected %s",
                        patuh_tr(kinds[kind].noun), patuh_format_name(format),
                        patuh_tr(kinds[kind].formats));
        return PATUH_EARG;
    }
    if (path && strcmp(path, "-") != 0) {
        report_job job = {w, s, &o};
        return atomic_write(path, job_write, &job, diags);
    }
    if (!w->text) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, NULL, 0, 0,
                        "cannot write %s as %s to a stream, expected a file path",
                        patuh_tr(kinds[kind].noun), patuh_format_name(format));
        return PATUH_EARG;
    }
    FILE *out = stream ? stream : stdout;
    patuh_status st = w->text(s, out, &o, diags);
    if (st == PATUH_OK && (fflush(out) != 0 || ferror(out))) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, NULL, 0, 0,
                        "cannot write the report to the output stream: %s", strerror(errno));
        return PATUH_EIO;
    }
    return st;
}

/* The checks a ranking report shares: a scored batch. */
static patuh_status ranking_check(const patuh_batch *batch, patuh_diags *diags)
{
    if (!batch || !batch->rubric) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, NULL, 0, 0,
                        "cannot write a report without a batch and a known format");
        return PATUH_EARG;
    }
    if (!batch->scored) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, NULL, 0, 0,
                        "cannot write a report of a batch that is not scored, expected "
                        "patuh_batch_score first");
        return PATUH_EARG;
    }
    return PATUH_OK;
}

patuh_status patuh_report_write_stream(const patuh_batch *batch, patuh_format format, FILE *out,
                                       const patuh_report_options *opt, patuh_diags *diags)
{
    patuh_status st = ranking_check(batch, diags);
    if (st != PATUH_OK)
        return st;
    if (!out) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, NULL, 0, 0,
                        "cannot write a report without a stream, expected one");
        return PATUH_EARG;
    }
    report_subject s = {.batch = batch};
    return report_dispatch(PATUH_REPORT_RANKING, &s, format, NULL, out, opt, diags);
}

patuh_status patuh_report_write(const patuh_batch *batch, patuh_format format, const char *path,
                                const patuh_report_options *opt, patuh_diags *diags)
{
    patuh_status st = ranking_check(batch, diags);
    if (st != PATUH_OK)
        return st;
    if (!path || !*path) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, NULL, 0, 0,
                        "cannot write a report without a path, expected a file name");
        return PATUH_EARG;
    }
    report_subject s = {.batch = batch};
    return report_dispatch(PATUH_REPORT_RANKING, &s, format, path, NULL, opt, diags);
}

patuh_status patuh_gaps_write(const patuh_batch *batch, const patuh_gaps *gaps, size_t n,
                              patuh_format format, const char *path,
                              const patuh_report_options *opt, patuh_diags *diags)
{
    if (!batch || (n && !gaps)) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, NULL, 0, 0,
                        "cannot write gaps without a batch and its gaps");
        return PATUH_EARG;
    }
    report_subject s = {.batch = batch, .gaps = gaps, .n_gaps = n};
    return report_dispatch(PATUH_REPORT_GAPS, &s, format, path, NULL, opt, diags);
}

patuh_status report_gaps_at(const report_subject *s, size_t k, const patuh_gaps **out)
{
    if (s->gaps_from)
        return s->gaps_from(s->gaps_ctx, k, out);
    *out = &s->gaps[k];
    return PATUH_OK;
}

patuh_status patuh_gaps_write_each(const patuh_batch *batch, size_t n, patuh_gaps_source source,
                                   void *ctx, patuh_format format, const char *path,
                                   const patuh_report_options *opt, patuh_diags *diags)
{
    if (!batch || (n && !source) || format == PATUH_FMT_XLSX) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, NULL, 0, 0,
                        "cannot write gaps one agency at a time without a batch and a source, "
                        "or as a workbook");
        return PATUH_EARG;
    }
    report_subject s = {.batch = batch, .gaps_from = source, .gaps_ctx = ctx, .n_gaps = n};
    return report_dispatch(PATUH_REPORT_GAPS, &s, format, path, NULL, opt, diags);
}

patuh_status patuh_compare_write(const patuh_comparison *c, patuh_format format, const char *path,
                                 const patuh_report_options *opt, patuh_diags *diags)
{
    if (!c) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, NULL, 0, 0,
                        "cannot write a comparison without one");
        return PATUH_EARG;
    }
    report_subject s = {.comparison = c};
    return report_dispatch(PATUH_REPORT_COMPARISON, &s, format, path, NULL, opt, diags);
}
