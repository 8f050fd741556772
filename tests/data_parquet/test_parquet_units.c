/* test_parquet_units.c: zc_data's building blocks against bytes computed by hand from the
 * specifications: Thrift compact protocol, RLE/bit-packed hybrid (the parquet spec's example),
 * DELTA_BINARY_PACKED (the spec's examples), and a hand-built frame of each codec. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "pq_internal.h"

static int bytes_eq(const uint8_t *a, size_t an, const uint8_t *b, size_t bn)
{
    if (an != bn || memcmp(a, b, an)) {
        fprintf(stderr, "  got  ");
        for (size_t i = 0; i < an; i++) fprintf(stderr, "%02x ", a[i]);
        fprintf(stderr, "\n  want ");
        for (size_t i = 0; i < bn; i++) fprintf(stderr, "%02x ", b[i]);
        fprintf(stderr, "\n");
        return 0;
    }
    return 1;
}

/* struct {1: i32 5, 2: string "ab", 4: i64 -1, 20: bool true} */
static const uint8_t thrift_struct[] = {0x15, 0x0a, 0x18, 0x02, 0x61, 0x62, 0x26, 0x01, 0x01, 0x28, 0x00};

static void test_thrift_write(void)
{
    tc_writer w;
    tc_writer_init(&w);
    tc_w_struct_begin(&w);
    tc_w_field_i32(&w, 1, 5);
    tc_w_field_string(&w, 2, "ab");
    tc_w_field_i64(&w, 4, -1);
    tc_w_field_bool(&w, 20, 1);
    tc_w_struct_end(&w);
    CHECK(bytes_eq(w.buf, w.len, thrift_struct, sizeof thrift_struct));
    tc_writer_free(&w);

    static const uint8_t list3[] = {0x35, 0x02, 0x04, 0xd8, 0x04};    /* list<i32> [1, 2, 300] */
    tc_writer_init(&w);
    tc_w_list_begin(&w, TC_I32, 3);
    tc_w_i64(&w, 1);
    tc_w_i64(&w, 2);
    tc_w_i64(&w, 300);
    CHECK(bytes_eq(w.buf, w.len, list3, sizeof list3));
    tc_writer_free(&w);

    static const uint8_t list20[] = {0xf3, 0x14};                      /* list<byte> of 20: header */
    tc_writer_init(&w);
    tc_w_list_begin(&w, TC_BYTE, 20);
    CHECK(bytes_eq(w.buf, w.len, list20, sizeof list20));
    tc_writer_free(&w);
}

static void test_thrift_read(void)
{
    tc_reader r;
    int16_t id;
    int type;
    uint32_t n;
    tc_reader_init(&r, thrift_struct, sizeof thrift_struct);
    tc_struct_begin(&r);
    CHECK(tc_next_field(&r, &id, &type) && id == 1 && type == TC_I32 && tc_i32(&r) == 5);
    CHECK(tc_next_field(&r, &id, &type) && id == 2 && type == TC_BINARY);
    const uint8_t *s = tc_binary(&r, &n);
    CHECK(n == 2 && s && !memcmp(s, "ab", 2));
    CHECK(tc_next_field(&r, &id, &type) && id == 4 && type == TC_I64 && tc_i64(&r) == -1);
    CHECK(tc_next_field(&r, &id, &type) && id == 20 && type == TC_TRUE);
    CHECK(!tc_next_field(&r, &id, &type) && !r.bad);

    /* Skipping an unknown nested value, and errors on truncation and absurd lengths. */
    static const uint8_t nested[] = {0x1c, 0x15, 0x02, 0x00, 0x15, 0x04, 0x00};  /* {1: {1: 1}, 2: 2} */
    tc_reader_init(&r, nested, sizeof nested);
    tc_struct_begin(&r);
    CHECK(tc_next_field(&r, &id, &type) && id == 1 && type == TC_STRUCT);
    tc_skip(&r, type);
    CHECK(tc_next_field(&r, &id, &type) && id == 2 && tc_i32(&r) == 2 && !r.bad);
    tc_reader_init(&r, thrift_struct, 5);
    tc_struct_begin(&r);
    while (tc_next_field(&r, &id, &type)) tc_skip(&r, type);
    CHECK(r.bad);
    static const uint8_t biglist[] = {0xf5, 0xff, 0xff, 0xff, 0xff, 0x0f};
    tc_reader_init(&r, biglist, sizeof biglist);
    int et;
    CHECK(tc_list_begin(&r, &et) == 0 && r.bad);
}

static void test_rle(void)
{
    /* The parquet spec's bit-packing example: 0..7 at width 3 -> 10001000 11000110 11111010 */
    uint32_t v8[8] = {0, 1, 2, 3, 4, 5, 6, 7};
    static const uint8_t packed[] = {0x03, 0x88, 0xc6, 0xfa};
    tc_writer w;
    tc_writer_init(&w);
    pq_rle_encode(&w, v8, 8, 3);
    CHECK(bytes_eq(w.buf, w.len, packed, sizeof packed));
    tc_writer_free(&w);

    uint32_t ones[10] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    static const uint8_t run[] = {0x14, 0x01};                          /* RLE run: 10 << 1, value 1 */
    tc_writer_init(&w);
    pq_rle_encode(&w, ones, 10, 1);
    CHECK(bytes_eq(w.buf, w.len, run, sizeof run));
    tc_writer_free(&w);

    /* 9 threes (RLE run) then 0..7 (bit-packed) at width 3 */
    static const uint8_t mixed[] = {0x12, 0x03, 0x03, 0x88, 0xc6, 0xfa};
    uint32_t out[17];
    CHECK(pq_rle_decode(mixed, sizeof mixed, 3, out, 17) == 0);
    int ok = 1;
    for (int i = 0; i < 9; i++) ok &= out[i] == 3;
    for (int i = 0; i < 8; i++) ok &= out[9 + i] == (uint32_t)i;
    CHECK(ok);
    CHECK(pq_rle_decode(mixed, 3, 3, out, 17) < 0);                     /* truncated */
    static const uint8_t zero_run[] = {0x00, 0x01};
    CHECK(pq_rle_decode(zero_run, 2, 1, out, 1) < 0);                    /* empty run: no progress */
}

static void test_delta(void)
{
    /* spec example 1: 1 2 3 4 5 */
    static const uint8_t ex1[] = {0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00};
    int64_t out[8];
    size_t used;
    CHECK(pq_delta_decode(ex1, sizeof ex1, out, 5, &used) == 0 && used == sizeof ex1);
    CHECK(out[0] == 1 && out[1] == 2 && out[2] == 3 && out[3] == 4 && out[4] == 5);
    /* spec example 2: 7 5 3 1 2 3 4 5: min delta -2, relative 0 0 0 3 3 3 3 at width 2 */
    static const uint8_t ex2[] = {0x80, 0x01, 0x04, 0x08, 0x0e, 0x03, 0x02, 0x00, 0x00, 0x00,
                                  0xc0, 0x3f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
    static const int64_t want2[] = {7, 5, 3, 1, 2, 3, 4, 5};
    CHECK(pq_delta_decode(ex2, sizeof ex2, out, 8, &used) == 0 && used == sizeof ex2);
    CHECK(!memcmp(out, want2, sizeof want2));
    CHECK(pq_delta_decode(ex2, 11, out, 8, &used) < 0);                  /* truncated miniblock */
}

static void test_delta_byte_array(void)
{
    /* "abc", "abd", "x": prefix lengths 0 2 0 (DELTA_BINARY_PACKED: min delta -2, relative 4 0
     * at width 3), suffix lengths 3 1 1 (min delta -2, relative 0 2 at width 2), then "abcdx". */
    static const uint8_t buf[] = {
        0x80, 0x01, 0x04, 0x03, 0x00, 0x03, 0x03, 0x00, 0x00, 0x00, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0x80, 0x01, 0x04, 0x03, 0x06, 0x03, 0x02, 0x00, 0x00, 0x00, 0x08, 0, 0, 0, 0, 0, 0, 0,
        'a', 'b', 'c', 'd', 'x'};
    pq_chunk c = {.physical = PQ_BYTE_ARRAY};
    const char *why = NULL;
    CHECK(pq_decode_values(&c, PQ_ENC_DELTA_BYTE_ARRAY, buf, sizeof buf, 3, 0, &why) == 0);
    CHECK(c.n_values == 3);
    if (c.n_values == 3) {
        CHECK(c.bytes[0].len == 3 && !memcmp(c.bytes[0].ptr, "abc", 3));
        CHECK(c.bytes[1].len == 3 && !memcmp(c.bytes[1].ptr, "abd", 3));
        CHECK(c.bytes[2].len == 1 && !memcmp(c.bytes[2].ptr, "x", 1));
    }
    pq_chunk_free(&c);
    /* BYTE_STREAM_SPLIT of two floats 1.0f (00 00 80 3f) and -2.0f (00 00 00 c0) */
    static const uint8_t bss[] = {0x00, 0x00, 0x00, 0x00, 0x80, 0x00, 0x3f, 0xc0};
    pq_chunk f = {.physical = PQ_FLOAT, .width = 4};
    CHECK(pq_decode_values(&f, PQ_ENC_BYTE_STREAM_SPLIT, bss, sizeof bss, 2, 0, &why) == 0);
    float v[2] = {0, 0};
    if (f.n_values == 2)
        memcpy(v, f.fixed, 8);
    CHECK(v[0] == 1.0f && v[1] == -2.0f);
    pq_chunk_free(&f);
}

static void check_codec(int codec, const uint8_t *frame, size_t n)
{
    uint8_t out[5];
    const char *why = NULL;
    CHECK(pq_decompress(codec, frame, n, out, 5, &why) == 0 && !memcmp(out, "hello", 5));
    CHECK(pq_decompress(codec, frame, n - 1, out, 5, &why) < 0);         /* truncated frame */
    /* and a round trip of a larger buffer through our compressor */
    size_t big = 100000, clen;
    uint8_t *src = malloc(big), *dst = malloc(big), *comp;
    for (size_t i = 0; i < big; i++) src[i] = (uint8_t)((i * 7) ^ (i >> 5));
    CHECK(pq_compress(codec, 0, src, big, &comp, &clen) == 0);
    CHECK(pq_decompress(codec, comp, clen, dst, big, &why) == 0 && !memcmp(src, dst, big));
    free(src);
    free(dst);
    free(comp);
}

static void test_codecs(void)
{
    static const uint8_t snappy[] = {0x05, 0x10, 'h', 'e', 'l', 'l', 'o'};          /* literal tag */
    static const uint8_t lz4[] = {0x50, 'h', 'e', 'l', 'l', 'o'};                   /* one token */
    static const uint8_t zstd[] = {0x28, 0xb5, 0x2f, 0xfd, 0x20, 0x05, 0x29, 0x00, 0x00,
                                   'h', 'e', 'l', 'l', 'o'};                          /* raw block */
    static const uint8_t gzip[] = {0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff,
                                   0x01, 0x05, 0x00, 0xfa, 0xff, 'h', 'e', 'l', 'l', 'o',
                                   0x86, 0xa6, 0x10, 0x36, 0x05, 0x00, 0x00, 0x00};   /* stored block */
    static const uint8_t raw[] = {'h', 'e', 'l', 'l', 'o', 0};
    check_codec(PQ_SNAPPY, snappy, sizeof snappy);
    check_codec(PQ_LZ4_RAW, lz4, sizeof lz4);
    check_codec(PQ_ZSTD, zstd, sizeof zstd);
    check_codec(PQ_GZIP, gzip, sizeof gzip);
    check_codec(PQ_UNCOMPRESSED, raw, 5);
}

int main(void)
{
    test_thrift_write();
    test_thrift_read();
    test_rle();
    test_delta();
    test_delta_byte_array();
    test_codecs();
    if (failures) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    printf("parquet units: all checks passed\n");
    return 0;
}
