/* parse_only.c — the limit bench/run measures patuh against: reads the same inputs the same
 * way (each file whole into memory) and only parses them, with nothing kept: libyaml events
 * for YAML, an RFC 4180 field scan for CSV, minizip + libxml2's SAX2 parser for XLSX
 * (worksheets and shared strings inflated in pieces, not whole).
 * Usage: parse_only yaml|csv|xlsx PATH...  (a directory is walked recursively) */
#include <dirent.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unzip.h>
#include <yaml.h>

static unsigned long long n_events, n_bytes;

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc((size_t)size + 1);
    if (data && fread(data, 1, (size_t)size, f) != (size_t)size) {
        free(data);
        data = NULL;
    }
    fclose(f);
    *len = (size_t)size;
    n_bytes += (unsigned long long)size;
    return data;
}

static int parse_yaml(const char *path)
{
    size_t len;
    char *data = read_all(path, &len);
    yaml_parser_t parser;
    yaml_event_t ev;
    int ok = data && yaml_parser_initialize(&parser);
    if (!ok) {
        free(data);
        return -1;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
    for (;;) {
        if (!yaml_parser_parse(&parser, &ev)) {
            ok = 0;
            break;
        }
        n_events++;
        int done = ev.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
        if (done)
            break;
    }
    yaml_parser_delete(&parser);
    free(data);
    return ok ? 0 : -1;
}

/* Counts fields (RFC 4180: quoted fields may hold delimiters, quotes and newlines). */
static int parse_csv(const char *path)
{
    size_t len;
    char *data = read_all(path, &len);
    if (!data)
        return -1;
    int quoted = 0;
    for (size_t i = 0; i < len; i++) {
        char c = data[i];
        if (quoted) {
            if (c == '"' && i + 1 < len && data[i + 1] == '"')
                i++;
            else if (c == '"')
                quoted = 0;
        } else if (c == '"') {
            quoted = 1;
        } else if (c == ',' || c == ';' || c == '\n') {
            n_events++;
        }
    }
    free(data);
    return 0;
}

static void sax_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                      int n_ns, const xmlChar **ns, int n_attrs, int n_defaulted,
                      const xmlChar **attrs)
{
    (void)ctx, (void)local, (void)prefix, (void)uri, (void)n_ns, (void)ns, (void)n_defaulted;
    (void)attrs;
    n_events += 1 + (unsigned long long)n_attrs;
}

static void sax_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    (void)ctx, (void)local, (void)prefix, (void)uri;
}

static void sax_text(void *ctx, const xmlChar *text, int len)
{
    (void)ctx, (void)text, (void)len;
    n_events++;
}

/* Every worksheet and the shared strings, inflated by minizip in 64 KiB pieces and pushed
 * through libxml2's SAX2 parser (its fastest interface: each element with its attributes and
 * each text, nothing kept). */
static int parse_xlsx(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) == 0)
        n_bytes += (unsigned long long)sb.st_size;
    unzFile z = unzOpen64(path);
    if (!z)
        return -1;
    xmlSAXHandler sax = {0};
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = sax_start;
    sax.endElementNs = sax_end;
    sax.characters = sax_text;
    static char chunk[1 << 16];
    int rc = unzGoToFirstFile(z), ok = 1;
    while (rc == UNZ_OK && ok) {
        char name[256];
        unzGetCurrentFileInfo64(z, NULL, name, sizeof name, NULL, 0, NULL, 0);
        if ((strncmp(name, "xl/worksheets/", 14) == 0 || strcmp(name, "xl/sharedStrings.xml") == 0) &&
            unzOpenCurrentFile(z) == UNZ_OK) {
            xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, name);
            int got;
            ok = ctxt != NULL;
            if (ok)
                xmlCtxtUseOptions(ctxt, XML_PARSE_NONET);
            while (ok && (got = unzReadCurrentFile(z, chunk, sizeof chunk)) > 0)
                ok = xmlParseChunk(ctxt, chunk, got, 0) == 0;
            ok = ok && xmlParseChunk(ctxt, NULL, 0, 1) == 0 && ctxt->wellFormed;
            if (ctxt)
                xmlFreeParserCtxt(ctxt);
            unzCloseCurrentFile(z);
        }
        rc = unzGoToNextFile(z);
    }
    unzClose(z);
    return ok ? 0 : -1;
}

static int parse_path(const char *path, int (*parse)(const char *), const char *ext)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return -1;
    if (!S_ISDIR(sb.st_mode))
        return parse(path);
    DIR *d = opendir(path);
    if (!d)
        return -1;
    struct dirent *e;
    int rc = 0;
    while (rc == 0 && (e = readdir(d))) {
        size_t n = strlen(e->d_name), m = strlen(ext);
        if (e->d_name[0] == '.')
            continue;
        char sub[4096];
        snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
        if (stat(sub, &sb) == 0 && (S_ISDIR(sb.st_mode) || (n > m && strcmp(e->d_name + n - m, ext) == 0)))
            rc = parse_path(sub, parse, ext);
    }
    closedir(d);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: parse_only yaml|csv|xlsx PATH...\n");
        return 2;
    }
    int (*parse)(const char *) = strcmp(argv[1], "csv") == 0    ? parse_csv
                                 : strcmp(argv[1], "xlsx") == 0 ? parse_xlsx
                                                                : parse_yaml;
    const char *ext = parse == parse_csv ? ".csv" : parse == parse_xlsx ? ".xlsx" : ".yaml";
    for (int i = 2; i < argc; i++) {
        if (parse_path(argv[i], parse, ext) != 0) {
            fprintf(stderr, "parse_only: cannot parse %s\n", argv[i]);
            return 1;
        }
    }
    printf("%llu events, %llu bytes\n", n_events, n_bytes);
    return 0;
}
