/* website.c — the `website` of an agency in an agency list (doc/formats.md §3.9): the hosts
 * of its saved websites, so `patuh scan` finds the agency of a site named by its host
 * (`www.kab-x.go.id/` as `wget --mirror` leaves it, `www.kab-x.go.id.warc.gz`). A host
 * belongs to one agency only. */
#include "model/model.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

enum { HOST_MAX = 256 };

/* The key a host is compared by: lowercase, without a scheme, path, port, trailing dot or
 * leading `www.` ("https://WWW.Kab-X.go.id:443/index" -> "kab-x.go.id"). False when what is
 * left is empty, too long or holds anything but letters, digits, '.' and '-'. */
static bool host_key(const char *text, size_t len, char *key)
{
    const char *end = text + len, *p = text;
    for (const char *s = text; s + 2 < end; s++)
        if (s[0] == ':' && s[1] == '/' && s[2] == '/') {
            p = s + 3;
            break;
        }
    const char *stop = p;
    while (stop < end && !strchr("/?#:", *stop))
        stop++;
    while (stop > p && stop[-1] == '.')
        stop--;
    if (stop - p > 4 && strncasecmp(p, "www.", 4) == 0)
        p += 4;
    size_t n = (size_t)(stop - p);
    if (n == 0 || n >= HOST_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)p[i];
        if (!isalnum(ch) && ch != '.' && ch != '-')
            return false;
        key[i] = (char)tolower(ch);
    }
    key[n] = '\0';
    return true;
}

/* One host of a website: a valid host, not another agency's. */
static patuh_status host_register(const answers_ctx *c, ans_agency *a, const in_text *value,
                                  const char *host, size_t len)
{
    patuh_batch *batch = c->batch;
    char key[HOST_MAX], place[512];
    if (!host_key(host, len, key) || !strchr(key, '.')) {
        answers_error(c, value->line, value->col,
                      "'%.*s' in the website of agency '%s' is not a host, expected one such as "
                      "'www.kab-x.go.id'",
                      (int)(len > 80 ? 80 : len), host, a->pub.id);
        return PATUH_OK;
    }
    ans_agency *owner = idmap_get(batch->by_host, key);
    if (owner == a)
        return PATUH_OK;
    if (owner) {
        answers_error(c, value->line, value->col,
                      "host '%s' of agency '%s' is already in the website of agency '%s' at %s, "
                      "expected each host under one agency",
                      key, a->pub.id, owner->pub.id,
                      batch_where_text(batch, owner->website_at.file, owner->website_at.line,
                                       owner->website_at.col, owner->website_at.sheet, place,
                                       sizeof place));
        return PATUH_OK;
    }
    char *kept = arena_strdup(batch->arena, key);
    if (!kept || !idmap_put(batch->by_host, kept, a))
        return PATUH_ENOMEM;
    return PATUH_OK;
}

patuh_status website_register(const answers_ctx *c, ans_agency *a, const in_text *value)
{
    const char *s = a->pub.website;
    patuh_status st = PATUH_OK;
    while (s && *s && st == PATUH_OK) {
        s += strspn(s, "; ,\t\r\n");
        size_t len = strcspn(s, "; ,\t\r\n");
        if (len)
            st = host_register(c, a, value, s, len);
        s += len;
    }
    return st;
}

const patuh_agency *patuh_batch_find_site(const patuh_batch *batch, const char *name)
{
    ans_agency *a = idmap_get(batch->by_id, name);
    char key[HOST_MAX];
    if (!a && host_key(name, strlen(name), key))
        a = idmap_get(batch->by_host, key);
    return a ? &a->pub : NULL;
}
