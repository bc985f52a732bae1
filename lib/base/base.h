/* base.h — the bottom layer of libpatuh, which every other layer may use and which uses none:
 * strings, the id map, the arena, reading files, hashing and the one way outputs are written
 * (output.c). Diagnostics and numbers are in patuh.h (public). One helper for each job: look here
 * before writing another. */
#ifndef PATUH_BASE_H
#define PATUH_BASE_H

#include "patuh.h"

#include <libintl.h>

/* ---- messages ----------------------------------------------------------------------- */

/* A message in the user's language: every diagnostic's format goes through it once, in
 * util.c, so call sites stay plain English literals (po/ extracts them by keyword). */
#define patuh_tr(msgid) dgettext(PATUH_TEXTDOMAIN, msgid)
/* Marks a string for po/ that is translated later, where it is shown. */
#define patuh_tr_noop(msgid) msgid
/* A part a message names, passed in as `what` or `where` ("the rubric", "a band"): translated
 * where it is used, so callers pass plain literals (po/ extracts them by keyword). Already
 * translated or composed text finds no entry and stays as it is; NULL and "" too. */
static inline const char *patuh_tr_part(const char *part)
{
    return part && *part ? dgettext(PATUH_TEXTDOMAIN, part) : part;
}

/* ---- strings ------------------------------------------------------------------------ */

char *str_dup(const char *s); /* NULL on NULL or out of memory */
char *str_ndup(const char *s, size_t n);
char *str_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
bool str_ends_with(const char *s, const char *suffix); /* case-insensitive */

/* ---- texts (text.c) ------------------------------------------------------------------ */

/* `arr` (n items) with room for one more: the same pointer, a larger copy, or NULL when out
 * of memory (arr untouched). Arrays double whenever n reaches a power of two. */
void *array_room(void *arr, size_t n, size_t size);
/* A growing text (the one growable buffer): s is NUL-terminated once something was added;
 * free(s) releases it. text_addn is false when out of memory (the text is unchanged). */
typedef struct text_buf {
    char *s;
    size_t len, cap;
} text_buf;
bool text_addn(text_buf *b, const char *s, size_t n);
void text_clear(text_buf *b); /* empties it, keeping its memory */

/* A text built piece by piece in a caller's buffer, for messages: what does not fit is cut
 * and the text ends with "..." instead. */
typedef struct tbuf {
    char *buf;
    size_t size, used;
} tbuf;
void tb_init(tbuf *t, char *buf, size_t size);
void tb_add(tbuf *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Adds an item of a list: `sep` first unless it is the first thing in the buffer. */
void tb_item(tbuf *t, const char *sep, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Joins n texts (n = SIZE_MAX: up to a NULL) with ", " into buf as tb_item does; returns buf. */
/* Whether s holds a control character: C0 (line breaks, ESC), DEL, C1, U+2028 or U+2029. */
bool text_has_control(const char *s);
/* s with each control character written as an escape ("\n", "\x1b", "\u0085", "\u2028"),
 * so a name or a file name cannot move the cursor, recolour a terminal or forge a line. Writes
 * at most size bytes (NUL-terminated, never cut inside an escape); returns the full length. */
size_t text_escape(const char *s, char *buf, size_t size);
const char *text_join(const char *const *texts, size_t n, char *buf, size_t size);
/* The first character of s an id must not hold though it shows as nothing or as a plain space
 * (doc/robustness.md, "Ids that look alike"): a format character (zero-width space or joiner,
 * soft hyphen, direction mark, BOM), a space other than U+0020 (NBSP), or a combining accent
 * (decomposed text, NFD), which *is_combining tells. Its code point; 0 when there is none. */
unsigned text_invisible(const char *s, bool *is_combining);
/* s for a message: control characters escaped as text_escape does, the characters
 * text_invisible finds written <U+200B>, so two spellings of an id can be told apart. */
void text_show_invisible(const char *s, char *buf, size_t size);
/* The n texts joined with `sep`, allocated (caller frees); NULL when out of memory. */
char *str_join(const char *const *texts, size_t n, const char *sep);
/* A null as YAML writes it, which table cells share: "", "~", "null", "Null", "NULL". */
bool text_is_null(const char *s);
/* A finite number as YAML writes it ([+-] digits [. digits] [e [+-] digits]). */
typedef enum text_number { TEXT_NUMBER, TEXT_NOT_NUMBER, TEXT_OUT_OF_RANGE } text_number;
text_number text_to_number(const char *s, double *out);
/* "A", "B", ..., "AA": a column number as letters, then the row: "D7". */
void cell_name(unsigned row, unsigned col, char *buf, size_t size);

/* ---- id map: string -> pointer, open addressing, keys borrowed ---------------------- */

typedef struct patuh_idmap patuh_idmap;
patuh_idmap *idmap_new(void);
void idmap_free(patuh_idmap *m);
void *idmap_get(const patuh_idmap *m, const char *key);
/* Borrows key (it must live as long as the map). false when out of memory. */
bool idmap_put(patuh_idmap *m, const char *key, void *value);
size_t idmap_count(const patuh_idmap *m);

/* ---- arena: many small blocks carved from a few large chunks, freed together ---------- */

typedef struct arena_chunk arena_chunk;
struct patuh_arena {
    arena_chunk *head;
};
/* `n` bytes aligned for any type, from chunks that double up to 256 KB; NULL when out of
 * memory. Nothing is freed alone. */
void *arena_alloc(patuh_arena *arena, size_t n);
/* A copy of a text in the arena; NULL when out of memory. */
char *arena_strdup(patuh_arena *arena, const char *s);
/* Empties the arena for reuse, keeping its largest chunk. */
void arena_reset(patuh_arena *arena);
/* Frees every chunk and the arena itself (allocated with calloc); accepts NULL. */
void arena_free(patuh_arena *arena);

/* ---- files -------------------------------------------------------------------------- */

/* Reads a whole file ("-" = standard input) up to lim->max_file_bytes. On error returns
 * PATUH_EIO or PATUH_EINVALID (too large) with a diagnostic naming the file. */
patuh_status file_read_all(const char *path, size_t max_bytes, char **data, size_t *len,
                           patuh_diags *diags);
/* The same for a saved page of `patuh scan`, not remembered as an input: a national scan
 * reads 120,000 pages, and remembering each made every read slower (a list searched whole)
 * and memory grow with the pages. No output can be one: pages end in .html, .htm, ...,
 * outputs in .yaml, .yml, .xlsx, and an output is renamed into place, never written through
 * a link (doc/robustness.md, "Outputs"). */
patuh_status file_read_page(const char *path, size_t max_bytes, char **data, size_t *len,
                            patuh_diags *diags);
void sha256_bytes(const void *data, size_t len, unsigned char out[32]);
void sha256_hex(const unsigned char digest[32], char out[65]);

/* ---- outputs (output.c) ------------------------------------------------------------ */

/* Remembers the regular file open on `fd` (read as `path`) as an input of this run, so no
 * output is written over it. PATUH_ENOMEM when it cannot be stored. */
patuh_status inputs_remember(int fd, const char *path);
/* Forgets `path` as an input: a previous report of patuh found in an input folder is skipped,
 * not read, so this run may write its new report over it (doc/robustness.md, "Outputs"). */
void inputs_forget_skipped(const char *path);

/* Writes `path`, the one way every report and form is written: `fn` writes a temporary file
 * (its `path` argument is the output's name, for messages). A regular file is replaced by a
 * rename only when `fn` succeeds and keeps its permissions; a device or FIFO gets the bytes
 * in place; an input of this run is refused (PATUH_EARG). See doc/robustness.md. */
typedef patuh_status (*atomic_fn)(void *ctx, const char *tmp, const char *path, patuh_diags *diags);
patuh_status atomic_write(const char *path, atomic_fn fn, void *ctx, patuh_diags *diags);
/* For text: opens `tmp`, lets `fn` write the stream, then checks the writes and the close;
 * a failure is "cannot write 'PATH'" at path. Meant to be called from an atomic_fn. */
typedef patuh_status (*atomic_text_fn)(void *ctx, FILE *out, patuh_diags *diags);
patuh_status atomic_write_text(const char *tmp, const char *path, atomic_text_fn fn, void *ctx,
                               patuh_diags *diags);

#endif
