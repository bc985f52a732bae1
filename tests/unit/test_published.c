/* test_published.c — banding from published results: every row of tests/data/published.tsv
 * (totals that ORI and KemenPANRB published, and the band edges of each rubric) is rounded
 * to its rubric's decimals and must land in the published band and zone. Also checks that
 * the rows the issue names and every band edge of every rubric in the file are present. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "patuh.h"

#define TSV         "tests/data/published.tsv"
#define MAX_ROWS    512
#define MAX_RUBRICS 16

enum { C_RUBRIC, C_AGENCY, C_TOTAL, C_BAND, C_ZONE, C_SOURCE, C_NOTE, N_COLS };

typedef struct row {
    char *line; /* owned: the row's text, split in place at the tabs */
    char *col[N_COLS];
    size_t lineno; /* 1-based line in the file */
} row;

typedef struct cached {
    char *id;
    patuh_rubric *rubric;
} cached;

typedef struct fixture {
    patuh_limits lim;
    row rows[MAX_ROWS];
    size_t n_rows;
    cached rubrics[MAX_RUBRICS];
    size_t n_rubrics;
} fixture;

static void split_row(row *r)
{
    char *p = r->line;
    for (size_t c = 0; c < N_COLS; c++) {
        r->col[c] = p;
        char *tab = p ? strchr(p, '\t') : NULL;
        if (tab)
            *tab = '\0';
        p = tab ? tab + 1 : NULL;
    }
}

static void read_rows(fixture *f)
{
    FILE *fp = fopen(TSV, "r");
    assert_non_null(fp);
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, fp)) != -1) {
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (lineno == 1) {
            assert_string_equal(line, "rubric\tagency_year\ttotal\tband\tzone\tsource\tnote");
            continue;
        }
        if (len == 0)
            continue;
        assert_true(f->n_rows < MAX_ROWS);
        row *r = &f->rows[f->n_rows++];
        r->line = strdup(line);
        assert_non_null(r->line);
        r->lineno = lineno;
        split_row(r);
        if (!r->col[C_NOTE])
            fail_msg("%s:%zu: expected %d tab-separated columns", TSV, lineno, N_COLS);
    }
    free(line);
    fclose(fp);
}

static int setup(void **state)
{
    static fixture f;
    memset(&f, 0, sizeof f);
    patuh_limits_default(&f.lim);
    read_rows(&f);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    for (size_t i = 0; i < f->n_rows; i++)
        free(f->rows[i].line);
    for (size_t i = 0; i < f->n_rubrics; i++) {
        free(f->rubrics[i].id);
        patuh_rubric_free(f->rubrics[i].rubric);
    }
    return 0;
}

/* The shipped rubric with this id, loaded once per id. */
static const patuh_rubric *rubric(fixture *f, const char *id)
{
    for (size_t i = 0; i < f->n_rubrics; i++)
        if (strcmp(f->rubrics[i].id, id) == 0)
            return f->rubrics[i].rubric;
    char path[256];
    snprintf(path, sizeof path, "rubrics/%s.yaml", id);
    patuh_diags diags;
    patuh_diags_init(&diags);
    patuh_rubric *r = NULL;
    patuh_status st = patuh_rubric_load(path, &f->lim, &r, &diags);
    char msg[512] = "";
    if (diags.count)
        patuh_diag_format(&diags.items[0], msg, sizeof msg);
    patuh_diags_release(&diags);
    if (st != PATUH_OK)
        fail_msg("%s does not load: %s", path, msg);
    assert_true(f->n_rubrics < MAX_RUBRICS);
    f->rubrics[f->n_rubrics].id = strdup(id);
    assert_non_null(f->rubrics[f->n_rubrics].id);
    f->rubrics[f->n_rubrics++].rubric = r;
    return r;
}

static double total_of(const row *r)
{
    char *end;
    double x = strtod(r->col[C_TOTAL], &end);
    if (end == r->col[C_TOTAL] || *end != '\0')
        fail_msg("%s:%zu: total '%s' is not a number", TSV, r->lineno, r->col[C_TOTAL]);
    return x;
}

/* Every row: round to the rubric's decimals, band it, compare band id and zone. All
 * mismatches are printed before the test fails. */
static void every_row_lands_in_its_band(void **state)
{
    fixture *f = *state;
    size_t bad = 0;
    assert_true(f->n_rows > 0);
    for (size_t i = 0; i < f->n_rows; i++) {
        const row *r = &f->rows[i];
        const patuh_rubric *rb = rubric(f, r->col[C_RUBRIC]);
        double rounded = patuh_round(total_of(r), rb->decimals);
        const patuh_band *b = &rb->bands[patuh_rubric_band(rb, rounded)];
        const char *zone = rb->zones[b->zone].name;
        if (strcmp(b->id, r->col[C_BAND]) != 0 || strcmp(zone, r->col[C_ZONE]) != 0) {
            print_error("%s:%zu: %s '%s' %s: got band %s zone %s, published %s %s\n", TSV,
                        r->lineno, r->col[C_RUBRIC], r->col[C_AGENCY], r->col[C_TOTAL], b->id, zone,
                        r->col[C_BAND], r->col[C_ZONE]);
            bad++;
        }
    }
    if (bad)
        fail_msg("%zu of %zu rows of %s land in another band or zone", bad, f->n_rows, TSV);
}

/* The row of `rubric` whose agency_year contains `who` and whose total is `total`. */
static const row *find(const fixture *f, const char *rub, const char *who, const char *total)
{
    for (size_t i = 0; i < f->n_rows; i++) {
        const row *r = &f->rows[i];
        if (strcmp(r->col[C_RUBRIC], rub) == 0 && strstr(r->col[C_AGENCY], who) &&
            strcmp(r->col[C_TOTAL], total) == 0)
            return r;
    }
    return NULL;
}

static void expect_row(const fixture *f, const char *rub, const char *who, const char *total,
                       const char *band, const char *zone)
{
    const row *r = find(f, rub, who, total);
    if (!r)
        fail_msg("%s has no row %s '%s' %s", TSV, rub, who, total);
    if (strcmp(r->col[C_BAND], band) != 0 || strcmp(r->col[C_ZONE], zone) != 0)
        fail_msg("%s:%zu: %s '%s' %s is published as %s %s, the file says %s %s", TSV, r->lineno,
                 rub, who, total, band, zone, r->col[C_BAND], r->col[C_ZONE]);
    if (strncmp(r->col[C_SOURCE], "http", 4) != 0 && strncmp(r->col[C_SOURCE], "edge:", 5) != 0)
        fail_msg("%s:%zu: source '%s' is neither a URL nor an edge reference", TSV, r->lineno,
                 r->col[C_SOURCE]);
}

/* The rows the issue names, as published (doc/domain/ombudsman.md §2.3, doc/domain/pekppp.md §2.6),
 * and the edges it names. */
static void issue_rows_are_present(void **state)
{
    const fixture *f = *state;
    expect_row(f, "ombudsman-2023", "2023 Kementerian Luar Negeri", "94.85", "A", "hijau");
    expect_row(f, "ombudsman-2023", "2022 Kabupaten Tabalong", "79.36", "B", "hijau");
    expect_row(f, "ombudsman-2023", "2023 Kabupaten Lampung Barat", "75.63", "C", "kuning");
    expect_row(f, "pekppp-2023", "2024 Provinsi Jawa Barat", "4.76", "A", "hijau");
    expect_row(f, "ombudsman-2023", "edge", "78.00", "B", "hijau");
    expect_row(f, "ombudsman-2023", "edge", "77.99", "C", "kuning");
    expect_row(f, "ombudsman-2025", "edge", "78.00", "B", "hijau");
    expect_row(f, "ombudsman-2025", "edge", "77.99", "C", "kuning");
    expect_row(f, "pekppp-2023", "edge", "4.51", "A", "hijau");
    expect_row(f, "pekppp-2023", "edge", "4.50", "A-", "hijau");
}

/* For every rubric in the file, every band boundary is pinned from both sides: a row at the
 * band's min and one a last decimal below it (e.g. 88.31 and 88.30 for skm-2017). */
static void every_edge_is_pinned(void **state)
{
    fixture *f = *state;
    size_t missing = 0;
    for (size_t i = 0; i < f->n_rows; i++) {
        const char *id = f->rows[i].col[C_RUBRIC];
        bool first = true;
        for (size_t j = 0; j < i; j++)
            if (strcmp(f->rows[j].col[C_RUBRIC], id) == 0)
                first = false;
        if (!first)
            continue;
        const patuh_rubric *rb = rubric(f, id);
        double step = pow(10, -rb->decimals);
        for (size_t b = 0; b + 1 < rb->n_bands; b++) {
            char at[32], below[32];
            patuh_format_number(rb->bands[b].min, rb->decimals, at, sizeof at);
            patuh_format_number(rb->bands[b].min - step, rb->decimals, below, sizeof below);
            if (!find(f, id, "edge", at) || !find(f, id, "edge", below)) {
                print_error("%s: %s has no edge rows %s and %s around band %s\n", TSV, id, at,
                            below, rb->bands[b].id);
                missing++;
            }
        }
    }
    assert_int_equal(missing, 0);
}

/* Unrounded totals are rounded to the rubric's decimals before banding (rubrics/README.md):
 * 4.505 -> 4.51 is A but 4.5049 -> 4.50 is A-; 77.995 -> 78.00 is B but 77.9949 -> 77.99 C. */
static void totals_are_rounded_first(void **state)
{
    fixture *f = *state;
    const patuh_rubric *ipp = rubric(f, "pekppp-2023"), *ori = rubric(f, "ombudsman-2023");
    assert_string_equal(ipp->bands[patuh_rubric_band(ipp, patuh_round(4.505, 2))].id, "A");
    assert_string_equal(ipp->bands[patuh_rubric_band(ipp, patuh_round(4.5049, 2))].id, "A-");
    assert_string_equal(ori->bands[patuh_rubric_band(ori, patuh_round(77.995, 2))].id, "B");
    assert_string_equal(ori->bands[patuh_rubric_band(ori, patuh_round(77.9949, 2))].id, "C");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_row_lands_in_its_band),
        cmocka_unit_test(issue_rows_are_present),
        cmocka_unit_test(every_edge_is_pinned),
        cmocka_unit_test(totals_are_rounded_first),
    };
    return cmocka_run_group_tests_name("published", tests, setup, teardown);
}
