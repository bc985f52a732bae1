/* test_util.c — the shared pieces: status texts, rounding, diagnostics, the id map and the
 * YAML tree with its limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "yaml/yaml_tree.h"

static void every_status_has_a_message(void **state)
{
    (void)state;
    for (int s = 0; s < PATUH_STATUS_COUNT; s++) {
        const char *text = patuh_strerror((patuh_status)s);
        assert_non_null(text);
        assert_string_not_equal(text, "unknown status");
    }
    assert_string_equal(patuh_strerror(PATUH_STATUS_COUNT), "unknown status");
}

static void rounds_half_away_from_zero(void **state)
{
    (void)state;
    assert_float_equal(patuh_round(2.675, 2), 2.68, 1e-12); /* 2.67499999... in binary */
    assert_float_equal(patuh_round(-2.675, 2), -2.68, 1e-12);
    assert_float_equal(patuh_round(0.125, 2), 0.13, 1e-12); /* half even would give 0.12 */
    assert_float_equal(patuh_round(77.994999, 2), 77.99, 1e-12);
    assert_float_equal(patuh_round(0.1 + 0.2, 1), 0.3, 1e-12);
    /* 100 * (0.7 * 0.3 + 0.3 * 0.6) = 39 exactly, 38.99999999999999 in binary */
    assert_float_equal(patuh_round(100 * (0.7 * 0.3 + 0.3 * 0.6), 0), 39.0, 1e-12);
    char buf[32];
    patuh_format_number(88.0, 2, buf, sizeof buf);
    assert_string_equal(buf, "88.00");
    patuh_format_number(-0.001, 2, buf, sizeof buf);
    assert_string_equal(buf, "0.00");
    patuh_format_number(NAN, 2, buf, sizeof buf);
    assert_string_equal(buf, "");
}

/* patuh_format_number prints a rounded number from its count of last places, not through
 * snprintf: the text (and the length, and what fits a short buffer) is snprintf's "%.*f" of
 * the rounded value, for values over many magnitudes, signs and every decimals 0-9 (10 and
 * numbers past 2^40 last places take snprintf itself). */
static void formats_as_snprintf(void **state)
{
    (void)state;
    uint64_t seed = 88172645463325252u;
    for (int i = 0; i < 200000; i++) {
        seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
        int decimals = (int)(seed % 11);
        double mag = pow(10, (double)((seed >> 8) % 19) - 3); /* 1e-3 .. 1e15 */
        double x = ((double)(seed >> 11) / 9007199254740992.0 - 0.5) * 2 * mag;
        if (i % 7 == 0) /* a half of the last place, the hard case for rounding */
            x = (floor(x * pow(10, decimals)) + 0.5) / pow(10, decimals);
        double r = patuh_round(x, decimals);
        char want[400], got[400], want_short[4], got_short[4];
        int n = snprintf(want, sizeof want, "%.*f", decimals, r == 0 ? 0.0 : r);
        size_t cut = strlen(want) < 3 ? strlen(want) : 3;
        memcpy(want_short, want, cut);
        want_short[cut] = '\0';
        assert_int_equal(patuh_format_number(x, decimals, got, sizeof got), n);
        assert_string_equal(got, want);
        assert_int_equal(patuh_format_number(x, decimals, got_short, sizeof got_short), n);
        assert_string_equal(got_short, want_short);
    }
}

/* max 1000 with 6 decimals: y = 1000 * 10^6 = 1e9, where a relative tolerance of 1e-9 would
 * be a whole unit of the last place; capped at 0.001 it is not (doc/scoring.md §6). Rounding
 * a rounded number gives it back, so the report's two roundings agree. */
static void rounds_exactly_at_six_decimals(void **state)
{
    (void)state;
    char buf[32];
    assert_true(patuh_round(1000.0, 6) == 1000.0);
    assert_true(patuh_round(patuh_round(1000.0, 6), 6) == 1000.0);
    patuh_format_number(patuh_round(1000.0, 6), 6, buf, sizeof buf);
    assert_string_equal(buf, "1000.000000");
    /* 999999.9999995 is half a unit of the sixth place: it still rounds up */
    assert_true(patuh_round(999999.9999995, 6) == 1000000.0);
    /* 1000.0000004 is below half: it rounds down, however large y = 1000000000.4 is */
    assert_true(patuh_round(1000.0000004, 6) == 1000.0);
}

static void diagnostics_format_and_strict(void **state)
{
    (void)state;
    patuh_diags d;
    patuh_diags_init(&d);
    patuh_diags_add(&d, PATUH_SEV_ERROR, "a.yaml", 3, 7, "expected %s", "x");
    patuh_diags_add_cell(&d, PATUH_SEV_WARNING, "f.xlsx", "Jawaban", "D7", "no note");
    d.strict = true;
    patuh_diags_add(&d, PATUH_SEV_WARNING, "b.csv", 2, 0, "missing");
    char buf[128];
    patuh_diag_format(&d.items[0], buf, sizeof buf);
    assert_string_equal(buf, "a.yaml:3:7: error: expected x");
    patuh_diag_format(&d.items[1], buf, sizeof buf);
    assert_string_equal(buf, "f.xlsx:Jawaban!D7: warning: no note");
    patuh_diag_format(&d.items[2], buf, sizeof buf);
    assert_string_equal(buf, "b.csv:2: error: missing");
    assert_int_equal(d.errors, 2);
    assert_int_equal(d.warnings, 1);
    patuh_diags_release(&d);
}

static void diagnostics_beyond_max_are_counted(void **state)
{
    (void)state;
    patuh_diags d;
    patuh_diags_init(&d);
    d.max = 2;
    for (int i = 0; i < 5; i++)
        patuh_diags_add(&d, PATUH_SEV_ERROR, "a", 1, 1, "e%d", i);
    assert_int_equal(d.count, 2);
    assert_int_equal(d.errors, 5);
    patuh_diags_release(&d);
}

/* doc/commands.md §1.4: past max_like of one kind (format and severity), the rest are counted
 * in the last stored one of the kind; other kinds are still stored. */
static void diagnostics_of_one_kind_fold(void **state)
{
    (void)state;
    patuh_diags d;
    patuh_diags_init(&d);
    d.max_like = 3;
    for (int i = 0; i < 7; i++) {
        patuh_diags_add(&d, PATUH_SEV_ERROR, "a", (unsigned)i + 1, 1, "bad '%d'", i);
        if (i == 4)
            patuh_diags_add(&d, PATUH_SEV_WARNING, "a", 9, 1, "other");
    }
    patuh_diags_add(&d, PATUH_SEV_WARNING, "a", 9, 1, "bad '%d'", 8); /* another severity */
    assert_int_equal(d.count, 5); /* bad 0, 1, 2; other; the warning */
    assert_int_equal(d.errors, 7);
    assert_int_equal(d.warnings, 2);
    assert_int_equal(d.items[2].more_like, 4); /* bad 3, 4, 5, 6 */
    assert_string_equal(d.items[2].message, "bad '2'");
    assert_int_equal(d.items[3].more_like, 0);
    assert_string_equal(d.items[3].message, "other");
    assert_int_equal(d.folded, 4);
    patuh_diags_release(&d);
}

static void idmap_grows_and_finds(void **state)
{
    (void)state;
    patuh_idmap *m = idmap_new();
    char keys[1000][16];
    for (int i = 0; i < 1000; i++) {
        snprintf(keys[i], sizeof keys[i], "k%d", i);
        assert_true(idmap_put(m, keys[i], keys[i]));
    }
    assert_int_equal(idmap_count(m), 1000);
    assert_ptr_equal(idmap_get(m, "k737"), keys[737]);
    assert_null(idmap_get(m, "k1000"));
    idmap_free(m);
}

static yt_node *parse(const char *text, patuh_diags *d, patuh_status *st)
{
    patuh_limits lim;
    patuh_limits_default(&lim);
    lim.max_depth = 4;
    lim.max_string = 16;
    yt_node *root = NULL;
    *st = yt_parse("t.yaml", text, strlen(text), &lim, &root, d);
    return root;
}

static void expect_yaml_error(const char *text, const char *message, unsigned line, unsigned col)
{
    patuh_diags d;
    patuh_diags_init(&d);
    patuh_status st;
    yt_node *root = parse(text, &d, &st);
    assert_int_equal(st, PATUH_EINVALID);
    assert_null(root);
    assert_int_equal(d.errors, 1);
    assert_string_equal(d.items[0].message, message);
    assert_int_equal(d.items[0].line, line);
    assert_int_equal(d.items[0].col, col);
    patuh_diags_release(&d);
}

static void yaml_tree_keeps_locations(void **state)
{
    (void)state;
    patuh_diags d;
    patuh_diags_init(&d);
    patuh_status st;
    yt_node *root = parse("a: 1\nb:\n  - x\n  - 'na'\n", &d, &st);
    assert_int_equal(st, PATUH_OK);
    const yt_node *b = yt_get(root, "b");
    assert_int_equal(b->kind, YT_SEQ);
    assert_int_equal(b->n, 2);
    assert_int_equal(b->items[1]->line, 4);
    assert_int_equal(b->items[1]->col, 5);
    assert_false(b->items[1]->plain);
    double v = 0;
    assert_true(yt_to_double(yt_get(root, "a"), "t.yaml", "'a'", &v, &d));
    assert_float_equal(v, 1.0, 0);
    yt_free(root);
    patuh_diags_release(&d);
}

static void yaml_limits_and_refusals(void **state)
{
    (void)state;
    expect_yaml_error("a: 1\nb: 2\na: 3\n", "duplicate key 'a', first given at 1:1", 3, 1);
    expect_yaml_error("a: &x 1\nb: *x\n", "YAML aliases are not supported, write the value out", 2,
                      4);
    expect_yaml_error("a: [[[[[1]]]]]\n", "nesting is deeper than the limit of 4 levels", 1, 7);
    expect_yaml_error("a: abcdefghijklmnopq\n", "text is longer than the limit of 16 bytes", 1, 4);
    expect_yaml_error("a: [1, 2\n",
                      "invalid YAML: did not find expected ',' or ']' while parsing a flow "
                      "sequence",
                      2, 1);
    expect_yaml_error("a: 1\n---\nb: 2\n", "expected one YAML document, found a second one", 2, 1);
}

static void yaml_numbers_must_be_finite(void **state)
{
    (void)state;
    const char *bad[] = {"a: .inf", "a: 1e309", "a: nan", "a: '3'", "a: 0x10", "a: tiga"};
    const char *want[] = {
        "expected a number for 'a', got '.inf'", "number '1e309' for 'a' is out of range",
        "expected a number for 'a', got 'nan'",  "expected a number for 'a', got '3'",
        "expected a number for 'a', got '0x10'", "expected a number for 'a', got 'tiga'",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        patuh_diags d;
        patuh_diags_init(&d);
        patuh_status st;
        yt_node *root = parse(bad[i], &d, &st);
        double v;
        assert_false(yt_to_double(yt_get(root, "a"), "t.yaml", "'a'", &v, &d));
        assert_string_equal(d.items[0].message, want[i]);
        yt_free(root);
        patuh_diags_release(&d);
    }
}

static void yaml_reader_streams_a_list(void **state)
{
    (void)state;
    const char *text = "patuh: 1\nagencies:\n  - {id: a}\n  - {id: b}\nrubric: r\n";
    patuh_limits lim;
    patuh_limits_default(&lim);
    patuh_diags d;
    patuh_diags_init(&d);
    yt_reader *r = yt_reader_new("t.yaml", text, strlen(text), &lim, &d);
    assert_int_equal(yt_reader_begin_map(r), 1);
    yt_node *key, *value, *item;
    unsigned line, col;
    assert_int_equal(yt_reader_next_key(r, &key), 1);
    assert_string_equal(key->scalar, "patuh");
    assert_int_equal(yt_reader_begin_seq(r, &line, &col), 0);
    assert_int_equal(yt_reader_value(r, &value), 1);
    yt_free(key);
    yt_free(value);
    assert_int_equal(yt_reader_next_key(r, &key), 1);
    assert_int_equal(yt_reader_begin_seq(r, &line, &col), 1);
    assert_int_equal(line, 3);
    int n = 0;
    while (yt_reader_next_item(r, &item) == 1) {
        n++;
        assert_int_equal(item->kind, YT_MAP);
        yt_free(item);
    }
    assert_int_equal(n, 2);
    yt_free(key);
    assert_int_equal(yt_reader_next_key(r, &key), 1);
    assert_int_equal(yt_reader_value(r, &value), 1);
    yt_free(key);
    yt_free(value);
    assert_int_equal(yt_reader_next_key(r, &key), 0);
    assert_int_equal(yt_reader_end(r), 0);
    assert_int_equal(d.errors, 0);
    yt_reader_free(r);
    patuh_diags_release(&d);
}

/* The format table (doc/architecture.md): every report kind has the four formats, an
 * unknown format has none and no name, and a write in it is refused naming the formats. */
static void format_table_has_every_pair(void **state)
{
    (void)state;
    const patuh_report_kind kinds[] = {PATUH_REPORT_RANKING, PATUH_REPORT_GAPS,
                                       PATUH_REPORT_COMPARISON};
    const char *const names[] = {"table", "csv", "json", "xlsx"};
    for (size_t k = 0; k < 3; k++) {
        for (int f = 0; f < 4; f++) {
            assert_true(patuh_format_supported(kinds[k], (patuh_format)f));
            assert_string_equal(patuh_format_name((patuh_format)f), names[f]);
        }
        assert_false(patuh_format_supported(kinds[k], (patuh_format)4));
        assert_string_equal(patuh_format_list(kinds[k]), "table, csv, json or xlsx");
    }
    assert_string_equal(patuh_format_name((patuh_format)4), "");
    assert_int_equal(patuh_format_from_path("gaps.csv"), PATUH_FMT_CSV);
    assert_int_equal(patuh_format_from_path("Laporan.XLSX"), PATUH_FMT_XLSX);
    assert_int_equal(patuh_format_from_path("report.txt"), PATUH_FMT_TABLE);
    patuh_rubric rubric = {0};
    patuh_batch batch = {.rubric = &rubric};
    patuh_diags d;
    patuh_diags_init(&d);
    assert_int_equal(patuh_gaps_write(&batch, NULL, 0, (patuh_format)4, NULL, NULL, &d),
                     PATUH_EARG);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].message,
                        "cannot write gaps as '', expected table, csv, json or xlsx");
    patuh_diags_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_status_has_a_message),
        cmocka_unit_test(rounds_half_away_from_zero),
        cmocka_unit_test(formats_as_snprintf),
        cmocka_unit_test(rounds_exactly_at_six_decimals),
        cmocka_unit_test(diagnostics_format_and_strict),
        cmocka_unit_test(diagnostics_beyond_max_are_counted),
        cmocka_unit_test(diagnostics_of_one_kind_fold),
        cmocka_unit_test(idmap_grows_and_finds),
        cmocka_unit_test(yaml_tree_keeps_locations),
        cmocka_unit_test(yaml_limits_and_refusals),
        cmocka_unit_test(yaml_numbers_must_be_finite),
        cmocka_unit_test(yaml_reader_streams_a_list),
        cmocka_unit_test(format_table_has_every_pair),
    };
    return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
