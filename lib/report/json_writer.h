/* json_writer.h — a streaming JSON writer: values go straight into a growable buffer that is
 * flushed to a FILE as it fills, laid out exactly as json-c prints with
 * JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE (two
 * spaces a level, `"key": value`, an empty object as "{" newline "}"), with json-c's string
 * escaping. No tree is built: memory does not grow with the document. The one JSON writer
 * of the reports (ranking, gaps, comparison), with one rule for failure: anything that runs
 * out of memory marks the writer failed, and jw_finish says so. Internal to libpatuh. */
#ifndef PATUH_JSON_WRITER_H
#define PATUH_JSON_WRITER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum { JW_MAX_DEPTH = 32 };

typedef struct json_writer {
    FILE *out;
    char *buf;
    size_t len, cap;
    int depth;                    /* open objects and arrays */
    bool has_items[JW_MAX_DEPTH]; /* whether the open container at each depth has one yet */
    bool failed;                  /* out of memory, or nested deeper than JW_MAX_DEPTH */
} json_writer;

void jw_init(json_writer *w, FILE *out);
/* Flushes what is left and releases the buffer; false when anything failed. */
bool jw_finish(json_writer *w);

/* Containers: jw_open('{' or '['), members with jw_key (objects) or jw_item (arrays) before
 * each value, then jw_close. */
void jw_open(json_writer *w, char bracket);
void jw_close(json_writer *w, char bracket);
void jw_key(json_writer *w, const char *key);
void jw_item(json_writer *w);

/* Values. jw_string(NULL) writes null; jw_number writes text already formatted as a JSON
 * number. */
void jw_string(json_writer *w, const char *s);
void jw_null(json_writer *w);
void jw_int(json_writer *w, int64_t n);
void jw_number(json_writer *w, const char *text);
void jw_bool(json_writer *w, bool b);
/* A score rounded to `decimals` places and printed with exactly that many; NAN is null. */
void jw_score(json_writer *w, double v, int decimals);
/* A plain number such as a weight: an integer when it is one, else up to 15 digits. */
void jw_plain(json_writer *w, double v);
/* An object's member: jw_key, then the value. */
void jw_key_string(json_writer *w, const char *key, const char *s);
void jw_key_int(json_writer *w, const char *key, int64_t n);
void jw_key_null(json_writer *w, const char *key);
void jw_key_bool(json_writer *w, const char *key, bool b);
void jw_key_score(json_writer *w, const char *key, double v, int decimals);

/* Bytes as they are (layout the caller controls, such as the newline after the document). */
void jw_raw(json_writer *w, const char *text);

/* The escaped form of s, quotes included, appended to the writer (json-c's rules: `"`, `\`
 * and the control characters escaped, `/` and every other byte as it is). */
void jw_escaped(json_writer *w, const char *s);

#endif
