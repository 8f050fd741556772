/* curate_internal.h: what the files of the curation code share and nothing outside uses. */
#ifndef ZC_SYNTH_CURATE_INTERNAL_H
#define ZC_SYNTH_CURATE_INTERNAL_H

#include "curate.h"

typedef struct {
    char **path;
    size_t n, cap;
} zcur_files;

/* Every shard file of the inputs, in order (folders: *.parquet sorted by name). */
int zcur_files_expand(const char *const *inputs, int n, zcur_files *f, char *err, size_t errlen);
void zcur_files_free(zcur_files *f);
/* Creates the output folder, or checks that it holds no shard yet. */
int zcur_out_prepare(const char *out, char *err, size_t errlen);

#endif
