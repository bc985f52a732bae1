/* xlsx_book.c — an XLSX workbook read from memory: the zip through minizip with each entry
 * bounded in size and compression ratio, workbook.xml and its rels (libxml2's xmlReader) to
 * find the sheets by name, and the helpers of the SAX2 passes over the shared strings and
 * the sheets (no network, no entity expansion, no DTD loaded). */
#include "input/xlsx_book.h"

#include <libxml/xmlreader.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- the zip in memory ------------------------------------------------------------------ */

static voidpf mem_open(voidpf opaque, const void *name, int mode)
{
    (void)name;
    (void)mode;
    ((mem_file *)opaque)->pos = 0;
    return opaque;
}

static uLong mem_read(voidpf opaque, voidpf stream, void *buf, uLong size)
{
    (void)opaque;
    mem_file *m = stream;
    size_t n = m->len - m->pos < size ? m->len - m->pos : size;
    memcpy(buf, m->data + m->pos, n);
    m->pos += n;
    return (uLong)n;
}

static uLong mem_write(voidpf opaque, voidpf stream, const void *buf, uLong size)
{
    (void)opaque, (void)stream, (void)buf, (void)size;
    return 0;
}

static ZPOS64_T mem_tell(voidpf opaque, voidpf stream)
{
    (void)opaque;
    return ((mem_file *)stream)->pos;
}

static long mem_seek(voidpf opaque, voidpf stream, ZPOS64_T offset, int origin)
{
    (void)opaque;
    mem_file *m = stream;
    ZPOS64_T base = origin == ZLIB_FILEFUNC_SEEK_SET   ? 0
                    : origin == ZLIB_FILEFUNC_SEEK_CUR ? m->pos
                                                       : m->len;
    if (base + offset > m->len)
        return -1;
    m->pos = (size_t)(base + offset);
    return 0;
}

static int mem_close(voidpf opaque, voidpf stream)
{
    (void)opaque, (void)stream;
    return 0;
}

static int mem_error(voidpf opaque, voidpf stream)
{
    (void)opaque, (void)stream;
    return 0;
}

/* ---- the workbook ----------------------------------------------------------------------- */

void xlsx_release(xlsx *x)
{
    for (size_t i = 0; i < x->n_sheets; i++) {
        free(x->sheets[i].name);
        free(x->sheets[i].rid);
        free(x->sheets[i].path);
    }
    free(x->sheets);
    free(x->strings);
    arena_free(x->string_arena);
    for (size_t i = 0; i < x->n_ids; i++)
        free(x->ids[i]);
    free(x->ids);
    idmap_free(x->known);
    if (x->zip)
        unzClose(x->zip);
}

/* Room for one more item in an array that doubles at powers of two. */
bool grow(void **arr, size_t n, size_t size)
{
    void *bigger = array_room(*arr, n, size);
    if (!bigger)
        return false;
    *arr = bigger;
    return true;
}

/* Checks an entry's declared sizes against the limits; false when reported. */
static bool entry_check(const xlsx *x, const char *name, const unz_file_info64 *info)
{
    if (info->uncompressed_size > x->lim->max_xlsx_bytes) {
        answers_error(x->c, 0, 0,
                      "entry '%s' is larger than the limit of %zu bytes "
                      "uncompressed",
                      name, x->lim->max_xlsx_bytes);
        return false;
    }
    if (info->uncompressed_size > XLSX_RATIO_FLOOR &&
        info->uncompressed_size / (info->compressed_size ? info->compressed_size : 1) >
            x->lim->max_xlsx_ratio) {
        answers_error(x->c, 0, 0,
                      "entry '%s' expands more than %u times, expected an ordinary workbook", name,
                      x->lim->max_xlsx_ratio);
        return false;
    }
    return true;
}

/* Reads the entry at the current position: 1 = read, 0 = reported, -1 = out of memory. */
static int entry_read_current(xlsx *x, const char *name, char **data, size_t *len)
{
    unz_file_info64 info;
    if (unzGetCurrentFileInfo64(x->zip, &info, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK ||
        unzOpenCurrentFile(x->zip) != UNZ_OK) {
        answers_error(x->c, 0, 0, "damaged workbook: cannot read entry '%s'", name);
        return 0;
    }
    if (!entry_check(x, name, &info)) {
        unzCloseCurrentFile(x->zip);
        return 0;
    }
    size_t size = (size_t)info.uncompressed_size;
    char *buf = malloc(size + 1);
    if (!buf) {
        unzCloseCurrentFile(x->zip);
        return -1;
    }
    int got = size ? unzReadCurrentFile(x->zip, buf, (unsigned)size) : 0;
    char extra;
    bool ok = got >= 0 && (size_t)got == size && unzReadCurrentFile(x->zip, &extra, 1) == 0;
    ok = unzCloseCurrentFile(x->zip) == UNZ_OK && ok;
    if (!ok) {
        free(buf);
        answers_error(x->c, 0, 0,
                      "damaged workbook: entry '%s' does not match its declared size or "
                      "checksum",
                      name);
        return 0;
    }
    buf[size] = '\0';
    *data = buf;
    *len = size;
    return 1;
}

/* Whether the zip holds an entry of this name (case-insensitive) more than once: a reader
 * and a spreadsheet could each take a different one, so it is damage, not a choice. */
static bool entry_twice(xlsx *x, const char *name)
{
    char found[512];
    int seen = 0;
    for (int rc = unzGoToFirstFile(x->zip); rc == UNZ_OK && seen < 2; rc = unzGoToNextFile(x->zip))
        if (unzGetCurrentFileInfo64(x->zip, NULL, found, sizeof found, NULL, 0, NULL, 0) ==
                UNZ_OK &&
            strcasecmp(found, name) == 0)
            seen++;
    return seen > 1;
}

/* An entry by name (case-insensitive): 1 = read, 0 = absent or reported, -1 = no memory. */
int entry_read(xlsx *x, const char *name, char **data, size_t *len, bool *absent)
{
    *absent = unzLocateFile(x->zip, name, 2) != UNZ_OK;
    if (*absent)
        return 0;
    if (entry_twice(x, name)) {
        answers_error(x->c, 0, 0,
                      "damaged workbook: the zip holds entry '%s' twice, expected it once", name);
        return 0;
    }
    if (unzLocateFile(x->zip, name, 2) != UNZ_OK) /* back to the first, after the scan */
        return 0;
    return entry_read_current(x, name, data, len);
}

/* ---- XML -------------------------------------------------------------------------------- */

static void xml_quiet(void *arg, const char *msg, xmlParserSeverities sev,
                      xmlTextReaderLocatorPtr loc)
{
    (void)msg, (void)sev, (void)loc;
    *(bool *)arg = true;
}

typedef struct xml_doc {
    xmlTextReaderPtr r;
    bool failed;
} xml_doc;

/* A streaming reader on an entry's bytes: no network, no entity expansion, no DTD. */
static bool xml_open(xml_doc *d, const char *data, size_t len)
{
    d->failed = false;
    d->r = xmlReaderForMemory(data, (int)len, NULL, NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (d->r)
        xmlTextReaderSetErrorHandler(d->r, xml_quiet, &d->failed);
    return d->r != NULL;
}

static const char *xml_name(const xml_doc *d)
{
    return (const char *)xmlTextReaderConstLocalName(d->r);
}

static bool xml_is(const xml_doc *d, int type, const char *name)
{
    const char *n = xml_name(d);
    return xmlTextReaderNodeType(d->r) == type && n && strcmp(n, name) == 0;
}

/* An attribute by local name, whatever its namespace (caller frees); NULL when absent. */
static char *xml_attr(const xml_doc *d, const char *name)
{
    char *value = NULL;
    while (!value && xmlTextReaderMoveToNextAttribute(d->r) == 1) {
        const char *n = (const char *)xmlTextReaderConstLocalName(d->r);
        if (n && strcmp(n, name) == 0)
            value = str_dup((const char *)xmlTextReaderConstValue(d->r));
    }
    xmlTextReaderMoveToElement(d->r);
    return value;
}

/* ---- workbook.xml and its rels ------------------------------------------------------------ */

static patuh_status sheet_ref_add(xlsx *x, const xml_doc *d)
{
    if (!grow((void **)&x->sheets, x->n_sheets, sizeof *x->sheets))
        return PATUH_ENOMEM;
    xl_sheet_ref *s = &x->sheets[x->n_sheets];
    *s = (xl_sheet_ref){xml_attr(d, "name"), NULL, NULL, false};
    xmlTextReaderMoveToElement(d->r);
    s->rid = xml_attr(d, "id");
    xmlTextReaderMoveToElement(d->r);
    char *state = xml_attr(d, "state");
    s->hidden = state && strcmp(state, "visible") != 0;
    free(state);
    x->n_sheets++;
    return s->name && s->rid ? PATUH_OK : PATUH_ENOMEM;
}

/* "worksheets/sheet1.xml" relative to xl/, or "/xl/..." from the top. */
static char *rel_target(const char *target)
{
    return target[0] == '/' ? str_dup(target + 1) : str_printf("xl/%s", target);
}

static patuh_status rel_apply(xlsx *x, const xml_doc *d)
{
    char *id = xml_attr(d, "Id"), *target = xml_attr(d, "Target");
    patuh_status st = id && target ? PATUH_OK : PATUH_ENOMEM;
    for (size_t i = 0; st == PATUH_OK && i < x->n_sheets; i++) {
        if (x->sheets[i].path || strcmp(x->sheets[i].rid, id) != 0)
            continue;
        if (!(x->sheets[i].path = rel_target(target)))
            st = PATUH_ENOMEM;
    }
    free(id);
    free(target);
    return st;
}

typedef patuh_status (*xml_element_fn)(xlsx *x, const xml_doc *d);

/* Calls `fn` for every start of element `name` in an entry; 0 = reported or absent. */
static int xml_each(xlsx *x, const char *entry, const char *name, xml_element_fn fn,
                    patuh_status *st)
{
    char *data;
    size_t len;
    bool absent;
    int rc = entry_read(x, entry, &data, &len, &absent);
    if (rc <= 0) {
        *st = rc < 0 ? PATUH_ENOMEM : PATUH_OK;
        return 0;
    }
    xml_doc d;
    *st = xml_open(&d, data, len) ? PATUH_OK : PATUH_ENOMEM;
    while (*st == PATUH_OK && (rc = xmlTextReaderRead(d.r)) == 1)
        if (xml_is(&d, XML_READER_TYPE_ELEMENT, name))
            *st = fn(x, &d);
    bool bad = *st == PATUH_OK && (rc < 0 || d.failed);
    if (bad)
        answers_error(x->c, 0, 0, "damaged workbook: '%s' is not well-formed XML", entry);
    xmlFreeTextReader(d.r);
    free(data);
    return bad ? 0 : 1;
}

patuh_status workbook_read(xlsx *x, bool *ok)
{
    patuh_status st;
    *ok = false;
    if (unzLocateFile(x->zip, "xl/workbook.xml", 2) != UNZ_OK) {
        answers_error(x->c, 0, 0, "not an XLSX workbook (%s)",
                      "no xl/workbook.xml in the zip file");
        return PATUH_OK;
    }
    if (!xml_each(x, "xl/workbook.xml", "sheet", sheet_ref_add, &st) || st != PATUH_OK)
        return st;
    if (!xml_each(x, "xl/_rels/workbook.xml.rels", "Relationship", rel_apply, &st) ||
        st != PATUH_OK)
        return st;
    *ok = true;
    return PATUH_OK;
}

/* ---- SAX ------------------------------------------------------------------------------------ */

void sax_fail(sax_pass *p, patuh_status st)
{
    p->st = st;
    xmlStopParser(p->ctxt);
}

/* Any error or warning libxml2 raises makes the part damaged, as with xmlReader; nothing is
 * printed. */
static void sax_error(void *ctxt, xmlErrorPtr err)
{
    (void)err;
    sax_pass *p = sax_pass_of(ctxt);
    if (p)
        p->damaged = true;
}

/* libxml2's SAX2 defaults (they keep the DTD's declarations, so a reference to a declared
 * entity is dropped and one to an undeclared entity is an error, as with xmlReader), with
 * the pass's own element and text callbacks; references are dropped, errors kept. */
void sax_handler(xmlSAXHandler *h, startElementNsSAX2Func start, endElementNsSAX2Func end,
                 charactersSAXFunc text)
{
    xmlSAXVersion(h, 2);
    h->startElementNs = start;
    h->endElementNs = end;
    h->characters = h->cdataBlock = h->ignorableWhitespace = text;
    h->reference = NULL;
    h->serror = sax_error;
    h->warning = NULL;
    h->error = NULL;
}

/* Parses an entry's bytes through the handler: false when the XML is not well-formed (not
 * reported), and p->st for what a callback found. No network, no entity expansion. */
bool sax_parse(sax_pass *p, xmlSAXHandler *h, const char *data, size_t len)
{
    enum { PIECE = 1 << 16 };
    p->st = PATUH_OK;
    p->damaged = false;
    p->ctxt = xmlCreatePushParserCtxt(h, NULL, NULL, 0, NULL);
    if (!p->ctxt) {
        p->st = PATUH_ENOMEM;
        return true;
    }
    p->ctxt->_private = p;
    xmlCtxtUseOptions(p->ctxt, XML_PARSE_NONET); /* errors and warnings reach sax_error */
    size_t at = 0;
    bool ok = true;
    do {
        size_t n = len - at < PIECE ? len - at : PIECE;
        ok = xmlParseChunk(p->ctxt, data + at, (int)n, at + n == len) == 0;
        at += n;
    } while (ok && p->st == PATUH_OK && at < len);
    ok = ok && p->ctxt->wellFormed && !p->damaged;
    if (p->ctxt->myDoc)
        xmlFreeDoc(p->ctxt->myDoc);
    xmlFreeParserCtxt(p->ctxt);
    p->ctxt = NULL;
    return ok || p->st != PATUH_OK;
}

/* ---- opening ------------------------------------------------------------------------------ */

bool xlsx_open_zip(xlsx *x, const char *data, size_t len)
{
    zlib_filefunc64_def io = {mem_open, mem_read,  mem_write, mem_tell,
                              mem_seek, mem_close, mem_error, &x->mem};
    x->mem = (mem_file){data, len, 0};
    return len >= 4 && memcmp(data, "PK", 2) == 0 && (x->zip = unzOpen2_64("", &io)) != NULL;
}
