/* fuzz_report.c: libFuzzer entry for `zerocad report`'s JSON inputs: the bytes, split at "\n--\n",
 * become eval-zerocad.json, eval-zerocad.jsonl and pred.jsonl of a scratch folder; the page is
 * built into it. Any JSON (or not JSON) must give a page or a clean error, never a crash. */
#define _GNU_SOURCE
#include "report.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];

static void put(const char *name, const uint8_t *p, size_t n)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        return;
    fwrite(p, 1, n, f);
    fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/fuzz-report-XXXXXX");
        if (!mkdtemp(dir))
            abort();
    }
    static const char *const names[] = {"eval-zerocad.json", "eval-zerocad.jsonl", "pred.jsonl"};
    size_t at = 0;
    for (int i = 0; i < 3; i++) {
        const uint8_t *end = i < 2 ? memmem(data + at, size - at, "\n--\n", 4) : NULL;
        size_t n = end ? (size_t)(end - (data + at)) : size - at;
        put(names[i], data + at, n);
        at += end ? n + 4 : n;
    }
    char out[128], err[1024];
    snprintf(out, sizeof out, "%s/report.html", dir);
    zrp_opts o = {.dir = dir, .out = out, .dataset_rows = 4};
    zrp_build(&o, err, sizeof err);
    return 0;
}
