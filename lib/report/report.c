/* report.c — the public report entry points: the format from a name or a path, writing to a
 * stream or to a path through a temporary file renamed into place only on success. Also the
 * label table (Indonesian / English) and the small value helpers the writers share. */
#include "report/report.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- labels ------------------------------------------------------------------------- */

static const char *const report_labels[REPORT_L_COUNT][2] = {
    [REPORT_L_RANK] = {"Peringkat", "Rank"},
    [REPORT_L_GROUP_RANK] = {"Peringkat Kelompok", "Group rank"},
    [REPORT_L_GROUP_RANK_SHORT] = {"Pkt.Kel", "Grp"},
    [REPORT_L_ID] = {"Kode", "Id"},
    [REPORT_L_NAME] = {"Nama", "Name"},
    [REPORT_L_GROUP] = {"Kelompok", "Group"},
    [REPORT_L_REGION] = {"Wilayah", "Region"},
    [REPORT_L_PERIOD] = {"Periode", "Period"},
    [REPORT_L_TOTAL] = {"Nilai", "Total"},
    [REPORT_L_BAND] = {"Predikat", "Band"},
    [REPORT_L_LABEL] = {"Keterangan", "Label"},
    [REPORT_L_ZONE] = {"Zona", "Zone"},
    [REPORT_L_UNANSWERED] = {"Belum Dijawab", "Unanswered"},
    [REPORT_L_CRITICAL_FAILED] = {"Indikator Kritis Gagal", "Failed critical indicators"},
    [REPORT_L_SHEET_RANKING] = {"Peringkat", "Ranking"},
    [REPORT_L_SHEET_SECTIONS] = {"Bagian", "Sections"},
    [REPORT_L_SHEET_ABOUT] = {"Tentang", "About"},
    [REPORT_L_ABOUT_ITEM] = {"Butir", "Item"},
    [REPORT_L_ABOUT_VALUE] = {"Isi", "Value"},
    [REPORT_L_VERSION] = {"Versi patuh", "patuh version"},
    [REPORT_L_RUBRIC_ID] = {"Kode rubrik", "Rubric id"},
    [REPORT_L_RUBRIC_TITLE] = {"Judul rubrik", "Rubric title"},
    [REPORT_L_AUTHORITY] = {"Penerbit", "Authority"},
    [REPORT_L_YEAR] = {"Tahun", "Year"},
    [REPORT_L_DECIMALS] = {"Desimal", "Decimals"},
    [REPORT_L_RUBRIC_FILE] = {"Berkas rubrik", "Rubric file"},
    [REPORT_L_SHA256] = {"SHA-256 rubrik", "Rubric SHA-256"},
    [REPORT_L_INPUT] = {"Berkas masukan", "Input file"},
    [REPORT_L_OPTIONS] = {"Opsi", "Options"},
    [REPORT_L_TIME] = {"Waktu (UTC)", "Time (UTC)"},
    [REPORT_L_N_AGENCIES] = {"Jumlah instansi", "Agencies"},
    [REPORT_L_N_UNITS] = {"Jumlah unit layanan", "Service units"},
    [REPORT_L_N_ANSWERS] = {"Jumlah jawaban", "Answers"},
    [REPORT_L_N_WARNINGS] = {"Jumlah peringatan", "Warnings"},
    [REPORT_L_WARNING] = {"Peringatan", "Warning"},
    [REPORT_L_SUBJECT] = {"Laporan peringkat kepatuhan", "Compliance ranking report"},
    [REPORT_L_NO] = {"No", "No"},
    [REPORT_L_INDICATOR] = {"Indikator", "Indicator"},
    [REPORT_L_UNIT] = {"Unit", "Unit"},
    [REPORT_L_ANSWER] = {"Jawaban", "Answer"},
    [REPORT_L_GAIN] = {"Kenaikan", "Gain"},
    [REPORT_L_FIX] = {"Perbaikan", "Fix"},
    [REPORT_L_CRITICAL] = {"kritis", "critical"},
    [REPORT_L_CAPPED] = {"indikator kritis gagal, predikat paling tinggi",
                         "failed critical indicators cap the band at"},
    [REPORT_L_NEXT_BAND] = {"Predikat berikutnya", "Next band"},
    [REPORT_L_NEXT_ZONE] = {"Zona berikutnya", "Next zone"},
    [REPORT_L_TOP_BAND] = {"sudah di predikat tertinggi", "already in the top band"},
    [REPORT_L_TOP_ZONE] = {"sudah di zona terbaik", "already in the best zone"},
    [REPORT_L_NO_TOTAL] = {"tidak ada nilai: semua indikator N/A, tidak ada perbaikan yang "
                           "menaikkannya",
                           "no total: every indicator is N/A, so no fix raises it"},
    [REPORT_L_UNREACHABLE] = {"tidak tercapai dengan perbaikan apa pun; semua perbaikan memberi",
                              "no set of fixes reaches it; every fix together gives"},
    [REPORT_L_NO_GAPS] = {"tidak ada kekurangan", "no shortfalls"},
    [REPORT_L_POINTS] = {"poin", "points"},
    [REPORT_L_PER_LEVEL] = {"Kenaikan per level", "Gain per level"},
    [REPORT_L_ITEMS] = {"butir", "items"},
    [REPORT_L_CAP_FIRST] = {"jalur dimulai dengan menaikkan indikator kritis ke nilai penuh",
                            "the path starts by raising the critical indicators to full marks"},
    [REPORT_L_RAISE] = {"naikkan", "raise"},
    [REPORT_L_FROM] = {"dari", "from"},
    [REPORT_L_TO] = {"ke", "to"},
    [REPORT_L_AT] = {"di", "at"},
    [REPORT_L_RESULT] = {"hasil", "result"},
    [REPORT_L_N_INDICATORS] = {"indikator dinaikkan", "indicators raised"},
    [REPORT_L_N_STEPS] = {"langkah level", "level steps"},
    [REPORT_L_PATH] = {"Jalur", "Path"},
    [REPORT_L_TARGET] = {"Sasaran", "Target"},
    [REPORT_L_TARGET_LEVEL] = {"Naik ke", "Raise to"},
    [REPORT_L_TARGET_LABEL] = {"Keterangan level", "Level label"},
    [REPORT_L_STEPS] = {"Langkah level", "Level steps"},
    [REPORT_L_GAIN_POINTS] = {"Kenaikan (poin)", "Gain (points)"},
    [REPORT_L_SHEET_PATHS] = {"Jalur", "Paths"},
    [REPORT_L_RESULT_TOTAL] = {"Nilai hasil", "Resulting total"},
    [REPORT_L_RESULT_BAND] = {"Predikat hasil", "Resulting band"},
    [REPORT_L_NOTE] = {"Catatan", "Note"},
    [REPORT_L_MISSING] = {"belum dijawab", "missing"},
    [REPORT_L_SECTION] = {"Bagian", "Section"},
    [REPORT_L_SCORE] = {"Nilai", "Score"},
    [REPORT_L_WEIGHT] = {"Bobot", "Weight"},
    [REPORT_L_SHARE] = {"Porsi", "Share"},
    [REPORT_L_CONTRIBUTION] = {"Sumbangan", "Contribution"},
    [REPORT_L_BASE] = {"Dasar", "Base"},
    [REPORT_L_DEDUCTION] = {"Potongan", "Deduction"},
    [REPORT_L_RESPONSES] = {"Tanggapan kurang", "Too few responses"},
    [REPORT_L_COLLECT] = {"kumpulkan", "collect"},
    [REPORT_L_MORE_RESPONSES] = {"tanggapan lagi", "more responses"},
    [REPORT_L_SHEET_SUMMARY] = {"Ringkasan", "Summary"},
    [REPORT_L_SHEET_INDICATORS] = {"Indikator", "Indicators"},
    [REPORT_L_SHEET_GAPS] = {"Kekurangan", "Gaps"},
    [REPORT_L_ALL] = {"Semua", "All"},
    [REPORT_L_AGENCIES] = {"Instansi", "Agencies"},
    [REPORT_L_CHART_TITLE] = {"Sebaran zona per kelompok", "Zones by group"},
    [REPORT_L_FULL_MARKS] = {"Porsi nilai penuh", "Share at full marks"},
    [REPORT_L_KEYWORDS] = {"kepatuhan, pelayanan publik, peringkat, patuh",
                           "compliance, public service, ranking, patuh"},
    [REPORT_L_COMMENTS] = {"Dibuat oleh patuh dari rubrik dan berkas jawaban; lembar Tentang "
                           "menyebut sumbernya",
                           "Written by patuh from a rubric and answer files; the About sheet "
                           "names its sources"},
    [REPORT_L_GAPS_SUBJECT] = {"Kekurangan dan perbaikannya", "Shortfalls and their fixes"},
    [REPORT_L_CRITICAL_HEAD] = {"Kritis", "Critical"},
    [REPORT_L_GAPS_TOO_MANY] = {"terlalu banyak untuk satu lembar: jalankan patuh gaps "
                                "--agency KODE",
                                "too many for one sheet: run patuh gaps --agency ID"},
    [REPORT_L_SHEET_COMPARE] = {"Perbandingan", "Comparison"},
    [REPORT_L_SHEET_TRANSITIONS] = {"Perpindahan Zona", "Zone transitions"},
    [REPORT_L_STATUS] = {"Status", "Status"},
    [REPORT_L_STATUS_BOTH] = {"keduanya", "both"},
    [REPORT_L_STATUS_ADDED] = {"baru", "added"},
    [REPORT_L_STATUS_REMOVED] = {"hilang", "removed"},
    [REPORT_L_CHANGE] = {"Perubahan", "Change"},
    [REPORT_L_RANK_CHANGE] = {"Naik peringkat", "Places up"},
    [REPORT_L_RISERS] = {"Kenaikan terbesar", "Biggest risers"},
    [REPORT_L_FALLERS] = {"Penurunan terbesar", "Biggest fallers"},
    [REPORT_L_COMPARE_SUBJECT] = {"Perbandingan dua laporan peringkat",
                                  "Comparison of two ranking reports"},
    [REPORT_L_FORM_SUBJECT] = {"Formulir jawaban penilaian", "Assessment answer form"},
    [REPORT_L_T_MOVED] = {"naik", "moved"},
    [REPORT_L_T_NAME] = {"nama", "name"},
    [REPORT_L_SCAN_SUBJECT] = {"Bukti publikasi daring dari situs tersimpan",
                               "Online publication evidence from saved websites"},
    [REPORT_L_SHEET_PROPOSALS] = {"Usulan", "Proposals"},
    [REPORT_L_SHEET_EVIDENCE] = {"Bukti", "Evidence"},
    [REPORT_L_SHEET_SITES] = {"Situs", "Sites"},
    [REPORT_L_T_GROUP] = {"kelompok", "group"},
    [REPORT_L_T_REGION] = {"wilayah", "region"},
    [REPORT_L_T_RANK] = {"pkt", "rank"},
    [REPORT_L_T_ZONE] = {"zona", "zone"},
    [REPORT_L_T_AGENCIES] = {"instansi", "agencies"},
    [REPORT_L_IN_BOTH] = {"di keduanya", "in both"},
    [REPORT_L_RANK_AMONG] = {"peringkat dan kenaikannya dihitung di antara instansi yang ada di "
                             "kedua periode",
                             "ranks and their changes are among the agencies in both periods"},
    [REPORT_L_METHOD_CHANGED] = {"metode penilaian berubah (dibandingkan dengan --force)",
                                 "the assessment method changed (compared with --force)"},
    [REPORT_L_SECTION_CHANGES] = {"Perubahan per bagian", "Changes per section"},
    [REPORT_L_SHEET_TREND] = {"Tren", "Trend"},
    [REPORT_L_TREND_TITLE] = {"Nilai per periode", "Total per period"},
    [REPORT_L_TREND_NOTE] = {"grafik: instansi dengan perubahan terbesar dari periode pertama ke "
                             "terakhir",
                             "chart: the agencies with the largest change from the first period "
                             "to the last"},
    [REPORT_L_MOVERS_TITLE] = {"Kenaikan dan penurunan terbesar", "Biggest risers and fallers"},
    [REPORT_L_STATUS_EARLIER] = {"sebelumnya", "earlier"},
    [REPORT_L_BAND_CAPPED] = {"predikat dibatasi", "band capped at"},
    [REPORT_L_CRITICAL_FAILED_NOTE] = {"indikator kritis gagal", "failed critical indicators"},
    [REPORT_L_COVERAGE] = {"Cakupan", "Coverage"},
    [REPORT_L_RANKED] = {"diperingkat", "ranked"},
    [REPORT_L_INCOMPLETE] = {"tidak lengkap", "incomplete"},
    [REPORT_L_NOT_ASSESSED] = {"belum dinilai", "not assessed"},
    [REPORT_L_NOT_ASSESSED_HEAD] = {"Belum dinilai", "Not assessed"},
    [REPORT_L_SHEET_UNITS] = {"Unit", "Units"},
    [REPORT_L_UNIT_NAME] = {"Nama unit", "Unit name"},
    [REPORT_L_KIND] = {"Jenis", "Kind"},
    [REPORT_L_KIND_UNIT] = {"unit", "unit"},
    [REPORT_L_KIND_PRODUCT] = {"produk", "product"},
    [REPORT_L_UNITS_TOO_MANY] = {"terlalu banyak unit untuk satu lembar: lihat laporan JSON "
                                 "(patuh score -o FILE.json)",
                                 "too many units for one sheet: see the JSON report "
                                 "(patuh score -o FILE.json)"},
    [REPORT_L_PRODUCTS_SHORT] = {"Produk kurang", "Products missing"},
    [REPORT_L_SAMPLING] = {"Sampel", "Sample"},
    [REPORT_L_SAMPLING_COMPLETE] = {"lengkap", "complete"},
    [REPORT_L_BOOK_RUBRIC] = {"Rubrik", "Rubric"},
    [REPORT_L_BOOK_OFFICE] = {"Penilai", "Assessed by"},
    [REPORT_L_BOOK_DATE] = {"Tanggal", "Date"},
    [REPORT_L_LOCAL_TIME] = {"Waktu", "Time"},
    [REPORT_L_MEAN] = {"Rata-rata", "Mean"},
    [REPORT_L_MEDIAN] = {"Median", "Median"},
    [REPORT_L_HIST_TITLE] = {"Sebaran nilai", "Distribution of totals"},
    [REPORT_L_SCORE_RANGE] = {"Rentang nilai", "Total range"},
    [REPORT_L_SECTION_ID] = {"Kode bagian", "Section id"},
    [REPORT_L_SECTION_LEVEL] = {"Tingkat bagian", "Section level"},
    [REPORT_L_INDICATOR_ID] = {"Kode indikator", "Indicator id"},
    [REPORT_L_SHEET_DATA] = {"Data", "Data"},
    [REPORT_L_YES] = {"ya", "yes"},
    [REPORT_L_NO_WORD] = {"tidak", "no"},
    [REPORT_L_AGENCY_LEVEL] = {"(instansi)", "(agency)"},
    [REPORT_L_SCORE_PERCENT] = {"Nilai (%)", "Score (%)"},
    [REPORT_L_LOCATION] = {"Lokasi", "Location"},
};

const char *report_label(report_label_id label, patuh_lang lang)
{
    if ((unsigned)label >= REPORT_L_COUNT)
        return "";
    return report_labels[label][lang == PATUH_LANG_EN ? 1 : 0];
}

/* ---- shared values ------------------------------------------------------------------ */

double report_round(const patuh_rubric *rubric, double value)
{
    return isnan(value) ? value : patuh_round(value, rubric->decimals);
}

const char *report_number(const patuh_rubric *rubric, double value, char *buf, size_t size)
{
    if (size == 0)
        return "";
    buf[0] = '\0';
    if (!isnan(value))
        patuh_format_number(report_round(rubric, value), rubric->decimals, buf, size);
    return buf;
}

/* Indonesian writes a decimal comma: the first '.' of buf becomes ','. */
static const char *report_decimal_mark(char *buf, patuh_lang lang)
{
    char *dot = lang == PATUH_LANG_ID ? strchr(buf, '.') : NULL;
    if (dot)
        *dot = ',';
    return buf;
}

const char *report_number_lang(const patuh_rubric *rubric, double value, patuh_lang lang, char *buf,
                               size_t size)
{
    report_number(rubric, value, buf, size);
    return report_decimal_mark(buf, lang);
}

const char *report_value_lang(double value, patuh_lang lang, char *buf, size_t size)
{
    if (size == 0)
        return "";
    snprintf(buf, size, "%.4g", value);
    return report_decimal_mark(buf, lang);
}

const char *report_points(const patuh_rubric *rubric, double gain, patuh_lang lang, char *buf,
                          size_t size)
{
    char number[64];
    snprintf(buf, size, "+%s %s", report_number_lang(rubric, gain, lang, number, sizeof number),
             report_label(REPORT_L_POINTS, lang));
    return buf;
}

double report_unit_score(const patuh_rubric *rubric, const patuh_unit *unit, const patuh_node *node)
{
    return patuh_unit_score(rubric, unit, node) * rubric->max;
}

const char *report_group(const patuh_rubric *rubric, const patuh_agency *agency)
{
    if (agency->group < 0 || (size_t)agency->group >= rubric->n_groups)
        return "";
    return rubric->groups[agency->group];
}

const char *report_band_id(const patuh_rubric *rubric, const patuh_agency *agency)
{
    return agency->band < rubric->n_bands ? rubric->bands[agency->band].id : "";
}

const patuh_zone *report_zone(const patuh_rubric *rubric, const patuh_agency *agency)
{
    return report_band_zone(rubric, agency->band);
}

const patuh_zone *report_band_zone(const patuh_rubric *rubric, size_t band)
{
    if (band >= rubric->n_bands)
        return NULL;
    size_t zone = rubric->bands[band].zone;
    return zone < rubric->n_zones ? &rubric->zones[zone] : NULL;
}

const char *report_assessment(const patuh_agency *agency, patuh_lang lang)
{
    switch (agency->assessment) {
    case PATUH_INCOMPLETE: return report_label(REPORT_L_INCOMPLETE, lang);
    case PATUH_NOT_ASSESSED: return report_label(REPORT_L_NOT_ASSESSED, lang);
    default: return report_label(REPORT_L_RANKED, lang);
    }
}

const char *report_assessment_id(const patuh_agency *agency)
{
    switch (agency->assessment) {
    case PATUH_INCOMPLETE: return "incomplete";
    case PATUH_NOT_ASSESSED: return "not_assessed";
    default: return "ranked";
    }
}

const char *report_coverage(const patuh_agency *agency, char *buf, size_t size)
{
    char num[32];
    patuh_format_number(agency->coverage * 100, 1, num, sizeof num);
    snprintf(buf, size, "%s %%", num);
    return buf;
}

const char *report_counts(const patuh_batch *batch, patuh_lang lang, char *buf, size_t size)
{
    if (lang == PATUH_LANG_EN)
        snprintf(buf, size, "%zu ranked, %zu incomplete, %zu not assessed", batch->n_ranked,
                 batch->n_incomplete, batch->n_not_assessed);
    else
        snprintf(buf, size, "%zu diperingkat, %zu tidak lengkap, %zu belum dinilai",
                 batch->n_ranked, batch->n_incomplete, batch->n_not_assessed);
    return buf;
}

bool report_ranked(const patuh_agency *agency)
{
    return agency->rank > 0;
}

char *report_critical_ids(const patuh_agency *agency, const char *sep)
{
    const char *few[16] = {0}, **ids = few;
    size_t n = agency->n_critical_failed;
    if (n > sizeof few / sizeof few[0] && !(ids = malloc(n * sizeof *ids)))
        return NULL;
    for (size_t i = 0; i < n; i++)
        ids[i] = agency->critical_failed[i]->id;
    char *out = str_join(ids, n, sep);
    if (ids != few)
        free(ids);
    return out;
}

bool report_color_rgb(const char *hex, unsigned *rgb)
{
    if (!hex || strlen(hex) != 7 || hex[0] != '#' || strspn(hex + 1, "0123456789abcdefABCDEF") != 6)
        return false;
    *rgb = (unsigned)strtoul(hex + 1, NULL, 16);
    return true;
}

char *report_diag_text(const patuh_diag *diag)
{
    int len = patuh_diag_format(diag, NULL, 0);
    char *buf = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (buf)
        patuh_diag_format(diag, buf, (size_t)len + 1);
    return buf;
}

const char *report_term_text(const char *s, char *buf, size_t size)
{
    if (!s)
        return "";
    if (!text_has_control(s))
        return s;
    text_escape(s, buf, size);
    return buf;
}

const char *patuh_term_text(const char *s, char *buf, size_t size)
{
    return report_term_text(s, buf, size);
}

size_t report_utf8_width(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}
