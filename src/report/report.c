/* report.c: `zerocad report`: the page's frame (title, style, table of contents) around the
 * sections, written to FILE.html.tmp-PID and renamed into place when complete. */
#define _GNU_SOURCE
#include "report_internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *style =
    "body{font-family:DejaVu Sans,sans-serif;margin:1.5em auto;max-width:1200px;color:#222}"
    "h2{border-bottom:2px solid #4a7;padding-bottom:.2em}img{border:1px solid #ddd;margin:1px;background:#fff}"
    "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:right}"
    "td:first-child{text-align:left}pre{background:#f6f6f6;padding:.5em;overflow:auto;font-size:12px}"
    "svg text{font-size:12px;fill:#222}svg text.t{font-weight:bold;font-size:14px}svg rect{fill:#4a7}"
    ".pair{display:flex;gap:2em;flex-wrap:wrap}.views{max-width:320px}.item{border-bottom:1px solid #eee}"
    ".item h3{font-size:15px}.none{color:#888}details.row summary{cursor:pointer}figure.chart{margin:.5em 0}";

static int write_page(FILE *f, const zrp_opts *o, char *err, size_t errlen)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>zerocad report</title>"
          "<style>", f);
    fputs(style, f);
    fputs("</style></head><body>\n<h1>zerocad: from synthesis to a scored reconstruction</h1>\n<p>Folder <code>", f);
    zrp_str(f, o->dir);
    fputs("</code>. <a href=\"#dataset\">dataset</a> &middot; <a href=\"#stats\">statistics</a> &middot; "
          "<a href=\"#eval\">evaluation</a> &middot; <a href=\"#items\">test items</a></p>\n", f);
    int rc = zrp_section_dataset(f, o, err, errlen) || zrp_section_stats(f, o, err, errlen) ||
             zrp_section_eval(f, o, err, errlen) || zrp_section_items(f, o, err, errlen);
    fputs("</body></html>\n", f);
    return rc ? -1 : 0;
}

int zrp_build(const zrp_opts *o, char *err, size_t errlen)
{
    struct stat st;
    if (stat(o->dir, &st) || !S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s: not a folder", o->dir);
        return -1;
    }
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp-%ld", o->out, (long)getpid());
    FILE *f = fopen(tmp, "w");
    if (!f) {
        snprintf(err, errlen, "%s: cannot write", o->out);
        return -1;
    }
    err[0] = 0;
    int rc = write_page(f, o, err, errlen);
    if (fflush(f) || ferror(f))
        rc = -1;
    if (fclose(f))
        rc = -1;
    if (rc == 0 && rename(tmp, o->out))
        rc = -1;
    if (rc) {
        unlink(tmp);
        if (!err[0])
            snprintf(err, errlen, "%s: cannot write", o->out);
    }
    return rc;
}
