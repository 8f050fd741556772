/* test_recon_payload.c: zrc_payload_read, the supervisor's reader of a reconstruct candidate's
 * worker payload, on payloads the test lays out byte by byte (64-bit little-endian lengths, as
 * the worker hook in pipeline_run.c writes them): a valid payload with two 2x2 views is read back
 * byte for byte; a view count over ZRC_MAX_VIEWS (which the reader once took, then indexed past
 * its views), a view of the wrong size, a missing view, a truncated blob, a header of the wrong
 * length and a trailing byte are each rejected, without leaking what was read before. */
#include "check.h"
#include "recon_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    unsigned char b[4096];
    size_t n;
} bytes;

static void blob(bytes *o, const void *p, size_t n)
{
    for (int i = 0; i < 8; i++)
        o->b[o->n++] = (unsigned char)((uint64_t)n >> (8 * i));
    memcpy(o->b + o->n, p, n);
    o->n += n;
}

static void header(bytes *o, uint64_t views, uint64_t side)
{
    unsigned char h[16];
    for (int i = 0; i < 8; i++) {
        h[i] = (unsigned char)(views >> (8 * i));
        h[8 + i] = (unsigned char)(side >> (8 * i));
    }
    blob(o, h, sizeof h);
}

static void clear(zrc_candidate *c)
{
    free(c->step);
    free(c->stl);
    for (int i = 0; i < ZRC_MAX_VIEWS; i++)
        free(c->views[i]);
    memset(c, 0, sizeof *c);
}

static int reads(const bytes *o)
{
    zrc_candidate c;
    memset(&c, 0, sizeof c);
    int rc = zrc_payload_read(&c, o->b, o->n);
    clear(&c);
    return rc == 0;
}

static unsigned char view_a[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, view_b[12] = {255, 0, 255};

static void base(bytes *o, uint64_t views)
{
    o->n = 0;
    blob(o, "ISO-10303-21;", 13);
    blob(o, "solid s\nendsolid s\n", 19);
    header(o, views, 2);
}

int main(void)
{
    bytes o;
    zrc_candidate c;
    memset(&c, 0, sizeof c);
    base(&o, 2);
    blob(&o, view_a, 12);
    blob(&o, view_b, 12);
    CHECKF(zrc_payload_read(&c, o.b, o.n) == 0, "a valid payload is rejected");
    CHECKF(c.step_len == 13 && !memcmp(c.step, "ISO-10303-21;", 13), "STEP bytes");
    CHECKF(c.stl_len == 19 && !memcmp(c.stl, "solid s\nendsolid s\n", 19), "STL bytes");
    CHECKF(c.nviews == 2 && c.size == 2, "view count and side");
    CHECKF(c.views[0] && !memcmp(c.views[0], view_a, 12) && c.views[1] && !memcmp(c.views[1], view_b, 12),
           "view bytes");
    clear(&c);

    base(&o, 0);
    CHECKF(reads(&o), "a payload without views is rejected");

    base(&o, ZRC_MAX_VIEWS + 1);
    for (int i = 0; i < ZRC_MAX_VIEWS + 1; i++)
        blob(&o, view_a, 12);
    CHECKF(!reads(&o), "more views than ZRC_MAX_VIEWS accepted");

    base(&o, 2);
    blob(&o, view_a, 12);
    blob(&o, view_b, 11);
    CHECKF(!reads(&o), "a view of the wrong size accepted");

    base(&o, 2);
    blob(&o, view_a, 12);
    CHECKF(!reads(&o), "a missing view accepted");

    base(&o, 2);
    blob(&o, view_a, 12);
    blob(&o, view_b, 12);
    o.n -= 1;
    CHECKF(!reads(&o), "a truncated view accepted");

    base(&o, 2);
    blob(&o, view_a, 12);
    blob(&o, view_b, 12);
    o.b[o.n++] = 0;
    CHECKF(!reads(&o), "a trailing byte accepted");

    o.n = 0;
    blob(&o, "S", 1);
    blob(&o, "T", 1);
    blob(&o, "short", 5);
    CHECKF(!reads(&o), "a header of the wrong length accepted");

    o.n = 0;
    blob(&o, "S", 1);
    o.b[0] = 0xff; /* a STEP length past the end */
    CHECKF(!reads(&o), "a blob longer than the payload accepted");

    if (failures)
        fprintf(stderr, "%d failures\n", failures);
    else
        printf("payload reader tests passed\n");
    return failures != 0;
}
