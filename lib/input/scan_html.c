/* scan_html.c — one saved page through libxml2's HTML parser (no network, no external
 * entities, broken markup recovered) and the rubric's evidence looked for in it
 * (doc/formats.md §3.10): links by host or scheme, phrases in the page's text folded as
 * fold.h does, on word boundaries, within an element or under a heading. The first page, in
 * reading order, where a rule is met is its evidence. */
#include "base/fold.h"
#include "input/scan.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

enum {
    SNIPPET_MAX = 160, /* bytes of text kept as a snippet */
    SHELL_TEXT = 32    /* Pilihan: fewer letters and digits than this, with a script, is a
                        * page only a browser can show */
};

/* Where a text node's folded text starts, to find the element a match stands in. */
typedef struct text_at {
    size_t start;
    xmlNode *node;
} text_at;

/* A heading (h1-h6, or the title) and its folded text's span. */
typedef struct heading_at {
    size_t start, end;
    int level; /* 1-6 for h1-h6, 0 for the title */
} heading_at;

typedef struct page_scan {
    scan_ctx *c;
    const scan_page *page;
    char sha[65];
    fold_buf text;
    text_at *texts;
    size_t n_texts;
    heading_at *heads;
    size_t n_heads;
    size_t scripts;
    bool nomem;
} page_scan;

/* ---- elements ----------------------------------------------------------------------- */

static bool name_is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->name && strcmp((const char *)n->name, name) == 0;
}

static bool is_heading(const xmlNode *n)
{
    const char *s = n->type == XML_ELEMENT_NODE ? (const char *)n->name : "";
    return (s[0] == 'h' && s[1] >= '1' && s[1] <= '6' && s[2] == '\0') || strcmp(s, "title") == 0;
}

/* Whether s is one of the NULL-terminated names. */
static bool name_in(const char *s, const char *const *names)
{
    for (; *names; names++)
        if (strcmp(s, *names) == 0)
            return true;
    return false;
}

/* Elements whose text runs on with the text around them; any other element is a block.
 * Looked up by first letter: this runs for every element of every page. */
static bool is_inline(const xmlNode *n)
{
    static const char *const a[] = {"a", "abbr", NULL},
                             *const b[] = {"b", "bdi", "bdo", "big", NULL},
                             *const c[] = {"cite", "code", NULL}, *const s[] = {"s",    "small",
                                                                                "span", "strong",
                                                                                "sub",  "sup",
                                                                                NULL},
                             *const t[] = {"time", "tt", NULL};
    const char *name = (const char *)n->name;
    switch (name[0]) {
    case 'a': return name_in(name, a);
    case 'b': return name_in(name, b);
    case 'c': return name_in(name, c);
    case 's': return name_in(name, s);
    case 't': return name_in(name, t);
    case 'e': return strcmp(name, "em") == 0;
    case 'f': return strcmp(name, "font") == 0;
    case 'i': return name[1] == '\0';
    case 'k': return strcmp(name, "kbd") == 0;
    case 'l': return strcmp(name, "label") == 0;
    case 'm': return strcmp(name, "mark") == 0;
    case 'q': return name[1] == '\0';
    case 'u': return name[1] == '\0';
    default: return false;
    }
}

/* Elements whose content is not text a reader sees. */
static bool is_hidden(const xmlNode *n)
{
    return name_is(n, "script") || name_is(n, "style") || name_is(n, "noscript") ||
           name_is(n, "template");
}

/* ---- evidence ----------------------------------------------------------------------- */

/* Text with its whitespace collapsed, cut at SNIPPET_MAX bytes on a character boundary. */
static char *snippet_of(const char *s)
{
    char *out = malloc(SNIPPET_MAX + 4);
    if (!out)
        return NULL;
    size_t n = 0;
    bool space = false;
    for (; s && *s && n < SNIPPET_MAX; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch <= ' ' || ch == 0x7F) { /* whitespace, and control characters YAML refuses */
            space = n > 0;
            continue;
        }
        if (space)
            out[n++] = ' ';
        space = false;
        if (n < SNIPPET_MAX)
            out[n++] = (char)ch;
    }
    if (s && *s) {
        while (n > 0 && ((unsigned char)out[n - 1] & 0xC0) == 0x80)
            n--; /* a cut inside a character drops the whole character */
        if (n > 0 && (unsigned char)out[n - 1] >= 0xC0)
            n--;
        memcpy(out + n, "...", 3);
        n += 3;
    }
    out[n] = '\0';
    return out;
}

static void evidence_set(page_scan *p, patuh_scan_evidence *ev, xmlNode *el, const char *text)
{
    xmlChar *path = xmlGetNodePath(el);
    ev->page = str_dup(p->page->page);
    ev->captured = str_dup(p->page->captured);
    ev->xpath = str_dup(path ? (const char *)path : "");
    ev->snippet = snippet_of(text);
    memcpy(ev->sha256, p->sha, sizeof ev->sha256);
    xmlFree(path);
    if (!ev->page || !ev->captured || !ev->xpath || !ev->snippet)
        p->nomem = true;
}

/* ---- links -------------------------------------------------------------------------- */

static bool starts_with_nocase(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++)
        if (!*s || (*s | 32) != (*prefix | 32))
            return false;
    return true;
}

/* The host of an absolute http(s) or scheme-relative address, lowered, into buf. */
static bool href_host(const char *href, char *buf, size_t size, const char **rest)
{
    const char *p = href;
    if (starts_with_nocase(p, "https://"))
        p += 8;
    else if (starts_with_nocase(p, "http://"))
        p += 7;
    else if (p[0] == '/' && p[1] == '/')
        p += 2;
    else
        return false;
    const char *end = p + strcspn(p, "/?#");
    const char *at = memchr(p, '@', (size_t)(end - p));
    if (at)
        p = at + 1;
    size_t n = 0;
    for (const char *q = p; q < end && *q != ':' && n + 1 < size; q++)
        buf[n++] = (char)(*q >= 'A' && *q <= 'Z' ? *q + 32 : *q);
    buf[n] = '\0';
    *rest = end;
    return n > 0;
}

/* Whether an address matches a rule's link: "mailto:" by scheme; "wa.me" by host or a
 * subdomain of it; "facebook.com/pemkab" by host and the start of the path. */
static bool link_matches(const char *href, const char *link)
{
    size_t n = strlen(link);
    if (n && link[n - 1] == ':')
        return starts_with_nocase(href, link);
    char host[256];
    const char *rest;
    if (!href_host(href, host, sizeof host, &rest))
        return false;
    size_t hn = strcspn(link, "/"), h = strlen(host);
    if (h < hn || (h > hn && host[h - hn - 1] != '.'))
        return false;
    for (size_t i = 0; i < hn; i++)
        if ((host[h - hn + i] | 32) != (link[i] | 32))
            return false;
    return link[hn] == '\0' || starts_with_nocase(rest, link + hn);
}

/* A link: the rules not yet found that it meets, and a note when it is a PDF. */
static void link_seen(page_scan *p, xmlNode *el, const char *href)
{
    while (*href == ' ' || *href == '\t' || *href == '\n' || *href == '\r')
        href++;
    size_t path_len = strcspn(href, "?#");
    if (scan_is_pdf_name(href, path_len))
        scan_note(p->c, PATUH_SCAN_NOTE_LINKED_PDF, href, path_len > 300 ? 300 : path_len, NULL);
    const patuh_scan *scan = p->c->scan;
    const patuh_rubric *r = scan->rubric;
    for (size_t i = 0; i < r->n_indicators; i++) {
        const patuh_scan_spec *spec = r->indicators[i]->scan;
        for (size_t k = 0; spec && k < spec->n_rules; k++) {
            patuh_scan_evidence *ev = &p->c->site->found[scan->slot_base[i] + k];
            for (size_t l = 0; !ev->page && l < spec->rules[k].n_links; l++)
                if (link_matches(href, spec->rules[k].links[l]))
                    evidence_set(p, ev, el, href);
        }
    }
}

/* ---- the walk ----------------------------------------------------------------------- */

static void text_seen(page_scan *p, xmlNode *n)
{
    if (!n->content || !n->content[0])
        return;
    text_at *texts = array_room(p->texts, p->n_texts, sizeof *texts);
    if (!texts) {
        p->nomem = true;
        return;
    }
    p->texts = texts;
    texts[p->n_texts++] = (text_at){.start = p->text.len, .node = n};
    fold_add(&p->text, (const char *)n->content, strlen((const char *)n->content));
}

/* Entering a node; false when its children are to be skipped. */
static bool node_enter(page_scan *p, xmlNode *n)
{
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        text_seen(p, n);
        return false;
    }
    if (n->type != XML_ELEMENT_NODE)
        return n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE;
    if (is_hidden(n)) {
        p->scripts += name_is(n, "script");
        return false;
    }
    if (!is_inline(n))
        fold_break(&p->text);
    if (is_heading(n)) {
        heading_at *heads = array_room(p->heads, p->n_heads, sizeof *heads);
        if (!heads)
            return p->nomem = true, false;
        p->heads = heads;
        int level = name_is(n, "title") ? 0 : n->name[1] - '0';
        heads[p->n_heads++] = (heading_at){.start = p->text.len, .end = SIZE_MAX, .level = level};
    }
    if (name_is(n, "a") || name_is(n, "area")) {
        xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
        if (href)
            link_seen(p, n, (const char *)href);
        xmlFree(href);
    }
    return true;
}

static void node_leave(page_scan *p, xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE || is_hidden(n))
        return;
    if (is_heading(n)) /* the innermost open heading closes */
        for (size_t i = p->n_heads; i-- > 0;)
            if (p->heads[i].end == SIZE_MAX) {
                p->heads[i].end = p->text.len;
                break;
            }
    if (!is_inline(n))
        fold_break(&p->text);
}

/* Every node in document order, without recursion (no depth limit to reach). */
static void page_walk(page_scan *p, xmlNode *root)
{
    xmlNode *n = root;
    while (n && !p->nomem) {
        if (node_enter(p, n) && n->children) {
            n = n->children;
            continue;
        }
        node_leave(p, n);
        while (n != root && !n->next) {
            n = n->parent;
            node_leave(p, n);
        }
        if (n == root)
            break;
        n = n->next;
    }
}

/* ---- phrases ------------------------------------------------------------------------ */

/* The text node holding folded offset `at`. */
static xmlNode *text_node_at(const page_scan *p, size_t at)
{
    size_t lo = 0, hi = p->n_texts;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->texts[mid].start <= at)
            lo = mid;
        else
            hi = mid;
    }
    return p->n_texts ? p->texts[lo].node : NULL;
}

static bool has_ancestor(xmlNode *n, patuh_scan_within within)
{
    for (; n; n = n->parent) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        switch (within) {
        case PATUH_WITHIN_ANY: return true;
        case PATUH_WITHIN_HEADING:
            if (is_heading(n) && !name_is(n, "title"))
                return true;
            break;
        case PATUH_WITHIN_TABLE_HEADER:
            if (name_is(n, "th") || name_is(n, "thead"))
                return true;
            break;
        case PATUH_WITHIN_LIST:
            if (name_is(n, "li") || name_is(n, "dt") || name_is(n, "dd"))
                return true;
            break;
        case PATUH_WITHIN_LINK:
            if (name_is(n, "a"))
                return true;
            break;
        case PATUH_WITHIN_TITLE:
            if (name_is(n, "title"))
                return true;
            break;
        }
    }
    return false;
}

static bool heading_holds(const page_scan *p, const heading_at *h, const char *near)
{
    size_t end = h->end == SIZE_MAX ? p->text.len : h->end, hit;
    return fold_find(p->text.text, end, h->start, near, &hit) && hit + strlen(near) <= end;
}

/* Whether a heading the text at `at` stands under holds the folded `near`: the last heading
 * before it, each heading of a higher level before that (h2 under h1), and the title. */
static bool near_heading(const page_scan *p, size_t at, const char *near)
{
    int below = 7; /* the level of the last heading taken */
    for (size_t i = p->n_heads; i-- > 0;) {
        const heading_at *h = &p->heads[i];
        if (h->start > at || h->level >= below)
            continue;
        if (heading_holds(p, h, near))
            return true;
        below = h->level;
    }
    return false;
}

/* The nearest ancestor that is not inline: what the evidence points at. */
static xmlNode *block_of(xmlNode *n)
{
    xmlNode *el = n->parent;
    while (el && el->type == XML_ELEMENT_NODE && is_inline(el) && el->parent &&
           el->parent->type == XML_ELEMENT_NODE)
        el = el->parent;
    return el;
}

static bool phrase_found(page_scan *p, const patuh_scan_rule *rule, const char *phrase,
                         const char *near, patuh_scan_evidence *ev)
{
    size_t at = 0;
    while (fold_find(p->text.text, p->text.len, at, phrase, &at)) {
        xmlNode *t = text_node_at(p, at);
        if (t && has_ancestor(t->parent, rule->within) && (!near || near_heading(p, at, near))) {
            xmlNode *el = block_of(t);
            xmlChar *content = xmlNodeGetContent(el);
            evidence_set(p, ev, el, content ? (const char *)content : "");
            xmlFree(content);
            return true;
        }
        at++;
    }
    return false;
}

static void rule_phrases(page_scan *p, const patuh_scan_rule *rule, patuh_scan_evidence *ev)
{
    for (size_t i = 0; !ev->page && !p->nomem && i < rule->n_phrases; i++)
        phrase_found(p, rule, rule->folded[i], rule->near_folded, ev);
}

static void page_phrases(page_scan *p)
{
    const patuh_scan *scan = p->c->scan;
    const patuh_rubric *r = scan->rubric;
    for (size_t i = 0; i < r->n_indicators && !p->nomem; i++) {
        const patuh_scan_spec *spec = r->indicators[i]->scan;
        for (size_t k = 0; spec && k < spec->n_rules; k++) {
            patuh_scan_evidence *ev = &p->c->site->found[scan->slot_base[i] + k];
            if (!ev->page && spec->rules[k].n_phrases)
                rule_phrases(p, &spec->rules[k], ev);
        }
    }
}

/* ---- the page ----------------------------------------------------------------------- */

static bool valid_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        size_t k = c < 0x80                          ? 1
                   : (c & 0xE0) == 0xC0 && c >= 0xC2 ? 2
                   : (c & 0xF0) == 0xE0              ? 3
                   : (c & 0xF8) == 0xF0 && c <= 0xF4 ? 4
                                                     : 0;
        if (k == 0 || i + k > n)
            return false;
        for (size_t j = 1; j < k; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return false;
        i += k;
    }
    return true;
}

/* The encoding to read a page in: NULL when it says (a byte order mark, a `charset` in its
 * first 1024 bytes), else UTF-8 when it is valid UTF-8, else windows-1252, which is what a
 * browser assumes of an unlabelled page. */
static const char *page_encoding(const char *data, size_t len)
{
    const unsigned char *u = (const unsigned char *)data;
    if ((len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) ||
        (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))))
        return NULL;
    size_t head = len < 1024 ? len : 1024;
    for (size_t i = 0; i + 7 <= head; i++)
        if (starts_with_nocase(data + i, "charset"))
            return NULL;
    return valid_utf8(u, len) ? "UTF-8" : "windows-1252";
}

static void quiet(void *ctx, xmlErrorPtr err)
{
    (void)ctx;
    (void)err;
}

static htmlDocPtr page_parse(const scan_page *page)
{
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt)
        return NULL;
    ctxt->sax->serror = quiet;
    ctxt->sax->error = NULL;
    ctxt->sax->warning = NULL;
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                  HTML_PARSE_NOWARNING | HTML_PARSE_NOIMPLIED;
    htmlDocPtr doc = htmlCtxtReadMemory(ctxt, page->data, (int)page->len, NULL,
                                        page_encoding(page->data, page->len), options);
    htmlFreeParserCtxt(ctxt);
    return doc;
}

/* Whether the page's hash was met before in the site: then it is skipped, and noted. */
static bool page_duplicate(scan_ctx *c, const scan_page *page, const char *sha)
{
    const char *first = idmap_get(c->seen, sha);
    if (first) {
        c->site->duplicates++;
        scan_note(c, PATUH_SCAN_NOTE_SAME, page->page, strlen(page->page), first);
        return true;
    }
    char **keys = array_room(c->seen_keys, c->n_seen, sizeof *keys);
    char *key = keys ? malloc(65 + strlen(page->page) + 1) : NULL;
    if (!key) {
        c->nomem = true;
        return false;
    }
    c->seen_keys = keys;
    memcpy(key, sha, 65);
    memcpy(key + 65, page->page, strlen(page->page) + 1);
    keys[c->n_seen++] = key;
    if (!idmap_put(c->seen, key, key + 65))
        c->nomem = true;
    return false;
}

/* Letters and digits in the folded text. */
static size_t text_weight(const fold_buf *b)
{
    size_t n = 0;
    for (size_t i = 0; i < b->len; i++)
        n += b->text[i] != ' ' && b->text[i] != '\n';
    return n;
}

patuh_status scan_page_read(scan_ctx *c, const scan_page *page)
{
    unsigned char digest[32];
    page_scan p = {.c = c, .page = page};
    sha256_bytes(page->data, page->len, digest);
    sha256_hex(digest, p.sha);
    if (page_duplicate(c, page, p.sha) || c->nomem)
        return c->nomem ? PATUH_ENOMEM : PATUH_OK;
    c->site->pages++;
    htmlDocPtr doc = page_parse(page);
    if (!doc) {
        scan_note(c, PATUH_SCAN_NOTE_NOT_HTML, page->page, strlen(page->page), NULL);
        return c->nomem ? PATUH_ENOMEM : PATUH_OK;
    }
    if (!(p.text.text = calloc(1, 1)))
        p.nomem = true;
    else
        p.text.cap = 1;
    page_walk(&p, (xmlNode *)doc);
    fold_break(&p.text);
    if (p.scripts && text_weight(&p.text) < SHELL_TEXT)
        scan_note(c, PATUH_SCAN_NOTE_JS_SHELL, page->page, strlen(page->page), NULL);
    if (!p.nomem && !p.text.nomem)
        page_phrases(&p);
    xmlFreeDoc(doc);
    bool nomem = p.nomem || p.text.nomem;
    fold_release(&p.text);
    free(p.texts);
    free(p.heads);
    return nomem || c->nomem ? PATUH_ENOMEM : PATUH_OK;
}
