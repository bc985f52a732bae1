/* fuzz_xlsx.c — libFuzzer target for the XLSX answers reader. An input starting with "PK" is
 * read as a whole workbook; any other input is split at "\n#-#\n" into the shared strings, the
 * answers sheet, the agencies sheet and the instructions sheet, zipped here (stored, with
 * correct CRCs) beside a fixed workbook.xml, so mutations reach the XML and the cells instead
 * of failing the zip's checksums. A batch that reads cleanly is scored. */
#include "fuzz_common.h"

#include <string.h>
#include <zlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct zbuf {
    unsigned char *p;
    size_t len, cap;
} zbuf;

static void put(zbuf *b, const void *data, size_t n)
{
    if (b->len + n > b->cap) {
        size_t cap = (b->len + n) * 2 + 256;
        unsigned char *bigger = realloc(b->p, cap);
        if (!bigger)
            abort();
        b->p = bigger;
        b->cap = cap;
    }
    memcpy(b->p + b->len, data, n);
    b->len += n;
}

static void put16(zbuf *b, unsigned v)
{
    unsigned char x[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
    put(b, x, 2);
}

static void put32(zbuf *b, unsigned long v)
{
    unsigned char x[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    put(b, x, 4);
}

typedef struct zentry {
    const char *name;
    const unsigned char *data;
    size_t len;
    unsigned long crc, offset;
} zentry;

/* The fixed header of a local or central record for a stored entry. */
static void zheader(zbuf *b, const zentry *e, bool central)
{
    put32(b, central ? 0x02014b50 : 0x04034b50);
    if (central)
        put16(b, 20);
    put16(b, 20), put16(b, 0), put16(b, 0), put16(b, 0), put16(b, 0);
    put32(b, e->crc), put32(b, e->len), put32(b, e->len);
    put16(b, (unsigned)strlen(e->name)), put16(b, 0);
    if (central) {
        put16(b, 0), put16(b, 0), put16(b, 0), put32(b, 0), put32(b, e->offset);
    }
    put(b, e->name, strlen(e->name));
}

static void zip_write(zbuf *b, zentry *e, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        e[i].crc = crc32(0L, e[i].data, (uInt)e[i].len);
        e[i].offset = (unsigned long)b->len;
        zheader(b, &e[i], false);
        put(b, e[i].data, e[i].len);
    }
    size_t dir = b->len;
    for (size_t i = 0; i < n; i++)
        zheader(b, &e[i], true);
    put32(b, 0x06054b50), put16(b, 0), put16(b, 0), put16(b, (unsigned)n),
        put16(b, (unsigned)n);
    put32(b, (unsigned long)(b->len - dir)), put32(b, (unsigned long)dir), put16(b, 0);
}

static const char workbook[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<workbook xmlns=\"http://schemas.openxmlformats"
    ".org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/"
    "2006/relationships\"><sheets><sheet name=\"Petunjuk\" sheetId=\"1\" r:id=\"rId1\"/><sheet "
    "name=\"Instansi\" sheetId=\"2\" r:id=\"rId2\"/><sheet name=\"Jawaban\" sheetId=\"3\" "
    "r:id=\"rId3\"/></sheets></workbook>";
static const char rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Relationships xmlns=\"http://schemas."
    "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Target=\""
    "worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Target=\"worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId3\" Target=\"/xl/worksheets/sheet3.xml\"/></Relationships>";

/* The first "\n#-#\n" in [p, end), or NULL. */
static const uint8_t *separator(const uint8_t *p, const uint8_t *end)
{
    for (; end - p >= 5; p++)
        if (memcmp(p, "\n#-#\n", 5) == 0)
            return p;
    return NULL;
}

/* The parts of a split input, in the order listed in `names` below. */
static void zip_parts(zbuf *b, const uint8_t *data, size_t size)
{
    static const char *const names[] = {"xl/sharedStrings.xml", "xl/worksheets/sheet3.xml",
                                        "xl/worksheets/sheet2.xml", "xl/worksheets/sheet1.xml"};
    zentry e[6] = {{"xl/workbook.xml", (const unsigned char *)workbook, sizeof workbook - 1,
                    0, 0},
                   {"xl/_rels/workbook.xml.rels", (const unsigned char *)rels, sizeof rels - 1,
                    0, 0}};
    size_t n = 2;
    const uint8_t *p = data, *end = data + size;
    while (n < 6) {
        const uint8_t *sep = separator(p, end);
        e[n] = (zentry){names[n - 2], p, (size_t)((sep ? sep : end) - p), 0, 0};
        n++;
        if (!sep)
            break;
        p = sep + 5;
    }
    zip_write(b, e, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    patuh_rubric *rubric = fuzz_rubric();
    patuh_diags diags;
    patuh_diags_init(&diags);
    diags.max = 100;
    zbuf zip = {0};
    if (size >= 2 && data[0] == 'P' && data[1] == 'K')
        put(&zip, data, size);
    else
        zip_parts(&zip, data, size);
    patuh_batch *batch = patuh_batch_new(rubric, NULL);
    if (!batch)
        abort();
    patuh_status st = patuh_batch_add_buffer(batch, "fuzz.xlsx", (const char *)zip.p, zip.len,
                                             &diags);
    if (st == PATUH_OK && diags.errors)
        abort(); /* an error must make the status EINVALID */
    if (st == PATUH_OK && batch->n_agencies > 0)
        patuh_batch_score(batch, &diags);
    fuzz_format_diags(&diags);
    patuh_batch_free(batch);
    patuh_diags_release(&diags);
    free(zip.p);
    return 0;
}
