/* pq_names.c: names of parquet's enums (types, codecs, encodings) for messages and `data info`. */
#include <strings.h>

#include "pq_internal.h"

const char *pq_type_name(int t)
{
    static const char *names[] = {"BOOLEAN", "INT32", "INT64", "INT96", "FLOAT", "DOUBLE",
                                  "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"};
    return t >= 0 && t < 8 ? names[t] : "UNKNOWN";
}

const char *pq_codec_name(int c)
{
    static const char *names[] = {"UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD", "LZ4_RAW"};
    return c >= 0 && c < 8 ? names[c] : "UNKNOWN";
}

const char *pq_encoding_name(int e)
{
    static const char *names[] = {"PLAIN", "GROUP_VAR_INT", "PLAIN_DICTIONARY", "RLE", "BIT_PACKED",
                                  "DELTA_BINARY_PACKED", "DELTA_LENGTH_BYTE_ARRAY", "DELTA_BYTE_ARRAY",
                                  "RLE_DICTIONARY", "BYTE_STREAM_SPLIT"};
    return e >= 0 && e < 10 ? names[e] : "UNKNOWN";
}

int pq_codec_from_name(const char *s)
{
    static const struct { const char *name; int codec; } t[] = {
        {"zstd", PQ_ZSTD}, {"snappy", PQ_SNAPPY}, {"gzip", PQ_GZIP}, {"lz4_raw", PQ_LZ4_RAW},
        {"lz4", PQ_LZ4_RAW}, {"uncompressed", PQ_UNCOMPRESSED}, {"none", PQ_UNCOMPRESSED}};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (!strcasecmp(s, t[i].name))
            return t[i].codec;
    return -1;
}
