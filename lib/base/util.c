/* util.c — the small shared pieces of libpatuh: status texts, diagnostics, limits,
 * rounding, strings, the id map, whole-file reading and SHA-256.
 * Declared in patuh.h (public) and base/base.h (internal). */
#include "base/base.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <nettle/sha2.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- status ----------------------------------------------------------------------- */

/* English, as the API promises; a program translates them in the PATUH_TEXTDOMAIN domain. */
static const char *const status_text[PATUH_STATUS_COUNT] = {
    [PATUH_OK] = patuh_tr_noop("success"),
    [PATUH_EINVALID] = patuh_tr_noop("invalid input"),
    [PATUH_EIO] = patuh_tr_noop("cannot read or write a file"),
    [PATUH_ENOMEM] = patuh_tr_noop("out of memory"),
    [PATUH_EARG] = patuh_tr_noop("invalid argument"),
};

const char *patuh_strerror(patuh_status status)
{
    if ((unsigned)status >= PATUH_STATUS_COUNT || !status_text[status])
        return "unknown status";
    return status_text[status];
}

/* ---- limits ------------------------------------------------------------------------- */

void patuh_limits_default(patuh_limits *lim)
{
    lim->max_file_bytes = (size_t)256 << 20;
    lim->max_depth = 64;
    lim->max_string = (size_t)64 << 10;
    lim->max_agencies = 100000;
    lim->max_units = 1000000;
    lim->max_unit_depth = 16;
    lim->max_diags = 10000;
    lim->max_like = 20;
    lim->max_gaps = 1000000;
    lim->max_xlsx_bytes = (size_t)512 << 20;
    lim->max_xlsx_ratio = 100;
}

/* ---- diagnostics -------------------------------------------------------------------- */

/* A kind of diagnostic is its message format (the literal, before translation) and its
 * severity: "expected a value 0-3 for '%s', got '%s'" given 248,575 times is one kind. There
 * are as many kinds as message formats in the code, a few hundred at most, so a list will do. */
typedef struct diag_kind {
    const char *fmt;
    patuh_severity sev;
    size_t stored, last; /* how many are stored, and the index of the last one */
} diag_kind;

struct patuh_diag_kinds {
    diag_kind *items;
    size_t count;
};

void patuh_diags_init(patuh_diags *d)
{
    memset(d, 0, sizeof *d);
}

void patuh_diags_release(patuh_diags *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->count; i++) {
        free(d->items[i].file);
        free(d->items[i].sheet);
        free(d->items[i].cell);
        free(d->items[i].message);
    }
    free(d->items);
    d->items = NULL;
    d->count = d->cap = 0;
    if (d->kinds)
        free(d->kinds->items);
    free(d->kinds);
    d->kinds = NULL;
    d->folded = 0;
}

/* The kind of fmt and sev, added when new; NULL when out of memory. */
static diag_kind *diags_kind(patuh_diags *d, const char *fmt, patuh_severity sev)
{
    if (!d->kinds && !(d->kinds = calloc(1, sizeof *d->kinds)))
        return NULL;
    struct patuh_diag_kinds *k = d->kinds;
    for (size_t i = k->count; i-- > 0;)
        if (k->items[i].fmt == fmt && k->items[i].sev == sev)
            return &k->items[i];
    diag_kind *items = array_room(k->items, k->count, sizeof *items);
    if (!items)
        return NULL;
    k->items = items;
    k->items[k->count] = (diag_kind){.fmt = fmt, .sev = sev};
    return &k->items[k->count++];
}

/* Whether a diagnostic of this kind is folded into "... and N more like this": it is, past
 * max_like of its kind. */
static bool diags_fold(patuh_diags *d, const char *fmt, patuh_severity sev, diag_kind **kind)
{
    *kind = NULL;
    if (!d->max_like)
        return false;
    diag_kind *k = diags_kind(d, fmt, sev);
    if (!k)
        return false; /* out of memory: stored as if the kind were new */
    if (k->stored < d->max_like) {
        *kind = k;
        return false;
    }
    d->items[k->last].more_like++;
    d->folded++;
    return true;
}

/* Counts the diagnostic; returns the slot to fill, or NULL when it is not stored (past max,
 * or folded into an earlier one of its kind). */
static patuh_diag *diags_slot(patuh_diags *d, const char *fmt, patuh_severity *sev,
                              diag_kind **kind, bool *ok)
{
    if (*sev == PATUH_SEV_WARNING && d->strict)
        *sev = PATUH_SEV_ERROR;
    if (*sev == PATUH_SEV_ERROR)
        d->errors++;
    else if (*sev == PATUH_SEV_NOTE)
        d->notes++;
    else
        d->warnings++;
    *ok = true;
    if (diags_fold(d, fmt, *sev, kind) || (d->max && d->count >= d->max))
        return NULL;
    if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        patuh_diag *items = realloc(d->items, cap * sizeof *items);
        if (!items) {
            *ok = false;
            return NULL;
        }
        d->items = items;
        d->cap = cap;
    }
    patuh_diag *slot = &d->items[d->count];
    memset(slot, 0, sizeof *slot);
    slot->severity = *sev;
    return slot;
}

/* The one place a diagnostic is built: text files pass line and col, XLSX sheet and cell;
 * the format is translated here (patuh_tr). */
static bool diags_vadd_at(patuh_diags *d, patuh_severity sev, const char *file, unsigned line,
                          unsigned col, const char *sheet, const char *cell, const char *fmt,
                          va_list ap) __attribute__((format(printf, 8, 0)));

static bool diags_vadd_at(patuh_diags *d, patuh_severity sev, const char *file, unsigned line,
                          unsigned col, const char *sheet, const char *cell, const char *fmt,
                          va_list ap)
{
    bool ok;
    diag_kind *kind;
    patuh_diag *slot = diags_slot(d, fmt, &sev, &kind, &ok);
    if (!slot)
        return ok;
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, patuh_tr(fmt), copy);
    va_end(copy);
    if (n >= 0 && (slot->message = malloc((size_t)n + 1)))
        vsnprintf(slot->message, (size_t)n + 1, patuh_tr(fmt), ap);
    slot->line = line;
    slot->col = col;
    slot->file = str_dup(file);
    slot->sheet = str_dup(sheet);
    slot->cell = str_dup(cell);
    if (!slot->message || (file && !slot->file) || (sheet && !slot->sheet) ||
        (cell && !slot->cell)) {
        free(slot->message);
        free(slot->file);
        free(slot->sheet);
        free(slot->cell);
        return false;
    }
    if (kind) {
        kind->stored++;
        kind->last = d->count;
    }
    d->count++;
    return true;
}

bool patuh_diags_vadd(patuh_diags *d, patuh_severity sev, const char *file, unsigned line,
                      unsigned col, const char *fmt, va_list ap)
{
    return diags_vadd_at(d, sev, file, line, col, NULL, NULL, fmt, ap);
}

bool patuh_diags_add(patuh_diags *d, patuh_severity sev, const char *file, unsigned line,
                     unsigned col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bool ok = diags_vadd_at(d, sev, file, line, col, NULL, NULL, fmt, ap);
    va_end(ap);
    return ok;
}

bool patuh_diags_add_cell(patuh_diags *d, patuh_severity sev, const char *file, const char *sheet,
                          const char *cell, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bool ok = diags_vadd_at(d, sev, file, 0, 0, sheet, cell, fmt, ap);
    va_end(ap);
    return ok;
}

bool patuh_diags_vadd_cell(patuh_diags *d, patuh_severity sev, const char *file, const char *sheet,
                           const char *cell, const char *fmt, va_list ap)
{
    return diags_vadd_at(d, sev, file, 0, 0, sheet, cell, fmt, ap);
}

/* The line as built, before escaping. */
static int diag_format_raw(const patuh_diag *diag, char *buf, size_t size)
{
    const char *sev = diag->severity == PATUH_SEV_ERROR     ? "error"
                      : diag->severity == PATUH_SEV_WARNING ? "warning"
                                                            : "note";
    const char *file = diag->file ? diag->file : "patuh";
    if (diag->sheet)
        return snprintf(buf, size, "%s:%s!%s: %s: %s", file, diag->sheet,
                        diag->cell ? diag->cell : "", sev, diag->message);
    if (diag->line && diag->col)
        return snprintf(buf, size, "%s:%u:%u: %s: %s", file, diag->line, diag->col, sev,
                        diag->message);
    if (diag->line)
        return snprintf(buf, size, "%s:%u: %s: %s", file, diag->line, sev, diag->message);
    return snprintf(buf, size, "%s: %s: %s", file, sev, diag->message);
}

/* Control characters from a file name, an id or a name are escaped (doc/robustness.md): a
 * diagnostic is one line and cannot recolour a terminal or forge another line. */
int patuh_diag_format(const patuh_diag *diag, char *buf, size_t size)
{
    char small[1024];
    int n = diag_format_raw(diag, small, sizeof small);
    if (n < 0)
        return n;
    char *raw = (size_t)n < sizeof small ? small : malloc((size_t)n + 1);
    if (!raw) {
        if (size)
            buf[0] = '\0';
        return -1;
    }
    if (raw != small)
        diag_format_raw(diag, raw, (size_t)n + 1);
    size_t len = text_escape(raw, buf, size);
    if (raw != small)
        free(raw);
    return len > INT_MAX ? -1 : (int)len;
}

/* ---- numbers ------------------------------------------------------------------------ */

double patuh_round(double x, int decimals)
{
    if (!isfinite(x))
        return x;
    double scale = pow(10.0, decimals);
    double y = fabs(x) * scale;
    /* binary noise such as 7899.999999999999 for 7900 must not decide the rounding */
    /* ... but never a thousandth of the last place or more: with max 1000 and 6 decimals
     * (y = 1e9) a relative 1e-9 is a whole unit, and 1000 printed as 1000.000002 */
    double r = floor(y + 0.5 + fmin(1e-9 * (y > 1.0 ? y : 1.0), 1e-3));
    r /= scale;
    return x < 0 ? -r : r;
}

/* The text of r, a number patuh_round left at `decimals` places, from its integer count of
 * last places: r is the double nearest k / 10^decimals, so "%.*f" prints the digits of k
 * (with far less work; reports print millions of scores). Below 2^40 last places r is
 * within 2^-13 of a last place of k / 10^decimals, so both k and the digits "%.*f" prints
 * are certain; beyond (or past 9 decimals) -1, and snprintf does it. */
static int format_places(double r, int decimals, char *buf, size_t size)
{
    static const double tens[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    if (decimals < 0 || decimals > 9 || !(fabs(r) * tens[decimals] < 0x1p40))
        return -1;
    unsigned long long k = (unsigned long long)llround(fabs(r) * tens[decimals]);
    char text[48], *p = text + sizeof text;
    for (int i = 0; i < decimals; i++, k /= 10)
        *--p = (char)('0' + k % 10);
    if (decimals)
        *--p = '.';
    do
        *--p = (char)('0' + k % 10);
    while (k /= 10);
    if (r < 0)
        *--p = '-';
    size_t n = (size_t)(text + sizeof text - p);
    if (size) {
        size_t copy = n < size ? n : size - 1;
        memcpy(buf, p, copy);
        buf[copy] = '\0';
    }
    return (int)n;
}

int patuh_format_number(double x, int decimals, char *buf, size_t size)
{
    if (isnan(x)) {
        if (size)
            buf[0] = '\0';
        return 0;
    }
    double r = patuh_round(x, decimals);
    if (r == 0)
        r = 0; /* no "-0.00" */
    int n = format_places(r, decimals, buf, size);
    return n >= 0 ? n : snprintf(buf, size, "%.*f", decimals, r);
}

/* ---- strings ------------------------------------------------------------------------ */

char *str_ndup(const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *copy = malloc(n + 1);
    if (!copy)
        return NULL;
    memcpy(copy, s, n);
    copy[n] = '\0';
    return copy;
}

char *str_dup(const char *s)
{
    return s ? str_ndup(s, strlen(s)) : NULL;
}

char *str_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *s = malloc((size_t)n + 1);
    if (!s)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

bool str_ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* ---- id map ------------------------------------------------------------------------- */

struct idmap_slot {
    const char *key;
    void *value;
    uint64_t hash; /* of key: a probe compares texts only when the hashes agree */
};

struct patuh_idmap {
    struct idmap_slot *slots;
    size_t cap; /* a power of two */
    size_t count;
};

static uint64_t idmap_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h ^ (h >> 29); /* the low bits pick the slot: fold the high ones in */
}

patuh_idmap *idmap_new(void)
{
    patuh_idmap *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->cap = 16;
    m->slots = calloc(m->cap, sizeof *m->slots);
    if (!m->slots) {
        free(m);
        return NULL;
    }
    return m;
}

void idmap_free(patuh_idmap *m)
{
    if (!m)
        return;
    free(m->slots);
    free(m);
}

static struct idmap_slot *idmap_find(struct idmap_slot *slots, size_t cap, const char *key,
                                     uint64_t hash)
{
    size_t i = (size_t)hash & (cap - 1);
    while (slots[i].key && (slots[i].hash != hash || strcmp(slots[i].key, key) != 0))
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

void *idmap_get(const patuh_idmap *m, const char *key)
{
    struct idmap_slot *slot = idmap_find(m->slots, m->cap, key, idmap_hash(key));
    return slot->key ? slot->value : NULL;
}

static bool idmap_grow(patuh_idmap *m)
{
    size_t cap = m->cap * 2;
    struct idmap_slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key)
            *idmap_find(slots, cap, m->slots[i].key, m->slots[i].hash) = m->slots[i];
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
    return true;
}

bool idmap_put(patuh_idmap *m, const char *key, void *value)
{
    if ((m->count + 1) * 4 > m->cap * 3 && !idmap_grow(m))
        return false;
    uint64_t hash = idmap_hash(key);
    struct idmap_slot *slot = idmap_find(m->slots, m->cap, key, hash);
    if (!slot->key)
        m->count++;
    slot->key = key;
    slot->value = value;
    slot->hash = hash;
    return true;
}

size_t idmap_count(const patuh_idmap *m)
{
    return m->count;
}

/* ---- arena ------------------------------------------------------------------------ */

struct arena_chunk {
    arena_chunk *next;
    size_t size, used;
    max_align_t data[];
};

enum { ARENA_CHUNK_FIRST = 1024, ARENA_CHUNK_MAX = 256 * 1024 };

/* A chunk of at least `need` bytes, twice the size of the one before up to the maximum. */
static bool arena_grow(patuh_arena *arena, size_t need)
{
    size_t size = arena->head ? arena->head->size * 2 : ARENA_CHUNK_FIRST;
    if (size > ARENA_CHUNK_MAX)
        size = ARENA_CHUNK_MAX;
    if (size < need)
        size = need;
    arena_chunk *c = malloc(sizeof *c + size);
    if (!c)
        return false;
    c->next = arena->head;
    c->size = size;
    c->used = 0;
    arena->head = c;
    return true;
}

void *arena_alloc(patuh_arena *arena, size_t n)
{
    if (n > SIZE_MAX - sizeof(max_align_t))
        return NULL;
    n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    arena_chunk *c = arena->head;
    if ((!c || c->size - c->used < n) && !arena_grow(arena, n))
        return NULL;
    c = arena->head;
    void *p = (char *)c->data + c->used;
    c->used += n;
    return p;
}

char *arena_strdup(patuh_arena *arena, const char *s)
{
    size_t n = strlen(s) + 1;
    char *copy = arena_alloc(arena, n);
    return copy ? memcpy(copy, s, n) : NULL;
}

/* Frees a list of chunks. */
static void arena_free_chunks(arena_chunk *c)
{
    while (c) {
        arena_chunk *next = c->next;
        free(c);
        c = next;
    }
}

void arena_reset(patuh_arena *arena)
{
    arena_chunk *keep = arena->head; /* the newest chunk is the largest */
    if (!keep)
        return;
    arena_free_chunks(keep->next);
    keep->next = NULL;
    keep->used = 0;
}

void arena_free(patuh_arena *arena)
{
    if (!arena)
        return;
    arena_free_chunks(arena->head);
    free(arena);
}

/* ---- files -------------------------------------------------------------------------- */

static patuh_status read_stream(FILE *f, const char *path, size_t max_bytes, char **data,
                                size_t *len, patuh_diags *diags)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    if (!buf)
        return PATUH_ENOMEM;
    for (;;) {
        if (n == cap) {
            if (cap >= max_bytes + 1)
                break;
            size_t next = cap * 2 > max_bytes + 1 ? max_bytes + 1 : cap * 2;
            char *grown = realloc(buf, next + 1);
            if (!grown) {
                free(buf);
                return PATUH_ENOMEM;
            }
            buf = grown;
            cap = next;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, path, 0, 0, "cannot read '%s': %s", path,
                        strerror(errno));
        free(buf);
        return PATUH_EIO;
    }
    if (n > max_bytes) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, path, 0, 0,
                        "file is larger than the limit of %zu bytes", max_bytes);
        free(buf);
        return PATUH_EINVALID;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return PATUH_OK;
}

static patuh_status file_read(const char *path, size_t max_bytes, bool remember, char **data,
                              size_t *len, patuh_diags *diags)
{
    *data = NULL;
    *len = 0;
    if (strcmp(path, "-") == 0) {
        patuh_status st = inputs_remember(fileno(stdin), "-");
        return st == PATUH_OK ? read_stream(stdin, "-", max_bytes, data, len, diags) : st;
    }
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, path, 0, 0, "cannot read '%s': %s", path,
                        strerror(EISDIR));
        return PATUH_EIO;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        patuh_diags_add(diags, PATUH_SEV_ERROR, path, 0, 0, "cannot read '%s': %s", path,
                        strerror(errno));
        return PATUH_EIO;
    }
    patuh_status st2 = remember ? inputs_remember(fileno(f), path) : PATUH_OK;
    if (st2 == PATUH_OK)
        st2 = read_stream(f, path, max_bytes, data, len, diags);
    fclose(f);
    return st2;
}

patuh_status file_read_all(const char *path, size_t max_bytes, char **data, size_t *len,
                           patuh_diags *diags)
{
    return file_read(path, max_bytes, true, data, len, diags);
}

patuh_status file_read_page(const char *path, size_t max_bytes, char **data, size_t *len,
                            patuh_diags *diags)
{
    return file_read(path, max_bytes, false, data, len, diags);
}

void sha256_bytes(const void *data, size_t len, unsigned char out[32])
{
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    sha256_update(&ctx, len, data);
    sha256_digest(&ctx, SHA256_DIGEST_SIZE, out);
}

void sha256_hex(const unsigned char digest[32], char out[65])
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 32; i++) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 15];
    }
    out[64] = '\0';
}
