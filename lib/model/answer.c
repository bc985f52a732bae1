/* answer.c — the checks that store an answer: the value against its indicator's scale (a
 * level, a number in range, a checklist's count or item names), na where allowed, one answer
 * per (unit, indicator) slot, and the warnings for na without a note and a scoring value
 * without evidence. Every reader hands answers over as plain records (model.h). */
#include "model/model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* An answer as checked, before it is stored. */
typedef struct ans_parsed {
    enum answer_state state;
    double value;
    bool evidence, note;
} ans_parsed;

/* ---- values ------------------------------------------------------------------------- */

const patuh_node *answers_indicator(const answers_ctx *c, const in_text *id)
{
    const patuh_rubric *rubric = c->batch->rubric;
    const patuh_node *node = patuh_rubric_find(rubric, id->text);
    if (!node) {
        answers_error(c, id->line, id->col,
                      "unknown indicator '%s', expected an indicator id of rubric '%s'", id->text,
                      rubric->id);
    } else if (!node->is_indicator) {
        answers_error(c, id->line, id->col,
                      "'%s' is a section, expected an indicator id of rubric '%s'", id->text,
                      rubric->id);
        node = NULL;
    }
    return node;
}

/* "0, 1, 2, 3": the values of a list scale. */
static const char *levels_text(const patuh_scale *scale, char *buf, size_t size)
{
    tbuf t;
    tb_init(&t, buf, size);
    for (size_t i = 0; i < scale->n_levels; i++)
        tb_item(&t, ", ", "%g", scale->levels[i].value);
    return buf;
}

/* A quoted text that would be a number unquoted: `"86"` where 86 was meant. */
static bool quoted_number(const in_text *v)
{
    if (v->shape != IN_TEXT || v->plain)
        return false;
    in_text plain = *v;
    plain.plain = true;
    return in_text_number(&plain, &(double){0});
}

/* Reports a quoted number: `expected WHAT for 'ID', got the text "86" (...)`. */
static void quoted_number_error(const answers_ctx *c, const patuh_node *ind, const in_text *v,
                                const char *what)
{
    char got[64];
    answers_error(c, v->line, v->col,
                  "expected %s for '%s', got the text \"%s\" (write numbers without quotes)", what,
                  ind->id, in_text_describe(v, got, sizeof got));
}

static bool list_value(const answers_ctx *c, const patuh_node *ind, const in_text *v, double *out)
{
    const patuh_scale *scale = ind->scale;
    char levels[256], got[80], what[300];
    double x = 0;
    if (quoted_number(v)) {
        snprintf(what, sizeof what, patuh_tr("one of %s"),
                 levels_text(scale, levels, sizeof levels));
        quoted_number_error(c, ind, v, what);
        return false;
    }
    if (v->shape == IN_TEXT && !in_text_number(v, &x)) {
        answers_error(c, v->line, v->col, "expected a value %g-%g for '%s', got %s", scale->min,
                      scale->max, ind->id, in_text_quoted(v, got, sizeof got));
        return false;
    }
    for (size_t i = 0; v->shape == IN_TEXT && i < scale->n_levels; i++) {
        if (scale->levels[i].value == x) {
            *out = x;
            return true;
        }
    }
    answers_error(c, v->line, v->col, "expected one of %s for '%s', got %s",
                  levels_text(scale, levels, sizeof levels), ind->id,
                  in_text_quoted(v, got, sizeof got));
    return false;
}

static bool number_value(const answers_ctx *c, const patuh_node *ind, const in_text *v, double *out)
{
    const patuh_scale *scale = ind->scale;
    char got[80], what[80];
    double x;
    if (in_text_number(v, &x) && x >= scale->min && x <= scale->max) {
        *out = x;
        return true;
    }
    if (quoted_number(v)) {
        snprintf(what, sizeof what, patuh_tr("a number %g-%g"), scale->min, scale->max);
        quoted_number_error(c, ind, v, what);
        return false;
    }
    answers_error(c, v->line, v->col, "expected a value %g-%g for '%s', got %s", scale->min,
                  scale->max, ind->id, in_text_quoted(v, got, sizeof got));
    return false;
}

/* One name of a checklist list: known, and not already given earlier in the list. */
static bool checklist_item(const answers_ctx *c, const patuh_node *ind, const in_text *items,
                           size_t i)
{
    const patuh_scale *scale = ind->scale;
    const in_text *item = &items[i];
    char got[80], names[512];
    if (item->shape != IN_TEXT) {
        answers_error(c, item->line, item->col, "expected a checklist item name for '%s', got %s",
                      ind->id, in_text_quoted(item, got, sizeof got));
        return false;
    }
    size_t k = 0;
    while (k < scale->n_items && strcmp(scale->items[k], item->text) != 0)
        k++;
    if (k == scale->n_items) {
        answers_error(
            c, item->line, item->col, "unknown checklist item %s for '%s', expected one of: %s",
            in_text_quoted(item, got, sizeof got), ind->id,
            text_join((const char *const *)scale->items, scale->n_items, names, sizeof names));
        return false;
    }
    for (size_t j = 0; j < i; j++) {
        if (items[j].shape == IN_TEXT && strcmp(items[j].text, item->text) == 0) {
            answers_error(c, item->line, item->col, "duplicate checklist item %s for '%s'",
                          in_text_quoted(item, got, sizeof got), ind->id);
            return false;
        }
    }
    return true;
}

static bool checklist_value(const answers_ctx *c, const patuh_node *ind, const answer_record *rec,
                            double *out)
{
    const patuh_scale *scale = ind->scale;
    const in_text *v = &rec->value;
    char got[80];
    double x;
    if (v->shape == IN_LIST) {
        bool ok = true;
        for (size_t i = 0; i < rec->n_items; i++)
            ok = checklist_item(c, ind, rec->items, i) && ok;
        *out = (double)rec->n_items;
        return ok;
    }
    if (in_text_number(v, &x) && x >= 0 && x <= (double)scale->n_items && x == floor(x)) {
        *out = x;
        return true;
    }
    if (quoted_number(v)) {
        snprintf(got, sizeof got, patuh_tr("a count 0-%zu or a list of items"), scale->n_items);
        quoted_number_error(c, ind, v, got);
        return false;
    }
    answers_error(c, v->line, v->col, "expected a count 0-%zu or a list of items for '%s', got %s",
                  scale->n_items, ind->id, in_text_quoted(v, got, sizeof got));
    return false;
}

/* A value allowed by the indicator's scale; reports and returns false otherwise. */
static bool value_parse(const answers_ctx *c, const patuh_node *ind, const answer_record *rec,
                        double *out)
{
    switch (ind->scale->kind) {
    case PATUH_SCALE_LIST: return list_value(c, ind, &rec->value, out);
    case PATUH_SCALE_NUMBER: return number_value(c, ind, &rec->value, out);
    case PATUH_SCALE_CHECKLIST: return checklist_value(c, ind, rec, out);
    }
    return false;
}

/* Checks an answer: a value, na, nothing (not stored), or a checklist list. False when
 * something was reported, here or by the reader (nothing but the refusal is stored then). */
static bool answer_parse(const answers_ctx *c, const patuh_node *ind, const answer_record *rec,
                         ans_parsed *p)
{
    const in_text *v = &rec->value;
    *p = (ans_parsed){.evidence = rec->evidence, .note = rec->note};
    bool ok = !rec->refused;
    if (in_text_is_null(v) || (v->shape == IN_TEXT && v->text[0] == '\0'))
        return ok; /* missing, also when quoted empty: not stored */
    if (in_text_is_na(v)) {
        if (!ind->na) {
            answers_error(c, v->line, v->col, "'%s' does not allow na", ind->id);
            return false;
        }
        p->state = ANSWER_NA;
        return ok;
    }
    if (!value_parse(c, ind, rec, &p->value))
        return false;
    p->state = ANSWER_VALUE;
    return ok;
}

static void answer_warn(const answers_ctx *c, const patuh_node *ind, const answer_record *rec,
                        const ans_parsed *p)
{
    if (p->state == ANSWER_NA && !p->note)
        answers_warning(c, rec->line, rec->col, "na for '%s' has no note saying why", ind->id);
    if (p->state == ANSWER_VALUE && ind->evidence_required && !p->evidence &&
        scale_score(ind->scale, p->value) > 0)
        answers_warning(c, rec->line, rec->col, "'%s' has no evidence", ind->id);
}

/* ---- slots -------------------------------------------------------------------------- */

/* The batch-wide line of a line of the input being read (0 beyond 2^32 lines), and the
 * input's last line with an answer, so the next input's lines follow it. */
static uint32_t slot_at(const answers_ctx *c, unsigned line)
{
    patuh_input *in = &c->batch->inputs[c->file];
    if (line > in->lines)
        in->lines = line;
    return line <= UINT32_MAX - in->line_base ? in->line_base + line : 0;
}

/* The input a slot's answer came from, from its batch-wide line: the last input whose
 * line_base is below it; SIZE_MAX when not known. */
static size_t slot_input(const patuh_batch *batch, uint32_t at)
{
    if (at == 0 || batch->n_inputs == 0)
        return SIZE_MAX;
    size_t lo = 0, hi = batch->n_inputs;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (batch->inputs[mid].line_base < at)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* Where a slot's answer was given, from its batch-wide line: "FILE:LINE", or the cell on a
 * workbook's answers sheet; NULL when not known (beyond 2^32 lines of input). */
static const char *slot_where_text(const patuh_batch *batch, uint32_t at, char *buf, size_t size)
{
    size_t lo = slot_input(batch, at);
    if (lo == SIZE_MAX)
        return NULL;
    const patuh_input *in = &batch->inputs[lo];
    unsigned line = at - in->line_base;
    if (in->sheets[0])
        return batch_where_text(batch, (uint32_t)lo, line, in->value_col, 0, buf, size);
    snprintf(buf, size, "%s:%u", in->path, line);
    return buf;
}

static const double slot_scale[ANSWER_MAX_DECIMALS + 1] = {1, 10, 100, 1000};

/* Keeps a value in the slot when it is k / 10^d for a small k and d <= 3: decoding divides
 * the same way, so it gives back the very same double. Anything else goes to the agency's
 * numbers. False when out of memory or when the agency has more numbers than a slot can
 * index (answer_store tells which). */
static bool slot_put_value(ans_agency *a, patuh_answer *slot, double value)
{
    const double max = (double)(((uint32_t)1 << ANSWER_PAYLOAD_BITS) - 1);
    for (unsigned d = 0; d <= ANSWER_MAX_DECIMALS && !signbit(value); d++) {
        double k = round(value * slot_scale[d]);
        if (k <= max && k / slot_scale[d] == value) {
            slot->in_slot = 1;
            slot->decimals = d;
            slot->payload = (uint32_t)k;
            return true;
        }
    }
    if (a->pub.n_numbers > max)
        return false;
    double *numbers = array_room(a->pub.numbers, a->pub.n_numbers, sizeof *numbers);
    if (!numbers)
        return false;
    a->pub.numbers = numbers;
    numbers[a->pub.n_numbers] = value;
    slot->in_slot = 0;
    slot->payload = (uint32_t)a->pub.n_numbers++;
    return true;
}

bool answer_given(const patuh_unit *unit, size_t ind)
{
    return unit->answers && unit->answers[ind].state != ANSWER_MISSING;
}

answer_value answer_get(const patuh_agency *agency, const patuh_unit *unit, size_t ind)
{
    if (!answer_given(unit, ind))
        return (answer_value){.state = ANSWER_MISSING};
    const patuh_answer *slot = &unit->answers[ind];
    answer_value v = {.state = (enum answer_state)slot->state, .evidence = slot->evidence};
    if (slot->state == ANSWER_VALUE)
        v.value = slot->in_slot ? slot->payload / slot_scale[slot->decimals]
                                : agency->numbers[slot->payload];
    return v;
}

/* A second answer for a slot, when one of the two was proposed by `patuh scan`
 * (doc/formats.md §3.10): the assessor's answer stands, whichever came first. */
enum proposal { PROPOSAL_NONE, PROPOSAL_YIELDS, PROPOSAL_REPLACED };

static enum proposal proposal_meets(const answers_ctx *c, patuh_answer *slot, bool scratch)
{
    patuh_batch *batch = c->batch;
    size_t first = slot_input(batch, slot->at);
    bool old = first != SIZE_MAX && batch->inputs[first].proposed;
    bool new = batch->inputs[c->file].proposed;
    if (old == new)
        return PROPOSAL_NONE;
    if (new)
        return PROPOSAL_YIELDS;
    if (slot->state != ANSWER_INVALID && !scratch) {
        batch->n_answers--;
        batch->inputs[first].proposed_used--;
    }
    *slot = (patuh_answer){0};
    return PROPOSAL_REPLACED;
}

/* The unit's slot of an indicator, its slots allocated on first use; NULL when out of
 * memory. */
static patuh_answer *slot_of(const answers_ctx *c, patuh_unit *u, const patuh_node *ind)
{
    const patuh_batch *batch = c->batch;
    if (!u->answers) { /* from the arena: millions of small arrays would slow malloc down */
        size_t n = batch->rubric->n_indicators ? batch->rubric->n_indicators : 1;
        if (!(u->answers = arena_alloc(batch->arena, n * sizeof *u->answers)))
            return NULL;
        memset(u->answers, 0, n * sizeof *u->answers);
    }
    return &u->answers[ind->ind_index];
}

/* A blank answer (an empty cell, a null value) stays missing, but its slot remembers where
 * it was left blank, so the missing answer is reported at that cell (doc/scoring.md §4). */
static patuh_status answer_blank(const answers_ctx *c, patuh_unit *u, const patuh_node *ind,
                                 const answer_record *rec)
{
    patuh_answer *slot = slot_of(c, u, ind);
    if (!slot)
        return PATUH_ENOMEM;
    if (slot->state == ANSWER_MISSING && slot->at == 0) {
        slot->at = slot_at(c, rec->indicator.line);
        if (c->sheet)
            c->batch->inputs[c->file].blank_col = rec->col; /* the value cell, also when empty */
    }
    return PATUH_OK;
}

bool answer_blank_where(const patuh_batch *batch, const patuh_unit *unit, size_t ind,
                        answer_where *out)
{
    for (const patuh_unit *u = unit; u; u = u->parent) {
        if (!u->answers || u->answers[ind].state != ANSWER_MISSING || u->answers[ind].at == 0)
            continue;
        uint32_t at = u->answers[ind].at;
        size_t k = slot_input(batch, at);
        if (k == SIZE_MAX)
            return false;
        const patuh_input *in = &batch->inputs[k];
        out->file = in->path;
        out->line = at - in->line_base;
        out->sheet = in->sheets[0];
        cell_name(out->line, in->blank_col, out->cell, sizeof out->cell);
        return true;
    }
    return false;
}

/* Puts the answer into its slot; *stored is false when the slot was taken. */
static patuh_status answer_store(const answers_ctx *c, ans_agency *a, patuh_unit *u,
                                 const patuh_node *ind, const in_text *key, const ans_parsed *p,
                                 bool *stored)
{
    const patuh_batch *batch = c->batch;
    char label[256], place[512];
    *stored = false;
    patuh_answer *slot = slot_of(c, u, ind);
    if (!slot)
        return PATUH_ENOMEM;
    if (slot->state != ANSWER_MISSING) {
        enum proposal pr = proposal_meets(c, slot, a->scratch);
        if (pr == PROPOSAL_YIELDS)
            return PATUH_OK;
    }
    if (slot->state != ANSWER_MISSING) {
        const char *first = slot_where_text(batch, slot->at, place, sizeof place);
        if (first)
            answers_error(c, key->line, key->col,
                          "duplicate answer for '%s' in '%s', first given at %s", ind->id,
                          batch_unit_label(a, u, label, sizeof label), first);
        else
            answers_error(c, key->line, key->col,
                          "duplicate answer for '%s' in '%s', first given earlier", ind->id,
                          batch_unit_label(a, u, label, sizeof label));
        return PATUH_OK;
    }
    if (p->state == ANSWER_VALUE && !slot_put_value(a, slot, p->value)) {
        if (a->pub.n_numbers < ((size_t)1 << ANSWER_PAYLOAD_BITS))
            return PATUH_ENOMEM;
        answers_error(c, key->line, key->col,
                      "agency '%s' has more than %zu answers with more than three decimals, "
                      "expected at most that many",
                      a->pub.id, (size_t)1 << ANSWER_PAYLOAD_BITS);
        return PATUH_OK;
    }
    slot->state = (unsigned)p->state;
    slot->evidence = p->evidence;
    slot->at = slot_at(c, key->line);
    if (c->sheet)
        c->batch->inputs[c->file].value_col = key->col;
    if (!a->scratch && p->state != ANSWER_INVALID) {
        c->batch->n_answers++; /* answers accepted; refused ones only hold their place */
        c->batch->inputs[c->file].proposed_used += c->batch->inputs[c->file].proposed ? 1 : 0;
    }
    *stored = true;
    return PATUH_OK;
}

patuh_status answer_put(const answers_ctx *c, ans_agency *a, patuh_unit *u, const patuh_node *ind,
                        const answer_record *rec)
{
    ans_parsed p;
    bool stored = false;
    if (!answer_parse(c, ind, rec, &p))
        p = (ans_parsed){.state = ANSWER_INVALID};
    else if (p.state == ANSWER_MISSING)
        return a->scratch ? PATUH_OK : answer_blank(c, u, ind, rec);
    patuh_status st = answer_store(c, a, u, ind, &rec->indicator, &p, &stored);
    if (stored && p.state != ANSWER_INVALID)
        answer_warn(c, ind, rec, &p);
    return st;
}

/* ---- response counts (doc/scoring.md §16) ------------------------------------------- */

/* The section `responses:` names: one with `min_responses`, else NULL after reporting. */
static const patuh_node *responses_section(const answers_ctx *c, const in_text *id)
{
    const patuh_rubric *r = c->batch->rubric;
    char buf[64], list[512] = "";
    size_t used = 0;
    const patuh_node *node = id->shape == IN_TEXT ? patuh_rubric_find(r, id->text) : NULL;
    if (node && node->min_responses)
        return node;
    for (size_t i = 0; i < r->n_counted; i++) {
        int n = snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", r->counted[i]->id);
        used = n > 0 && (size_t)n < sizeof list - used ? used + (size_t)n : used;
    }
    if (r->n_counted == 0)
        answers_error(c, id->line, id->col,
                      "responses for %s, but no section of rubric '%s' has min_responses",
                      in_text_quoted(id, buf, sizeof buf), r->id);
    else
        answers_error(c, id->line, id->col,
                      "responses for %s, expected a section with min_responses: %s",
                      in_text_quoted(id, buf, sizeof buf), list);
    return NULL;
}

patuh_status responses_put(const answers_ctx *c, patuh_unit *u, const in_text *section,
                           const in_text *count)
{
    const patuh_rubric *r = c->batch->rubric;
    const patuh_node *node = responses_section(c, section);
    double v;
    char buf[64];
    if (!node)
        return PATUH_OK;
    if (!in_text_number(count, &v) || v != floor(v) || v < 0 || v > 1e9) {
        answers_error(c, count->line, count->col,
                      "expected a whole number of responses 0-1000000000 for '%s', got %s",
                      node->id, in_text_describe(count, buf, sizeof buf));
        return PATUH_OK;
    }
    if (!u->responses) {
        if (!(u->responses = malloc(r->n_counted * sizeof *u->responses)))
            return PATUH_ENOMEM;
        for (size_t i = 0; i < r->n_counted; i++)
            u->responses[i] = -1;
    }
    long *slot = &u->responses[node->resp_index];
    if (*slot >= 0 && *slot != (long)v)
        answers_error(c, count->line, count->col,
                      "responses for '%s' given twice, %ld before and %ld here", node->id, *slot,
                      (long)v);
    else
        *slot = (long)v;
    return PATUH_OK;
}

long patuh_unit_responses(const patuh_unit *unit, const patuh_node *section)
{
    if (!section || section->resp_index == SIZE_MAX)
        return -1;
    for (const patuh_unit *u = unit; u; u = u->parent)
        if (u->responses && u->responses[section->resp_index] >= 0)
            return u->responses[section->resp_index];
    return -1;
}
