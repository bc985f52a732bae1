/* test_json_writer.c — the streaming JSON writer against json-c, whose pretty layout it
 * replaces: random documents (nesting, empty containers, keys and strings of any byte) come
 * out byte for byte as json-c prints them; every byte value survives json-c's parser; and the
 * JSON report of the shipped samples, warnings included, parses with json-c and says what the
 * batch holds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "calc/calc.h"
#include "report/json_writer.h"

static const int json_c_flags =
    JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE;

/* What the writer wrote into a memory stream, NUL-terminated (caller frees). */
typedef struct mem_out {
    char *text;
    size_t len;
    FILE *f;
} mem_out;

static void mem_open(mem_out *m)
{
    m->f = open_memstream(&m->text, &m->len);
    assert_non_null(m->f);
}

static void mem_close(mem_out *m)
{
    assert_int_equal(fclose(m->f), 0);
}

/* xorshift: the same documents every run */
static uint32_t rng_state = 2463534242u;
static uint32_t rnd(uint32_t n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state % n;
}

/* A string of 0-11 bytes from 1-255, or from a few that need escaping. */
static void random_text(char *buf)
{
    static const char special[] = "\"\\/\b\f\n\r\t\x01\x1f\x7f a\xc3\xa9";
    size_t n = rnd(12);
    for (size_t i = 0; i < n; i++)
        buf[i] = rnd(2) ? special[rnd(sizeof special - 1)] : (char)(1 + rnd(255));
    buf[n] = '\0';
}

/* The same random value built in json-c and written through the writer. */
static json_object *random_value(json_writer *w, int depth)
{
    char text[16];
    uint32_t kind = depth >= 5 ? 2 + rnd(4) : rnd(6);
    if (kind <= 1) { /* object or array, maybe empty */
        bool object = kind == 0;
        json_object *c = object ? json_object_new_object() : json_object_new_array();
        jw_open(w, object ? '{' : '[');
        for (uint32_t i = 0, n = rnd(4); i < n; i++) {
            if (object) {
                snprintf(text, sizeof text, "k%u", i); /* distinct: json-c replaces a repeat */
                jw_key(w, text);
                json_object_object_add(c, text, random_value(w, depth + 1));
            } else {
                jw_item(w);
                json_object_array_add(c, random_value(w, depth + 1));
            }
        }
        jw_close(w, object ? '}' : ']');
        return c;
    }
    if (kind == 2) {
        random_text(text);
        jw_string(w, text);
        return json_object_new_string(text);
    }
    if (kind == 3) {
        int64_t n = (int64_t)rnd(2000000) - 1000000;
        jw_int(w, n);
        return json_object_new_int64(n);
    }
    if (kind == 4) {
        snprintf(text, sizeof text, "%u.%02u", rnd(100), rnd(100));
        jw_number(w, text);
        return json_object_new_double_s(atof(text), text);
    }
    jw_null(w);
    return NULL;
}

static void test_random_documents_as_json_c(void **state)
{
    (void)state;
    for (int doc = 0; doc < 500; doc++) {
        mem_out m;
        json_writer w;
        mem_open(&m);
        jw_init(&w, m.f);
        json_object *want = random_value(&w, 0);
        assert_true(jw_finish(&w));
        mem_close(&m);
        const char *expected = want ? json_object_to_json_string_ext(want, json_c_flags) : "null";
        assert_string_equal(m.text, expected);
        json_object_put(want);
        free(m.text);
    }
}

/* Every byte value 1-255 in one string: json-c's parser gives back the same bytes. */
static void test_every_byte_survives_json_c(void **state)
{
    (void)state;
    char all[256];
    for (int i = 1; i < 256; i++)
        all[i - 1] = (char)i;
    all[255] = '\0';
    mem_out m;
    json_writer w;
    mem_open(&m);
    jw_init(&w, m.f);
    jw_open(&w, '{');
    jw_key(&w, all);
    jw_string(&w, all);
    jw_close(&w, '}');
    assert_true(jw_finish(&w));
    mem_close(&m);
    json_object *back = json_tokener_parse(m.text);
    assert_non_null(back);
    json_object *value;
    assert_true(json_object_object_get_ex(back, all, &value));
    assert_int_equal(json_object_get_string_len(value), 255);
    assert_memory_equal(json_object_get_string(value), all, 255);
    json_object_put(back);
    free(m.text);
}

/* Unbalanced use is a failure, not a document. */
static void test_unbalanced(void **state)
{
    (void)state;
    mem_out m;
    json_writer w;
    mem_open(&m);
    jw_init(&w, m.f);
    jw_open(&w, '[');
    assert_false(jw_finish(&w)); /* left open */
    jw_init(&w, m.f);
    jw_close(&w, ']');
    assert_false(jw_finish(&w)); /* closed what was never opened */
    jw_init(&w, m.f);
    for (int i = 0; i <= JW_MAX_DEPTH; i++)
        jw_open(&w, '[');
    for (int i = 0; i < JW_MAX_DEPTH; i++)
        jw_close(&w, ']');
    assert_false(jw_finish(&w)); /* one level too deep */
    mem_close(&m);
    free(m.text);
}

/* The samples' report (3 agencies, with warnings): json-c parses it, and it lists them. */
static void test_samples_report_parses(void **state)
{
    (void)state;
    patuh_limits lim;
    patuh_diags diags;
    patuh_rubric *rubric = NULL;
    patuh_limits_default(&lim);
    patuh_diags_init(&diags);
    assert_int_equal(patuh_rubric_load("rubrics/pengaduan.yaml", &lim, &rubric, &diags), PATUH_OK);
    patuh_batch *batch = patuh_batch_new(rubric, &lim);
    assert_non_null(batch);
    assert_int_equal(patuh_batch_add_path(batch, "samples/pengaduan", &diags), PATUH_OK);
    assert_int_equal(patuh_batch_score(batch, &diags), PATUH_OK);
    assert_true(diags.count > 0);
    patuh_report_options opt = {.warnings = &diags};
    mem_out m;
    mem_open(&m);
    assert_int_equal(patuh_report_write_stream(batch, PATUH_FMT_JSON, m.f, &opt, &diags), PATUH_OK);
    mem_close(&m);
    enum json_tokener_error err;
    json_object *doc = json_tokener_parse_verbose(m.text, &err);
    assert_int_equal(err, json_tokener_success);
    json_object *agencies, *warnings, *first, *id;
    assert_true(json_object_object_get_ex(doc, "agencies", &agencies));
    assert_int_equal(json_object_array_length(agencies), batch->n_agencies);
    first = json_object_array_get_idx(agencies, 0);
    assert_true(json_object_object_get_ex(first, "id", &id));
    assert_string_equal(json_object_get_string(id), batch->agencies[0]->id);
    assert_true(json_object_object_get_ex(doc, "warnings", &warnings));
    assert_int_equal(json_object_array_length(warnings), diags.count);
    json_object_put(doc);
    free(m.text);
    patuh_batch_free(batch);
    patuh_rubric_free(rubric);
    patuh_diags_release(&diags);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_documents_as_json_c),
        cmocka_unit_test(test_every_byte_survives_json_c),
        cmocka_unit_test(test_unbalanced),
        cmocka_unit_test(test_samples_report_parses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
