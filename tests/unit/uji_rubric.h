/* uji_rubric.h — the small rubric the reader tests share: section IN (list scale 0-3; IN.1
 * allows na, IN.2 wants evidence) and section PG (PG.1 a number scale 0-100 with target 90,
 * PG.2 a checklist of three channels); groups kota and kabupaten. Also the helpers that
 * read an answer back. */
#ifndef PATUH_TEST_UJI_RUBRIC_H
#define PATUH_TEST_UJI_RUBRIC_H

static const char rubric_text[] =
    "patuh: 1\n"
    "id: uji\n"
    "title: Rubrik uji\n"
    "groups: [kota, kabupaten]\n"
    "scales:\n"
    "  interval3: [{value: 0, label: Tidak}, {value: 1, label: Sedikit},\n"
    "              {value: 2, label: Sebagian}, {value: 3, label: Penuh}]\n"
    "bands:\n"
    "  - {id: A, label: Baik, zone: hijau, min: 50}\n"
    "  - {id: B, label: Buruk, zone: merah, min: 0}\n"
    "zones: {hijau: \"#63BE7B\", merah: \"#F8696B\"}\n"
    "sections:\n"
    "  - id: IN\n"
    "    title: Input\n"
    "    indicators:\n"
    "      - {id: IN.1, text: satu, scale: interval3, na: true}\n"
    "      - {id: IN.2, text: dua, scale: interval3, evidence: required}\n"
    "  - id: PG\n"
    "    title: Pengaduan\n"
    "    indicators:\n"
    "      - {id: PG.1, text: tindak lanjut, scale: {number: {min: 0, max: 100, target: 90}}}\n"
    "      - {id: PG.2, text: saluran, scale: {checklist: {items: [lapor, email, whatsapp]}}}\n";

/* The suite's rubric, loaded from rubric_text by its setup. */
static patuh_rubric *rubric;

/* The agency with this id (the suite fails without it); inline: not every suite uses it. */
static inline const patuh_agency *agency(const patuh_batch *batch, const char *id)
{
    for (size_t i = 0; i < batch->n_agencies; i++)
        if (strcmp(batch->agencies[i]->id, id) == 0)
            return batch->agencies[i];
    fail_msg("no agency '%s'", id);
    return NULL;
}

/* The slot of a unit for an indicator (where it was given). Include input/input.h first. */
static const patuh_answer *slot(const patuh_unit *unit, const char *id)
{
    const patuh_node *node = patuh_rubric_find(rubric, id);
    assert_non_null(node);
    assert_non_null(unit->answers);
    return &unit->answers[node->ind_index];
}

/* The answer a unit holds for an indicator, read back through its agency (the root unit
 * is the agency's `root` member). */
static answer_value answer(const patuh_unit *unit, const char *id)
{
    const patuh_unit *root = unit;
    while (root->parent)
        root = root->parent;
    const patuh_agency *agency =
        (const patuh_agency *)(const void *)((const char *)root - offsetof(patuh_agency, root));
    return answer_get(agency, unit, (size_t)(slot(unit, id) - unit->answers));
}

#endif
