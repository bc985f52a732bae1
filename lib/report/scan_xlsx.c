/* scan_xlsx.c — the evidence workbook of `patuh scan -o FILE.xlsx` (doc/formats.md §3.10):
 * per agency and indicator the proposed answer and its note; per agency, indicator and item
 * whether it was found, where (page, XPath, capture time, page hash) and a snippet; per site
 * what was read and skipped. For an assessor to review in one place. */
#include "report/report_xlsx.h"

#include <stdlib.h>
#include <string.h>

static const char *const proposal_heads[][2] = {
    {"instansi", "agency"}, {"indikator", "indicator"}, {"judul", "title"},
    {"usulan", "proposal"}, {"ditemukan", "found"},     {"dari", "of"},
};
static const char *const evidence_heads[][2] = {
    {"instansi", "agency"}, {"indikator", "indicator"}, {"butir", "item"},
    {"ditemukan", "found"}, {"halaman", "page"},        {"xpath", "xpath"},
    {"waktu", "captured"},  {"sha256", "sha256"},       {"cuplikan", "snippet"},
};
static const char *const site_heads[][2] = {
    {"instansi", "agency"},        {"situs", "site"},        {"halaman dibaca", "pages read"},
    {"halaman sama", "identical"}, {"berkas lain", "other"}, {"catatan", "note"},
};

static lxw_worksheet *sheet_with_heads(xlsx_ctx *x, report_label_id label,
                                       const char *const (*heads)[2], size_t n)
{
    lxw_worksheet *ws = xlsx_sheet(x, label);
    int lang = x->opt->lang == PATUH_LANG_EN ? 1 : 0;
    if (!ws || !xlsx_widths_begin(x, n))
        return NULL;
    for (size_t c = 0; c < n; c++)
        xlsx_head_cell(x, ws, (lxw_col_t)c, heads[c][lang]);
    worksheet_freeze_panes(ws, 1, 0);
    return ws;
}

/* "lapor; email" for a checklist, the level for a list scale. */
static void proposal_text(const patuh_scan *scan, const patuh_scan_site *site,
                          const patuh_node *ind, char *buf, size_t size)
{
    const patuh_scan_evidence *found = &site->found[scan->slot_base[ind->ind_index]];
    tbuf t;
    tb_init(&t, buf, size);
    if (ind->scale->kind != PATUH_SCALE_CHECKLIST) {
        scan_level_text(scan, site, ind, buf, size);
        return;
    }
    for (size_t k = 0; k < ind->scan->n_rules; k++)
        if (found[k].page)
            tb_item(&t, "; ", "%s", ind->scan->rules[k].name);
}

static void proposals_sheet(xlsx_ctx *x, const patuh_scan *scan)
{
    lxw_worksheet *ws = sheet_with_heads(x, REPORT_L_SHEET_PROPOSALS, proposal_heads, 6);
    const patuh_rubric *r = scan->rubric;
    lxw_row_t row = 1;
    char text[1024];
    for (size_t s = 0; ws && s < scan->n_sites; s++) {
        const patuh_scan_site *site = &scan->sites[s];
        for (size_t i = 0; i < r->n_indicators; i++) {
            const patuh_node *ind = r->indicators[i];
            if (!ind->scan)
                continue;
            size_t n = 0;
            for (size_t k = 0; k < ind->scan->n_rules; k++)
                n += site->found[scan->slot_base[i] + k].page != NULL;
            proposal_text(scan, site, ind, text, sizeof text);
            xlsx_str(x, ws, row, 0, site->agency, NULL);
            xlsx_str(x, ws, row, 1, ind->id, NULL);
            xlsx_str(x, ws, row, 2, ind->title ? ind->title : ind->text, x->wrap);
            xlsx_str(x, ws, row, 3, text, NULL);
            xlsx_num(x, ws, row, 4, (double)n, x->whole);
            xlsx_num(x, ws, row, 5, (double)ind->scan->n_rules, x->whole);
            row++;
        }
    }
    if (ws)
        xlsx_widths_apply(x, ws);
}

static void evidence_row(xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, const char *agency,
                         const patuh_node *ind, const patuh_scan_rule *rule,
                         const patuh_scan_evidence *ev)
{
    bool en = x->opt->lang == PATUH_LANG_EN;
    xlsx_str(x, ws, row, 0, agency, NULL);
    xlsx_str(x, ws, row, 1, ind->id, NULL);
    xlsx_str(x, ws, row, 2, rule->name, NULL);
    xlsx_str(x, ws, row, 3, ev->page ? (en ? "yes" : "ya") : (en ? "no" : "tidak"), NULL);
    xlsx_str(x, ws, row, 4, ev->page, NULL);
    xlsx_str(x, ws, row, 5, ev->xpath, NULL);
    xlsx_str(x, ws, row, 6, ev->captured, NULL);
    xlsx_str(x, ws, row, 7, ev->page ? ev->sha256 : NULL, NULL);
    xlsx_str(x, ws, row, 8, ev->snippet, NULL);
}

static void evidence_sheet(xlsx_ctx *x, const patuh_scan *scan)
{
    lxw_worksheet *ws = sheet_with_heads(x, REPORT_L_SHEET_EVIDENCE, evidence_heads, 9);
    const patuh_rubric *r = scan->rubric;
    lxw_row_t row = 1;
    for (size_t s = 0; ws && s < scan->n_sites; s++)
        for (size_t i = 0; i < r->n_indicators; i++) {
            const patuh_scan_spec *spec = r->indicators[i]->scan;
            for (size_t k = 0; spec && k < spec->n_rules; k++)
                evidence_row(x, ws, row++, scan->sites[s].agency, r->indicators[i], &spec->rules[k],
                             &scan->sites[s].found[scan->slot_base[i] + k]);
        }
    if (ws)
        xlsx_widths_apply(x, ws);
}

static void sites_sheet(xlsx_ctx *x, const patuh_scan *scan)
{
    lxw_worksheet *ws = sheet_with_heads(x, REPORT_L_SHEET_SITES, site_heads, 6);
    lxw_row_t row = 1;
    char note[1280];
    for (size_t s = 0; ws && s < scan->n_sites; s++) {
        const patuh_scan_site *site = &scan->sites[s];
        size_t n = site->n_notes ? site->n_notes : 1;
        for (size_t k = 0; k < n; k++, row++) {
            xlsx_str(x, ws, row, 0, site->agency, NULL);
            xlsx_str(x, ws, row, 1, site->path, NULL);
            xlsx_num(x, ws, row, 2, (double)site->pages, x->whole);
            xlsx_num(x, ws, row, 3, (double)site->duplicates, x->whole);
            xlsx_num(x, ws, row, 4, (double)site->others, x->whole);
            xlsx_str(x, ws, row, 5,
                     site->n_notes
                         ? patuh_scan_note_text(&site->notes[k], x->opt->lang, note, sizeof note)
                         : NULL,
                     NULL);
        }
    }
    if (ws)
        xlsx_widths_apply(x, ws);
}

patuh_status scan_write_xlsx(const patuh_scan *scan, const char *tmp, const char *path,
                             const patuh_report_options *opt, patuh_diags *diags)
{
    const patuh_rubric *r = scan->rubric;
    xlsx_ctx x = {.rubric = r, .opt = opt};
    patuh_status st = xlsx_open(&x, tmp, path, r->title ? r->title : r->id, REPORT_L_SCAN_SUBJECT,
                                NULL, 0, diags);
    if (st != PATUH_OK)
        return st;
    proposals_sheet(&x, scan);
    evidence_sheet(&x, scan);
    sites_sheet(&x, scan);
    return xlsx_close(&x, path, diags);
}

/* ---- the proposals as the answer form of `patuh template` ---------------------------- */

typedef struct scan_form {
    const patuh_scan *scan;
    const patuh_agency *agencies; /* one per site: the listed agency without its units */
    char value[1024], note[1024];
    char *evidence; /* the last row's, freed at the next */
    bool nomem;
} scan_form;

/* A checklist's items found, "lapor; email" ("0" when none: a count, not a blank cell that
 * reads as no answer); a list scale's level. */
static void form_value(const scan_form *f, const patuh_scan_site *site, const patuh_node *ind,
                       char *buf, size_t size)
{
    proposal_text(f->scan, site, ind, buf, size);
    if (!buf[0])
        snprintf(buf, size, "0");
}

/* The evidence texts of the rules met, one a line. */
static char *form_evidence(const patuh_scan_spec *spec, const patuh_scan_evidence *found)
{
    char **texts = calloc(spec->n_rules ? spec->n_rules : 1, sizeof *texts), *joined = NULL;
    size_t n = 0;
    bool ok = texts != NULL;
    for (size_t k = 0; ok && k < spec->n_rules; k++)
        if (found[k].page)
            ok = (texts[n++] = scan_evidence_text(&spec->rules[k], &found[k])) != NULL;
    if (ok)
        joined = str_join((const char *const *)texts, n, "\n");
    for (size_t i = 0; texts && i < n; i++)
        free(texts[i]);
    free(texts);
    return joined;
}

static void form_cells_of(void *ctx, const patuh_agency *a, const patuh_node *ind, form_cells *out)
{
    scan_form *f = ctx;
    const patuh_scan *scan = f->scan;
    const patuh_scan_site *site = &scan->sites[a - f->agencies];
    free(f->evidence);
    f->evidence = NULL;
    if (!ind->scan)
        return;
    const patuh_scan_evidence *found = &site->found[scan->slot_base[ind->ind_index]];
    form_value(f, site, ind, f->value, sizeof f->value);
    f->evidence = form_evidence(ind->scan, found);
    f->nomem = f->nomem || !f->evidence;
    out->value = f->value;
    out->evidence = f->evidence && f->evidence[0] ? f->evidence : NULL;
    out->note = scan_note_text(ind, found, f->note, sizeof f->note);
}

patuh_status scan_write_form(const patuh_scan *scan, const char *tmp, const char *path,
                             const patuh_report_options *opt, patuh_diags *diags)
{
    size_t n = scan->n_sites;
    patuh_agency *agencies = calloc(n ? n : 1, sizeof *agencies);
    patuh_agency **list = calloc(n ? n : 1, sizeof *list);
    if (!agencies || !list) {
        free(agencies);
        free(list);
        return PATUH_ENOMEM;
    }
    for (size_t s = 0; s < n; s++) {
        const patuh_agency *a = scan_listed_agency(scan, scan->sites[s].agency);
        if (a) {
            agencies[s] = *a; /* a shallow copy, read only: the proposals are the agency's own */
        } else {
            agencies[s].id = scan->sites[s].agency;
            agencies[s].group = -1;
        }
        agencies[s].root.units = NULL;
        agencies[s].root.n_units = 0;
        list[s] = &agencies[s];
    }
    scan_form f = {.scan = scan, .agencies = agencies};
    form_fill fill = {form_cells_of, &f, "scan"};
    patuh_status st = form_xlsx_write(scan->rubric, list, n, &fill, tmp, path, opt, diags);
    if (st == PATUH_OK && f.nomem)
        st = PATUH_ENOMEM; /* the file is not renamed into place */
    free(f.evidence);
    free(agencies);
    free(list);
    return st;
}
