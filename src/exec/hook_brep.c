/* hook_brep.c: the worker hook that sends a program's result solid back to the supervisor as
 * OpenCascade BRep text (exact, unlike an exported STEP file), for callers of zx_batch_run that
 * score the solid in memory (eval --pred, eval --model, iou). */
#include "exec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long zx_hook_brep(void *ctx, const zx_hook_input *in, unsigned char *buf, size_t cap, char *err, size_t errlen)
{
    (void)ctx;
    size_t len = 0;
    char *t = zk_brep_text(in->shape, &len);
    if (!t) {
        snprintf(err, errlen, "the result could not be written as BRep text");
        return -1;
    }
    if (len > cap) {
        snprintf(err, errlen, "the result's BRep text (%zu bytes) is over %zu bytes", len, cap);
        free(t);
        return -1;
    }
    memcpy(buf, t, len);
    free(t);
    return (long)len;
}
