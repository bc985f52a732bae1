/* test_scan.c — `patuh scan` through the public API and fold.h: folding and word-bounded
 * matching; the `scan:` block as loaded (levels sorted, folded phrases checked); pages
 * written to a scratch site, each testing one rule of doc/formats.md §2.8 and §3.10 — links
 * by host, subdomain, path and scheme (and the look-alikes that must not match), phrases
 * across inline elements but not across blocks, `within`, `near` under a heading hierarchy,
 * duplicates, the JavaScript shell note, windows-1252. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fold.h"

/* ---- folding ------------------------------------------------------------------------ */

static void folds_case_accents_and_separators(void **state)
{
    (void)state;
    char *f = text_fold("  Sistem, MEKANISME & Prosédur\t(SOP)!  ");
    assert_string_equal(f, "sistem mekanisme prosedur sop");
    free(f);
    f = text_fold("Biaya/Tarif—Rp 0,00");
    assert_string_equal(f, "biaya tarif rp 0 00"); /* an em dash is a separator */
    free(f);
}

static void finds_phrases_on_word_boundaries(void **state)
{
    (void)state;
    const char *hay = "persyaratan umum\nsyarat khusus standar pelayanan";
    size_t at = 99, n = strlen(hay);
    assert_false(fold_find(hay, n, 0, "syarat umum", &at));
    assert_true(fold_find(hay, n, 0, "syarat", &at)); /* not inside "persyaratan" */
    assert_int_equal(at, 17);
    assert_false(fold_find(hay, n, 0, "umum syarat", &at)); /* a block break is no space */
    assert_true(fold_find(hay, n, 0, "standar pelayanan", &at));
    assert_int_equal(at, 31);
    assert_false(fold_find(hay, n, 0, "pelayan", &at));
}

/* ---- the rubric's scan block -------------------------------------------------------- */

static const char rubric_yaml[] =
    "patuh: 1\n"
    "id: uji-scan\n"
    "title: Uji\n"
    "bands: [{id: A, label: A, zone: z, min: 0}]\n"
    "zones: {z: \"#FFFFFF\"}\n"
    "sections:\n"
    "  - id: s\n"
    "    title: S\n"
    "    indicators:\n"
    "      - id: KANAL\n"
    "        title: Kanal\n"
    "        scale: {checklist: {items: [lapor, wa, surel, fb, kotak]}}\n"
    "        scan:\n"
    "          items:\n"
    "            lapor: {links: [lapor.go.id]}\n"
    "            wa: {links: [wa.me]}\n"
    "            surel: {links: [\"mailto:\"]}\n"
    "            fb: {links: [facebook.com/pemkab]}\n"
    "      - id: SP\n"
    "        title: Standar\n"
    "        scale: [{value: 0}, {value: 1}, {value: 2}]\n"
    "        scan:\n"
    "          items:\n"
    "            syarat: {phrases: [persyaratan], within: table-header}\n"
    "            waktu: {phrases: [jangka waktu], near: standar pelayanan}\n"
    "            biaya: {phrases: [biaya tarif], within: list}\n"
    "          levels: [{found: 0, value: 0}, {found: 3, value: 2}, {found: 1, value: 1}]\n";

static patuh_rubric *load_rubric(void)
{
    patuh_diags d;
    patuh_diags_init(&d);
    patuh_rubric *r = NULL;
    assert_int_equal(
        patuh_rubric_load_buffer("uji.yaml", rubric_yaml, strlen(rubric_yaml), NULL, &r, &d),
        PATUH_OK);
    patuh_diags_release(&d);
    return r;
}

static void loads_the_scan_block(void **state)
{
    (void)state;
    patuh_rubric *r = load_rubric();
    const patuh_node *kanal = patuh_rubric_find(r, "KANAL"), *sp = patuh_rubric_find(r, "SP");
    assert_int_equal(kanal->scan->n_rules, 4); /* kotak has no rule: checked by hand */
    assert_string_equal(kanal->scan->rules[3].name, "fb");
    assert_int_equal(sp->scan->n_levels, 3);
    /* sorted by found, highest first */
    assert_int_equal(sp->scan->levels[0].found, 3);
    assert_int_equal(sp->scan->levels[2].found, 0);
    assert_int_equal(sp->scan->rules[0].within, PATUH_WITHIN_TABLE_HEADER);
    assert_string_equal(sp->scan->rules[1].near, "standar pelayanan");
    patuh_rubric_free(r);
}

/* ---- pages -------------------------------------------------------------------------- */

typedef struct site {
    char dir[64];
} site;

static void put(const site *s, const char *name, const char *html)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", s->dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(html, f);
    fclose(f);
}

static void site_new(site *s)
{
    snprintf(s->dir, sizeof s->dir, "/tmp/patuh-scan-XXXXXX");
    assert_non_null(mkdtemp(s->dir));
}

static void site_remove(const site *s)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", s->dir);
    assert_int_equal(system(cmd), 0);
}

/* Scans the site; returns the scan (caller frees) with its one site read. */
static patuh_scan *scan_site(const patuh_rubric *r, const site *s)
{
    patuh_diags d;
    patuh_diags_init(&d);
    patuh_scan *scan = patuh_scan_new(r, NULL);
    assert_non_null(scan);
    assert_int_equal(patuh_scan_add_site(scan, s->dir, &d), PATUH_OK);
    assert_int_equal(d.errors, 0);
    patuh_diags_release(&d);
    return scan;
}

/* The evidence of rule k of an indicator (page NULL: not found). */
static const patuh_scan_evidence *found(const patuh_scan *scan, const char *ind, size_t k)
{
    const patuh_node *node = patuh_rubric_find(scan->rubric, ind);
    return &scan->sites[0].found[scan->slot_base[node->ind_index] + k];
}

static void links_by_host_subdomain_path_and_scheme(void **state)
{
    (void)state;
    patuh_rubric *r = load_rubric();
    site s;
    site_new(&s);
    put(&s, "a.html",
        "<html><body>"
        "<a href='https://notlapor.go.id/'>x</a>"               /* not a subdomain */
        "<a href='http://lapor.go.id@evil.example/'>x</a>"      /* userinfo: host is evil */
        "<a href='lapor.go.id/relative'>x</a>"                  /* relative: no host */
        "<a href='https://wa.me.evil.example/'>x</a>"           /* wa.me is not the host */
        "<a href='https://www.facebook.com/pemkabx'>x</a>"      /* path starts pemkab: yes */
        "<a href='  MAILTO:humas@kab.go.id'>surel</a>"          /* scheme, any case */
        "<p><a href='//WWW.LAPOR.GO.ID/instansi'>lapor</a></p>" /* subdomain, any case */
        "</body></html>");
    patuh_scan *scan = scan_site(r, &s);
    const patuh_scan_evidence *ev = found(scan, "KANAL", 0);
    assert_non_null(ev->page);
    assert_string_equal(ev->xpath, "/html/body/p/a");
    assert_string_equal(ev->snippet, "//WWW.LAPOR.GO.ID/instansi");
    assert_null(found(scan, "KANAL", 1)->page); /* wa */
    assert_string_equal(found(scan, "KANAL", 2)->snippet, "MAILTO:humas@kab.go.id");
    assert_string_equal(found(scan, "KANAL", 3)->xpath, "/html/body/a[5]");
    /* a checklist's proposal is the count of its rules met */
    assert_true(patuh_scan_value(scan, &scan->sites[0], patuh_rubric_find(r, "KANAL")) == 3);
    patuh_scan_free(scan);
    site_remove(&s);
    patuh_rubric_free(r);
}

static void phrases_within_and_near(void **state)
{
    (void)state;
    patuh_rubric *r = load_rubric();
    site s;
    site_new(&s);
    /* persyaratan in a td does not count (within: table-header), in a th it does; "jangka
     * waktu" under h3 counts because the h2 above it holds "standar pelayanan"; the one in
     * the first section (under another h2) does not; "biaya tarif" spans an inline b but a
     * list item is needed, and the first one is in a p */
    put(&s, "b.html",
        "<html><head><title>Layanan</title></head><body>"
        "<h2>Profil</h2><p>Jangka waktu kerja</p>"
        "<table><tr><td>Persyaratan</td></tr><tr><th>PERSYARATAN</th></tr></table>"
        "<p>Biaya <b>tarif</b></p>"
        "<h2>Standar Pelayanan KTP</h2><h3>Rincian</h3>"
        "<div>Jangka <i>Waktu</i> 1 hari</div>"
        "<ul><li>Biaya/<b>Tarif</b>: gratis</li></ul>"
        "</body></html>");
    patuh_scan *scan = scan_site(r, &s);
    assert_string_equal(found(scan, "SP", 0)->xpath, "/html/body/table/tr[2]/th");
    assert_string_equal(found(scan, "SP", 1)->xpath, "/html/body/div");
    assert_string_equal(found(scan, "SP", 1)->snippet, "Jangka Waktu 1 hari");
    assert_string_equal(found(scan, "SP", 2)->xpath, "/html/body/ul/li");
    /* three components found: the level of `found: 3` */
    assert_true(patuh_scan_value(scan, &scan->sites[0], patuh_rubric_find(r, "SP")) == 2);
    patuh_scan_free(scan);
    site_remove(&s);
    patuh_rubric_free(r);
}

static void duplicates_shells_and_windows_1252(void **state)
{
    (void)state;
    patuh_rubric *r = load_rubric();
    site s;
    site_new(&s);
    const char *shell = "<html><head><script src='app.js'></script></head>"
                        "<body><div id='app'></div></body></html>";
    put(&s, "a.html", shell);
    put(&s, "b.html", shell);
    /* unlabelled windows-1252: 0x96 is an en dash, 0xC9 is E acute */
    put(&s, "c.html",
        "<html><body><h1>Standar Pelayanan</h1>"
        "<p>JANGKA WAKTU \x96 PROS\xC9"
        "DUR</p></body></html>");
    patuh_scan *scan = scan_site(r, &s);
    const patuh_scan_site *site = &scan->sites[0];
    assert_int_equal(site->pages, 2);
    assert_int_equal(site->duplicates, 1);
    assert_int_equal(site->n_notes, 2);
    char want[256];
    snprintf(want, sizeof want,
             "'%s/a.html': only a JavaScript shell, needs a browser, check "
             "by hand",
             s.dir);
    assert_string_equal(site->notes[0].text, want);
    assert_int_equal(site->notes[0].kind, PATUH_SCAN_NOTE_JS_SHELL);
    snprintf(want, sizeof want, "'%s/b.html': the same bytes as '%s/a.html', skipped", s.dir,
             s.dir);
    assert_string_equal(site->notes[1].text, want);
    char id[256], id_want[256];
    snprintf(id_want, sizeof id_want,
             "'%s/b.html': isinya sama persis dengan '%s/a.html', dilewati", s.dir, s.dir);
    assert_string_equal(patuh_scan_note_text(&site->notes[1], PATUH_LANG_ID, id, sizeof id),
                        id_want);
    assert_string_equal(found(scan, "SP", 1)->snippet, "JANGKA WAKTU \xE2\x80\x93 PROS\xC3\x89"
                                                       "DUR");
    patuh_scan_free(scan);
    site_remove(&s);
    patuh_rubric_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(folds_case_accents_and_separators),
        cmocka_unit_test(finds_phrases_on_word_boundaries),
        cmocka_unit_test(loads_the_scan_block),
        cmocka_unit_test(links_by_host_subdomain_path_and_scheme),
        cmocka_unit_test(phrases_within_and_near),
        cmocka_unit_test(duplicates_shells_and_windows_1252),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
