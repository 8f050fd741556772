/* pq_internal.h: parquet metadata structures (the parts of parquet.thrift we use) and the
 * internal functions shared by the reader and the writer of zc_data. Not a public header. */
#ifndef ZC_DATA_PQ_INTERNAL_H
#define ZC_DATA_PQ_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "parquet.h"
#include "thrift.h"

/* Encodings (parquet.thrift Encoding). */
enum { PQ_ENC_PLAIN = 0, PQ_ENC_PLAIN_DICTIONARY = 2, PQ_ENC_RLE = 3, PQ_ENC_BIT_PACKED = 4,
       PQ_ENC_DELTA_BINARY_PACKED = 5, PQ_ENC_DELTA_LENGTH_BYTE_ARRAY = 6,
       PQ_ENC_DELTA_BYTE_ARRAY = 7, PQ_ENC_RLE_DICTIONARY = 8, PQ_ENC_BYTE_STREAM_SPLIT = 9 };
/* Page types. */
enum { PQ_PAGE_DATA = 0, PQ_PAGE_INDEX = 1, PQ_PAGE_DICTIONARY = 2, PQ_PAGE_DATA_V2 = 3 };
/* Converted types we name. */
enum { PQ_CT_UTF8 = 0, PQ_CT_MAP = 1, PQ_CT_MAP_KEY_VALUE = 2, PQ_CT_LIST = 3, PQ_CT_JSON = 19 };

typedef struct {
    char *name;
    int has_type, type, type_length;
    int repetition;           /* -1 when absent (root) */
    int num_children;
    int converted_type;       /* -1 when absent */
    int logical;              /* LogicalType union field id, 0 when absent */
    int logical_int_bits, logical_int_signed, logical_unit, logical_utc;
    int scale, precision;
} pq_schema_el;

typedef struct {
    int type;
    int codec;
    int64_t num_values;
    int64_t total_uncompressed, total_compressed;
    int64_t data_page_offset, dictionary_page_offset;   /* dictionary: -1 when absent */
    int encodings[16];
    int n_encodings;
    int has_null_count;
    int64_t null_count;
} pq_colmeta;

typedef struct {
    pq_colmeta *cols;
    int ncols;
    int64_t num_rows;
    int64_t total_byte_size;
} pq_rowgroup;

typedef struct {
    char *key, *value;
} pq_kv_pair;

typedef struct {
    int version;
    pq_schema_el *schema;
    int nschema;
    int64_t num_rows;
    pq_rowgroup *rgs;
    int nrgs;
    pq_kv_pair *kvs;
    int nkvs;
    char *created_by;
} pq_meta;

typedef struct {
    int type;
    int32_t uncompressed_size, compressed_size;
    int32_t num_values;       /* data pages and dictionary */
    int encoding;
    int def_encoding, rep_encoding;  /* v1 */
    int32_t num_nulls, num_rows;     /* v2 */
    int32_t def_len, rep_len;        /* v2 */
    int is_compressed;               /* v2, default 1 */
} pq_page_header;

/* Footer decode (fills *m; strings are copied). 0 or -1 with *why set. */
int pq_meta_decode(const uint8_t *buf, size_t len, pq_meta *m, const char **why);
void pq_meta_free(pq_meta *m);
/* Page header decode from a bounded buffer; *used = header bytes. 0 or -1 with *why. */
int pq_page_header_decode(const uint8_t *buf, size_t len, pq_page_header *h, size_t *used,
                          const char **why);

/* ---- RLE / bit-packed hybrid (pq_rle.c) ---- */
/* Decodes `n` values of bit width `bw` (0..32) from buf into out. 0 or -1 (truncated/bad). */
int pq_rle_decode(const uint8_t *buf, size_t len, int bw, uint32_t *out, int64_t n);
/* Encodes n values with width bw into the writer (no length prefix). */
void pq_rle_encode(tc_writer *w, const uint32_t *vals, int64_t n, int bw);
/* Reads n values of width bw bit-packed LSB first from buf (len bytes). 0 or -1. */
int pq_unpack_bits(const uint8_t *buf, size_t len, int bw, uint64_t *out, int64_t n);
int pq_bit_width(uint64_t max_value);

/* ---- codecs (pq_codec.c) ---- */
/* Decompresses src into dst of exactly dst_len bytes. 0 or -1 with *why. */
int pq_decompress(int codec, const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_len,
                  const char **why);
/* Compresses src into a malloc'd buffer (*dst, *dst_len). 0 or -1. */
int pq_compress(int codec, int level, const uint8_t *src, size_t src_len, uint8_t **dst,
                size_t *dst_len);

/* ---- value decoding into a chunk (pq_decode.c) ---- */
int pq_chunk_reserve_values(pq_chunk *c, int64_t extra);
int pq_chunk_own(pq_chunk *c, void *p);
/* Decodes `n` values in `enc` from buf into c (appending). 0 or -1 with *why. */
int pq_decode_values(pq_chunk *c, int enc, const uint8_t *buf, size_t len, int64_t n,
                     int type_length, const char **why);
/* DELTA_BINARY_PACKED: decodes n int64 values, *used = bytes consumed. 0 or -1. */
int pq_delta_decode(const uint8_t *buf, size_t len, int64_t *out, int64_t n, size_t *used);

#endif
