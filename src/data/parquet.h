/* parquet.h: the public API of zerocad's parquet reader and writer (module zc_data).
 *
 * Reading: pq_open() reads and checks the footer; pq_read_chunk() reads ONE column chunk of
 * ONE row group (one pread of that chunk's byte range) and decodes its pages into levels and
 * values. Nothing else of the file is touched, so projection costs only the columns asked for.
 * Writing: pq_writer_* writes a flat schema (required/optional primitive columns), buffering at
 * most one row group, cut when its uncompressed size reaches a byte budget.
 * Errors: every function that can fail fills err with "FILE: what is wrong" (one line). */
#ifndef ZC_DATA_PARQUET_H
#define ZC_DATA_PARQUET_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Physical types (parquet.thrift Type). */
enum { PQ_BOOLEAN = 0, PQ_INT32 = 1, PQ_INT64 = 2, PQ_INT96 = 3, PQ_FLOAT = 4, PQ_DOUBLE = 5,
       PQ_BYTE_ARRAY = 6, PQ_FIXED_LEN_BYTE_ARRAY = 7 };
/* Compression codecs (parquet.thrift CompressionCodec). */
enum { PQ_UNCOMPRESSED = 0, PQ_SNAPPY = 1, PQ_GZIP = 2, PQ_LZO = 3, PQ_BROTLI = 4, PQ_LZ4 = 5,
       PQ_ZSTD = 6, PQ_LZ4_RAW = 7 };
/* Repetition (parquet.thrift FieldRepetitionType). */
enum { PQ_REQUIRED = 0, PQ_OPTIONAL = 1, PQ_REPEATED = 2 };
/* Logical annotations the writer can put on a column. */
enum { PQ_LOGICAL_NONE = 0, PQ_LOGICAL_STRING = 1 };

/* Hard limits that bound what a (possibly hostile) file can make us allocate. */
#define PQ_MAX_PAGE_BYTES   (512u << 20)      /* one page, uncompressed */
#define PQ_MAX_CHUNK_LEVELS (1ll << 27)       /* level entries in one column chunk */

typedef struct pq_file pq_file;

/* A leaf column of the schema. */
typedef struct {
    const char *path;        /* dotted path, e.g. "image_0.bytes" or "images.list.element" */
    const char *name;        /* the leaf's own name */
    int physical;            /* PQ_BOOLEAN .. PQ_FIXED_LEN_BYTE_ARRAY */
    int type_length;         /* FIXED_LEN_BYTE_ARRAY width */
    int max_def, max_rep;    /* maximum definition / repetition levels */
    int repetition;          /* the leaf's own repetition */
    int list_def;            /* max_rep == 1: definition level of the repeated ancestor (an
                                entry with def >= list_def is an element, def == list_def - 1
                                an empty list, lower a null list or ancestor) */
    int is_string;           /* annotated STRING/UTF8, ENUM or JSON */
} pq_column;

/* A byte string inside a chunk (BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY, INT96). */
typedef struct {
    const uint8_t *ptr;
    uint32_t len;
} pq_bytes;

/* One decoded column chunk. levels: n_levels entries of def (NULL when max_def == 0) and rep
 * (NULL when max_rep == 0); the value of entry i exists when def[i] == max_def, and values are
 * stored densely (n_values of them) in `fixed` (BOOLEAN: 1 byte, INT32/FLOAT: 4, INT64/DOUBLE: 8)
 * or in `bytes` (BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY, INT96). */
typedef struct {
    int64_t n_levels;
    int16_t *def, *rep;
    int64_t n_values;
    uint8_t *fixed;
    pq_bytes *bytes;
    int physical, width;
    /* owned storage (page buffers the bytes point into) */
    void **owned;
    size_t n_owned, cap_owned;
    int64_t cap_levels, cap_values;
} pq_chunk;

/* Opens FILE and reads its footer. NULL + err on failure. */
pq_file *pq_open(const char *path, char *err, size_t errlen);
void pq_close(pq_file *f);
const char *pq_path(const pq_file *f);
int64_t pq_num_rows(const pq_file *f);
int pq_num_row_groups(const pq_file *f);
int64_t pq_row_group_rows(const pq_file *f, int rg);
int pq_num_columns(const pq_file *f);
const pq_column *pq_column_at(const pq_file *f, int col);
/* Index of the leaf column with this dotted path, or -1. */
int pq_find_column(const pq_file *f, const char *path);
/* Value of a key-value metadata entry, or NULL. */
const char *pq_kv(const pq_file *f, const char *key);
/* Bytes of FILE read so far (footer and chunks). */
uint64_t pq_bytes_read(const pq_file *f);
/* Compressed size of column `col` in row group `rg` (what reading it costs). */
int64_t pq_chunk_compressed_size(const pq_file *f, int rg, int col);

/* Reads and decodes column `col` of row group `rg` into *out (pq_chunk_free to release).
 * 0 or -1 + err. */
int pq_read_chunk(pq_file *f, int rg, int col, pq_chunk *out, char *err, size_t errlen);
void pq_chunk_free(pq_chunk *c);

/* Where each row of a chunk starts: level[r] is its first level entry and value[r] its first
 * value (rows + 1 entries; a new row begins where rep == 0). */
typedef struct {
    int64_t *level, *value;
    int64_t rows;
} pq_row_index;
/* 0, or -1 when the chunk does not hold exactly `rows` rows (or out of memory). */
int pq_index_rows(const pq_column *pc, const pq_chunk *c, int64_t rows, pq_row_index *ix);
void pq_row_index_free(pq_row_index *ix);

/* Writes a human-readable description of the file (schema tree with types and repetition, rows,
 * row groups, per column sizes, codecs and encodings) as one JSON object to `out`. 0 or -1. */
int pq_describe_json(pq_file *f, FILE *out, char *err, size_t errlen);

/* ---- writing ---- */
typedef struct {
    const char *name;
    int physical;            /* PQ_BOOLEAN, PQ_INT32, PQ_INT64, PQ_FLOAT, PQ_DOUBLE, PQ_BYTE_ARRAY */
    int logical;             /* PQ_LOGICAL_NONE or PQ_LOGICAL_STRING */
    int optional;            /* 1: OPTIONAL (nulls allowed), 0: REQUIRED */
} pq_field;

typedef struct {
    int codec;               /* PQ_ZSTD (default), PQ_SNAPPY, PQ_GZIP, PQ_LZ4_RAW, PQ_UNCOMPRESSED */
    int level;               /* zstd / gzip level; 0: the codec's default */
    size_t row_group_bytes;  /* cut a row group when its buffered values reach this; 0: 64 MiB */
    size_t page_bytes;       /* target data page size; 0: 1 MiB */
    int page_v2;             /* 1: write DATA_PAGE_V2 pages instead of v1 */
} pq_write_opts;

typedef struct pq_writer pq_writer;
/* Starts a file on an open descriptor `fd` (written sequentially from its current position);
 * `name` is used in error messages. The fields are copied. NULL + err on failure. */
pq_writer *pq_writer_new(int fd, const char *name, const pq_field *fields, int nfields,
                         const pq_write_opts *o, char *err, size_t errlen);
/* Appends one key-value metadata entry written in the footer. 0 or -1. */
int pq_writer_kv(pq_writer *w, const char *key, const char *value);
/* One value of column `col` of the current row (call once per column per row, any order). */
int pq_put_null(pq_writer *w, int col);
int pq_put_i32(pq_writer *w, int col, int32_t v);
int pq_put_i64(pq_writer *w, int col, int64_t v);
int pq_put_double(pq_writer *w, int col, double v);
int pq_put_float(pq_writer *w, int col, float v);
int pq_put_bool(pq_writer *w, int col, int v);
int pq_put_bytes(pq_writer *w, int col, const void *p, size_t n);
/* Ends the current row (every column must have had one value); may flush a row group. */
int pq_end_row(pq_writer *w, char *err, size_t errlen);
/* Flushes the last row group and writes the footer. Does not close or sync fd. 0 or -1. */
int pq_writer_finish(pq_writer *w, char *err, size_t errlen);
/* Frees the writer (after finish, or to give up). */
void pq_writer_free(pq_writer *w);
/* Bytes written so far / rows written so far. */
uint64_t pq_writer_bytes(const pq_writer *w);
int64_t pq_writer_rows(const pq_writer *w);

/* Names for enums (for info and errors). */
const char *pq_type_name(int physical);
const char *pq_codec_name(int codec);
const char *pq_encoding_name(int encoding);
/* Parses "zstd", "snappy", "gzip", "lz4_raw", "uncompressed" (case-insensitive); -1 if unknown. */
int pq_codec_from_name(const char *s);

#endif
