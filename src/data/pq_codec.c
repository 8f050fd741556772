/* pq_codec.c: page compression through Debian's libraries: zstd, snappy (snappy-c.h),
 * zlib (GZIP), lz4 (LZ4_RAW). LZO, BROTLI and Hadoop-framed LZ4 are not supported. */
#include <lz4.h>
#include <snappy-c.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#include "pq_internal.h"

/* One zstd context per thread, reused for every page (creating one per page costs more than
 * compressing a small page). */
static _Thread_local ZSTD_CCtx *zstd_cctx;
static _Thread_local ZSTD_DCtx *zstd_dctx;

static int gunzip(const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_len)
{
    z_stream s = {0};
    if (inflateInit2(&s, 15 + 32) != Z_OK)
        return -1;
    s.next_in = (Bytef *)src;
    s.avail_in = (uInt)src_len;
    s.next_out = dst;
    s.avail_out = (uInt)dst_len;
    int rc;
    for (;;) {
        rc = inflate(&s, Z_FINISH);
        if (rc == Z_STREAM_END && s.avail_in > 0 && s.avail_out > 0) {
            inflateReset(&s);                 /* concatenated gzip members */
            continue;
        }
        break;
    }
    size_t out = dst_len - s.avail_out;
    inflateEnd(&s);
    return rc == Z_STREAM_END && out == dst_len ? 0 : -1;
}

int pq_decompress(int codec, const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_len,
                  const char **why)
{
    switch (codec) {
    case PQ_UNCOMPRESSED:
        if (src_len != dst_len) { *why = "uncompressed page sizes differ"; return -1; }
        if (dst_len) memcpy(dst, src, dst_len);
        return 0;
    case PQ_ZSTD: {
        if (!zstd_dctx && !(zstd_dctx = ZSTD_createDCtx())) { *why = "out of memory"; return -1; }
        size_t n = ZSTD_decompressDCtx(zstd_dctx, dst, dst_len, src, src_len);
        if (ZSTD_isError(n) || n != dst_len) { *why = "corrupt zstd page"; return -1; }
        return 0;
    }
    case PQ_SNAPPY: {
        size_t n = 0;
        if (snappy_uncompressed_length((const char *)src, src_len, &n) != SNAPPY_OK || n != dst_len) {
            *why = "corrupt snappy page"; return -1;
        }
        if (snappy_uncompress((const char *)src, src_len, (char *)dst, &n) != SNAPPY_OK || n != dst_len) {
            *why = "corrupt snappy page"; return -1;
        }
        return 0;
    }
    case PQ_GZIP:
        if (src_len > UINT32_MAX || dst_len > UINT32_MAX || gunzip(src, src_len, dst, dst_len) < 0) {
            *why = "corrupt gzip page"; return -1;
        }
        return 0;
    case PQ_LZ4_RAW: {
        if (src_len > INT32_MAX || dst_len > INT32_MAX) { *why = "lz4 page too large"; return -1; }
        int n = LZ4_decompress_safe((const char *)src, (char *)dst, (int)src_len, (int)dst_len);
        if (n < 0 || (size_t)n != dst_len) { *why = "corrupt lz4 page"; return -1; }
        return 0;
    }
    default:
        *why = "unsupported compression codec (LZO, BROTLI or Hadoop LZ4)";
        return -1;
    }
}

static int gzip(int level, const uint8_t *src, size_t src_len, uint8_t **dst, size_t *dst_len)
{
    z_stream s = {0};
    if (deflateInit2(&s, level ? level : 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return -1;
    size_t cap = deflateBound(&s, (uLong)src_len) + 32;
    *dst = malloc(cap);
    if (!*dst) { deflateEnd(&s); return -1; }
    s.next_in = (Bytef *)src;
    s.avail_in = (uInt)src_len;
    s.next_out = *dst;
    s.avail_out = (uInt)cap;
    int rc = deflate(&s, Z_FINISH);
    *dst_len = cap - s.avail_out;
    deflateEnd(&s);
    if (rc != Z_STREAM_END) { free(*dst); *dst = NULL; return -1; }
    return 0;
}

int pq_compress(int codec, int level, const uint8_t *src, size_t src_len, uint8_t **dst,
                size_t *dst_len)
{
    *dst = NULL;
    switch (codec) {
    case PQ_UNCOMPRESSED:
        *dst = malloc(src_len ? src_len : 1);
        if (!*dst) return -1;
        if (src_len) memcpy(*dst, src, src_len);
        *dst_len = src_len;
        return 0;
    case PQ_ZSTD: {
        size_t cap = ZSTD_compressBound(src_len);
        *dst = malloc(cap);
        if (!*dst) return -1;
        if (!zstd_cctx && !(zstd_cctx = ZSTD_createCCtx())) { free(*dst); *dst = NULL; return -1; }
        size_t n = ZSTD_compressCCtx(zstd_cctx, *dst, cap, src, src_len, level ? level : 3);
        if (ZSTD_isError(n)) { free(*dst); *dst = NULL; return -1; }
        *dst_len = n;
        return 0;
    }
    case PQ_SNAPPY: {
        size_t cap = snappy_max_compressed_length(src_len);
        *dst = malloc(cap);
        if (!*dst) return -1;
        if (snappy_compress((const char *)src, src_len, (char *)*dst, &cap) != SNAPPY_OK) {
            free(*dst); *dst = NULL; return -1;
        }
        *dst_len = cap;
        return 0;
    }
    case PQ_GZIP:
        if (src_len > UINT32_MAX) return -1;
        return gzip(level, src, src_len, dst, dst_len);
    case PQ_LZ4_RAW: {
        if (src_len > (size_t)LZ4_MAX_INPUT_SIZE) return -1;
        int cap = LZ4_compressBound((int)src_len);
        *dst = malloc((size_t)cap);
        if (!*dst) return -1;
        int n = LZ4_compress_default((const char *)src, (char *)*dst, (int)src_len, cap);
        if (n <= 0 && src_len) { free(*dst); *dst = NULL; return -1; }
        *dst_len = (size_t)n;
        return 0;
    }
    default:
        return -1;
    }
}
