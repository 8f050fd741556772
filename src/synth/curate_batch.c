/* curate_batch.c: pass 1's rows described on several threads. The rows a shard reader hands out
 * are borrowed until the next read, so a batch copies the bytes the descriptor needs (the views
 * and the STL) and then describes all its rows at once with OpenMP, each into its own slot; the
 * first failing row in row order gives the error. */
#include "curate_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_LEN 1200

typedef struct {
    unsigned char *buf;           /* the views then the STL, back to back */
    size_t cap;
    size_t len[ZCUR_VIEWS + 1];   /* 0 with present[] 0: absent */
    int present[ZCUR_VIEWS + 1];
    char name[NAME_LEN];
    char err[1024];
    unsigned has;
} batch_row;

struct zcur_batch {
    batch_row *rows;
    int n, cap;
};

zcur_batch *zcur_batch_new(int rows)
{
    zcur_batch *b = calloc(1, sizeof *b);
    if (b && !(b->rows = calloc((size_t)rows, sizeof *b->rows))) {
        free(b);
        return NULL;
    }
    if (b)
        b->cap = rows;
    return b;
}

void zcur_batch_free(zcur_batch *b)
{
    if (!b)
        return;
    for (int i = 0; i < b->cap; i++)
        free(b->rows[i].buf);
    free(b->rows);
    free(b);
}

int zcur_batch_full(const zcur_batch *b)
{
    return b->n == b->cap;
}

int zcur_batch_count(const zcur_batch *b)
{
    return b->n;
}

int zcur_batch_add(zcur_batch *b, const zd_row *row, const char *name, char *err, size_t errlen)
{
    batch_row *r = &b->rows[b->n];
    const unsigned char *part[ZCUR_VIEWS + 1];
    size_t len[ZCUR_VIEWS + 1], total = 0;
    for (int v = 0; v < ZCUR_VIEWS; v++)
        part[v] = row->image[v], len[v] = row->image_len[v];
    part[ZCUR_VIEWS] = row->stl, len[ZCUR_VIEWS] = row->stl_len;
    for (int v = 0; v <= ZCUR_VIEWS; v++)
        total += part[v] ? len[v] : 0;
    if (total > r->cap) {
        unsigned char *nb = realloc(r->buf, total);
        if (!nb) {
            snprintf(err, errlen, "%s: out of memory (%zu bytes of views and mesh)", name, total);
            return -1;
        }
        r->buf = nb;
        r->cap = total;
    }
    size_t off = 0;
    for (int v = 0; v <= ZCUR_VIEWS; v++) {
        r->present[v] = part[v] != NULL;
        r->len[v] = part[v] ? len[v] : 0;
        if (part[v] && len[v])
            memcpy(r->buf + off, part[v], len[v]);
        off += r->len[v];
    }
    snprintf(r->name, sizeof r->name, "%s", name);
    b->n++;
    return 0;
}

static int describe_one(batch_row *r, zcur_vision *vision, float *out)
{
    const unsigned char *part[ZCUR_VIEWS + 1];
    size_t off = 0;
    for (int v = 0; v <= ZCUR_VIEWS; v++) {
        /* a present but empty column still needs a non-NULL pointer */
        part[v] = r->present[v] ? (r->buf ? r->buf + off : (const unsigned char *)"") : NULL;
        off += r->len[v];
    }
    r->err[0] = 0;
    r->has = 0;
    if (vision)
        return zcur_vision_describe(vision, part, r->len, r->name, out, r->err, sizeof r->err);
    return zcur_describe(part, r->len, part[ZCUR_VIEWS], r->len[ZCUR_VIEWS], r->name, out, &r->has, r->err,
                         sizeof r->err);
}

int zcur_batch_describe(zcur_batch *b, zcur_vision *vision, int threads, int dim, float *out, int64_t *no_views,
                        int64_t *no_mesh, char *err, size_t errlen)
{
    int n = b->n, *rc = calloc((size_t)(n ? n : 1), sizeof *rc);
    if (!rc) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (vision || threads <= 1) {
        for (int i = 0; i < n; i++)
            rc[i] = describe_one(&b->rows[i], vision, out + (size_t)i * dim);
    } else {
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
        for (int i = 0; i < n; i++)
            rc[i] = describe_one(&b->rows[i], vision, out + (size_t)i * dim);
    }
    int status = 0;
    for (int i = 0; i < n && !status; i++)
        if (rc[i]) {
            snprintf(err, errlen, "%s", b->rows[i].err);
            status = -1;
        }
    for (int i = 0; i < n && !vision; i++) {
        *no_views += !(b->rows[i].has & ZCUR_HAS_VIEWS);
        *no_mesh += !(b->rows[i].has & ZCUR_HAS_MESH);
    }
    free(rc);
    b->n = 0;
    return status;
}
