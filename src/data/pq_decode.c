/* pq_decode.c: value encodings of data pages, decoded into a pq_chunk: PLAIN, RLE (booleans),
 * DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY and BYTE_STREAM_SPLIT.
 * Byte strings point into page buffers the chunk owns. Every length is checked. */
#include <stdlib.h>
#include <string.h>

#include "pq_internal.h"

int pq_chunk_own(pq_chunk *c, void *p)
{
    if (c->n_owned == c->cap_owned) {
        size_t cap = c->cap_owned ? c->cap_owned * 2 : 16;
        void **n = realloc(c->owned, cap * sizeof *n);
        if (!n)
            return -1;
        c->owned = n;
        c->cap_owned = cap;
    }
    c->owned[c->n_owned++] = p;
    return 0;
}

static int is_bytes_type(int physical)
{
    return physical == PQ_BYTE_ARRAY || physical == PQ_FIXED_LEN_BYTE_ARRAY || physical == PQ_INT96;
}

int pq_chunk_reserve_values(pq_chunk *c, int64_t extra)
{
    int64_t need = c->n_values + extra;
    if (need <= c->cap_values && c->cap_values > 0)
        return 0;
    if (need > PQ_MAX_CHUNK_LEVELS)
        return -1;
    int64_t cap = c->cap_values ? c->cap_values : 1024;
    while (cap < need)
        cap *= 2;
    if (is_bytes_type(c->physical)) {
        pq_bytes *n = realloc(c->bytes, (size_t)cap * sizeof *n);
        if (!n)
            return -1;
        c->bytes = n;
    } else {
        uint8_t *n = realloc(c->fixed, (size_t)cap * (size_t)c->width);
        if (!n)
            return -1;
        c->fixed = n;
    }
    c->cap_values = cap;
    return 0;
}

static int plain_fixed(pq_chunk *c, const uint8_t *buf, size_t len, int64_t n)
{
    if ((uint64_t)n * (uint64_t)c->width > len)
        return -1;
    if (n == 0)
        return 0;
    memcpy(c->fixed + c->n_values * c->width, buf, (size_t)n * (size_t)c->width);
    c->n_values += n;
    return 0;
}

static int plain_bool(pq_chunk *c, const uint8_t *buf, size_t len, int64_t n)
{
    if ((uint64_t)n > (uint64_t)len * 8)
        return -1;
    for (int64_t i = 0; i < n; i++)
        c->fixed[c->n_values + i] = (buf[i >> 3] >> (i & 7)) & 1;
    c->n_values += n;
    return 0;
}

static int plain_byte_array(pq_chunk *c, const uint8_t *buf, size_t len, int64_t n)
{
    size_t pos = 0;
    for (int64_t i = 0; i < n; i++) {
        if (len - pos < 4)
            return -1;
        uint32_t l;
        memcpy(&l, buf + pos, 4);
        pos += 4;
        if (l > len - pos)
            return -1;
        c->bytes[c->n_values + i].ptr = buf + pos;
        c->bytes[c->n_values + i].len = l;
        pos += l;
    }
    c->n_values += n;
    return 0;
}

static int plain_fixed_bytes(pq_chunk *c, const uint8_t *buf, size_t len, int64_t n, int w)
{
    if (w < 0 || (uint64_t)n * (uint64_t)w > len)
        return -1;
    for (int64_t i = 0; i < n; i++) {
        c->bytes[c->n_values + i].ptr = buf + (size_t)i * (size_t)w;
        c->bytes[c->n_values + i].len = (uint32_t)w;
    }
    c->n_values += n;
    return 0;
}

static int rle_bool(pq_chunk *c, const uint8_t *buf, size_t len, int64_t n)
{
    if (len < 4)
        return -1;
    uint32_t l;
    memcpy(&l, buf, 4);
    if (l > len - 4)
        return -1;
    uint32_t *tmp = malloc((size_t)(n ? n : 1) * sizeof *tmp);
    if (!tmp)
        return -1;
    int rc = pq_rle_decode(buf + 4, l, 1, tmp, n);
    for (int64_t i = 0; rc == 0 && i < n; i++)
        c->fixed[c->n_values + i] = (uint8_t)tmp[i];
    free(tmp);
    if (rc == 0)
        c->n_values += n;
    return rc;
}

static int read_uvarint(const uint8_t **p, const uint8_t *end, uint64_t *v)
{
    *v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (*p >= end)
            return -1;
        uint8_t b = *(*p)++;
        *v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            return 0;
    }
    return -1;
}

static int read_zigzag(const uint8_t **p, const uint8_t *end, int64_t *v)
{
    uint64_t u;
    if (read_uvarint(p, end, &u) < 0)
        return -1;
    *v = (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
    return 0;
}

int pq_delta_decode(const uint8_t *buf, size_t len, int64_t *out, int64_t n, size_t *used)
{
    const uint8_t *p = buf, *end = buf + len;
    uint64_t block, nmb, total;
    int64_t first;
    if (read_uvarint(&p, end, &block) < 0 || read_uvarint(&p, end, &nmb) < 0 ||
        read_uvarint(&p, end, &total) < 0 || read_zigzag(&p, end, &first) < 0)
        return -1;
    if (block == 0 || block % 128 || nmb == 0 || nmb > block || block % nmb ||
        (block / nmb) % 32 || block > (1u << 20) || total < (uint64_t)n)
        return -1;
    uint64_t per_mb = block / nmb;
    uint64_t tmp[1024];
    if (n > 0)
        out[0] = first;
    int64_t i = 1;
    while (i < n) {
        int64_t min_delta;
        if (read_zigzag(&p, end, &min_delta) < 0 || (uint64_t)(end - p) < nmb)
            return -1;
        const uint8_t *widths = p;
        p += nmb;
        for (uint64_t k = 0; k < nmb && i < n; k++) {
            int bw = widths[k];
            if (bw > 64)
                return -1;
            uint64_t full = per_mb * (uint64_t)bw / 8;
            uint64_t want = per_mb < (uint64_t)(n - i) ? per_mb : (uint64_t)(n - i);
            const uint8_t *mb = p;
            size_t avail = (size_t)(end - p);
            for (uint64_t done = 0; done < want;) {
                int64_t m = (int64_t)(want - done < 1024 ? want - done : 1024);
                size_t off = (size_t)(done * (uint64_t)bw / 8);   /* chunks of 1024: byte aligned */
                if (off > avail || pq_unpack_bits(mb + off, avail - off, bw, tmp, m) < 0)
                    return -1;
                for (int64_t j = 0; j < m; j++, i++)
                    out[i] = (int64_t)((uint64_t)out[i - 1] + (uint64_t)min_delta + tmp[j]);
                done += (uint64_t)m;
            }
            p += full < avail ? full : avail;
        }
    }
    *used = (size_t)(p - buf);
    return 0;
}

static int delta_ints(pq_chunk *c, const uint8_t *buf, size_t len, int64_t n)
{
    int64_t *tmp = malloc((size_t)(n ? n : 1) * sizeof *tmp);
    size_t used;
    if (!tmp)
        return -1;
    int rc = pq_delta_decode(buf, len, tmp, n, &used);
    for (int64_t i = 0; rc == 0 && i < n; i++) {
        if (c->physical == PQ_INT32) {
            int32_t v = (int32_t)(uint32_t)(uint64_t)tmp[i];
            memcpy(c->fixed + (c->n_values + i) * 4, &v, 4);
        } else {
            memcpy(c->fixed + (c->n_values + i) * 8, &tmp[i], 8);
        }
    }
    free(tmp);
    if (rc == 0)
        c->n_values += n;
    return rc;
}

/* Lengths (DELTA_BINARY_PACKED) then the concatenated bytes; *used = bytes consumed. */
static int delta_length(pq_chunk *c, const uint8_t *buf, size_t len, int64_t n, size_t *used)
{
    int64_t *lens = malloc((size_t)(n ? n : 1) * sizeof *lens);
    size_t hdr;
    if (!lens)
        return -1;
    if (pq_delta_decode(buf, len, lens, n, &hdr) < 0) {
        free(lens);
        return -1;
    }
    size_t pos = hdr;
    for (int64_t i = 0; i < n; i++) {
        if (lens[i] < 0 || (uint64_t)lens[i] > len - pos) {
            free(lens);
            return -1;
        }
        c->bytes[c->n_values + i].ptr = buf + pos;
        c->bytes[c->n_values + i].len = (uint32_t)lens[i];
        pos += (size_t)lens[i];
    }
    free(lens);
    c->n_values += n;
    *used = pos;
    return 0;
}

static int delta_byte_array(pq_chunk *c, const uint8_t *buf, size_t len, int64_t n)
{
    int64_t *pre = malloc((size_t)(n ? n : 1) * sizeof *pre);
    size_t hdr, used;
    if (!pre)
        return -1;
    int64_t base = c->n_values;
    if (pq_delta_decode(buf, len, pre, n, &hdr) < 0 || delta_length(c, buf + hdr, len - hdr, n, &used) < 0) {
        free(pre);
        return -1;
    }
    uint64_t total = 0;
    for (int64_t i = 0; i < n; i++) {
        if (pre[i] < 0 || (i == 0 && pre[i] != 0))
            goto bad;
        total += (uint64_t)pre[i] + c->bytes[base + i].len;
        if (total > PQ_MAX_PAGE_BYTES)
            goto bad;
    }
    uint8_t *out = malloc(total ? total : 1);
    if (!out || pq_chunk_own(c, out) < 0) {
        free(out);
        goto bad;
    }
    size_t pos = 0, prev_len = 0;
    const uint8_t *prev = NULL;
    for (int64_t i = 0; i < n; i++) {
        pq_bytes *v = &c->bytes[base + i];
        if ((uint64_t)pre[i] > prev_len)
            goto bad;
        if (pre[i])
            memcpy(out + pos, prev, (size_t)pre[i]);
        memcpy(out + pos + pre[i], v->ptr, v->len);
        v->ptr = out + pos;
        v->len = (uint32_t)(pre[i] + v->len);
        prev = v->ptr;
        prev_len = v->len;
        pos += v->len;
    }
    free(pre);
    return 0;
bad:
    free(pre);
    c->n_values = base;
    return -1;
}

static int byte_stream_split(pq_chunk *c, const uint8_t *buf, size_t len, int64_t n, int w)
{
    if (w <= 0 || (uint64_t)n * (uint64_t)w > len)
        return -1;
    uint8_t *dst;
    if (c->physical == PQ_FIXED_LEN_BYTE_ARRAY) {
        dst = malloc((size_t)(n ? n : 1) * (size_t)w);
        if (!dst || pq_chunk_own(c, dst) < 0) {
            free(dst);
            return -1;
        }
    } else {
        dst = c->fixed + c->n_values * c->width;
    }
    size_t stride = len / (size_t)w;     /* streams are len/w bytes apart */
    if (stride < (size_t)n)
        return -1;
    for (int64_t i = 0; i < n; i++)
        for (int k = 0; k < w; k++)
            dst[(size_t)i * (size_t)w + (size_t)k] = buf[(size_t)k * stride + (size_t)i];
    if (c->physical == PQ_FIXED_LEN_BYTE_ARRAY)
        for (int64_t i = 0; i < n; i++) {
            c->bytes[c->n_values + i].ptr = dst + (size_t)i * (size_t)w;
            c->bytes[c->n_values + i].len = (uint32_t)w;
        }
    c->n_values += n;
    return 0;
}

int pq_decode_values(pq_chunk *c, int enc, const uint8_t *buf, size_t len, int64_t n,
                     int type_length, const char **why)
{
    size_t used;
    int rc = -1;
    if (pq_chunk_reserve_values(c, n) < 0) {
        *why = "too many values in a column chunk";
        return -1;
    }
    int t = c->physical;
    switch (enc) {
    case PQ_ENC_PLAIN:
        if (t == PQ_BOOLEAN) rc = plain_bool(c, buf, len, n);
        else if (t == PQ_BYTE_ARRAY) rc = plain_byte_array(c, buf, len, n);
        else if (t == PQ_FIXED_LEN_BYTE_ARRAY) rc = plain_fixed_bytes(c, buf, len, n, type_length);
        else if (t == PQ_INT96) rc = plain_fixed_bytes(c, buf, len, n, 12);
        else rc = plain_fixed(c, buf, len, n);
        break;
    case PQ_ENC_RLE:
        if (t != PQ_BOOLEAN) { *why = "RLE values on a non-boolean column"; return -1; }
        rc = rle_bool(c, buf, len, n);
        break;
    case PQ_ENC_DELTA_BINARY_PACKED:
        if (t != PQ_INT32 && t != PQ_INT64) { *why = "DELTA_BINARY_PACKED on a non-integer column"; return -1; }
        rc = delta_ints(c, buf, len, n);
        break;
    case PQ_ENC_DELTA_LENGTH_BYTE_ARRAY:
        if (t != PQ_BYTE_ARRAY) { *why = "DELTA_LENGTH_BYTE_ARRAY on a non-binary column"; return -1; }
        rc = delta_length(c, buf, len, n, &used);
        break;
    case PQ_ENC_DELTA_BYTE_ARRAY:
        if (t != PQ_BYTE_ARRAY && t != PQ_FIXED_LEN_BYTE_ARRAY) { *why = "DELTA_BYTE_ARRAY on a non-binary column"; return -1; }
        rc = delta_byte_array(c, buf, len, n);
        break;
    case PQ_ENC_BYTE_STREAM_SPLIT:
        if (t == PQ_BOOLEAN || t == PQ_BYTE_ARRAY || t == PQ_INT96) { *why = "BYTE_STREAM_SPLIT on an unsupported type"; return -1; }
        rc = byte_stream_split(c, buf, len, n, t == PQ_FIXED_LEN_BYTE_ARRAY ? type_length : c->width);
        break;
    default:
        *why = "unsupported value encoding";
        return -1;
    }
    if (rc < 0)
        *why = "corrupt or truncated page values";
    return rc;
}
