/* index.c: the training index of the retrieval reconstructor: uuid, code and view descriptor of
 * every row of the training shards, and the k nearest rows to a descriptor (exhaustive search). */
#define _GNU_SOURCE
#include "recon.h"
#include "recon_internal.h"

#include <stdlib.h>
#include <string.h>

struct zrc_index {
    size_t n, cap;
    int d;
    char **uuid, **code;
    float *desc;
};

static int grow(zrc_index *x)
{
    if (x->n < x->cap)
        return 0;
    size_t cap = x->cap ? 2 * x->cap : 256;
    char **u = realloc(x->uuid, cap * sizeof *u);
    if (u)
        x->uuid = u;
    char **c = realloc(x->code, cap * sizeof *c);
    if (c)
        x->code = c;
    float *d = realloc(x->desc, cap * (size_t)x->d * sizeof *d);
    if (d)
        x->desc = d;
    if (!u || !c || !d)
        return -1;
    x->cap = cap;
    return 0;
}

static int add_row(void *ctx, const zd_row *row, const char *path, char *err, size_t errlen)
{
    zrc_index *x = ctx;
    char name[512];
    snprintf(name, sizeof name, "%s: row %s", path, row->uuid);
    if (grow(x)) {
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    if (zrc_describe_views(row->image, row->image_len, name, x->desc + x->n * (size_t)x->d, err, errlen))
        return -1;
    x->uuid[x->n] = strdup(row->uuid);
    x->code[x->n] = strndup(row->code, row->code_len);
    if (!x->uuid[x->n] || !x->code[x->n]) {
        free(x->uuid[x->n]);
        free(x->code[x->n]);
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    x->n++;
    return 0;
}

zrc_index *zrc_index_open(const char *const *shards, int n, FILE *progress, char *err, size_t errlen)
{
    zrc_index *x = calloc(1, sizeof *x);
    if (!x) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    x->d = zrc_dim();
    for (int i = 0; i < n; i++)
    {
        size_t before = x->n;
        if (zrc_scan_rows(shards[i], ZD_COL_UUID | ZD_COL_CODE | ZD_COL_IMAGES, add_row, x, err, errlen)) {
            zrc_index_free(x);
            return NULL;
        }
        if (progress)
            fprintf(progress, "retrieval: indexed %zu training rows of %s\n", x->n - before, shards[i]);
    }
    if (x->n == 0) {
        snprintf(err, errlen, "%s: the training shards hold no rows", n > 0 ? shards[0] : "(none)");
        zrc_index_free(x);
        return NULL;
    }
    return x;
}

size_t zrc_index_rows(const zrc_index *x)
{
    return x->n;
}

const char *zrc_index_uuid(const zrc_index *x, size_t i)
{
    return i < x->n ? x->uuid[i] : NULL;
}

const char *zrc_index_code(const zrc_index *x, size_t i)
{
    return i < x->n ? x->code[i] : NULL;
}

static float sqdist(const float *a, const float *b, int d)
{
    double s = 0;
    for (int j = 0; j < d; j++)
        s += ((double)a[j] - b[j]) * ((double)a[j] - b[j]);
    return (float)s;
}

int zrc_index_nearest(const zrc_index *x, const float *desc, int k, size_t *out, float *dist)
{
    int m = 0;
    float *best = malloc((size_t)(k > 0 ? k : 1) * sizeof *best);
    if (!best || k <= 0) {
        free(best);
        return 0;
    }
    for (size_t i = 0; i < x->n; i++) {
        float di = sqdist(desc, x->desc + i * (size_t)x->d, x->d);
        if (m == k && di >= best[m - 1])
            continue;   /* strict: an equal distance keeps the lower row */
        int at = m < k ? m++ : k - 1;
        while (at > 0 && best[at - 1] > di) {
            best[at] = best[at - 1];
            out[at] = out[at - 1];
            at--;
        }
        best[at] = di;
        out[at] = i;
    }
    if (dist)
        memcpy(dist, best, (size_t)m * sizeof *dist);
    free(best);
    return m;
}

void zrc_index_free(zrc_index *x)
{
    if (!x)
        return;
    for (size_t i = 0; i < x->n; i++) {
        free(x->uuid[i]);
        free(x->code[i]);
    }
    free(x->uuid);
    free(x->code);
    free(x->desc);
    free(x);
}
