/* pq_chunk.c: reads one column chunk (one pread of its byte range) and decodes its pages:
 * dictionary page, data pages v1 and v2, levels (RLE hybrid), values (pq_decode.c) and
 * dictionary indices. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pq_file.h"

static int value_width(int physical)
{
    switch (physical) {
    case PQ_BOOLEAN: return 1;
    case PQ_INT32: case PQ_FLOAT: return 4;
    case PQ_INT64: case PQ_DOUBLE: return 8;
    default: return 0;
    }
}

void pq_chunk_free(pq_chunk *c)
{
    for (size_t i = 0; i < c->n_owned; i++)
        free(c->owned[i]);
    free(c->owned);
    free(c->def);
    free(c->rep);
    free(c->fixed);
    free(c->bytes);
    memset(c, 0, sizeof *c);
}

typedef struct {
    pq_file *f;
    const pq_column *col;
    const pq_colmeta *cm;
    pq_chunk *c;
    pq_chunk dict;
    int have_dict;
    const char *why;
} chunk_ctx;

static int reserve_levels(chunk_ctx *x, int64_t extra)
{
    pq_chunk *c = x->c;
    int64_t need = c->n_levels + extra;
    if (need > PQ_MAX_CHUNK_LEVELS) {
        x->why = "too many values in a column chunk";
        return -1;
    }
    if (need <= c->cap_levels && c->cap_levels > 0)
        return 0;
    int64_t cap = c->cap_levels ? c->cap_levels : 1024;
    while (cap < need)
        cap *= 2;
    if (x->col->max_def > 0) {
        int16_t *d = realloc(c->def, (size_t)cap * sizeof *d);
        if (!d) { x->why = "out of memory"; return -1; }
        c->def = d;
    }
    if (x->col->max_rep > 0) {
        int16_t *r = realloc(c->rep, (size_t)cap * sizeof *r);
        if (!r) { x->why = "out of memory"; return -1; }
        c->rep = r;
    }
    c->cap_levels = cap;
    return 0;
}

/* Decodes n levels (RLE hybrid, width from max) into dst. */
static int decode_levels(chunk_ctx *x, const uint8_t *buf, size_t len, int max, int16_t *dst, int64_t n)
{
    uint32_t *tmp = malloc((size_t)(n ? n : 1) * sizeof *tmp);
    if (!tmp) { x->why = "out of memory"; return -1; }
    int rc = pq_rle_decode(buf, len, pq_bit_width((uint64_t)max), tmp, n);
    for (int64_t i = 0; rc == 0 && i < n; i++) {
        if (tmp[i] > (uint32_t)max) rc = -1;
        else dst[i] = (int16_t)tmp[i];
    }
    free(tmp);
    if (rc < 0)
        x->why = "corrupt definition or repetition levels";
    return rc;
}

/* v1 levels: 4-byte length prefix then the RLE hybrid. Advances *p. */
static int levels_v1(chunk_ctx *x, const uint8_t **p, const uint8_t *end, int enc, int max,
                     int16_t *dst, int64_t n)
{
    if (enc != PQ_ENC_RLE) {
        x->why = "levels in an encoding other than RLE (BIT_PACKED) are not supported";
        return -1;
    }
    if (end - *p < 4) { x->why = "truncated levels"; return -1; }
    uint32_t l;
    memcpy(&l, *p, 4);
    *p += 4;
    if (l > (size_t)(end - *p)) { x->why = "levels longer than their page"; return -1; }
    if (decode_levels(x, *p, l, max, dst, n) < 0)
        return -1;
    *p += l;
    return 0;
}

static int64_t count_present(chunk_ctx *x, int64_t first, int64_t n)
{
    if (x->col->max_def == 0)
        return n;
    int64_t k = 0;
    for (int64_t i = first; i < first + n; i++)
        k += x->c->def[i] == x->col->max_def;
    return k;
}

/* Values through the dictionary: bit width byte then RLE hybrid indices. */
static int dict_values(chunk_ctx *x, const uint8_t *buf, size_t len, int64_t n)
{
    pq_chunk *c = x->c;
    if (!x->have_dict) { x->why = "dictionary-encoded page without a dictionary page"; return -1; }
    if (n == 0) return 0;
    if (len < 1) { x->why = "truncated dictionary indices"; return -1; }
    uint32_t *idx = malloc((size_t)n * sizeof *idx);
    if (!idx) { x->why = "out of memory"; return -1; }
    if (pq_rle_decode(buf + 1, len - 1, buf[0], idx, n) < 0) {
        free(idx);
        x->why = "corrupt dictionary indices";
        return -1;
    }
    if (pq_chunk_reserve_values(c, n) < 0) {
        free(idx);
        x->why = "too many values in a column chunk";
        return -1;
    }
    for (int64_t i = 0; i < n; i++) {
        if (idx[i] >= x->dict.n_values) {
            free(idx);
            x->why = "dictionary index out of range";
            return -1;
        }
        if (c->bytes)
            c->bytes[c->n_values + i] = x->dict.bytes[idx[i]];
        else
            memcpy(c->fixed + (c->n_values + i) * c->width, x->dict.fixed + (size_t)idx[i] * c->width, (size_t)c->width);
    }
    c->n_values += n;
    free(idx);
    return 0;
}

static int values(chunk_ctx *x, int enc, const uint8_t *buf, size_t len, int64_t n)
{
    if (enc == PQ_ENC_PLAIN_DICTIONARY || enc == PQ_ENC_RLE_DICTIONARY)
        return dict_values(x, buf, len, n);
    return pq_decode_values(x->c, enc, buf, len, n, x->col->type_length, &x->why);
}

/* The page body, uncompressed when needed; the buffer is owned by the chunk. */
static const uint8_t *inflate_page(chunk_ctx *x, const uint8_t *src, size_t src_len, size_t dst_len)
{
    if (dst_len > PQ_MAX_PAGE_BYTES) { x->why = "page larger than the 512 MiB limit"; return NULL; }
    if (x->cm->codec == PQ_UNCOMPRESSED) {
        if (src_len != dst_len) { x->why = "uncompressed page sizes differ"; return NULL; }
        return src;
    }
    uint8_t *dst = malloc(dst_len ? dst_len : 1);
    if (!dst || pq_chunk_own(x->c, dst) < 0) { free(dst); x->why = "out of memory"; return NULL; }
    if (pq_decompress(x->cm->codec, src, src_len, dst, dst_len, &x->why) < 0)
        return NULL;
    return dst;
}

static int dictionary_page(chunk_ctx *x, const pq_page_header *h, const uint8_t *body)
{
    if (x->have_dict) { x->why = "second dictionary page in a column chunk"; return -1; }
    if (h->encoding != PQ_ENC_PLAIN && h->encoding != PQ_ENC_PLAIN_DICTIONARY) {
        x->why = "dictionary page not PLAIN encoded"; return -1;
    }
    const uint8_t *data = inflate_page(x, body, (size_t)h->compressed_size, (size_t)h->uncompressed_size);
    if (!data) return -1;
    x->dict.physical = x->c->physical;
    x->dict.width = x->c->width;
    x->have_dict = 1;
    return pq_decode_values(&x->dict, PQ_ENC_PLAIN, data, (size_t)h->uncompressed_size, h->num_values,
                            x->col->type_length, &x->why);
}

static int data_page_v1(chunk_ctx *x, const pq_page_header *h, const uint8_t *body)
{
    pq_chunk *c = x->c;
    int64_t n = h->num_values;
    const uint8_t *data = inflate_page(x, body, (size_t)h->compressed_size, (size_t)h->uncompressed_size);
    if (!data || reserve_levels(x, n) < 0) return -1;
    const uint8_t *p = data, *end = data + h->uncompressed_size;
    if (x->col->max_rep > 0 &&
        levels_v1(x, &p, end, h->rep_encoding, x->col->max_rep, c->rep + c->n_levels, n) < 0)
        return -1;
    if (x->col->max_def > 0 &&
        levels_v1(x, &p, end, h->def_encoding, x->col->max_def, c->def + c->n_levels, n) < 0)
        return -1;
    int64_t present = count_present(x, c->n_levels, n);
    c->n_levels += n;
    return values(x, h->encoding, p, (size_t)(end - p), present);
}

static int data_page_v2(chunk_ctx *x, const pq_page_header *h, const uint8_t *body)
{
    pq_chunk *c = x->c;
    int64_t n = h->num_values;
    size_t lv = (size_t)h->rep_len + (size_t)h->def_len;
    if (lv > (size_t)h->compressed_size || lv > (size_t)h->uncompressed_size) {
        x->why = "page v2 levels longer than the page"; return -1;
    }
    if (reserve_levels(x, n) < 0) return -1;
    if (x->col->max_rep > 0 &&
        decode_levels(x, body, (size_t)h->rep_len, x->col->max_rep, c->rep + c->n_levels, n) < 0)
        return -1;
    if (x->col->max_def > 0 &&
        decode_levels(x, body + h->rep_len, (size_t)h->def_len, x->col->max_def, c->def + c->n_levels, n) < 0)
        return -1;
    size_t src_len = (size_t)h->compressed_size - lv, dst_len = (size_t)h->uncompressed_size - lv;
    const uint8_t *data;
    if (!h->is_compressed || x->cm->codec == PQ_UNCOMPRESSED) {
        if (src_len != dst_len) { x->why = "uncompressed page sizes differ"; return -1; }
        data = body + lv;
    } else {
        data = inflate_page(x, body + lv, src_len, dst_len);
        if (!data) return -1;
    }
    int64_t present = count_present(x, c->n_levels, n);
    c->n_levels += n;
    return values(x, h->encoding, data, dst_len, present);
}

static int decode_pages(chunk_ctx *x, const uint8_t *buf, size_t len)
{
    size_t pos = 0;
    while (x->c->n_levels < x->cm->num_values) {
        pq_page_header h;
        size_t used;
        if (pos >= len) { x->why = "column chunk ends before all its values"; return -1; }
        if (pq_page_header_decode(buf + pos, len - pos, &h, &used, &x->why) < 0) return -1;
        pos += used;
        if ((size_t)h.compressed_size > len - pos) { x->why = "page longer than its column chunk"; return -1; }
        const uint8_t *body = buf + pos;
        int rc = 0;
        if (h.type == PQ_PAGE_DICTIONARY) rc = dictionary_page(x, &h, body);
        else if (h.type == PQ_PAGE_DATA) rc = data_page_v1(x, &h, body);
        else if (h.type == PQ_PAGE_DATA_V2) rc = data_page_v2(x, &h, body);
        else if (h.type != PQ_PAGE_INDEX) { x->why = "unknown page type"; return -1; }
        if (rc < 0) return -1;
        pos += (size_t)h.compressed_size;
    }
    if (x->c->n_levels != x->cm->num_values) {
        x->why = "pages hold more values than the column chunk says";
        return -1;
    }
    return 0;
}

/* Gives the dictionary's storage to the chunk (its values are referenced by the chunk). */
static int adopt_dict(chunk_ctx *x)
{
    for (size_t i = 0; i < x->dict.n_owned; i++)
        if (pq_chunk_own(x->c, x->dict.owned[i]) < 0)
            return -1;
    x->dict.n_owned = 0;
    if (x->dict.bytes && pq_chunk_own(x->c, x->dict.bytes) == 0)
        x->dict.bytes = NULL;
    return 0;
}

int pq_read_chunk(pq_file *f, int rg, int col, pq_chunk *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (rg < 0 || rg >= f->meta.nrgs || col < 0 || col >= f->ncols) {
        pq_err(err, errlen, f->path, "no row group %d column %d", rg, col);
        return -1;
    }
    const pq_colmeta *cm = &f->meta.rgs[rg].cols[col];
    const pq_column *pc = &f->cols[col];
    int64_t start = cm->data_page_offset;
    if (cm->dictionary_page_offset >= 4 && cm->dictionary_page_offset < start)
        start = cm->dictionary_page_offset;
    int64_t len = cm->total_compressed;
    if (cm->num_values < 0 || cm->num_values > PQ_MAX_CHUNK_LEVELS || start < 4 || len < 0 ||
        (uint64_t)start > f->size - 8 || (uint64_t)len > f->size - 8 - (uint64_t)start) {
        pq_err(err, errlen, f->path, "column %s row group %d: chunk range outside the file", pc->path, rg);
        return -1;
    }
    uint8_t *buf = malloc(len ? (size_t)len : 1);
    if (!buf) {
        pq_err(err, errlen, f->path, "out of memory for column %s", pc->path);
        return -1;
    }
    if (pq_pread_all(f, buf, (size_t)len, (uint64_t)start) < 0) {
        free(buf);
        pq_err(err, errlen, f->path, "read error in column %s: %s", pc->path, strerror(errno));
        return -1;
    }
    out->physical = pc->physical;
    out->width = value_width(pc->physical);
    chunk_ctx x = {.f = f, .col = pc, .cm = cm, .c = out};
    int rc = pq_chunk_own(out, buf);
    if (rc < 0) free(buf);
    if (rc == 0) rc = decode_pages(&x, buf, (size_t)len);
    if (rc == 0) rc = adopt_dict(&x);
    pq_chunk_free(&x.dict);
    if (rc < 0) {
        pq_err(err, errlen, f->path, "column %s row group %d: %s", pc->path, rg, x.why ? x.why : "out of memory");
        pq_chunk_free(out);
        return -1;
    }
    return 0;
}
