/* answers.c — the entry to the input layer: the table of answer formats (one reader per
 * extension), files, standard input, buffers and directories walked in sorted order, and the
 * agency lists of `patuh template --agencies`. The readers are yaml_answers.c, table.c with
 * answers_csv.c and answers_xlsx.c; what they read goes into the model (model/). */
#include "input/input.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Directories nest at most this deep below the path given (symbolic links may loop). */
enum { ANSWERS_MAX_DIR_DEPTH = 32 };

/* The most serious of two outcomes: ENOMEM, then EIO, then EINVALID, then OK. */
static patuh_status status_worst(patuh_status a, patuh_status b)
{
    static const int rank[PATUH_STATUS_COUNT] = {[PATUH_OK] = 0,
                                                 [PATUH_EARG] = 0,
                                                 [PATUH_EINVALID] = 1,
                                                 [PATUH_EIO] = 2,
                                                 [PATUH_ENOMEM] = 3};
    return rank[b] > rank[a] ? b : a;
}

/* The outcome of a public call: a failure to read or allocate, else whether errors grew. */
static patuh_status status_final(patuh_status st, const patuh_diags *diags, size_t errors)
{
    if (st == PATUH_ENOMEM || st == PATUH_EIO)
        return st;
    return diags->errors > errors ? PATUH_EINVALID : PATUH_OK;
}

/* ---- agency lists (patuh template --agencies) --------------------------------------- */

patuh_status patuh_batch_add_agencies(patuh_batch *batch, const char *path, patuh_diags *diags)
{
    if (!batch || !path || !diags)
        return PATUH_EARG;
    size_t errors = diags->errors;
    char *data;
    size_t len;
    patuh_status st = file_read_all(path, batch->limits.max_file_bytes, &data, &len, diags);
    if (st != PATUH_OK)
        return st;
    answers_ctx c = {.batch = batch, .diags = diags, .name = path};
    st = answers_input_add(&c, path, data, len);
    if (st == PATUH_OK && str_ends_with(path, ".csv"))
        st = answers_read_csv(&c, data, len, true);
    else if (st == PATUH_OK)
        st = answers_read_agency_list(&c, data, len);
    free(data);
    return status_final(st, diags, errors);
}

/* ---- inputs: buffers, files, directories -------------------------------------------- */

typedef patuh_status (*answers_reader)(answers_ctx *c, const char *data, size_t len);

static patuh_status answers_read_csv_answers(answers_ctx *c, const char *data, size_t len)
{
    return answers_read_csv(c, data, len, false);
}

static const struct answers_format {
    const char *ext;
    answers_reader read;
} answers_formats[] = {
    {".yaml", answers_read_yaml},
    {".yml", answers_read_yaml},
    {".csv", answers_read_csv_answers},
    {".xlsx", answers_read_xlsx},
};

/* The reader for a path's extension; NULL when it has none of ours. */
static answers_reader reader_for(const char *path)
{
    for (size_t i = 0; i < sizeof answers_formats / sizeof answers_formats[0]; i++)
        if (str_ends_with(path, answers_formats[i].ext))
            return answers_formats[i].read;
    return NULL;
}

static patuh_status read_input(patuh_batch *batch, const char *name, const char *data, size_t len,
                               answers_reader read, patuh_diags *diags)
{
    answers_ctx c = {.batch = batch, .diags = diags, .name = name};
    patuh_status st = answers_input_add(&c, name, data, len);
    return st == PATUH_OK ? read(&c, data, len) : st;
}

patuh_status patuh_batch_add_buffer(patuh_batch *batch, const char *name, const char *data,
                                    size_t len, patuh_diags *diags)
{
    if (!batch || !name || !diags || (!data && len))
        return PATUH_EARG;
    size_t errors = diags->errors;
    if (len > batch->limits.max_file_bytes) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, name, 0, 0,
                        "file is larger than the limit of %zu bytes", batch->limits.max_file_bytes);
        return PATUH_EINVALID;
    }
    answers_reader read = reader_for(name);
    patuh_status st =
        read_input(batch, name, data ? data : "", len, read ? read : answers_read_yaml, diags);
    return status_final(st, diags, errors);
}

/* One file; an extension that is not ours is read as YAML, like standard input. */
static patuh_status add_file(patuh_batch *batch, const char *path, patuh_diags *diags)
{
    char *data;
    size_t len;
    patuh_status st = file_read_all(path, batch->limits.max_file_bytes, &data, &len, diags);
    if (st != PATUH_OK)
        return st;
    answers_reader read = strcmp(path, "-") == 0 ? NULL : reader_for(path);
    st = read_input(batch, path, data, len, read ? read : answers_read_yaml, diags);
    free(data);
    return st;
}

typedef struct path_list {
    char **items;
    size_t n;
} path_list;

static patuh_status list_dir(const char *dir, unsigned depth, path_list *out, patuh_diags *diags);

/* One directory entry: a directory to walk, an answer file to keep (takes `path`). */
static patuh_status list_entry(char *path, unsigned depth, path_list *out, patuh_diags *diags)
{
    struct stat sb;
    patuh_status st = PATUH_OK;
    if (stat(path, &sb) != 0) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, path, 0, 0, "cannot read '%s': %s", path,
                        strerror(errno));
        st = PATUH_EIO;
    } else if (S_ISDIR(sb.st_mode) && depth >= ANSWERS_MAX_DIR_DEPTH) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, path, 0, 0,
                        "directories nest deeper than the limit of %d levels",
                        ANSWERS_MAX_DIR_DEPTH);
    } else if (S_ISDIR(sb.st_mode)) {
        st = list_dir(path, depth + 1, out, diags);
    } else if (S_ISREG(sb.st_mode) && reader_for(path)) {
        char **items = array_room(out->items, out->n, sizeof *items);
        if (!items) {
            free(path);
            return PATUH_ENOMEM;
        }
        out->items = items;
        items[out->n++] = path;
        return PATUH_OK;
    }
    free(path);
    return st;
}

/* Collects the answer files below `dir`, skipping hidden entries. */
static patuh_status list_dir(const char *dir, unsigned depth, path_list *out, patuh_diags *diags)
{
    DIR *d = opendir(dir);
    if (!d) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, dir, 0, 0, "cannot read '%s': %s", dir,
                        strerror(errno));
        return PATUH_EIO;
    }
    size_t n = strlen(dir);
    bool slash = n > 0 && dir[n - 1] == '/';
    patuh_status st = PATUH_OK;
    struct dirent *e;
    while (st != PATUH_ENOMEM && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *path = str_printf("%s%s%s", dir, slash ? "" : "/", e->d_name);
        st = path ? status_worst(st, list_entry(path, depth, out, diags)) : PATUH_ENOMEM;
    }
    closedir(d);
    return st;
}

static int path_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every answer file below a directory, read in sorted order. */
static patuh_status add_directory(patuh_batch *batch, const char *dir, patuh_diags *diags)
{
    path_list list = {0};
    patuh_status st = list_dir(dir, 0, &list, diags);
    if (st != PATUH_ENOMEM && list.n == 0 && st == PATUH_OK)
        patuh_diags_add(diags, PATUH_SEV_ERROR, dir, 0, 0,
                        "no answer files in '%s', expected *.yaml, *.yml, *.csv or *.xlsx files",
                        dir);
    if (list.n)
        qsort(list.items, list.n, sizeof *list.items, path_cmp);
    for (size_t i = 0; i < list.n && st != PATUH_ENOMEM; i++)
        st = status_worst(st, add_file(batch, list.items[i], diags));
    for (size_t i = 0; i < list.n; i++)
        free(list.items[i]);
    free(list.items);
    return st;
}

patuh_status patuh_batch_add_path(patuh_batch *batch, const char *path, patuh_diags *diags)
{
    if (!batch || !path || !diags)
        return PATUH_EARG;
    size_t errors = diags->errors;
    struct stat sb;
    patuh_status st;
    if (strcmp(path, "-") != 0 && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
        st = add_directory(batch, path, diags);
    else
        st = add_file(batch, path, diags);
    return status_final(st, diags, errors);
}
