/* test_rubric.c — the rubric loader: a valid rubric gives the right tree, scales, sorted
 * bands and effective shares; each kind of invalid rubric gives exactly the expected located
 * message (count, text, line and column), and no rubric. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/base.h"

/* ---- a valid rubric ----------------------------------------------------------------- */

static const char valid_yaml[] =
    "patuh: 1\n"
    "id: uji-2024\n"
    "title: Rubrik Uji\n"
    "authority: Tim Uji\n"
    "year: 2024\n"
    "source: dokumen metode\n"
    "max: 5\n"
    "decimals: 3\n"
    "groups: [kota, kabupaten]\n"
    "na_policy: full\n"
    "scales:\n"
    "  ada: [{value: 0, label: Tidak ada}, {value: 1, label: Ada}]\n"
    "  skor: [{value: 3, label: Baik}, {value: 1, label: Kurang}, {value: 2}]\n"
    "  dokumen: {checklist: {items: [sop, maklumat, standar, survei], need: 2}}\n"
    "zones: {hijau: \"#63BE7B\", kuning: \"#FFEB84\", merah: \"#F8696B\"}\n"
    "bands:\n"
    "  - {id: C, label: Cukup, zone: kuning, min: 2.5}\n"
    "  - {id: E, label: Buruk, zone: merah, min: 0}\n"
    "  - {id: A, label: Baik, zone: hijau, min: 4.4}\n"
    "critical_cap: C\n"
    "qualifiers:\n"
    "  - {id: tanpa-malad, label: Tanpa Maladministrasi, when: {section: proses, min: 5}}\n"
    "  - {id: lapor, label: Terhubung LAPOR, when: {indicator: IN.1, min: 2}}\n"
    "sections:\n"
    "  - id: input\n"
    "    title: Dimensi Input\n"
    "    weight: 3\n"
    "    indicators:\n"
    "      - id: IN.1\n"
    "        text: papan informasi\n"
    "        scale: skor\n"
    "        weight: 2\n"
    "        critical: true\n"
    "        evidence: required\n"
    "        guidance: lihat papan\n"
    "        fix: pasang papan\n"
    "      - id: IN.2\n"
    "        title: Waktu layanan\n"
    "        scale: {number: {min: 0, max: 10, target: 8}}\n"
    "        na: true\n"
    "        applies_to: [kabupaten]\n"
    "  - id: proses\n"
    "    title: Dimensi Proses\n"
    "    indicators:\n"
    "      - {id: PR.0, text: kanal, scale: {checklist: {items: [lapor, email, whatsapp]}}}\n"
    "    sections:\n"
    "      - id: layanan\n"
    "        title: Layanan\n"
    "        indicators:\n"
    "          - {id: PR.1, text: a, scale: dokumen}\n"
    "          - {id: PR.2, text: b, scale: {number: {min: 1, max: 4}}, weight: 3}\n";

static patuh_rubric *load_valid(patuh_diags *d)
{
    patuh_rubric *r = NULL;
    patuh_diags_init(d);
    patuh_status st =
        patuh_rubric_load_buffer("uji.yaml", valid_yaml, strlen(valid_yaml), NULL, &r, d);
    for (size_t i = 0; i < d->count; i++)
        fprintf(stderr, "unexpected: %u:%u: %s\n", d->items[i].line, d->items[i].col,
                d->items[i].message);
    assert_int_equal(st, PATUH_OK);
    assert_int_equal(d->errors, 0);
    assert_non_null(r);
    return r;
}

static void valid_metadata(void **state)
{
    (void)state;
    patuh_diags d;
    patuh_rubric *r = load_valid(&d);
    assert_string_equal(r->path, "uji.yaml");
    assert_string_equal(r->id, "uji-2024");
    assert_string_equal(r->title, "Rubrik Uji");
    assert_string_equal(r->authority, "Tim Uji");
    assert_string_equal(r->source, "dokumen metode");
    assert_int_equal(r->year, 2024);
    assert_float_equal(r->max, 5, 0);
    assert_int_equal(r->decimals, 3);
    assert_int_equal(r->na_policy, PATUH_NA_FULL);
    unsigned char sum[32];
    sha256_bytes(valid_yaml, strlen(valid_yaml), sum);
    assert_memory_equal(r->sha256, sum, 32);
    assert_int_equal(r->n_groups, 2);
    assert_int_equal(patuh_rubric_group(r, "kota"), 0);
    assert_int_equal(patuh_rubric_group(r, "kabupaten"), 1);
    assert_int_equal(patuh_rubric_group(r, "desa"), -1);
    patuh_rubric_free(r);
    patuh_diags_release(&d);
}

/* Pre-order: root, input, IN.1, IN.2, proses, PR.0, layanan, PR.1, PR.2 — proses lists
 * `indicators:` before `sections:`, so its children keep that file order. */
static void valid_tree(void **state)
{
    (void)state;
    static const char *const order[] = {"uji-2024", "input",   "IN.1", "IN.2", "proses",
                                        "PR.0",     "layanan", "PR.1", "PR.2"};
    static const char *const inds[] = {"IN.1", "IN.2", "PR.0", "PR.1", "PR.2"};
    patuh_diags d;
    patuh_rubric *r = load_valid(&d);
    assert_int_equal(r->n_nodes, 9);
    assert_ptr_equal(r->nodes[0], r->root);
    assert_null(r->root->parent);
    assert_string_equal(r->root->title, "Rubrik Uji");
    assert_float_equal(r->root->weight, 1, 0);
    for (size_t i = 0; i < 9; i++) {
        assert_string_equal(r->nodes[i]->id, order[i]);
        assert_int_equal(r->nodes[i]->index, i);
    }
    assert_int_equal(r->n_indicators, 5);
    for (size_t i = 0; i < 5; i++) {
        assert_string_equal(r->indicators[i]->id, inds[i]);
        assert_int_equal(r->indicators[i]->ind_index, i);
        assert_true(r->indicators[i]->is_indicator);
    }
    assert_int_equal(r->nodes[4]->ind_index, SIZE_MAX);
    const patuh_node *proses = patuh_rubric_find(r, "proses");
    assert_ptr_equal(proses, r->nodes[4]);
    assert_int_equal(proses->n_children, 2);
    assert_string_equal(proses->children[0]->id, "PR.0");
    assert_string_equal(proses->children[1]->id, "layanan");
    assert_ptr_equal(patuh_rubric_find(r, "PR.2")->parent, patuh_rubric_find(r, "layanan"));
    assert_int_equal(r->root->n_children, 2);
    assert_null(patuh_rubric_find(r, "PR.9"));
    assert_null(patuh_rubric_find(r, "uji-2024")); /* the synthetic root has no id entry */
    assert_int_equal(proses->line, 42);            /* where its id is written */
    assert_int_equal(proses->col, 9);
    patuh_rubric_free(r);
    patuh_diags_release(&d);
}

static void valid_indicators(void **state)
{
    (void)state;
    patuh_diags d;
    patuh_rubric *r = load_valid(&d);
    const patuh_node *in1 = patuh_rubric_find(r, "IN.1"), *in2 = patuh_rubric_find(r, "IN.2");
    assert_null(in1->title);
    assert_string_equal(in1->text, "papan informasi");
    assert_string_equal(in1->guidance, "lihat papan");
    assert_string_equal(in1->fix, "pasang papan");
    assert_true(in1->critical);
    assert_true(in1->evidence_required);
    assert_false(in1->na);
    assert_int_equal(in1->applies, 3); /* no applies_to: both groups */
    assert_float_equal(in1->weight, 2, 0);
    assert_string_equal(in2->title, "Waktu layanan");
    assert_string_equal(in2->text, "Waktu layanan"); /* no text: the title stands in */
    assert_null(in2->guidance);
    assert_true(in2->na);
    assert_false(in2->critical);
    assert_false(in2->evidence_required);
    assert_int_equal(in2->applies, 2); /* kabupaten is group 1 */
    patuh_rubric_free(r);
    patuh_diags_release(&d);
}

static void valid_scales(void **state)
{
    (void)state;
    patuh_diags d;
    patuh_rubric *r = load_valid(&d);
    /* named first in file order (ada, skor, dokumen), then the inline ones as met */
    assert_int_equal(r->n_scales, 6);
    const patuh_scale *skor = patuh_rubric_find(r, "IN.1")->scale;
    assert_ptr_equal(skor, r->scales[1]);
    assert_string_equal(skor->name, "skor");
    assert_int_equal(skor->kind, PATUH_SCALE_LIST);
    assert_int_equal(skor->n_levels, 3);
    assert_float_equal(skor->levels[0].value, 3, 0); /* file order kept */
    assert_string_equal(skor->levels[1].label, "Kurang");
    assert_string_equal(skor->levels[2].label, "2"); /* no label: the value */
    assert_float_equal(skor->min, 1, 0);
    assert_float_equal(skor->max, 3, 0);
    const patuh_scale *num = patuh_rubric_find(r, "IN.2")->scale;
    assert_null(num->name);
    assert_int_equal(num->kind, PATUH_SCALE_NUMBER);
    assert_float_equal(num->min, 0, 0);
    assert_float_equal(num->max, 10, 0);
    assert_float_equal(num->target, 8, 0);
    const patuh_scale *num2 = patuh_rubric_find(r, "PR.2")->scale;
    assert_float_equal(num2->target, 4, 0); /* target defaults to max */
    const patuh_scale *kanal = patuh_rubric_find(r, "PR.0")->scale;
    assert_int_equal(kanal->kind, PATUH_SCALE_CHECKLIST);
    assert_int_equal(kanal->n_items, 3);
    assert_string_equal(kanal->items[2], "whatsapp");
    assert_int_equal(kanal->need, 3); /* need defaults to every item */
    const patuh_scale *dok = patuh_rubric_find(r, "PR.1")->scale;
    assert_string_equal(dok->name, "dokumen");
    assert_int_equal(dok->n_items, 4);
    assert_int_equal(dok->need, 2);
    patuh_rubric_free(r);
    patuh_diags_release(&d);
}

static void valid_bands_and_qualifiers(void **state)
{
    (void)state;
    patuh_diags d;
    patuh_rubric *r = load_valid(&d);
    /* written C 2.5, E 0, A 4.4; kept highest min first */
    assert_int_equal(r->n_bands, 3);
    assert_string_equal(r->bands[0].id, "A");
    assert_string_equal(r->bands[1].id, "C");
    assert_string_equal(r->bands[2].id, "E");
    assert_float_equal(r->bands[0].min, 4.4, 0);
    assert_string_equal(r->bands[1].label, "Cukup");
    assert_int_equal(r->n_zones, 3);
    assert_string_equal(r->zones[r->bands[0].zone].name, "hijau");
    assert_string_equal(r->zones[r->bands[1].zone].color, "#FFEB84");
    assert_string_equal(r->zones[r->bands[2].zone].name, "merah");
    assert_int_equal(r->critical_cap, 1); /* C, after sorting */
    assert_int_equal(r->n_qualifiers, 2);
    assert_string_equal(r->qualifiers[0].label, "Tanpa Maladministrasi");
    assert_ptr_equal(r->qualifiers[0].node, patuh_rubric_find(r, "proses"));
    assert_float_equal(r->qualifiers[0].min, 5, 0);
    assert_string_equal(r->qualifiers[1].id, "lapor");
    assert_ptr_equal(r->qualifiers[1].node, patuh_rubric_find(r, "IN.1"));
    assert_float_equal(r->qualifiers[1].min, 2, 0);
    patuh_rubric_free(r);
    patuh_diags_release(&d);
}

/* Share = product over the path of weight / sum of sibling weights. */
static void valid_shares(void **state)
{
    (void)state;
    patuh_diags d;
    patuh_rubric *r = load_valid(&d);
    assert_float_equal(patuh_node_share(r->root), 1, 0);
    /* input (3) beside proses (1): 3/4; IN.1 (2) beside IN.2 (1): 3/4 * 2/3 = 0.5 */
    assert_float_equal(patuh_node_share(patuh_rubric_find(r, "input")), 0.75, 1e-12);
    assert_float_equal(patuh_node_share(patuh_rubric_find(r, "IN.1")), 0.5, 1e-12);
    assert_float_equal(patuh_node_share(patuh_rubric_find(r, "IN.2")), 0.25, 1e-12);
    /* proses 1/4, its two children weight 1 each: PR.0 = layanan = 1/4 * 1/2 = 0.125;
     * PR.1 (1) beside PR.2 (3): 0.125 * 1/4 = 0.03125 and 0.125 * 3/4 = 0.09375 */
    assert_float_equal(patuh_node_share(patuh_rubric_find(r, "PR.0")), 0.125, 1e-12);
    assert_float_equal(patuh_node_share(patuh_rubric_find(r, "layanan")), 0.125, 1e-12);
    assert_float_equal(patuh_node_share(patuh_rubric_find(r, "PR.1")), 0.03125, 1e-12);
    assert_float_equal(patuh_node_share(patuh_rubric_find(r, "PR.2")), 0.09375, 1e-12);
    double sum = 0; /* the indicators' shares cover the whole */
    for (size_t i = 0; i < r->n_indicators; i++)
        sum += patuh_node_share(r->indicators[i]);
    assert_float_equal(sum, 1, 1e-12);
    patuh_rubric_free(r);
    patuh_diags_release(&d);
}

/* The smallest rubric: every default. */
static void minimal_defaults(void **state)
{
    (void)state;
    static const char yaml[] = "patuh: 1\nid: m\ntitle: M\nzones: {merah: \"#F8696B\"}\n"
                               "bands: [{id: E, label: E, zone: merah, min: 0}]\n"
                               "sections: [{id: s, title: S, indicators: [{id: i, text: t, "
                               "scale: [{value: 1, label: ya}]}]}]\n";
    patuh_diags d;
    patuh_diags_init(&d);
    patuh_rubric *r = NULL;
    assert_int_equal(patuh_rubric_load_buffer("m.yaml", yaml, strlen(yaml), NULL, &r, &d),
                     PATUH_OK);
    assert_float_equal(r->max, 100, 0);
    assert_int_equal(r->decimals, 2);
    assert_int_equal(r->year, 0);
    assert_null(r->authority);
    assert_int_equal(r->na_policy, PATUH_NA_EXCLUDE);
    assert_int_equal(r->critical_cap, SIZE_MAX);
    assert_int_equal(r->n_groups, 0);
    assert_int_equal(r->n_qualifiers, 0);
    const patuh_node *i = patuh_rubric_find(r, "i");
    assert_int_equal(i->applies, 0); /* no groups: nothing to apply to */
    assert_float_equal(i->weight, 1, 0);
    assert_float_equal(i->scale->min, 1, 0);
    assert_float_equal(i->scale->max, 1, 0);
    assert_float_equal(patuh_node_share(i), 1, 0);
    patuh_rubric_free(r);
    patuh_diags_release(&d);
}

/* ---- invalid rubrics ------------------------------------------------------------------ */

/* Lines 1-7; then ZONES (8), BANDS (9-11) and SECTIONS (from 12) unless a test replaces one. */
#define HEAD                                                                                       \
    "patuh: 1\n"                                                                                   \
    "id: t\n"                                                                                      \
    "title: Uji\n"                                                                                 \
    "groups: [kota, kabupaten]\n"                                                                  \
    "scales:\n"                                                                                    \
    "  ada: [{value: 0, label: Tidak}, {value: 1, label: Ada}]\n"                                  \
    "  interval3: [{value: 0}, {value: 1}, {value: 2}, {value: 3}]\n"
#define ZONES "zones: {hijau: \"#63BE7B\", merah: \"#F8696B\"}\n"
#define BANDS                                                                                      \
    "bands:\n"                                                                                     \
    "  - {id: A, label: Baik, zone: hijau, min: 50}\n"                                             \
    "  - {id: E, label: Buruk, zone: merah, min: 0}\n"
/* Lines 12-15; line 16 is the first indicator. */
#define SECTION_OPEN                                                                               \
    "sections:\n"                                                                                  \
    "  - id: input\n"                                                                              \
    "    title: Input\n"                                                                           \
    "    indicators:\n"
#define SECTIONS SECTION_OPEN "      - {id: IN.1, text: a, scale: ada}\n"

/* Loads a rubric that must fail with `errors` errors, item `at` being the one given. */
static void expect_error(const char *yaml, size_t errors, size_t at, unsigned line, unsigned col,
                         const char *message)
{
    patuh_diags d;
    patuh_diags_init(&d);
    patuh_rubric *r = (patuh_rubric *)&d; /* must be reset to NULL */
    patuh_status st = patuh_rubric_load_buffer("t.yaml", yaml, strlen(yaml), NULL, &r, &d);
    for (size_t i = 0; i < d.count && d.errors != errors; i++)
        fprintf(stderr, "got: %u:%u: %s\n", d.items[i].line, d.items[i].col, d.items[i].message);
    assert_int_equal(st, PATUH_EINVALID);
    assert_null(r);
    assert_int_equal(d.errors, errors);
    assert_true(at < d.count);
    assert_string_equal(d.items[at].message, message);
    assert_string_equal(d.items[at].file, "t.yaml");
    assert_int_equal(d.items[at].line, line);
    assert_int_equal(d.items[at].col, col);
    patuh_diags_release(&d);
}

static void rejects_unknown_scale(void **state)
{
    (void)state;
    expect_error(HEAD ZONES BANDS SECTION_OPEN "      - {id: IN.1, text: a, scale: ada2}\n", 1, 0,
                 16, 36, "unknown scale 'ada2' for 'IN.1', expected one of: ada, interval3");
}

static void rejects_bad_weights(void **state)
{
    (void)state;
    expect_error(HEAD ZONES BANDS SECTIONS "      - {id: IN.2, text: b, scale: ada, weight: -1}\n",
                 1, 0, 17, 49, "weight must be greater than 0 for 'IN.2', got '-1'");
    expect_error(HEAD ZONES BANDS SECTIONS "  - {id: proses, title: P, weight: 0, indicators: "
                                           "[{id: PR.1, text: a, scale: ada}]}\n",
                 1, 0, 17, 36, "weight must be greater than 0 for 'proses', got '0'");
    expect_error(HEAD ZONES BANDS SECTIONS "      - {id: IN.2, text: b, scale: ada, weight: "
                                           "berat}\n",
                 1, 0, 17, 49, "expected a number for the weight of 'IN.2', got 'berat'");
}

static void rejects_duplicate_ids(void **state)
{
    (void)state;
    /* an indicator may not reuse a section's id either */
    expect_error(HEAD ZONES BANDS SECTIONS "      - {id: input, text: b, scale: ada}\n", 1, 0, 17,
                 14, "duplicate id 'input', first defined at 13:9");
    expect_error(HEAD ZONES BANDS SECTIONS "  - {id: IN.1, title: P, indicators: [{id: PR.1, "
                                           "text: a, scale: ada}]}\n",
                 1, 0, 17, 10, "duplicate id 'IN.1', first defined at 16:14");
}

static void rejects_bands_not_reaching_zero(void **state)
{
    (void)state;
    expect_error(HEAD ZONES "bands:\n"
                            "  - {id: A, label: Baik, zone: hijau, min: 50}\n"
                            "  - {id: D, label: Buruk, zone: merah, min: 32}\n" SECTIONS,
                 1, 0, 11, 45, "bands must reach 0, the lowest min is 32");
}

static void rejects_equal_band_mins(void **state)
{
    (void)state;
    expect_error(HEAD ZONES "bands:\n"
                            "  - {id: B, label: Baik, zone: hijau, min: 78}\n"
                            "  - {id: C, label: Cukup, zone: hijau, min: 78}\n"
                            "  - {id: E, label: Buruk, zone: merah, min: 0}\n" SECTIONS,
                 1, 0, 11, 45, "bands 'B' and 'C' have the same min 78");
}

static void rejects_band_problems(void **state)
{
    (void)state;
    expect_error(HEAD ZONES "bands:\n"
                            "  - {id: A, label: Baik, zone: hijau, min: 50}\n"
                            "  - {id: A, label: Buruk, zone: merah, min: 0}\n" SECTIONS,
                 1, 0, 11, 10, "duplicate band id 'A', first defined at 10:10");
    expect_error(HEAD ZONES "bands:\n"
                            "  - {id: A, label: Baik, zone: hijau, min: 50}\n"
                            "  - {id: E, label: Buruk, zone: biru, min: 0}\n" SECTIONS,
                 1, 0, 11, 33,
                 "zone 'biru' of band 'E' is not in zones, expected one of: hijau, "
                 "merah");
    expect_error(HEAD ZONES "bands: []\n" SECTIONS, 1, 0, 9, 8,
                 "the rubric has no bands, expected at least one");
    /* the zone keeps its name, so band E's zone is not reported a second time */
    expect_error(HEAD "zones: {hijau: \"#63BE7B\", merah: \"#F8696\"}\n" BANDS SECTIONS, 1, 0, 8,
                 34, "expected a colour '#RRGGBB' for zone 'merah', got '#F8696'");
}

static void rejects_unknown_critical_cap(void **state)
{
    (void)state;
    /* written E then A: the list of bands in the message is in band order */
    expect_error(HEAD ZONES "bands:\n"
                            "  - {id: E, label: Buruk, zone: merah, min: 0}\n"
                            "  - {id: A, label: Baik, zone: hijau, min: 50}\n"
                            "critical_cap: Z\n" SECTIONS,
                 1, 0, 12, 15, "critical_cap 'Z' names no band, expected one of: A, E");
}

static void rejects_unknown_group(void **state)
{
    (void)state;
    expect_error(HEAD ZONES BANDS SECTION_OPEN
                 "      - {id: IN.3, text: a, scale: ada, applies_to: [kota, desa]}\n",
                 1, 0, 16, 60,
                 "group 'desa' in applies_to of 'IN.3' is not in groups, expected one of: kota, "
                 "kabupaten");
    /* without groups, applies_to has nothing to name (line 4 is groups: in HEAD, so here
     * the indicator sits on line 15) */
    expect_error("patuh: 1\nid: t\ntitle: Uji\n"
                 "scales:\n"
                 "  ada: [{value: 0, label: Tidak}, {value: 1, label: Ada}]\n"
                 "  interval3: [{value: 0}, {value: 1}, {value: 2}, {value: 3}]\n" ZONES BANDS
                 "sections:\n  - id: input\n    title: Input\n    indicators:\n"
                 "      - {id: IN.3, text: a, scale: ada, applies_to: [kota]}\n",
                 1, 0, 15, 53, "applies_to of 'IN.3' needs groups, the rubric defines none");
}

static void rejects_empty_sections(void **state)
{
    (void)state;
    expect_error(HEAD ZONES BANDS SECTIONS "  - id: kosong\n    title: Kosong\n", 1, 0, 17, 5,
                 "section 'kosong' is empty, expected sections or indicators");
    expect_error(HEAD ZONES BANDS SECTIONS "  - {id: kosong, title: K, indicators: []}\n", 1, 0, 17,
                 5, "section 'kosong' is empty, expected sections or indicators");
    expect_error(HEAD ZONES BANDS "sections: []\n", 1, 0, 12, 11,
                 "the rubric has no sections, expected at least one");
}

static void rejects_unknown_keys(void **state)
{
    (void)state;
    expect_error(HEAD ZONES BANDS SECTION_OPEN
                 "      - {id: IN.1, text: a, scale: ada, colour: merah}\n",
                 1, 0, 16, 41,
                 "unknown key 'colour' in indicator 'IN.1', expected one of: id, title, text, "
                 "scale, weight, na, critical, applies_to, guidance, fix, evidence, scan");
    expect_error(HEAD ZONES BANDS "versi: 2\n" SECTIONS, 1, 0, 12, 1,
                 "unknown key 'versi' in the rubric, expected one of: patuh, id, title, "
                 "authority, year, source, max, decimals, groups, scales, bands, zones, "
                 "critical_cap, qualifiers, na_policy, sections, min_coverage, "
                 "unit_kinds, coverage, penalties");
}

static void rejects_missing_keys(void **state)
{
    (void)state;
    expect_error(HEAD ZONES BANDS SECTION_OPEN "      - {id: IN.1, text: a}\n", 1, 0, 16, 9,
                 "missing key 'scale' in indicator 'IN.1'");
    expect_error(HEAD ZONES BANDS SECTION_OPEN "      - {id: IN.1, scale: ada}\n", 1, 0, 16, 9,
                 "missing key 'text' in indicator 'IN.1', expected text or title");
    expect_error(HEAD ZONES BANDS "sections:\n  - id: input\n    indicators: "
                                  "[{id: IN.1, text: a, scale: ada}]\n",
                 1, 0, 13, 5, "missing key 'title' in section 'input'");
    expect_error(HEAD ZONES BANDS "sections:\n  - title: Input\n    indicators: "
                                  "[{id: IN.1, text: a, scale: ada}]\n",
                 1, 0, 13, 5, "missing key 'id' in a section");
    expect_error(HEAD ZONES BANDS, 1, 0, 1, 1, "missing key 'sections' in the rubric");
    expect_error(HEAD ZONES SECTIONS, 1, 0, 1, 1, "missing key 'bands' in the rubric");
}

static void rejects_bad_scales(void **state)
{
    (void)state;
    expect_error(HEAD ZONES BANDS SECTION_OPEN
                 "      - {id: IN.1, text: a, scale: {number: {min: 5, max: 5}}}\n",
                 1, 0, 16, 51, "min 5 is not below max 5 in the scale of 'IN.1'");
    expect_error(HEAD ZONES BANDS SECTION_OPEN
                 "      - {id: IN.1, text: a, scale: {number: {min: 0, max: 10, target: 12}}}\n",
                 1, 0, 16, 71,
                 "target 12 of the scale of 'IN.1' is out of range, expected above 0 and at "
                 "most 10");
    expect_error(HEAD ZONES BANDS SECTION_OPEN
                 "      - {id: IN.1, text: a, scale: {checklist: {items: [a, b], need: 3}}}\n",
                 1, 0, 16, 70,
                 "expected a whole number 1-2 for the need of the scale of 'IN.1', got '3'");
    expect_error(HEAD ZONES BANDS SECTION_OPEN
                 "      - {id: IN.1, text: a, scale: {checklist: {items: [a, b, a]}}}\n",
                 1, 0, 16, 63, "duplicate item 'a' in the scale of 'IN.1', first given at 16:57");
    expect_error(HEAD ZONES BANDS SECTION_OPEN
                 "      - {id: IN.1, text: a, scale: [{value: 1, label: x}, {value: 1, label: "
                 "y}]}\n",
                 1, 0, 16, 67, "duplicate value 1 in the scale of 'IN.1', first given at 16:45");
    expect_error(HEAD ZONES BANDS SECTION_OPEN
                 "      - {id: IN.1, text: a, scale: {skala: {min: 0, max: 1}}}\n",
                 1, 0, 16, 36,
                 "expected a list of levels, {number: ...} or {checklist: ...} for the scale "
                 "of 'IN.1', got a map");
}

static void rejects_bad_qualifiers(void **state)
{
    (void)state;
    static const char yaml[] =
        HEAD ZONES BANDS "qualifiers:\n"
                         "  - {id: q1, label: Q, when: {section: proses, min: 100}}\n"
                         "  - {id: q2, label: R, when: {section: IN.1, min: 1}}\n" SECTIONS;
    expect_error(yaml, 2, 0, 13, 40, "unknown section 'proses' in the when of qualifier 'q1'");
    expect_error(yaml, 2, 1, 14, 40,
                 "'IN.1' in the when of qualifier 'q2' is an indicator, expected a section");
}

static void rejects_bad_settings(void **state)
{
    (void)state;
    expect_error("patuh: 2\nid: t\ntitle: Uji\nscales: {ada: [{value: 1}]}\n" ZONES BANDS SECTIONS,
                 1, 0, 1, 8, "expected format version 1 for 'patuh', got '2'");
    /* no scales: at all, so a scale name has nothing to match (the indicator is on line 12) */
    expect_error("patuh: 1\nid: t\ntitle: Uji\n" ZONES BANDS SECTIONS, 1, 0, 12, 36,
                 "unknown scale 'ada' for 'IN.1', the rubric defines no named scales");
    expect_error(HEAD ZONES BANDS "decimals: 7\n" SECTIONS, 1, 0, 12, 11,
                 "expected a whole number 0-6 for 'decimals', got '7'");
    expect_error(HEAD ZONES BANDS "max: 0\n" SECTIONS, 1, 0, 12, 6,
                 "max must be greater than 0, got '0'");
    expect_error(HEAD ZONES BANDS "na_policy: skip\n" SECTIONS, 1, 0, 12, 12,
                 "expected exclude or full for 'na_policy', got 'skip'");
    expect_error(HEAD ZONES BANDS SECTION_OPEN
                 "      - {id: IN.1, text: a, scale: ada, evidence: maybe}\n",
                 1, 0, 16, 51,
                 "expected required or optional for the evidence of 'IN.1', got "
                 "'maybe'");
    expect_error("", 1, 0, 0, 0,
                 "the rubric is empty, expected a map with patuh, id, title, zones, bands and "
                 "sections");
}

static void rejects_too_many_groups(void **state)
{
    (void)state;
    char groups[1024] = "groups: [g0";
    for (int g = 1; g < PATUH_MAX_GROUPS + 1; g++)
        snprintf(groups + strlen(groups), sizeof groups - strlen(groups), ", g%d", g);
    char yaml[4096];
    snprintf(yaml, sizeof yaml,
             "patuh: 1\nid: t\ntitle: Uji\n%s]\n" ZONES BANDS
             "sections: [{id: s, title: S, indicators: [{id: i, text: t, scale: [{value: 1}]}]}]\n",
             groups);
    expect_error(yaml, 1, 0, 4, 9, "too many groups: 65, expected at most 64");
    /* 64 groups are fine, and a missing applies_to then means all 64 bits */
    *strrchr(groups, ',') = '\0';
    snprintf(yaml, sizeof yaml,
             "patuh: 1\nid: t\ntitle: Uji\n%s]\n" ZONES BANDS
             "sections: [{id: s, title: S, indicators: [{id: i, text: t, scale: [{value: 1}]}]}]\n",
             groups);
    patuh_diags d;
    patuh_diags_init(&d);
    patuh_rubric *r = NULL;
    assert_int_equal(patuh_rubric_load_buffer("t.yaml", yaml, strlen(yaml), NULL, &r, &d),
                     PATUH_OK);
    assert_int_equal(r->n_groups, 64);
    assert_true(patuh_rubric_find(r, "i")->applies == UINT64_MAX);
    patuh_rubric_free(r);
    patuh_diags_release(&d);
}

/* Every problem is listed, in one pass, each at its own place. */
static void reports_every_problem(void **state)
{
    (void)state;
    static const char yaml[] =
        HEAD ZONES "bands:\n"
                   "  - {id: A, label: Baik, zone: hijau, min: 50}\n"
                   "  - {id: D, label: Buruk, zone: merah, min: 32}\n" SECTION_OPEN
                   "      - {id: IN.1, text: a, scale: ada2}\n"
                   "      - {id: IN.1, text: b, scale: ada, weight: -1}\n"
                   "  - id: kosong\n"
                   "    title: Kosong\n";
    expect_error(yaml, 5, 0, 11, 45, "bands must reach 0, the lowest min is 32");
    expect_error(yaml, 5, 1, 16, 36,
                 "unknown scale 'ada2' for 'IN.1', expected one of: ada, interval3");
    expect_error(yaml, 5, 2, 17, 14, "duplicate id 'IN.1', first defined at 16:14");
    expect_error(yaml, 5, 3, 17, 49, "weight must be greater than 0 for 'IN.1', got '-1'");
    expect_error(yaml, 5, 4, 18, 5, "section 'kosong' is empty, expected sections or indicators");
}

/* ---- files -------------------------------------------------------------------------- */

static void loads_a_file(void **state)
{
    (void)state;
    char path[] = "/tmp/patuh-test-rubric-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs(valid_yaml, f);
    fclose(f);
    patuh_diags d;
    patuh_diags_init(&d);
    patuh_rubric *r = NULL;
    assert_int_equal(patuh_rubric_load(path, NULL, &r, &d), PATUH_OK);
    unlink(path);
    assert_string_equal(r->path, path);
    assert_int_equal(r->n_indicators, 5);
    unsigned char sum[32];
    sha256_bytes(valid_yaml, strlen(valid_yaml), sum);
    assert_memory_equal(r->sha256, sum, 32);
    patuh_rubric_free(r);
    r = (patuh_rubric *)&d;
    assert_int_equal(patuh_rubric_load(path, NULL, &r, &d), PATUH_EIO); /* gone now */
    assert_null(r);
    assert_int_equal(d.errors, 1);
    assert_non_null(strstr(d.items[0].message, "cannot read"));
    patuh_diags_release(&d);
}

/* A YAML-level problem (here a duplicate key) stops before the rubric checks. */
static void passes_yaml_errors_on(void **state)
{
    (void)state;
    expect_error("patuh: 1\npatuh: 1\n", 1, 0, 2, 1, "duplicate key 'patuh', first given at 1:1");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_metadata),
        cmocka_unit_test(valid_tree),
        cmocka_unit_test(valid_indicators),
        cmocka_unit_test(valid_scales),
        cmocka_unit_test(valid_bands_and_qualifiers),
        cmocka_unit_test(valid_shares),
        cmocka_unit_test(minimal_defaults),
        cmocka_unit_test(rejects_unknown_scale),
        cmocka_unit_test(rejects_bad_weights),
        cmocka_unit_test(rejects_duplicate_ids),
        cmocka_unit_test(rejects_bands_not_reaching_zero),
        cmocka_unit_test(rejects_equal_band_mins),
        cmocka_unit_test(rejects_band_problems),
        cmocka_unit_test(rejects_unknown_critical_cap),
        cmocka_unit_test(rejects_unknown_group),
        cmocka_unit_test(rejects_empty_sections),
        cmocka_unit_test(rejects_unknown_keys),
        cmocka_unit_test(rejects_missing_keys),
        cmocka_unit_test(rejects_bad_scales),
        cmocka_unit_test(rejects_bad_qualifiers),
        cmocka_unit_test(rejects_bad_settings),
        cmocka_unit_test(rejects_too_many_groups),
        cmocka_unit_test(reports_every_problem),
        cmocka_unit_test(loads_a_file),
        cmocka_unit_test(passes_yaml_errors_on),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
