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
        tb_add(&t, "%g", patuh_scan_value(scan, site, ind));
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
    for (size_t s = 0; ws && s < scan->n_sites; s++) {
        const patuh_scan_site *site = &scan->sites[s];
        size_t n = site->n_notes ? site->n_notes : 1;
        for (size_t k = 0; k < n; k++, row++) {
            xlsx_str(x, ws, row, 0, site->agency, NULL);
            xlsx_str(x, ws, row, 1, site->path, NULL);
            xlsx_num(x, ws, row, 2, (double)site->pages, x->whole);
            xlsx_num(x, ws, row, 3, (double)site->duplicates, x->whole);
            xlsx_num(x, ws, row, 4, (double)site->others, x->whole);
            xlsx_str(x, ws, row, 5, site->n_notes ? site->notes[k] : NULL, NULL);
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
