/* fuzz_synth_jobline.c: libFuzzer target for the reader of a shared synth job's log lines
 * (src/synth/engine_jobline.c): any bytes are a record or not, never a crash. A record is
 * written again in the log's own shape and must read back the same. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    zs_job_line l, again;
    if (zs_job_line_parse((const char *)data, size, &l) < 0)
        return 0;
    char line[256];
    int n;
    if (l.valid)
        n = snprintf(line, sizeof line,
                     "{\"i\":%llu,\"uuid\":\"u\",\"status\":\"valid\",\"code_key\":\"%016llx\",\"geo_key\":\"%016llx\","
                     "\"view_key\":\"%016llx\"}",
                     (unsigned long long)l.id, (unsigned long long)l.keys[0], (unsigned long long)l.keys[1],
                     (unsigned long long)l.keys[2]);
    else
        n = snprintf(line, sizeof line, "{\"i\":%llu,\"uuid\":\"u\",\"status\":\"rejected\"}", (unsigned long long)l.id);
    if (n <= 0 || zs_job_line_parse(line, (size_t)n, &again) < 0 || again.id != l.id || again.valid != l.valid ||
        memcmp(again.keys, l.keys, sizeof l.keys) != 0)
        abort();
    return 0;
}
