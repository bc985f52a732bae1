/* uji_rubric.h — the small rubric the reader tests share: section IN (list scale 0-3; IN.1
 * allows na, IN.2 wants evidence) and section PG (PG.1 a number scale 0-100 with target 90,
 * PG.2 a checklist of three channels); groups kota and kabupaten. */
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

#endif
