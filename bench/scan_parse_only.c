/* scan_parse_only.c — the limit bench/scan measures `patuh scan` against: the same pages,
 * walked the same way (each directory's names in byte order, hidden names skipped), each
 * file read whole and parsed by libxml2's HTML parser into a tree with the options patuh
 * uses (recover, no network, no implied elements, errors silenced; the pages say their
 * charset, so libxml2 reads it as patuh lets it), then freed. Nothing is
 * looked for: this is the time libxml2 alone takes.
 * Usage: scan_parse_only SITE... */
#include <dirent.h>
#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static unsigned long long n_pages, n_bytes, n_nodes;

static void quiet(void *ctx, xmlErrorPtr err)
{
    (void)ctx;
    (void)err;
}

static int is_page(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && (strcmp(dot, ".html") == 0 || strcmp(dot, ".htm") == 0);
}

static void parse_page(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc((size_t)size + 1);
    if (data && fread(data, 1, (size_t)size, f) == (size_t)size) {
        htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
        ctxt->sax->serror = quiet; /* as patuh silences it */
        ctxt->sax->error = NULL;
        ctxt->sax->warning = NULL;
        int options = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                      HTML_PARSE_NOWARNING | HTML_PARSE_NOIMPLIED;
        htmlDocPtr doc = htmlCtxtReadMemory(ctxt, data, (int)size, NULL, NULL, options);
        if (doc && doc->children)
            n_nodes++;
        xmlFreeDoc(doc);
        htmlFreeParserCtxt(ctxt);
        n_pages++;
        n_bytes += (unsigned long long)size;
    }
    free(data);
    fclose(f);
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return;
    if (!S_ISDIR(sb.st_mode)) {
        if (is_page(path))
            parse_page(path);
        return;
    }
    DIR *d = opendir(path);
    if (!d)
        return;
    char **names = NULL;
    size_t n = 0, cap = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap && !(names = realloc(names, (cap = cap ? 2 * cap : 64) * sizeof *names)))
            exit(3);
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, name_cmp);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(path) + strlen(names[i]) + 2;
        char *child = malloc(len);
        snprintf(child, len, "%s/%s", path, names[i]);
        walk(child);
        free(child);
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        walk(argv[i]);
    printf("%llu pages, %llu bytes, %llu parsed\n", n_pages, n_bytes, n_nodes);
    return 0;
}
