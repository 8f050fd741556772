/* pq_writer_internal.h: the writer's state, shared by pq_writer.c (values, statistics),
 * pq_writer_pages.c (row groups, pages) and pq_writer_footer.c (FileMetaData). Internal. */
#ifndef ZC_DATA_PQ_WRITER_INTERNAL_H
#define ZC_DATA_PQ_WRITER_INTERNAL_H

#include "pq_internal.h"

#define PQ_STATS_MAX_BYTES 128   /* binaries longer than this get no min/max statistics */

/* Growable buffer of mremap'd memory (pq_vbuf.c). */
typedef struct {
    uint8_t *buf;
    size_t len, cap;
} pq_vbuf;

int pq_vbuf_append(pq_vbuf *b, const void *p, size_t n);
void pq_vbuf_free(pq_vbuf *b);

typedef struct {
    pq_field f;
    uint8_t *def;             /* 1 present / 0 null, one per buffered row */
    int64_t cap_def;
    pq_vbuf vals;             /* PLAIN values of the buffered rows */
    int64_t n_values, null_count;
    int set;                  /* has a value in the current row */
    int has_minmax, minmax_off;
    uint8_t min[PQ_STATS_MAX_BYTES], max[PQ_STATS_MAX_BYTES];
    size_t min_len, max_len;
} wcol;

typedef struct {
    int64_t num_values, null_count;
    int64_t total_uncompressed, total_compressed;
    int64_t data_page_offset;
    int has_minmax;
    uint8_t *min, *max;
    size_t min_len, max_len;
} wchunk;

typedef struct {
    wchunk *cols;
    int64_t num_rows, total_byte_size, total_compressed, file_offset;
} wrowgroup;

struct pq_writer {
    int fd;
    char *name;
    pq_write_opts o;
    wcol *cols;
    int ncols;
    uint64_t offset;
    int64_t rows_total, rg_rows;
    size_t rg_bytes;
    wrowgroup *rgs;
    int nrgs, caprgs;
    pq_kv_pair *kvs;
    int nkvs;
    int failed;
    char why[256];
};

int pq_write_all(pq_writer *w, const void *p, size_t n);
void pq_stats_update(wcol *c, const void *p, size_t n);
int pq_value_width(int physical);
int pq_flush_row_group(pq_writer *w);
void pq_free_rowgroup_meta(wrowgroup *g, int ncols);
int pq_write_footer(pq_writer *w);

#endif
