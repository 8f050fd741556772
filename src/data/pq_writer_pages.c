/* pq_writer_pages.c: writes the buffered row group: for each column, data pages (v1 or v2) of
 * about page_bytes each, definition levels in the RLE hybrid, PLAIN values, compressed. */
#include <stdlib.h>
#include <string.h>

#include "pq_writer_internal.h"

typedef struct {
    int64_t r0, r1;           /* rows of the page */
    size_t b0, b1;            /* byte range of its values in the column buffer */
    int64_t present;
} page_span;

/* The next page: rows from span->r1 until about page_bytes of values. */
static void next_span(const pq_writer *w, const wcol *c, page_span *s)
{
    int width = pq_value_width(c->f.physical);
    s->r0 = s->r1;
    s->b0 = s->b1;
    s->present = 0;
    size_t b = s->b0;
    int64_t r = s->r0;
    while (r < w->rg_rows && (r == s->r0 || b - s->b0 < w->o.page_bytes)) {
        if (c->def[r]) {
            if (c->f.physical == PQ_BYTE_ARRAY) {
                uint32_t l;
                memcpy(&l, c->vals.buf + b, 4);
                b += 4 + (size_t)l;
            } else {
                b += (size_t)width;
            }
            s->present++;
        }
        r++;
    }
    s->r1 = r;
    s->b1 = b;
}

static void encode_page_header(tc_writer *t, const pq_writer *w, const page_span *s, size_t unc,
                               size_t comp, size_t def_len)
{
    tc_w_struct_begin(t);
    tc_w_field_i32(t, 1, w->o.page_v2 ? 3 : 0);
    tc_w_field_i32(t, 2, (int32_t)unc);
    tc_w_field_i32(t, 3, (int32_t)comp);
    if (!w->o.page_v2) {
        tc_w_field(t, 5, TC_STRUCT);
        tc_w_struct_begin(t);
        tc_w_field_i32(t, 1, (int32_t)(s->r1 - s->r0));
        tc_w_field_i32(t, 2, PQ_ENC_PLAIN);
        tc_w_field_i32(t, 3, PQ_ENC_RLE);
        tc_w_field_i32(t, 4, PQ_ENC_RLE);
        tc_w_struct_end(t);
    } else {
        tc_w_field(t, 8, TC_STRUCT);
        tc_w_struct_begin(t);
        tc_w_field_i32(t, 1, (int32_t)(s->r1 - s->r0));
        tc_w_field_i32(t, 2, (int32_t)(s->r1 - s->r0 - s->present));
        tc_w_field_i32(t, 3, (int32_t)(s->r1 - s->r0));
        tc_w_field_i32(t, 4, PQ_ENC_PLAIN);
        tc_w_field_i32(t, 5, (int32_t)def_len);
        tc_w_field_i32(t, 6, 0);
        tc_w_field_bool(t, 7, w->o.codec != PQ_UNCOMPRESSED);
        tc_w_struct_end(t);
    }
    tc_w_struct_end(t);
}

/* PLAIN values of the span (booleans bit-packed) into out. */
static void plain_values(const wcol *c, const page_span *s, tc_writer *out)
{
    if (c->f.physical != PQ_BOOLEAN) {
        tc_w_bytes(out, c->vals.buf + s->b0, s->b1 - s->b0);
        return;
    }
    uint8_t acc = 0;
    int64_t n = (int64_t)(s->b1 - s->b0);
    for (int64_t i = 0; i < n; i++) {
        acc |= (uint8_t)((c->vals.buf[s->b0 + (size_t)i] & 1) << (i & 7));
        if ((i & 7) == 7 || i == n - 1) {
            tc_w_bytes(out, &acc, 1);
            acc = 0;
        }
    }
}

static int write_page(pq_writer *w, wcol *c, const page_span *s, wchunk *m)
{
    tc_writer lv, body, hdr;
    uint8_t *comp = NULL;
    size_t comp_len = 0, unc, total_comp;
    int rc = -1;
    tc_writer_init(&lv);
    tc_writer_init(&body);
    tc_writer_init(&hdr);
    if (c->f.optional) {
        int64_t n = s->r1 - s->r0;
        uint32_t *levels = malloc((size_t)n * sizeof *levels);
        if (!levels) goto out;
        for (int64_t i = 0; i < n; i++)
            levels[i] = c->def[s->r0 + i];
        pq_rle_encode(&lv, levels, n, 1);
        free(levels);
    }
    tc_w_reserve(&body, 4 + lv.len + (s->b1 - s->b0));     /* one allocation of the page's size */
    if (!w->o.page_v2 && c->f.optional) {
        uint32_t l = (uint32_t)lv.len;
        tc_w_bytes(&body, &l, 4);
        tc_w_bytes(&body, lv.buf, lv.len);
    }
    plain_values(c, s, &body);
    if (lv.bad || body.bad || body.len > INT32_MAX - lv.len) goto out;
    if (pq_compress(w->o.codec, w->o.level, body.buf, body.len, &comp, &comp_len) < 0) goto out;
    if (w->o.page_v2) {
        unc = lv.len + body.len;
        total_comp = lv.len + comp_len;
    } else {
        unc = body.len;
        total_comp = comp_len;
    }
    if (total_comp > INT32_MAX) goto out;
    encode_page_header(&hdr, w, s, unc, total_comp, lv.len);
    if (hdr.bad) goto out;
    if (pq_write_all(w, hdr.buf, hdr.len) < 0 ||
        (w->o.page_v2 && pq_write_all(w, lv.buf, lv.len) < 0) ||
        pq_write_all(w, comp, comp_len) < 0)
        goto out;
    m->total_uncompressed += (int64_t)(hdr.len + unc);
    m->total_compressed += (int64_t)(hdr.len + total_comp);
    rc = 0;
out:
    if (rc < 0 && !w->failed) {
        w->failed = 1;
        snprintf(w->why, sizeof w->why, "cannot encode a page of column %s", c->f.name);
    }
    free(comp);
    tc_writer_free(&lv);
    tc_writer_free(&body);
    tc_writer_free(&hdr);
    return rc;
}

static int write_column(pq_writer *w, wcol *c, wchunk *m)
{
    page_span s = {0};
    m->data_page_offset = (int64_t)w->offset;
    m->num_values = w->rg_rows;
    m->null_count = c->null_count;
    while (s.r1 < w->rg_rows) {
        next_span(w, c, &s);
        if (write_page(w, c, &s, m) < 0)
            return -1;
    }
    if (c->has_minmax) {
        m->min = malloc(c->min_len ? c->min_len : 1);
        m->max = malloc(c->max_len ? c->max_len : 1);
        if (!m->min || !m->max)
            return -1;
        memcpy(m->min, c->min, c->min_len);
        memcpy(m->max, c->max, c->max_len);
        m->min_len = c->min_len;
        m->max_len = c->max_len;
        m->has_minmax = 1;
    }
    return 0;
}

static void reset_column(wcol *c)
{
    c->vals.len = 0;
    c->n_values = c->null_count = 0;
    c->has_minmax = c->minmax_off = 0;
}

void pq_free_rowgroup_meta(wrowgroup *g, int ncols)
{
    for (int i = 0; g->cols && i < ncols; i++) {
        free(g->cols[i].min);
        free(g->cols[i].max);
    }
    free(g->cols);
}

int pq_flush_row_group(pq_writer *w)
{
    if (w->nrgs == w->caprgs) {
        int cap = w->caprgs ? w->caprgs * 2 : 8;
        wrowgroup *n = realloc(w->rgs, (size_t)cap * sizeof *n);
        if (!n) {
            w->failed = 1;
            snprintf(w->why, sizeof w->why, "out of memory");
            return -1;
        }
        w->rgs = n;
        w->caprgs = cap;
    }
    wrowgroup *g = &w->rgs[w->nrgs];
    memset(g, 0, sizeof *g);
    g->cols = calloc((size_t)(w->ncols ? w->ncols : 1), sizeof *g->cols);
    if (!g->cols) {
        w->failed = 1;
        snprintf(w->why, sizeof w->why, "out of memory");
        return -1;
    }
    w->nrgs++;
    g->num_rows = w->rg_rows;
    g->file_offset = (int64_t)w->offset;
    for (int i = 0; i < w->ncols; i++) {
        if (write_column(w, &w->cols[i], &g->cols[i]) < 0) {
            if (!w->failed) {
                w->failed = 1;
                snprintf(w->why, sizeof w->why, "out of memory");
            }
            return -1;
        }
        g->total_byte_size += g->cols[i].total_uncompressed;
        g->total_compressed += g->cols[i].total_compressed;
        reset_column(&w->cols[i]);
    }
    w->rg_rows = 0;
    w->rg_bytes = 0;
    return 0;
}
