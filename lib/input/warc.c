/* warc.c — a WARC file (ISO 28500) as a saved site: not read yet. */
#include "input/scan.h"

patuh_status scan_read_warc(scan_ctx *c, const char *path)
{
    patuh_diags_add(c->diags, PATUH_SEV_ERROR, path, 0, 0, "WARC files are not read yet");
    return PATUH_EINVALID;
}
