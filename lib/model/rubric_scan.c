/* rubric_scan.c — an indicator's `scan:` block (doc/formats.md §2.8): per checklist item, or
 * per component of a level scale, the evidence on a saved website that counts for it (links
 * by host or scheme, phrases, where on the page), and for a level scale which count of
 * components found gives which level. `patuh scan` proposes answers from it. */
#include "base/fold.h"
#include "model/rubric_load.h"

#include <stdlib.h>
#include <string.h>

static const char *const within_names[] = {"any",  "heading", "table-header",
                                           "list", "link",    "title"};
enum { N_WITHIN = sizeof within_names / sizeof *within_names };

static void rule_release(patuh_scan_rule *rule)
{
    for (size_t i = 0; i < rule->n_links; i++)
        free(rule->links[i]);
    for (size_t i = 0; i < rule->n_phrases; i++) {
        free(rule->phrases[i]);
        free(rule->folded ? rule->folded[i] : NULL);
    }
    free(rule->links);
    free(rule->phrases);
    free(rule->folded);
    free(rule->near_folded);
    free(rule->name);
    free(rule->near);
}

void scan_spec_free(patuh_scan_spec *spec)
{
    if (!spec)
        return;
    for (size_t i = 0; i < spec->n_rules; i++)
        rule_release(&spec->rules[i]);
    free(spec->rules);
    free(spec->levels);
    free(spec);
}

/* A list of texts (`links`, `phrases`): each a non-empty text; a phrase must hold a letter or
 * a digit, since only those are matched. */
static char **texts_parse(rubric_ctx *c, const yt_node *seq, const char *what, bool phrase,
                          size_t *n_out)
{
    *n_out = 0;
    if (!rubric_expect(c, seq, YT_SEQ, "a list of texts", what))
        return NULL;
    if (seq->n == 0) {
        yt_error(c->diags, c->name, seq, "%s is empty, expected at least one text", what);
        return NULL;
    }
    char **texts = calloc(seq->n, sizeof *texts);
    if (!texts)
        return c->nomem = true, NULL;
    for (size_t i = 0; i < seq->n; i++) {
        const yt_node *item = seq->items[i];
        const char *s = yt_to_string(item, c->name, what, c->diags);
        if (!s)
            continue;
        char *folded = phrase ? text_fold(s) : NULL;
        if (phrase && !folded)
            c->nomem = true;
        else if (s[0] == '\0' || (folded && folded[0] == '\0'))
            yt_error(c->diags, c->name, item, "expected a text with a letter or digit in %s", what);
        else if (!(texts[(*n_out)++] = rubric_dup(c, s)))
            (*n_out)--;
        free(folded);
    }
    return texts;
}

static void rule_within(rubric_ctx *c, patuh_scan_rule *rule, const yt_node *v, const char *what)
{
    const char *s = yt_to_string(v, c->name, what, c->diags);
    for (size_t i = 0; s && i < N_WITHIN; i++)
        if (strcmp(s, within_names[i]) == 0) {
            rule->within = (patuh_scan_within)i;
            return;
        }
    if (s)
        yt_error(c->diags, c->name, v,
                 "expected any, heading, table-header, list, link or title for %s, got '%s'", what,
                 s);
}

/* The phrases and `near` folded once, as pages are matched (fold.h). */
static void rule_fold(rubric_ctx *c, patuh_scan_rule *rule)
{
    if (rule->n_phrases && !(rule->folded = calloc(rule->n_phrases, sizeof *rule->folded)))
        c->nomem = true;
    for (size_t i = 0; rule->folded && i < rule->n_phrases; i++)
        if (!(rule->folded[i] = text_fold(rule->phrases[i])))
            c->nomem = true;
    if (rule->near && !(rule->near_folded = text_fold(rule->near)))
        c->nomem = true;
}

static void rule_parse(rubric_ctx *c, patuh_scan_rule *rule, const yt_node *map, const char *subj)
{
    static const char *const keys[] = {"links", "phrases", "within", "near", NULL};
    char where[WHAT_BUF], what[WHAT_BUF + 16];
    snprintf(where, sizeof where, patuh_tr("the scan rule '%s' of %s"), rule->name, subj);
    rule->line = map->line;
    rule->col = map->col;
    if (!rubric_expect(c, map, YT_MAP, "a map with links and/or phrases", where))
        return;
    yt_check_keys(map, keys, c->name, where, c->diags);
    const yt_node *v;
    snprintf(what, sizeof what, patuh_tr("the links of %s"), where);
    if ((v = yt_get(map, "links")))
        rule->links = texts_parse(c, v, what, false, &rule->n_links);
    snprintf(what, sizeof what, patuh_tr("the phrases of %s"), where);
    if ((v = yt_get(map, "phrases")))
        rule->phrases = texts_parse(c, v, what, true, &rule->n_phrases);
    if (!yt_get(map, "links") && !yt_get(map, "phrases"))
        yt_error(c->diags, c->name, map, "%s has neither links nor phrases, expected one or both",
                 where);
    snprintf(what, sizeof what, patuh_tr("the within of %s"), where);
    if ((v = yt_get(map, "within")))
        rule_within(c, rule, v, what);
    rule->near = rubric_text(c, map, "near", where);
    rule_fold(c, rule);
}

/* The rules under `items:`; a checklist's must be its items. */
static void rules_parse(rubric_ctx *c, patuh_scan_spec *spec, const yt_node *map,
                        const patuh_scale *scale, const char *subj)
{
    char what[WHAT_BUF], names[LIST_BUF];
    snprintf(what, sizeof what, patuh_tr("the scan items of %s"), subj);
    if (!rubric_expect(c, map, YT_MAP, "a map from item names to rules", what))
        return;
    if (map->n == 0) {
        yt_error(c->diags, c->name, map, "%s are empty, expected at least one", what);
        return;
    }
    if (!(spec->rules = calloc(map->n / 2, sizeof *spec->rules))) {
        c->nomem = true;
        return;
    }
    for (size_t i = 0; i + 1 < map->n && !c->nomem; i += 2) {
        const char *name = map->items[i]->scalar;
        size_t k = 0;
        while (scale->kind == PATUH_SCALE_CHECKLIST && k < scale->n_items &&
               strcmp(scale->items[k], name) != 0)
            k++;
        if (scale->kind == PATUH_SCALE_CHECKLIST && k == scale->n_items) {
            yt_error(
                c->diags, c->name, map->items[i],
                "unknown checklist item '%s' in the scan block of %s, expected one of: %s", name,
                subj,
                text_join((const char *const *)scale->items, scale->n_items, names, sizeof names));
            continue;
        }
        patuh_scan_rule *rule = &spec->rules[spec->n_rules++];
        if (!(rule->name = rubric_dup(c, name)))
            return;
        rule_parse(c, rule, map->items[i + 1], subj);
    }
}

static int level_cmp(const void *a, const void *b)
{
    const patuh_scan_level *x = a, *y = b;
    return x->found < y->found ? 1 : x->found > y->found ? -1 : 0;
}

static bool scale_has(const patuh_scale *scale, double v)
{
    for (size_t i = 0; i < scale->n_levels; i++)
        if (scale->levels[i].value == v)
            return true;
    return false;
}

/* One {found, value} of `levels:`. */
static bool level_parse_one(rubric_ctx *c, patuh_scan_level *lv, const yt_node *item,
                            const patuh_scale *scale, size_t n_rules, const char *what)
{
    static const char *const keys[] = {"found", "value", NULL};
    long found = 0;
    if (!rubric_expect(c, item, YT_MAP, "a map with found and value", what))
        return false;
    yt_check_keys(item, keys, c->name, what, c->diags);
    const yt_node *f = rubric_need(c, item, "found", what);
    const yt_node *v = rubric_need(c, item, "value", what);
    if (!f || !v || !rubric_int(c, f, what, 0, (long)n_rules, &found) ||
        !yt_to_double(v, c->name, what, &lv->value, c->diags))
        return false;
    lv->found = (size_t)found;
    if (!scale_has(scale, lv->value)) {
        yt_error(c->diags, c->name, v, "value %g in %s is not a level of its scale", lv->value,
                 what);
        return false;
    }
    return true;
}

/* `levels:` of a level scale: distinct counts, one of them 0, each to a level value. */
static void levels_parse(rubric_ctx *c, patuh_scan_spec *spec, const yt_node *seq,
                         const patuh_scale *scale, const char *subj)
{
    char what[WHAT_BUF];
    snprintf(what, sizeof what, patuh_tr("the scan levels of %s"), subj);
    if (!rubric_expect(c, seq, YT_SEQ, "a list of {found, value}", what))
        return;
    if (!(spec->levels = calloc(seq->n ? seq->n : 1, sizeof *spec->levels))) {
        c->nomem = true;
        return;
    }
    bool zero = false, ok = true;
    for (size_t i = 0; i < seq->n; i++) {
        patuh_scan_level *lv = &spec->levels[spec->n_levels];
        if (!level_parse_one(c, lv, seq->items[i], scale, spec->n_rules, what)) {
            ok = false;
            continue;
        }
        for (size_t j = 0; j < spec->n_levels; j++)
            if (spec->levels[j].found == lv->found) {
                yt_error(c->diags, c->name, seq->items[i], "found %zu is given twice in %s",
                         lv->found, what);
                ok = false;
            }
        zero = zero || lv->found == 0;
        spec->n_levels++;
    }
    if (ok && !zero)
        yt_error(c->diags, c->name, seq, "%s have no level for found 0, expected one", what);
    qsort(spec->levels, spec->n_levels, sizeof *spec->levels, level_cmp);
}

void scan_spec_parse(rubric_ctx *c, patuh_node *node, const yt_node *map, const char *subj)
{
    static const char *const keys[] = {"items", "levels", NULL};
    char what[WHAT_BUF];
    snprintf(what, sizeof what, patuh_tr("the scan block of %s"), subj);
    if (!rubric_expect(c, map, YT_MAP, "a map with items", what))
        return;
    yt_check_keys(map, keys, c->name, what, c->diags);
    const patuh_scale *scale = node->scale;
    if (!scale)
        return; /* its error is reported */
    if (scale->kind == PATUH_SCALE_NUMBER) {
        yt_error(c->diags, c->name, map,
                 "%s needs a checklist or a list scale, the scale is a number", what);
        return;
    }
    patuh_scan_spec *spec = calloc(1, sizeof *spec);
    if (!spec) {
        c->nomem = true;
        return;
    }
    node->scan = spec;
    spec->line = map->line;
    spec->col = map->col;
    const yt_node *items = rubric_need(c, map, "items", what);
    if (items)
        rules_parse(c, spec, items, scale, subj);
    const yt_node *levels = yt_get(map, "levels");
    if (scale->kind == PATUH_SCALE_CHECKLIST && levels)
        yt_error(c->diags, c->name, levels,
                 "levels in %s are for a list scale, a checklist counts its items", what);
    else if (scale->kind == PATUH_SCALE_LIST && !levels)
        rubric_need(c, map, "levels", what);
    else if (levels && !c->nomem)
        levels_parse(c, spec, levels, scale, subj);
}

/* ---- notes: what a scan skipped and why (doc/formats.md §3.10 4), in both languages ---- */

static const char *const note_formats[PATUH_SCAN_NOTE_KINDS][2] = {
    [PATUH_SCAN_NOTE_DIR_LINK] = {"'{1}': tautan ke folder, tidak diikuti",
                                  "'{1}': a link to a directory, not followed"},
    [PATUH_SCAN_NOTE_PDF] = {"'{1}': PDF, dicatat, tidak dibaca",
                             "'{1}': a PDF, listed, not parsed"},
    [PATUH_SCAN_NOTE_LINKED_PDF] = {"tautan ke PDF, dicatat, tidak dibaca: {1}",
                                    "linked PDF, listed, not parsed: {1}"},
    [PATUH_SCAN_NOTE_COMPRESSED] = {"'{1}': dikompresi sebagai '{2}', tidak dibaca",
                                    "'{1}': compressed as '{2}', not read"},
    [PATUH_SCAN_NOTE_CHUNKED] = {"'{1}': isi chunked yang rusak, tidak dibaca",
                                 "'{1}': a malformed chunked body, not read"},
    [PATUH_SCAN_NOTE_SAME] = {"'{1}': isinya sama persis dengan '{2}', dilewati",
                              "'{1}': the same bytes as '{2}', skipped"},
    [PATUH_SCAN_NOTE_NOT_HTML] = {"'{1}': tidak terbaca sebagai HTML, dilewati",
                                  "'{1}': not read as HTML, skipped"},
    [PATUH_SCAN_NOTE_JS_SHELL] = {"'{1}': hanya kerangka JavaScript, perlu peramban, periksa "
                                  "manual",
                                  "'{1}': only a JavaScript shell, needs a browser, check by "
                                  "hand"},
};

const char *patuh_scan_note_text(const patuh_scan_note *note, patuh_lang lang, char *buf,
                                 size_t size)
{
    const char *f = note_formats[note->kind][lang == PATUH_LANG_EN ? 1 : 0];
    tbuf t;
    tb_init(&t, buf, size);
    for (; *f; f++) {
        if (f[0] == '{' && (f[1] == '1' || f[1] == '2') && f[2] == '}') {
            const char *arg = f[1] == '1' ? note->subject : note->other;
            tb_add(&t, "%s", arg ? arg : "");
            f += 2;
        } else {
            tb_add(&t, "%c", *f);
        }
    }
    return buf;
}
