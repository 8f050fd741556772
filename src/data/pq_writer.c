/* pq_writer.c: a streaming parquet writer for flat schemas (required/optional primitive
 * columns). Values of the current row group are buffered PLAIN-encoded per column; when the
 * buffered bytes reach row_group_bytes the group is written page by page (def levels in the RLE
 * hybrid, values PLAIN, each page compressed) and its buffers are reused. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pq_writer_internal.h"

static void set_fail(pq_writer *w, const char *fmt, const char *arg)
{
    if (!w->failed)
        snprintf(w->why, sizeof w->why, fmt, arg);
    w->failed = 1;
}

int pq_write_all(pq_writer *w, const void *p, size_t n)
{
    size_t done = 0;
    while (done < n) {
        ssize_t k = write(w->fd, (const char *)p + done, n - done);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            set_fail(w, "write failed: %s", strerror(errno));
            return -1;
        }
        done += (size_t)k;
    }
    w->offset += n;
    return 0;
}

static int value_width(int physical)
{
    switch (physical) {
    case PQ_BOOLEAN: return 1;
    case PQ_INT32: case PQ_FLOAT: return 4;
    case PQ_INT64: case PQ_DOUBLE: return 8;
    default: return 0;
    }
}

pq_writer *pq_writer_new(int fd, const char *name, const pq_field *fields, int nfields,
                         const pq_write_opts *o, char *err, size_t errlen)
{
    pq_writer *w = calloc(1, sizeof *w);
    if (!w || !(w->name = strdup(name)) || !(w->cols = calloc((size_t)(nfields ? nfields : 1), sizeof *w->cols))) {
        pq_writer_free(w);
        snprintf(err, errlen, "%s: out of memory", name);
        return NULL;
    }
    w->fd = fd;
    if (o)
        w->o = *o;
    else
        w->o.codec = PQ_ZSTD;
    if (w->o.codec != PQ_ZSTD && w->o.codec != PQ_SNAPPY && w->o.codec != PQ_GZIP &&
        w->o.codec != PQ_LZ4_RAW && w->o.codec != PQ_UNCOMPRESSED) {
        snprintf(err, errlen, "%s: unsupported codec %d for writing", name, w->o.codec);
        pq_writer_free(w);
        return NULL;
    }
    if (!w->o.row_group_bytes) w->o.row_group_bytes = 64u << 20;
    if (!w->o.page_bytes) w->o.page_bytes = 1u << 20;
    w->ncols = nfields;
    for (int i = 0; i < nfields; i++) {
        wcol *c = &w->cols[i];
        c->f = fields[i];
        c->f.name = strdup(fields[i].name);
        if (!c->f.name) {
            pq_writer_free(w);
            snprintf(err, errlen, "%s: out of memory", name);
            return NULL;
        }
        if (c->f.physical == PQ_FIXED_LEN_BYTE_ARRAY || c->f.physical == PQ_INT96 ||
            c->f.physical < PQ_BOOLEAN || c->f.physical > PQ_BYTE_ARRAY) {
            pq_writer_free(w);
            snprintf(err, errlen, "%s: column %s: unsupported physical type for writing", name, fields[i].name);
            return NULL;
        }
    }
    if (pq_write_all(w, "PAR1", 4) < 0) {
        snprintf(err, errlen, "%s: %s", name, w->why);
        pq_writer_free(w);
        return NULL;
    }
    return w;
}

int pq_writer_kv(pq_writer *w, const char *key, const char *value)
{
    pq_kv_pair *n = realloc(w->kvs, (size_t)(w->nkvs + 1) * sizeof *n);
    if (!n)
        return -1;
    w->kvs = n;
    n[w->nkvs].key = strdup(key);
    n[w->nkvs].value = strdup(value);
    if (!n[w->nkvs].key || !n[w->nkvs].value) {
        free(n[w->nkvs].key);
        free(n[w->nkvs].value);
        return -1;
    }
    w->nkvs++;
    return 0;
}

static wcol *begin_put(pq_writer *w, int col, int physical)
{
    if (col < 0 || col >= w->ncols) {
        set_fail(w, "%s", "value for a column that does not exist");
        return NULL;
    }
    wcol *c = &w->cols[col];
    if (c->set) {
        set_fail(w, "column %s given two values in one row", c->f.name);
        return NULL;
    }
    if (physical >= 0 && c->f.physical != physical) {
        set_fail(w, "column %s given a value of the wrong type", c->f.name);
        return NULL;
    }
    if (w->rg_rows >= c->cap_def) {
        int64_t cap = c->cap_def ? c->cap_def * 2 : 1024;
        uint8_t *d = realloc(c->def, (size_t)cap);
        if (!d) {
            set_fail(w, "%s", "out of memory");
            return NULL;
        }
        c->def = d;
        c->cap_def = cap;
    }
    c->set = 1;
    return c;
}

int pq_put_null(pq_writer *w, int col)
{
    wcol *c = begin_put(w, col, -1);
    if (!c)
        return -1;
    if (!c->f.optional) {
        set_fail(w, "null in required column %s", c->f.name);
        return -1;
    }
    c->def[w->rg_rows] = 0;
    c->null_count++;
    return 0;
}

/* Records a present value: def level, PLAIN bytes, statistics. */
static int put_value(pq_writer *w, int col, int physical, const void *p, size_t n)
{
    wcol *c = begin_put(w, col, physical);
    if (!c)
        return -1;
    c->def[w->rg_rows] = 1;
    if (physical == PQ_BYTE_ARRAY) {
        if (n > UINT32_MAX - 4) {
            set_fail(w, "value of column %s too large", c->f.name);
            return -1;
        }
        uint32_t l = (uint32_t)n;
        if (pq_vbuf_append(&c->vals, &l, 4) < 0) {
            set_fail(w, "%s", "out of memory");
            return -1;
        }
    }
    if (pq_vbuf_append(&c->vals, p, n) < 0) {
        set_fail(w, "%s", "out of memory");
        return -1;
    }
    c->n_values++;
    w->rg_bytes += n + (physical == PQ_BYTE_ARRAY ? 4 : 0);
    pq_stats_update(c, p, n);
    return 0;
}

int pq_put_i32(pq_writer *w, int col, int32_t v) { return put_value(w, col, PQ_INT32, &v, 4); }
int pq_put_i64(pq_writer *w, int col, int64_t v) { return put_value(w, col, PQ_INT64, &v, 8); }
int pq_put_double(pq_writer *w, int col, double v) { return put_value(w, col, PQ_DOUBLE, &v, 8); }
int pq_put_float(pq_writer *w, int col, float v) { return put_value(w, col, PQ_FLOAT, &v, 4); }
int pq_put_bytes(pq_writer *w, int col, const void *p, size_t n) { return put_value(w, col, PQ_BYTE_ARRAY, p, n); }

int pq_put_bool(pq_writer *w, int col, int v)
{
    uint8_t b = v ? 1 : 0;
    return put_value(w, col, PQ_BOOLEAN, &b, 1);
}

int pq_end_row(pq_writer *w, char *err, size_t errlen)
{
    for (int i = 0; i < w->ncols && !w->failed; i++)
        if (!w->cols[i].set)
            set_fail(w, "row without a value for column %s", w->cols[i].f.name);
    if (w->failed) {
        snprintf(err, errlen, "%s: %s", w->name, w->why);
        return -1;
    }
    for (int i = 0; i < w->ncols; i++)
        w->cols[i].set = 0;
    w->rg_rows++;
    w->rows_total++;
    if (w->rg_bytes >= w->o.row_group_bytes && pq_flush_row_group(w) < 0) {
        snprintf(err, errlen, "%s: %s", w->name, w->why);
        return -1;
    }
    return 0;
}

int pq_writer_finish(pq_writer *w, char *err, size_t errlen)
{
    if (!w->failed && w->rg_rows > 0)
        pq_flush_row_group(w);
    if (!w->failed)
        pq_write_footer(w);
    if (w->failed) {
        snprintf(err, errlen, "%s: %s", w->name, w->why);
        return -1;
    }
    return 0;
}

void pq_writer_free(pq_writer *w)
{
    if (!w)
        return;
    for (int i = 0; w->cols && i < w->ncols; i++) {
        wcol *c = &w->cols[i];
        free((char *)c->f.name);
        free(c->def);
        pq_vbuf_free(&c->vals);
    }
    free(w->cols);
    for (int g = 0; g < w->nrgs; g++)
        pq_free_rowgroup_meta(&w->rgs[g], w->ncols);
    free(w->rgs);
    for (int i = 0; i < w->nkvs; i++) {
        free(w->kvs[i].key);
        free(w->kvs[i].value);
    }
    free(w->kvs);
    free(w->name);
    free(w);
}

uint64_t pq_writer_bytes(const pq_writer *w) { return w->offset; }
int64_t pq_writer_rows(const pq_writer *w) { return w->rows_total; }

/* Statistics: min/max in the type's order (bytes: unsigned lexicographic, NaN ignored). */
static int cmp_bytes(const uint8_t *a, size_t an, const uint8_t *b, size_t bn)
{
    size_t m = an < bn ? an : bn;
    int c = m ? memcmp(a, b, m) : 0;
    return c ? c : (an > bn) - (an < bn);
}

static int cmp_value(int physical, const void *a, size_t an, const void *b, size_t bn)
{
    switch (physical) {
    case PQ_BOOLEAN: return *(const uint8_t *)a - *(const uint8_t *)b;
    case PQ_INT32: { int32_t x, y; memcpy(&x, a, 4); memcpy(&y, b, 4); return (x > y) - (x < y); }
    case PQ_INT64: { int64_t x, y; memcpy(&x, a, 8); memcpy(&y, b, 8); return (x > y) - (x < y); }
    case PQ_FLOAT: { float x, y; memcpy(&x, a, 4); memcpy(&y, b, 4); return (x > y) - (x < y); }
    case PQ_DOUBLE: { double x, y; memcpy(&x, a, 8); memcpy(&y, b, 8); return (x > y) - (x < y); }
    default: return cmp_bytes(a, an, b, bn);
    }
}

static int is_nan(int physical, const void *p)
{
    if (physical == PQ_DOUBLE) { double d; memcpy(&d, p, 8); return isnan(d); }
    if (physical == PQ_FLOAT) { float f; memcpy(&f, p, 4); return isnan(f); }
    return 0;
}

void pq_stats_update(wcol *c, const void *p, size_t n)
{
    if (c->minmax_off || is_nan(c->f.physical, p))
        return;
    if (n > PQ_STATS_MAX_BYTES) {          /* long binaries: no min/max (null_count only) */
        c->minmax_off = 1;
        c->has_minmax = 0;
        return;
    }
    if (!c->has_minmax || cmp_value(c->f.physical, p, n, c->min, c->min_len) < 0) {
        memcpy(c->min, p, n);
        c->min_len = n;
    }
    if (!c->has_minmax || cmp_value(c->f.physical, p, n, c->max, c->max_len) > 0) {
        memcpy(c->max, p, n);
        c->max_len = n;
    }
    c->has_minmax = 1;
}

int pq_value_width(int physical) { return value_width(physical); }
