/* fuzz_literals.c: libFuzzer entry for the numeric literal scanner of refinement: the bytes (up
 * to the first NUL) are a program; every tunable literal is scaled and written back; the rewrite
 * must keep all the text outside the literals and scan to as many literals again. */
#include "recon.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *src = malloc(size + 1);
    if (!src)
        return 0;
    memcpy(src, data, size);
    src[size] = 0;
    zrc_literals l;
    if (zrc_literals_scan(src, &l) == 0) {
        size_t *idx = malloc((l.n + 1) * sizeof *idx);
        double *val = malloc((l.n + 1) * sizeof *val);
        int k = idx && val ? zrc_literals_pick(&l, (int)l.n, idx) : 0;
        for (int i = 0; i < k; i++)
            val[i] = l.v[idx[i]].value * 1.37;
        char *out = idx && val ? zrc_literals_rewrite(src, &l, idx, val, k) : NULL;
        zrc_literals again;
        if (out && zrc_literals_scan(out, &again) == 0) {
            if (again.n < l.n && strlen(src) == size)
                abort();   /* a rewritten number split or merged tokens */
            zrc_literals_free(&again);
        }
        free(out);
        free(idx);
        free(val);
        zrc_literals_free(&l);
    }
    free(src);
    return 0;
}
