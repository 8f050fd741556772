/* fuzz_cand_payload.c: libFuzzer target for zrc_payload_read, the supervisor's reader of what a
 * candidate's worker sends back. Any bytes are accepted or rejected, never a crash or a read out
 * of bounds. When accepted: the view count is within ZRC_MAX_VIEWS, every view is there, and
 * writing the candidate back with zrc_payload_put gives the input bytes exactly (nothing was
 * skipped or invented). */
#include "recon_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void round_trip(const zrc_candidate *c, const uint8_t *data, size_t size)
{
    unsigned char *buf = malloc(size ? size : 1);
    size_t at = 0, view = (size_t)c->size * (size_t)c->size * 3;
    uint64_t hdr[2] = {(uint64_t)c->nviews, (uint64_t)c->size};
    if (!buf)
        abort();
    int rc = zrc_payload_put(buf, size, &at, c->step, c->step_len) ||
             zrc_payload_put(buf, size, &at, c->stl, c->stl_len) || zrc_payload_put(buf, size, &at, hdr, sizeof hdr);
    for (int i = 0; !rc && i < c->nviews; i++)
        rc = zrc_payload_put(buf, size, &at, c->views[i], view);
    if (rc || at != size || memcmp(buf, data, size))
        abort();
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    zrc_candidate c;
    memset(&c, 0, sizeof c);
    if (zrc_payload_read(&c, data, size) == 0) {
        if (c.nviews < 0 || c.nviews > ZRC_MAX_VIEWS || c.size < 0 || !c.step || !c.stl)
            abort();
        for (int i = 0; i < c.nviews; i++)
            if (!c.views[i])
                abort();
        round_trip(&c, data, size);
    }
    free(c.step);
    free(c.stl);
    for (int i = 0; i < ZRC_MAX_VIEWS; i++)
        free(c.views[i]);
    return 0;
}
