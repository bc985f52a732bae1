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
    if (st == PATUH_OK)
        batch->inputs[c.file].agency_list = true; /* a folder holding it skips it */
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

/* Whether the text starts with `prefix` after a byte order mark and white space. */
static bool starts_with_text(const char *data, size_t len, const char *prefix)
{
    size_t i = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < len && strchr(" \t\r\n", data[i]))
        i++;
    size_t n = strlen(prefix);
    return len - i >= n && memcmp(data + i, prefix, n) == 0;
}

/* Why a file that is not answers is skipped, by its content (doc/formats.md §3.1): a
 * report of patuh (the JSON's `"patuh": "VERSION"` marker, the CSV's header), or the agency
 * list already read with --agencies; NULL when it is to be read. The workbook reader knows
 * a report workbook by its sheets. */
static const char report_skip[] = patuh_tr_noop("a report written by patuh, not answers");

static const char *skip_by_content(const patuh_batch *batch, const char *data, size_t len)
{
    if (starts_with_text(data, len, "{\n  \"patuh\": \"") ||
        starts_with_text(data, len, "rank,group_rank,id,name,"))
        return report_skip;
    unsigned char sha[32];
    bool hashed = false; /* only when there is an agency list to compare: it costs a pass */
    for (size_t i = 0; i < batch->n_inputs; i++) {
        if (!batch->inputs[i].agency_list)
            continue;
        if (!hashed)
            sha256_bytes(data, len, sha);
        hashed = true;
        if (memcmp(batch->inputs[i].sha256, sha, 32) == 0)
            return patuh_tr_noop("the agency list given with --agencies, not answers");
    }
    return NULL;
}

/* One file; an extension that is not ours is read as YAML, like standard input. */
static patuh_status add_file(patuh_batch *batch, const char *path, patuh_diags *diags)
{
    char *data;
    size_t len;
    patuh_status st = file_read_all(path, batch->limits.max_file_bytes, &data, &len, diags);
    if (st != PATUH_OK)
        return st;
    const char *skip = strcmp(path, "-") == 0 ? NULL : skip_by_content(batch, data, len);
    answers_reader read = strcmp(path, "-") == 0 ? NULL : reader_for(path);
    if (!skip)
        st = read_input(batch, path, data, len, read ? read : answers_read_yaml, diags);
    else
        patuh_diags_add(diags, PATUH_SEV_NOTE, path, 0, 0, "skipped: %s", patuh_tr_part(skip));
    if (skip == report_skip) /* the agency list stays an input: --agencies read it */
        inputs_forget_skipped(path);
    free(data);
    return st;
}

/* Why a file met in a folder is skipped by its name: a spreadsheet's lock file (`~$NAME`
 * of Excel, `.~lock.NAME#` of LibreOffice) or a hidden file; NULL when it is read. */
static bool is_lock_name(const char *name)
{
    size_t n = strlen(name);
    return strncmp(name, "~$", 2) == 0 ||
           (strncmp(name, ".~lock.", 7) == 0 && n > 8 && name[n - 1] == '#');
}

static const char *skip_by_name(const char *path)
{
    const char *name = strrchr(path, '/');
    name = name ? name + 1 : path;
    if (is_lock_name(name))
        return patuh_tr_noop("the lock file of a spreadsheet open in Excel or LibreOffice");
    if (name[0] == '.')
        return patuh_tr_noop("a hidden file");
    return NULL;
}

typedef struct path_list {
    char **items;
    size_t n;
} path_list;

/* A walk below one input folder. Each folder and file is met once by device and inode, so
 * links that loop (a folder holding links to itself) end, and a file reached by two paths is
 * read once, by the first path in sorted order (doc/robustness.md). */
typedef struct dir_walk {
    path_list files;
    patuh_idmap *seen; /* "dev:ino" -> itself, for each folder and file met */
    path_list keys;    /* the keys of `seen`, owned */
} dir_walk;

static bool list_push(path_list *list, char *item)
{
    char **items = array_room(list->items, list->n, sizeof *items);
    if (!items)
        return false;
    list->items = items;
    items[list->n++] = item;
    return true;
}

static void list_free(path_list *list)
{
    for (size_t i = 0; i < list->n; i++)
        free(list->items[i]);
    free(list->items);
    *list = (path_list){0};
}

/* True the first time the walk meets this folder or file; *st is ENOMEM when it cannot tell. */
static bool walk_first(dir_walk *w, const struct stat *sb, patuh_status *st)
{
    char *key =
        str_printf("%llx:%llx", (unsigned long long)sb->st_dev, (unsigned long long)sb->st_ino);
    bool first = key && !idmap_get(w->seen, key);
    if (!first || !list_push(&w->keys, key)) {
        *st = key && !first ? *st : PATUH_ENOMEM;
        free(key);
        return false;
    }
    if (!idmap_put(w->seen, key, key)) { /* the key is kept in w->keys */
        *st = PATUH_ENOMEM;
        return false;
    }
    return true;
}

static patuh_status list_dir(dir_walk *w, const char *dir, unsigned depth, patuh_diags *diags);

/* One directory entry: a directory to walk, an answer file to keep (takes `path`). */
static patuh_status list_entry(dir_walk *w, char *path, unsigned depth, patuh_diags *diags)
{
    struct stat sb;
    patuh_status st = PATUH_OK;
    if (stat(path, &sb) != 0) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, path, 0, 0, "cannot read '%s': %s", path,
                        strerror(errno));
        st = PATUH_EIO;
    } else if (S_ISREG(sb.st_mode) && skip_by_name(path)) {
        patuh_diags_add(diags, PATUH_SEV_NOTE, path, 0, 0, "skipped: %s",
                        patuh_tr_part(skip_by_name(path)));
    } else if (!S_ISDIR(sb.st_mode) && !(S_ISREG(sb.st_mode) && reader_for(path))) {
        /* not ours: skipped */
    } else if (!walk_first(w, &sb, &st)) {
        /* met before by another path (or out of memory) */
    } else if (S_ISDIR(sb.st_mode) && depth >= ANSWERS_MAX_DIR_DEPTH) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, path, 0, 0,
                        "directories nest deeper than the limit of %d levels",
                        ANSWERS_MAX_DIR_DEPTH);
    } else if (S_ISDIR(sb.st_mode)) {
        st = list_dir(w, path, depth + 1, diags);
    } else {
        return list_push(&w->files, path) ? PATUH_OK : (free(path), PATUH_ENOMEM);
    }
    free(path);
    return st;
}

static int path_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of `dir` as paths, in sorted order (so which of two paths to the same file is
 * kept does not depend on the order the file system gives). Hidden entries are left out
 * silently, except files that would be read (list_entry notes that it skips them) and
 * LibreOffice's lock files. */
static patuh_status dir_entries(const char *dir, path_list *out, patuh_diags *diags)
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
    while (st == PATUH_OK && (e = readdir(d))) {
        if (e->d_name[0] == '.' && !reader_for(e->d_name) && !is_lock_name(e->d_name))
            continue; /* ".", "..", .git and the like */
        char *path = str_printf("%s%s%s", dir, slash ? "" : "/", e->d_name);
        if (!path || !list_push(out, path)) {
            free(path);
            st = PATUH_ENOMEM;
        }
    }
    closedir(d);
    if (out->n)
        qsort(out->items, out->n, sizeof *out->items, path_cmp);
    return st;
}

/* Collects the answer files below `dir`. */
static patuh_status list_dir(dir_walk *w, const char *dir, unsigned depth, patuh_diags *diags)
{
    path_list entries = {0};
    patuh_status st = dir_entries(dir, &entries, diags);
    for (size_t i = 0; i < entries.n && st != PATUH_ENOMEM; i++) {
        st = status_worst(st, list_entry(w, entries.items[i], depth, diags));
        entries.items[i] = NULL; /* taken */
    }
    list_free(&entries);
    return st;
}

/* Every answer file below a directory, read in sorted order. */
static patuh_status add_directory(patuh_batch *batch, const char *dir, patuh_diags *diags)
{
    dir_walk w = {.seen = idmap_new()};
    struct stat sb;
    patuh_status st = PATUH_OK;
    if (!w.seen)
        return PATUH_ENOMEM;
    if (stat(dir, &sb) == 0)
        walk_first(&w, &sb, &st);
    if (st == PATUH_OK)
        st = list_dir(&w, dir, 0, diags);
    if (st == PATUH_OK && w.files.n == 0)
        patuh_diags_add(diags, PATUH_SEV_ERROR, dir, 0, 0,
                        "no answer files in '%s', expected *.yaml, *.yml, *.csv or *.xlsx files",
                        dir);
    if (w.files.n)
        qsort(w.files.items, w.files.n, sizeof *w.files.items, path_cmp);
    for (size_t i = 0; i < w.files.n && st != PATUH_ENOMEM; i++)
        st = status_worst(st, add_file(batch, w.files.items[i], diags));
    list_free(&w.files);
    list_free(&w.keys);
    idmap_free(w.seen);
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
