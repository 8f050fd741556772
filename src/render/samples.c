/* samples.c: the buffers one view is drawn into, reused from view to view: per pixel one
 * representative sample (depth and colour), and for the pixels marked as crossed by a seam a
 * block of all S x S samples; a region in use (the projected shape's box) outside which
 * everything is background; and the reduction to output pixels (box filter with exact integer
 * rounding over a block, the representative sample elsewhere). */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "render_internal.h"

static int grow(void **p, size_t n, size_t size)
{
    void *q = realloc(*p, (n ? n : 1) * size);
    if (!q)
        return -1;
    *p = q;
    return 0;
}

int zr_samples_prepare(zr_samples *b, int w, int h, int s, size_t ntris, const uint8_t background[3])
{
    size_t n = (size_t)w * (size_t)h;
    if (n > b->cap || (size_t)h > b->cap) {
        size_t cap = n > (size_t)h ? n : (size_t)h;
        if (grow((void **)&b->depth, cap, sizeof *b->depth) || grow((void **)&b->color, cap, sizeof *b->color) ||
            grow((void **)&b->slot, cap, sizeof *b->slot) || grow((void **)&b->row_blocks, cap, sizeof *b->row_blocks) ||
            grow((void **)&b->row_first, cap, sizeof *b->row_first) ||
            grow((void **)&b->mark_lo, cap, sizeof *b->mark_lo) || grow((void **)&b->mark_hi, cap, sizeof *b->mark_hi) ||
            grow((void **)&b->line_mask, cap, sizeof *b->line_mask))
            return -1;
        memset(b->line_mask, 0, cap * sizeof *b->line_mask);   /* kept all zero from here on */
        b->cap = cap;
    }
    if (ntris > b->tri_cap) {
        if (grow((void **)&b->tri_state, ntris, 1))
            return -1;
        b->tri_cap = ntris;
    }
    size_t across = (size_t)(w > h ? w : h) * (size_t)s;
    if (across > b->pixel_of_cap) {
        if (grow((void **)&b->pixel_of, across, sizeof *b->pixel_of))
            return -1;
        b->pixel_of_cap = across;
        b->s = 0;
    }
    if (b->s != s)
        for (size_t i = 0; i < b->pixel_of_cap; i++)
            b->pixel_of[i] = (int32_t)(i / (size_t)s);
    b->s = s;
    b->rep = s / 2;
    b->w = w;
    b->h = h;
    b->sw = w * s;
    b->sh = h * s;
    b->nslots = 0;
    b->bg = (uint32_t)background[0] << 16 | (uint32_t)background[1] << 8 | background[2];
    b->x0 = b->y0 = b->x1 = b->y1 = 0;
    return 0;
}

void zr_samples_clear_rect(zr_samples *b, int x0, int y0, int x1, int y1)
{
    b->x0 = x0 < 0 ? 0 : x0;
    b->y0 = y0 < 0 ? 0 : y0;
    b->x1 = x1 > b->w ? b->w : x1;
    b->y1 = y1 > b->h ? b->h : y1;
    for (int y = 0; y < b->h; y++) {
        b->row_blocks[y] = 0;
        b->mark_lo[y] = b->w;
        b->mark_hi[y] = -1;
    }
    const uint32_t bg = b->bg;
    const int xa = b->x0, xz = b->x1, w = b->w;   /* locals: int32_t stores may alias b's ints */
    for (int y = b->y0; y < b->y1; y++) {
        size_t row = (size_t)y * w;
        float *depth = b->depth + row;
        uint32_t *color = b->color + row;
        int32_t *slot = b->slot + row;
        for (int x = xa; x < xz; x++) {
            depth[x] = INFINITY;
            color[x] = bg;
            slot[x] = ZR_NO_SLOT;
        }
    }
}

int zr_samples_assign_blocks(zr_samples *b)
{
    size_t n = 0, per = (size_t)b->s * b->s;
    const int x0 = b->x0, x1 = b->x1, w = b->w;
    for (int y = b->y0; y < b->y1; y++) {
        const int32_t *slot = b->slot + (size_t)y * w;
        for (int x = b->mark_lo[y], hi = b->mark_hi[y]; x <= hi; x++)
            n += slot[x] == ZR_MARKED;
    }
    if (n > b->slot_cap) {
        if (grow((void **)&b->sdepth, n * per, sizeof *b->sdepth) ||
            grow((void **)&b->scolor, n * per, sizeof *b->scolor) || grow((void **)&b->block_x, n, sizeof *b->block_x))
            return -1;
        b->slot_cap = n;
    }
    size_t nbefore = (size_t)(w + 1) * b->h;
    if (nbefore > b->before_cap) {
        if (grow((void **)&b->blocks_before, nbefore, sizeof *b->blocks_before))
            return -1;
        b->before_cap = nbefore;
    }
    int32_t next = 0, *block_x = b->block_x;   /* locals: the compiler need not reload them */
    for (int y = b->y0; y < b->y1; y++) {
        int32_t *slot = b->slot + (size_t)y * w, *before = b->blocks_before + (size_t)y * (w + 1);
        int32_t count = 0;
        const int lo = b->mark_lo[y] < x0 ? x0 : b->mark_lo[y] > x1 ? x1 : b->mark_lo[y];
        const int hi = b->mark_hi[y] < x1 - 1 ? b->mark_hi[y] : x1 - 1;
        b->row_first[y] = next;
        for (int x = x0; x < lo; x++)
            before[x] = 0;
        for (int x = lo; x <= hi; x++) {
            before[x] = count;
            if (slot[x] == ZR_MARKED) {
                block_x[next] = x;
                slot[x] = next++;
                count++;
            }
        }
        for (int x = hi + 1 > lo ? hi + 1 : lo; x <= x1; x++)
            before[x] = count;
        b->row_blocks[y] = count;
    }
    b->nslots = (size_t)next;
    float *sdepth = b->sdepth;
    uint32_t *scolor = b->scolor, bg = b->bg;
    for (size_t i = 0; i < n * per; i++) {
        sdepth[i] = INFINITY;
        scolor[i] = bg;
    }
    return 0;
}

/* Buffers kept between drawing calls (a few, each at most the largest view drawn), so a new
 * shape does not fault in fresh memory; only their sizes carry over, never their contents. */
#define POOL_MAX 8
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static zr_samples *pool[POOL_MAX];
static size_t pool_n;

zr_samples *zr_samples_take(void)
{
    zr_samples *b = NULL;
    pthread_mutex_lock(&pool_lock);
    if (pool_n)
        b = pool[--pool_n];
    pthread_mutex_unlock(&pool_lock);
    return b ? b : calloc(1, sizeof *b);
}

void zr_samples_give(zr_samples *b)
{
    if (!b)
        return;
    pthread_mutex_lock(&pool_lock);
    int kept = pool_n < POOL_MAX;
    if (kept)
        pool[pool_n++] = b;
    pthread_mutex_unlock(&pool_lock);
    if (!kept) {
        zr_samples_free(b);
        free(b);
    }
}

void zr_samples_free(zr_samples *b)
{
    free(b->depth);
    free(b->color);
    free(b->slot);
    free(b->row_blocks);
    free(b->row_first);
    free(b->mark_lo);
    free(b->mark_hi);
    free(b->block_x);
    free(b->blocks_before);
    free(b->sdepth);
    free(b->scolor);
    free(b->line_mask);
    free(b->tri_state);
    free(b->pixel_of);
    *b = (zr_samples){0};
}

static void put_pixel(uint8_t *px, uint32_t c)
{
    px[0] = (uint8_t)(c >> 16);
    px[1] = (uint8_t)(c >> 8);
    px[2] = (uint8_t)c;
}

/* Average of a block's n samples (a block of one colour is copied as it is). */
static void reduce_block(const uint32_t *block, uint32_t n, uint8_t *px)
{
    uint32_t c0 = block[0], same = 1;
    for (uint32_t i = 1; i < n; i++)
        same &= block[i] == c0;
    if (same) {
        put_pixel(px, c0);
        return;
    }
    uint32_t r = 0, g = 0, bl = 0;
    for (uint32_t i = 0; i < n; i++) {
        r += block[i] >> 16 & 0xff;
        g += block[i] >> 8 & 0xff;
        bl += block[i] & 0xff;
    }
    px[0] = (uint8_t)((r + n / 2) / n);
    px[1] = (uint8_t)((g + n / 2) / n);
    px[2] = (uint8_t)((bl + n / 2) / n);
}

static void fill_background(uint32_t bg, uint8_t *px, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put_pixel(px + 3 * i, bg);
}

/* A pixel with line samples: the covered samples in the line colour, the others from the
 * block (or all the representative sample's colour without a block), averaged as reduce_block. */
static void reduce_lined(const uint32_t *block, uint32_t rep_color, uint64_t mask, uint32_t line, uint32_t n,
                         uint8_t *px)
{
    uint32_t r = 0, g = 0, bl = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t c = mask >> i & 1 ? line : block ? block[i] : rep_color;
        r += c >> 16 & 0xff;
        g += c >> 8 & 0xff;
        bl += c & 0xff;
    }
    px[0] = (uint8_t)((r + n / 2) / n);
    px[1] = (uint8_t)((g + n / 2) / n);
    px[2] = (uint8_t)((bl + n / 2) / n);
}

void zr_samples_resolve(zr_samples *b, uint8_t *rgb)
{
    const uint32_t per = (uint32_t)(b->s * b->s), bg = b->bg, line = b->line_color;
    const int32_t *slots = b->slot;   /* locals: stores through uint8_t * may alias anything */
    const uint32_t *colors = b->color, *scolor = b->scolor;
    uint64_t *masks = b->line_mask;
    const int w = b->w, x0 = b->x0, x1 = b->x1, y0 = b->y0, y1 = b->y1;
    for (int y = 0; y < b->h; y++) {
        size_t row = (size_t)y * w;
        uint8_t *out = rgb + 3 * row;
        if (y < y0 || y >= y1 || x0 >= x1) {
            fill_background(bg, out, (size_t)w);
            continue;
        }
        fill_background(bg, out, (size_t)x0);
        const int32_t *slot = slots + row;
        const uint32_t *color = colors + row;
        uint64_t *mask = masks + row;
        for (int x = x0; x < x1; x++) {
            int32_t sl = slot[x];
            const uint32_t *block = sl >= 0 ? scolor + (size_t)sl * per : NULL;
            if (mask[x]) {
                reduce_lined(block, color[x], mask[x], line, per, out + 3 * x);
                mask[x] = 0;
            } else if (block) {
                reduce_block(block, per, out + 3 * x);
            } else {
                put_pixel(out + 3 * x, color[x]);
            }
        }
        fill_background(bg, out + 3 * x1, (size_t)(w - x1));
    }
}
