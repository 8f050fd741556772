/* curate_internal.h: what the files of the curation code share and nothing outside uses. */
#ifndef ZC_SYNTH_CURATE_INTERNAL_H
#define ZC_SYNTH_CURATE_INTERNAL_H

#include "curate.h"
#include "shard.h"

typedef struct {
    char **path;
    size_t n, cap;
} zcur_files;

/* Every shard file of the inputs, in order (folders: *.parquet sorted by name). */
int zcur_files_expand(const char *const *inputs, int n, zcur_files *f, char *err, size_t errlen);
void zcur_files_free(zcur_files *f);
/* Creates the output folder, or checks that it holds no shard yet. */
int zcur_out_prepare(const char *out, char *err, size_t errlen);

/* Pass 1's rows in batches, described on several threads (curate_batch.c). */
typedef struct zcur_batch zcur_batch;
zcur_batch *zcur_batch_new(int rows);
void zcur_batch_free(zcur_batch *b);
int zcur_batch_full(const zcur_batch *b);
int zcur_batch_count(const zcur_batch *b);
/* Copies the views and the STL of a row (borrowed from the reader); name names it in messages. */
int zcur_batch_add(zcur_batch *b, const zd_row *row, const char *name, char *err, size_t errlen);
/* Describes the batch's rows into out (rows x dim) with the vision encoder (one thread) or the
 * default descriptor (threads); counts rows without views / mesh; empties the batch. */
int zcur_batch_describe(zcur_batch *b, zcur_vision *vision, int threads, int dim, float *out, int64_t *no_views,
                        int64_t *no_mesh, char *err, size_t errlen);

#endif
