/* pq_rle.c: parquet's RLE / bit-packed hybrid encoding (definition and repetition levels,
 * dictionary indices, booleans) and LSB-first bit unpacking. */
#include <string.h>

#include "pq_internal.h"

int pq_bit_width(uint64_t v)
{
    int w = 0;
    while (v) {
        w++;
        v >>= 1;
    }
    return w;
}

int pq_unpack_bits(const uint8_t *buf, size_t len, int bw, uint64_t *out, int64_t n)
{
    if (bw < 0 || bw > 64)
        return -1;
    if (bw == 0) {
        memset(out, 0, (size_t)n * sizeof *out);
        return 0;
    }
    if ((uint64_t)n * (uint64_t)bw > (uint64_t)len * 8)
        return -1;
    uint64_t mask = bw == 64 ? ~0ull : (1ull << bw) - 1;
    uint64_t bitpos = 0;
    for (int64_t i = 0; i < n; i++) {
        uint64_t v = 0;
        int got = 0;
        while (got < bw) {
            size_t byte = (size_t)(bitpos >> 3);
            int off = (int)(bitpos & 7);
            int take = 8 - off;
            if (take > bw - got)
                take = bw - got;
            v |= (uint64_t)((buf[byte] >> off) & ((1u << take) - 1)) << got;
            got += take;
            bitpos += (uint64_t)take;
        }
        out[i] = v & mask;
    }
    return 0;
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

int pq_rle_decode(const uint8_t *buf, size_t len, int bw, uint32_t *out, int64_t n)
{
    const uint8_t *p = buf, *end = buf + len;
    int64_t done = 0;
    uint64_t tmp[512];
    if (bw < 0 || bw > 32)
        return -1;
    if (bw == 0) {
        memset(out, 0, (size_t)n * sizeof *out);
        return 0;
    }
    int vbytes = (bw + 7) / 8;
    while (done < n) {
        uint64_t hdr;
        if (read_uvarint(&p, end, &hdr) < 0)
            return -1;
        if (hdr & 1) {                         /* bit-packed: (hdr>>1) groups of 8 */
            uint64_t groups = hdr >> 1;
            if (groups == 0 || groups > (uint64_t)(end - p))
                return -1;
            uint64_t count = groups * 8;
            uint64_t take = count < (uint64_t)(n - done) ? count : (uint64_t)(n - done);
            size_t bytes = (size_t)groups * (size_t)bw;
            size_t avail = (size_t)(end - p) < bytes ? (size_t)(end - p) : bytes;
            uint64_t bitpos = 0;
            for (uint64_t k = 0; k < take; k += 512) {
                int64_t m = (int64_t)(take - k < 512 ? take - k : 512);
                size_t start = (size_t)(bitpos >> 3);   /* groups of 512 stay byte aligned */
                if (pq_unpack_bits(p + start, avail - start, bw, tmp, m) < 0)
                    return -1;
                for (int64_t j = 0; j < m; j++)
                    out[done + (int64_t)k + j] = (uint32_t)tmp[j];
                bitpos += (uint64_t)m * (uint64_t)bw;
            }
            done += (int64_t)take;
            p += avail;
        } else {                               /* RLE run */
            uint64_t count = hdr >> 1;
            if ((size_t)(end - p) < (size_t)vbytes)
                return -1;
            uint32_t v = 0;
            for (int b = 0; b < vbytes; b++)
                v |= (uint32_t)p[b] << (8 * b);
            p += vbytes;
            if (count == 0)
                return -1;
            uint64_t take = count < (uint64_t)(n - done) ? count : (uint64_t)(n - done);
            for (uint64_t k = 0; k < take; k++)
                out[done + (int64_t)k] = v;
            done += (int64_t)take;
        }
    }
    return 0;
}

static int64_t run_at_least(const uint32_t *v, int64_t i, int64_t n, int64_t want)
{
    int64_t j = i + 1;
    while (j < n && j - i < want && v[j] == v[i])
        j++;
    return j - i;
}

static void emit_rle(tc_writer *w, uint32_t value, int64_t count, int bw)
{
    tc_w_varint(w, (uint64_t)count << 1);
    uint8_t b[4];
    int vbytes = (bw + 7) / 8;
    for (int k = 0; k < vbytes; k++)
        b[k] = (uint8_t)(value >> (8 * k));
    tc_w_bytes(w, b, (size_t)vbytes);
}

static void emit_packed(tc_writer *w, const uint32_t *v, int64_t count, int bw)
{
    int64_t groups = (count + 7) / 8;
    tc_w_varint(w, ((uint64_t)groups << 1) | 1);
    uint64_t acc = 0;
    int nbits = 0;
    for (int64_t i = 0; i < groups * 8; i++) {
        uint64_t x = i < count ? v[i] : 0;
        acc |= x << nbits;
        nbits += bw;
        while (nbits >= 8) {
            uint8_t b = (uint8_t)acc;
            tc_w_bytes(w, &b, 1);
            acc >>= 8;
            nbits -= 8;
        }
    }
}

void pq_rle_encode(tc_writer *w, const uint32_t *v, int64_t n, int bw)
{
    int64_t i = 0;
    while (i < n) {
        int64_t r = run_at_least(v, i, n, INT64_MAX);
        if (r >= 8) {
            emit_rle(w, v[i], r, bw);
            i += r;
            continue;
        }
        int64_t j = i;       /* literal values up to an aligned start of a run of 8 or more */
        while (j < n && !((j - i) % 8 == 0 && j > i && run_at_least(v, j, n, 8) >= 8))
            j++;
        emit_packed(w, v + i, j - i, bw);
        i = j;
    }
}
