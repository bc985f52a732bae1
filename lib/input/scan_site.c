/* scan_site.c — `patuh scan` over saved websites (doc/formats.md §3.10): a site is a
 * directory of saved pages, read in byte order of their paths, or a WARC file (warc.c).
 * Nothing outside the site is read: a symbolic link that leaves it is refused. Limits on
 * page size and page count are located errors. */
#define _DEFAULT_SOURCE /* realpath is an XSI extension, outside _POSIX_C_SOURCE */
#include "input/scan.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

enum { SITE_MAX_DEPTH = 32 };

void patuh_scan_limits_default(patuh_scan_limits *lim)
{
    lim->max_page_bytes = (size_t)8 << 20;
    lim->max_pages = 20000;
    lim->max_record_bytes = (size_t)64 << 20;
    lim->max_ratio = 100;
}

patuh_scan *patuh_scan_new(const patuh_rubric *rubric, const patuh_scan_limits *lim)
{
    if (!rubric)
        return NULL;
    patuh_scan *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->rubric = rubric;
    if (lim)
        s->limits = *lim;
    else
        patuh_scan_limits_default(&s->limits);
    s->clamp = INT64_MAX;
    size_t n = rubric->n_indicators ? rubric->n_indicators : 1;
    if (!(s->slot_base = malloc(n * sizeof *s->slot_base))) {
        free(s);
        return NULL;
    }
    for (size_t i = 0; i < rubric->n_indicators; i++) {
        const patuh_scan_spec *spec = rubric->indicators[i]->scan;
        s->slot_base[i] = spec ? s->n_slots : SIZE_MAX;
        s->n_slots += spec ? spec->n_rules : 0;
    }
    return s;
}

static void note_release(patuh_scan_note *note)
{
    free(note->subject);
    free(note->other);
    free(note->text);
}

static void site_release(patuh_scan_site *site, size_t n_slots)
{
    free(site->path);
    free(site->agency);
    for (size_t i = 0; i < site->n_notes; i++)
        note_release(&site->notes[i]);
    free(site->notes);
    for (size_t i = 0; site->found && i < n_slots; i++) {
        free(site->found[i].page);
        free(site->found[i].captured);
        free(site->found[i].xpath);
        free(site->found[i].snippet);
    }
    free(site->found);
}

void patuh_scan_free(patuh_scan *scan)
{
    if (!scan)
        return;
    for (size_t i = 0; i < scan->n_sites; i++)
        site_release(&scan->sites[i], scan->n_slots);
    free(scan->sites);
    free(scan->slot_base);
    free(scan);
}

double patuh_scan_value(const patuh_scan *scan, const patuh_scan_site *site,
                        const patuh_node *indicator)
{
    const patuh_scan_spec *spec = indicator->scan;
    size_t base = scan->slot_base[indicator->ind_index], found = 0;
    for (size_t i = 0; i < spec->n_rules; i++)
        found += site->found[base + i].page != NULL;
    if (indicator->scale->kind == PATUH_SCALE_CHECKLIST)
        return (double)found;
    for (size_t i = 0; i < spec->n_levels; i++)
        if (found >= spec->levels[i].found)
            return spec->levels[i].value;
    return spec->n_levels ? spec->levels[spec->n_levels - 1].value : 0;
}

/* ---- notes and names ---------------------------------------------------------------- */

void scan_note(scan_ctx *c, patuh_scan_note_kind kind, const char *subject, size_t len,
               const char *other)
{
    patuh_scan_site *site = c->site;
    patuh_scan_note note = {kind, str_ndup(subject, len), other ? str_dup(other) : NULL, NULL};
    char buf[1280];
    if (note.subject && (!other || note.other))
        note.text = str_dup(patuh_scan_note_text(&note, PATUH_LANG_EN, buf, sizeof buf));
    patuh_scan_note *notes = array_room(site->notes, site->n_notes, sizeof *notes);
    if (!note.text || !notes) {
        note_release(&note);
        c->nomem = true;
        return;
    }
    site->notes = notes;
    if (idmap_get(c->noted, note.text)) {
        note_release(&note);
        return;
    }
    notes[site->n_notes++] = note;
    if (!idmap_put(c->noted, note.text, note.text))
        c->nomem = true;
}

bool scan_is_page_name(const char *name)
{
    static const char *const exts[] = {".html", ".htm", ".xhtml", ".shtml",
                                       ".php",  ".asp", ".aspx",  ".jsp"};
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++)
        if (str_ends_with(name, exts[i]))
            return true;
    return false;
}

bool scan_is_pdf_name(const char *name, size_t len)
{
    return len >= 4 && (name[len - 4] == '.') && (name[len - 3] | 32) == 'p' &&
           (name[len - 2] | 32) == 'd' && (name[len - 1] | 32) == 'f';
}

void scan_time_text(int64_t t, char buf[32])
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm) || !strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm))
        snprintf(buf, 32, "unknown");
}

/* ---- a directory of saved pages ----------------------------------------------------- */

typedef struct site_walk {
    scan_ctx *c;
    char root[PATH_MAX]; /* the site's real path */
    patuh_status st;
} site_walk;

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int note_cmp(const void *a, const void *b)
{
    return strcmp(((const patuh_scan_note *)a)->text, ((const patuh_scan_note *)b)->text);
}

/* The entries of a directory but . and .. and hidden ones, in byte order; NULL with *n 0
 * when it is empty; *ok false when it could not be read. */
static char **dir_names(const char *path, size_t *n, bool *ok)
{
    *n = 0;
    *ok = false;
    DIR *d = opendir(path);
    if (!d)
        return NULL;
    char **names = NULL;
    struct dirent *e;
    *ok = true;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char **grown = array_room(names, *n, sizeof *names);
        char *name = str_dup(e->d_name);
        if (!grown || !name) {
            free(name);
            *ok = false;
            break;
        }
        names = grown;
        names[(*n)++] = name;
    }
    closedir(d);
    if (*n)
        qsort(names, *n, sizeof *names, name_cmp);
    return names;
}

/* Whether a real path is the site's root or below it. */
static bool inside(const site_walk *w, const char *real)
{
    size_t n = strlen(w->root);
    return strncmp(real, w->root, n) == 0 && (real[n] == '/' || real[n] == '\0');
}

static void page_file(site_walk *w, const char *path, const struct stat *sb)
{
    scan_ctx *c = w->c;
    const patuh_scan_limits *lim = &c->scan->limits;
    if (c->site->pages + c->site->duplicates >= lim->max_pages) {
        patuh_diags_add(c->diags, PATUH_SEV_ERROR, c->site->path, 0, 0,
                        "site has more than %zu pages, expected at most that many "
                        "(--max-pages)",
                        lim->max_pages);
        w->st = PATUH_EINVALID;
        return;
    }
    if ((size_t)sb->st_size > lim->max_page_bytes) {
        patuh_diags_add(c->diags, PATUH_SEV_ERROR, path, 0, 0,
                        "page is larger than %zu bytes, expected at most that many "
                        "(--max-page-bytes)",
                        lim->max_page_bytes);
        return;
    }
    char *data = NULL;
    size_t len = 0;
    if (file_read_page(path, lim->max_page_bytes, &data, &len, c->diags) != PATUH_OK)
        return;
    char when[32];
    int64_t t = (int64_t)sb->st_mtime;
    scan_time_text(t > c->scan->clamp ? c->scan->clamp : t, when);
    scan_page page = {.page = path, .captured = when, .data = data, .len = len};
    if (scan_page_read(c, &page) != PATUH_OK)
        w->st = PATUH_ENOMEM;
    free(data);
}

static void walk_dir(site_walk *w, const char *dir, unsigned depth);

/* One entry: a directory, a page, a PDF (noted), anything else (counted). A symbolic link
 * is followed only to a file inside the site. */
static void walk_entry(site_walk *w, const char *path, unsigned depth)
{
    scan_ctx *c = w->c;
    struct stat sb;
    if (lstat(path, &sb) != 0)
        return;
    if (S_ISLNK(sb.st_mode)) {
        char real[PATH_MAX];
        if (!realpath(path, real) || !inside(w, real)) {
            patuh_diags_add(c->diags, PATUH_SEV_ERROR, path, 0, 0,
                            "symbolic link leads outside the site '%s', refused", c->site->path);
            return;
        }
        if (stat(path, &sb) != 0 || S_ISDIR(sb.st_mode)) {
            scan_note(c, PATUH_SCAN_NOTE_DIR_LINK, path, strlen(path), NULL);
            return;
        }
    }
    if (S_ISDIR(sb.st_mode)) {
        walk_dir(w, path, depth + 1);
    } else if (S_ISREG(sb.st_mode) && scan_is_page_name(path)) {
        page_file(w, path, &sb);
    } else if (S_ISREG(sb.st_mode) && scan_is_pdf_name(path, strlen(path))) {
        scan_note(c, PATUH_SCAN_NOTE_PDF, path, strlen(path), NULL);
        c->site->others++;
    } else {
        c->site->others++;
    }
}

static void walk_dir(site_walk *w, const char *dir, unsigned depth)
{
    scan_ctx *c = w->c;
    if (depth > SITE_MAX_DEPTH) {
        patuh_diags_add(c->diags, PATUH_SEV_ERROR, dir, 0, 0,
                        "directory is nested more than %d levels below the site, expected at "
                        "most that many",
                        SITE_MAX_DEPTH);
        return;
    }
    size_t n;
    bool ok;
    char **names = dir_names(dir, &n, &ok);
    if (!ok) {
        patuh_diags_add(c->diags, PATUH_SEV_ERROR, dir, 0, 0, "cannot read directory: %s",
                        strerror(errno ? errno : ENOMEM));
        w->st = w->st == PATUH_OK ? PATUH_EIO : w->st;
    }
    for (size_t i = 0; i < n; i++) {
        if (w->st == PATUH_OK) {
            char *path = str_printf("%s/%s", dir, names[i]);
            if (!path)
                w->st = PATUH_ENOMEM;
            else
                walk_entry(w, path, depth);
            free(path);
        }
        free(names[i]);
    }
    free(names);
}

/* ---- a site ------------------------------------------------------------------------- */

/* The site's name: the directory's or WARC file's name without .warc.gz or .warc. With
 * an agency list it is an agency's id or a host of its website; without, the id. */
static char *site_name(const char *path)
{
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    size_t start = n;
    while (start > 0 && path[start - 1] != '/')
        start--;
    char *id = str_ndup(path + start, n - start);
    if (!id)
        return NULL;
    static const char *const exts[] = {".warc.gz", ".warc"};
    for (size_t i = 0; i < 2; i++)
        if (str_ends_with(id, exts[i]) && strlen(id) > strlen(exts[i])) {
            id[strlen(id) - strlen(exts[i])] = '\0';
            break;
        }
    return id;
}

static patuh_scan_site *site_add(patuh_scan *scan, const char *path)
{
    patuh_scan_site *sites = array_room(scan->sites, scan->n_sites, sizeof *sites);
    if (!sites)
        return NULL;
    scan->sites = sites;
    patuh_scan_site *site = &sites[scan->n_sites];
    *site = (patuh_scan_site){0};
    site->path = str_dup(path);
    site->agency = site_name(path);
    const patuh_agency *a =
        site->agency && scan->agencies ? patuh_batch_find_site(scan->agencies, site->agency) : NULL;
    if (a) {
        free(site->agency);
        site->agency = str_dup(a->id);
    }
    site->found = calloc(scan->n_slots ? scan->n_slots : 1, sizeof *site->found);
    scan->n_sites++;
    if (!site->path || !site->agency || !site->found)
        return NULL;
    return site;
}

static patuh_status site_read(scan_ctx *c, const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        patuh_diags_add(c->diags, PATUH_SEV_ERROR, path, 0, 0, "cannot read site: %s",
                        strerror(errno));
        return PATUH_EIO;
    }
    if (!S_ISDIR(sb.st_mode)) {
        if (str_ends_with(path, ".warc.gz") || str_ends_with(path, ".warc"))
            return scan_read_warc(c, path);
        patuh_diags_add(c->diags, PATUH_SEV_ERROR, path, 0, 0,
                        "expected a directory of saved pages or a WARC file (.warc.gz, .warc)");
        return PATUH_EINVALID;
    }
    site_walk w = {.c = c};
    if (!realpath(path, w.root)) {
        patuh_diags_add(c->diags, PATUH_SEV_ERROR, path, 0, 0, "cannot read site: %s",
                        strerror(errno));
        return PATUH_EIO;
    }
    walk_dir(&w, path, 0);
    return w.st;
}

/* What reading one site needs, set up and released around `read`. */
typedef patuh_status (*site_reader)(scan_ctx *c, const void *arg);

static patuh_status site_scan(patuh_scan *scan, const char *name, site_reader read, const void *arg,
                              patuh_diags *diags)
{
    size_t errors = diags->errors;
    scan_ctx c = {.scan = scan, .diags = diags};
    patuh_status st = PATUH_ENOMEM;
    if (!(c.site = site_add(scan, name)) || !(c.seen = idmap_new()) || !(c.noted = idmap_new()))
        goto done;
    st = read(&c, arg);
    if (c.nomem)
        st = PATUH_ENOMEM;
    if (st == PATUH_OK && c.site->pages == 0 && diags->errors == errors)
        patuh_diags_add(diags, PATUH_SEV_ERROR, name, 0, 0,
                        "no page in the site, expected saved pages (.html, .htm)");
    if (st == PATUH_OK && diags->errors > errors)
        st = PATUH_EINVALID;
    if (c.site->n_notes)
        qsort(c.site->notes, c.site->n_notes, sizeof *c.site->notes, note_cmp);
done:
    for (size_t i = 0; i < c.n_seen; i++)
        free(c.seen_keys[i]);
    free(c.seen_keys);
    idmap_free(c.seen);
    idmap_free(c.noted);
    return st;
}

static patuh_status read_path(scan_ctx *c, const void *arg)
{
    return site_read(c, arg);
}

patuh_status patuh_scan_add_site(patuh_scan *scan, const char *path, patuh_diags *diags)
{
    if (!scan || !path || !diags)
        return PATUH_EARG;
    return site_scan(scan, path, read_path, path, diags);
}

typedef struct buffer_site {
    const char *name, *data;
    size_t len;
} buffer_site;

static patuh_status read_buffer(scan_ctx *c, const void *arg)
{
    const buffer_site *b = arg;
    if (str_ends_with(b->name, ".warc") || str_ends_with(b->name, ".warc.gz")) {
        if (b->len == 0)
            return PATUH_OK; /* fmemopen wants bytes; an empty WARC has no page */
        FILE *f = fmemopen((void *)b->data, b->len, "rb");
        if (!f)
            return PATUH_ENOMEM;
        patuh_status st = scan_read_warc_stream(c, f, b->name);
        fclose(f);
        return st;
    }
    char when[32];
    scan_time_text(c->scan->clamp == INT64_MAX ? 0 : c->scan->clamp, when);
    scan_page page = {.page = b->name, .captured = when, .data = b->data, .len = b->len};
    if (b->len > c->scan->limits.max_page_bytes) {
        patuh_diags_add(c->diags, PATUH_SEV_ERROR, b->name, 0, 0,
                        "page is larger than %zu bytes, expected at most that many "
                        "(--max-page-bytes)",
                        c->scan->limits.max_page_bytes);
        return PATUH_EINVALID;
    }
    return scan_page_read(c, &page);
}

patuh_status patuh_scan_add_buffer(patuh_scan *scan, const char *name, const char *data, size_t len,
                                   patuh_diags *diags)
{
    if (!scan || !name || !diags || (!data && len))
        return PATUH_EARG;
    buffer_site b = {name, data ? data : "", len};
    return site_scan(scan, name, read_buffer, &b, diags);
}
