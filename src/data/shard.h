/* shard.h: the Zero-to-CAD row layer over parquet (module zc_data): read rows of a shard with
 * column projection, write shards of the released schema crash-safely, list shards of a folder
 * and scan the uuids of finished shards (for resuming). */
#ifndef ZC_DATA_SHARD_H
#define ZC_DATA_SHARD_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

/* One row of the Zero-to-CAD schema. Pointers borrowed: valid until the next zd_next()/zd_close().
 * When reading, uuid, code and ops_json are also NUL-terminated (the length excludes the NUL).
 * When writing, NULL pointers (and -1 / NAN) are written as null. */
typedef struct {
    const char *uuid; size_t uuid_len;
    const char *code; size_t code_len;            /* cadquery_file (binary, UTF-8 source) */
    const char *ops_json; size_t ops_json_len;    /* cadquery_ops_json; NULL when null/absent */
    int64_t ops_count, num_faces, num_renders;    /* -1 when null/absent */
    double face_latency_ms, ops_latency_ms;       /* NAN when null/absent */
    const unsigned char *image[8]; size_t image_len[8];  /* PNG bytes; NULL when absent */
    const unsigned char *stl; size_t stl_len;     /* NULL when absent */
    const unsigned char *step; size_t step_len;   /* NULL when absent */
    /* Written only by writers opened with zd_write_opts.description_column (the LLM agent's
     * part description, an extra string column "description"); read only when ZD_COL_DESCRIPTION
     * is asked for (not NUL-terminated). */
    const char *description; size_t description_len;
} zd_row;

enum {  /* column groups to read (projection) */
    ZD_COL_UUID = 1, ZD_COL_CODE = 2, ZD_COL_OPS = 4 /* ops_json + ops_count */,
    ZD_COL_COUNTS = 8 /* num_faces, num_renders, both latencies */, ZD_COL_IMAGES = 16,
    ZD_COL_STL = 32, ZD_COL_STEP = 64, ZD_COL_ALL = 127,
    ZD_COL_DESCRIPTION = 128 /* the extra "description" column, when the shard has one */
};

typedef struct zd_reader zd_reader;
/* Opens a shard reading only the given column groups (uuid is always read). NULL + err on failure
 * (also when the required columns uuid and cadquery_file are missing: the message names them). */
zd_reader *zd_open(const char *path, unsigned cols, char *err, size_t errlen);
int64_t zd_rows(const zd_reader *r);
/* 1 when the shard has the extra "description" column (whether asked for or not). */
int zd_has_description(const zd_reader *r);
/* 1: *row filled; 0: end; -1: error in err ("FILE: what is wrong"). */
int zd_next(zd_reader *r, zd_row *row, char *err, size_t errlen);
uint64_t zd_bytes_read(const zd_reader *r);   /* file bytes read so far */
void zd_close(zd_reader *r);
/* Sets every field of *row to absent (NULL, -1, NAN). */
void zd_row_clear(zd_row *row);

typedef struct {
    int codec;                   /* default zstd (PQ_ZSTD; see parquet.h, pq_codec_from_name);
                                    start from zd_write_opts_default(): 0 is UNCOMPRESSED */
    int zstd_level;              /* default 3 */
    size_t row_group_bytes;      /* default 64 MiB (uncompressed) */
    int description_column;      /* 1: an extra optional string column "description" after the
                                    released schema's columns (default 0) */
} zd_write_opts;
/* Defaults (zstd, level 3, 64 MiB). */
void zd_write_opts_default(zd_write_opts *o);

typedef struct zd_writer zd_writer;
/* Writes to PATH.tmp-<pid>, renamed to PATH on zd_writer_close after footer + fsync (file and dir). */
zd_writer *zd_writer_open(const char *path, const zd_write_opts *o /* NULL: defaults */, char *err, size_t errlen);
int zd_write(zd_writer *w, const zd_row *row, char *err, size_t errlen);   /* 0 or -1 */
int zd_writer_close(zd_writer *w, char *err, size_t errlen);               /* 0 or -1 */
void zd_writer_abort(zd_writer *w);    /* removes the temporary file */
int64_t zd_writer_rows(const zd_writer *w);

/* Calls fn for the uuid of every row of the given finished shards (reads only the uuid column).
 * 0 or -1 + err. */
int zd_scan_uuids(const char *const *paths, int n,
                  void (*fn)(void *ctx, const char *uuid, size_t len), void *ctx,
                  char *err, size_t errlen);

/* The *.parquet files of folder DIR (full paths, sorted by name; temporary *.tmp-* files of
 * unfinished writers are ignored). *paths is malloc'd (zd_free_list). Returns the count or -1. */
int zd_list_shards(const char *dir, char ***paths, char *err, size_t errlen);
void zd_free_list(char **paths, int n);

#endif
