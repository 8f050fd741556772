/* cand_payload.c: the bytes a reconstruct candidate's worker sends back to the supervisor (the
 * executor's hook payload): its STEP export, its STL export, a header (number of views, their
 * side) and the views as side x side RGB, each a blob behind its 64-bit length. The worker that
 * wrote them ran an untrusted program, so the reader trusts nothing: every length is checked
 * against what is left, the view count against ZRC_MAX_VIEWS, every view against its side, and
 * bytes past the last view reject the payload. */
#include "recon_internal.h"

#include <stdlib.h>
#include <string.h>

#define MAX_SIDE 8192

int zrc_payload_put(unsigned char *buf, size_t cap, size_t *at, const void *p, size_t n)
{
    uint64_t l = n;
    if (*at > cap || cap - *at < 8 || cap - *at - 8 < n)
        return -1;
    memcpy(buf + *at, &l, 8);
    if (n)
        memcpy(buf + *at + 8, p, n);
    *at += 8 + n;
    return 0;
}

/* Reads one length-prefixed blob; NULL at a malformed payload. */
static const unsigned char *get(const unsigned char *p, size_t len, size_t *at, size_t *n)
{
    uint64_t l;
    if (len - *at < 8)
        return NULL;
    memcpy(&l, p + *at, 8);
    if (l > len - *at - 8)
        return NULL;
    *n = (size_t)l;
    *at += 8 + (size_t)l;
    return p + *at - l;
}

static void *dup_n(const unsigned char *p, size_t n)
{
    void *d = malloc(n ? n : 1);
    if (d && n)
        memcpy(d, p, n);
    return d;
}

int zrc_payload_read(zrc_candidate *c, const unsigned char *p, size_t len)
{
    size_t at = 0, n1 = 0, n2 = 0, nh = 0;
    const unsigned char *step = get(p, len, &at, &n1), *stl = step ? get(p, len, &at, &n2) : NULL;
    const unsigned char *h = stl ? get(p, len, &at, &nh) : NULL;
    uint64_t hdr[2];
    if (!h || nh != sizeof hdr)
        return -1;
    memcpy(hdr, h, sizeof hdr);
    if (hdr[0] > ZRC_MAX_VIEWS || hdr[1] > MAX_SIDE || (hdr[0] && !hdr[1]))
        return -1;
    const unsigned char *views[ZRC_MAX_VIEWS];
    size_t side = (size_t)hdr[1];
    for (size_t i = 0; i < hdr[0]; i++) {
        size_t nv = 0;
        if (!(views[i] = get(p, len, &at, &nv)) || nv != side * side * 3)
            return -1;
    }
    if (at != len)
        return -1;
    c->step = dup_n(step, n1), c->step_len = n1;
    c->stl = dup_n(stl, n2), c->stl_len = n2;
    c->nviews = (int)hdr[0], c->size = (int)side;
    int ok = c->step && c->stl;
    for (int i = 0; i < c->nviews; i++)
        ok &= (c->views[i] = dup_n(views[i], side * side * 3)) != NULL;
    return ok ? 0 : -1;
}
