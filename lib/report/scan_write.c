/* scan_write.c — what `patuh scan` found, written as proposed answers (doc/formats.md
 * §3.10): a YAML answers file marked `proposed_by: scan` that `patuh score` reads, each
 * answer with its evidence (page, element, capture time, snippet, page hash) and a note of
 * what was not found; or, for a .xlsx path, the evidence workbook (scan_xlsx.c). */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

const patuh_agency *scan_listed_agency(const patuh_scan *scan, const char *id)
{
    for (size_t i = 0; scan->agencies && i < scan->agencies->n_agencies; i++)
        if (strcmp(scan->agencies->agencies[i]->id, id) == 0)
            return scan->agencies->agencies[i];
    return NULL;
}

static void agency_line(FILE *out, const patuh_scan *scan, const patuh_scan_site *site)
{
    const patuh_agency *a = scan_listed_agency(scan, site->agency);
    fputs("  - agency: {id: ", out);
    yaml_str(out, site->agency);
    const char *group = a && a->group >= 0 ? scan->rubric->groups[a->group] : NULL;
    const char *fields[] = {"name",   a ? a->name : NULL,   "group",  group,
                            "region", a ? a->region : NULL, "period", a ? a->period : NULL};
    for (size_t i = 0; i < 8; i += 2)
        if (fields[i + 1]) {
            fprintf(out, ", %s: ", fields[i]);
            yaml_str(out, fields[i + 1]);
        }
    fputs("}\n", out);
}

/* The site as comments: what was read, and what was skipped and why. */
static void site_comments(FILE *out, const patuh_scan_site *site)
{
    fputs("    # site: ", out);
    comment_text(out, site->path);
    fprintf(out, " (pages: %zu read, %zu identical skipped; other files: %zu)\n", site->pages,
            site->duplicates, site->others);
    for (size_t i = 0; i < site->n_notes; i++) {
        fputs("    # ", out);
        comment_text(out, site->notes[i].text);
        fputc('\n', out);
    }
}

char *scan_evidence_text(const patuh_scan_rule *rule, const patuh_scan_evidence *ev)
{
    return str_printf("%s: %s | %s | %s | sha256:%s | %s", rule->name, ev->page, ev->xpath,
                      ev->captured, ev->sha256, ev->snippet);
}

static void evidence_text(FILE *out, const patuh_scan_rule *rule, const patuh_scan_evidence *ev)
{
    char *text = scan_evidence_text(rule, ev);
    fputs("          - ", out);
    yaml_str(out, text ? text : rule->name);
    fputc('\n', out);
    free(text);
}

const char *scan_note_text(const patuh_node *ind, const patuh_scan_evidence *found, char *buf,
                           size_t size)
{
    const patuh_scan_spec *spec = ind->scan;
    size_t n = 0;
    for (size_t k = 0; k < spec->n_rules; k++)
        n += found[k].page != NULL;
    tbuf t;
    tb_init(&t, buf, size);
    tb_add(&t, "proposed by scan: %zu of %zu found", n, spec->n_rules);
    if (n < spec->n_rules) {
        tb_add(&t, "; not found: ");
        for (size_t k = 0, first = 1; k < spec->n_rules; k++)
            if (!found[k].page) {
                tb_add(&t, "%s%s", first ? "" : ", ", spec->rules[k].name);
                first = 0;
            }
    }
    const patuh_scale *scale = ind->scale;
    if (scale->kind == PATUH_SCALE_CHECKLIST && spec->n_rules < scale->n_items)
        tb_add(&t, "; check by hand, no scan rule: %zu items", scale->n_items - spec->n_rules);
    return buf;
}

static void note_line(FILE *out, const patuh_node *ind, const patuh_scan_evidence *found)
{
    char buf[1024];
    fputs("        note: ", out);
    yaml_str(out, scan_note_text(ind, found, buf, sizeof buf));
    fputc('\n', out);
}

const char *scan_level_text(const patuh_scan *scan, const patuh_scan_site *site,
                            const patuh_node *ind, char *buf, size_t size)
{
    patuh_format_number(patuh_scan_value(scan, site, ind), 6, buf, size);
    size_t n = strlen(buf); /* "2.000000" -> "2" */
    while (n > 0 && buf[n - 1] == '0')
        buf[--n] = '\0';
    if (n > 0 && buf[n - 1] == '.')
        buf[--n] = '\0';
    return buf;
}

static void value_line(FILE *out, const patuh_scan *scan, const patuh_scan_site *site,
                       const patuh_node *ind, const patuh_scan_evidence *found)
{
    const patuh_scan_spec *spec = ind->scan;
    fputs("        value: ", out);
    if (ind->scale->kind != PATUH_SCALE_CHECKLIST) {
        char num[64];
        fprintf(out, "%s\n", scan_level_text(scan, site, ind, num, sizeof num));
        return;
    }
    fputc('[', out);
    for (size_t k = 0, first = 1; k < spec->n_rules; k++)
        if (found[k].page) {
            fputs(first ? "" : ", ", out);
            yaml_str(out, spec->rules[k].name);
            first = 0;
        }
    fputs("]\n", out);
}

static bool applies(const patuh_scan *scan, const patuh_scan_site *site, const patuh_node *ind)
{
    const patuh_agency *a = scan_listed_agency(scan, site->agency);
    return !a || a->group < 0 || (ind->applies >> a->group) & 1;
}

static void site_answers(FILE *out, const patuh_scan *scan, const patuh_scan_site *site)
{
    const patuh_rubric *r = scan->rubric;
    agency_line(out, scan, site);
    site_comments(out, site);
    fputs("    answers:\n", out);
    for (size_t i = 0; i < r->n_indicators; i++) {
        const patuh_node *ind = r->indicators[i];
        if (!ind->scan || !applies(scan, site, ind))
            continue;
        const patuh_scan_evidence *found = &site->found[scan->slot_base[i]];
        fputs("      ", out);
        yaml_str(out, ind->id);
        fputs(":\n", out);
        value_line(out, scan, site, ind, found);
        size_t n = 0;
        for (size_t k = 0; k < ind->scan->n_rules; k++)
            n += found[k].page != NULL;
        fputs(n ? "        evidence:\n" : "        evidence: []\n", out);
        for (size_t k = 0; k < ind->scan->n_rules; k++)
            if (found[k].page)
                evidence_text(out, &ind->scan->rules[k], &found[k]);
        note_line(out, ind, found);
    }
}

static patuh_status write_yaml(void *ctx, FILE *out, patuh_diags *diags)
{
    (void)diags;
    const patuh_scan *scan = ctx;
    fputs("# Answers proposed by 'patuh scan' from saved websites: review each one. An\n"
          "# assessor's answer for the same agency, unit and indicator takes precedence.\n"
          "# Evidence: ITEM: PAGE | XPATH | CAPTURED | sha256:HASH | SNIPPET\n",
          out);
    fputs("patuh: 1\nrubric: ", out);
    yaml_str(out, scan->rubric->id);
    fputs("\nproposed_by: scan\nagencies:\n", out);
    for (size_t i = 0; i < scan->n_sites; i++)
        site_answers(out, scan, &scan->sites[i]);
    return PATUH_OK;
}

typedef struct scan_job_ctx {
    const patuh_scan *scan;
    const patuh_report_options *opt;
    bool form;
} scan_job_ctx;

static patuh_status scan_job(void *ctx, const char *tmp, const char *path, patuh_diags *diags)
{
    const scan_job_ctx *job = ctx;
    if (job->form)
        return scan_write_form(job->scan, tmp, path, job->opt, diags);
    if (str_ends_with(path, ".xlsx"))
        return scan_write_xlsx(job->scan, tmp, path, job->opt, diags);
    return atomic_write_text(tmp, path, write_yaml, (void *)job->scan, diags);
}

patuh_status patuh_scan_write(const patuh_scan *scan, const char *path,
                              const patuh_report_options *opt, patuh_diags *diags)
{
    if (!scan || !path || !diags)
        return PATUH_EARG;
    patuh_report_options o = {0};
    if (opt)
        o = *opt;
    scan_job_ctx job = {scan, &o, false};
    return atomic_write(path, scan_job, &job, diags);
}

patuh_status patuh_scan_write_form(const patuh_scan *scan, const char *path,
                                   const patuh_report_options *opt, patuh_diags *diags)
{
    if (!scan || !path || !diags || !str_ends_with(path, ".xlsx"))
        return PATUH_EARG;
    patuh_report_options o = {0};
    if (opt)
        o = *opt;
    scan_job_ctx job = {scan, &o, true};
    return atomic_write(path, scan_job, &job, diags);
}

patuh_status patuh_scan_write_stream(const patuh_scan *scan, FILE *out, patuh_diags *diags)
{
    if (!scan || !out || !diags)
        return PATUH_EARG;
    return write_yaml((void *)scan, out, diags);
}
