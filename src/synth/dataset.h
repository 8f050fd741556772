/* dataset.h: tools over finished Zero-to-CAD shards (dataset_*.c), behind `zerocad data
 * export | stats | verify`: inputs expanded from files and folders, rows exported to files,
 * a statistics report, and a row-by-row verification against independent parsers (libspng
 * for the views, the kernel's STEP reader, the renderer's STL reader). */
#ifndef ZS_DATASET_H
#define ZS_DATASET_H

#include <stdio.h>

/* SHARDS... as given: .parquet files and folders of them (their part files, sorted). *paths is
 * malloc'd (zs_paths_free). Returns the count (>= 1), or -1 with err naming the bad input. */
int zs_shard_inputs(const char *const *inputs, int n, char ***paths, char *err, size_t errlen);
void zs_paths_free(char **paths, int n);

typedef struct {
    const char *id;            /* export the row with this uuid, or */
    long from, to;             /* rows [from, to) counted across the shards in order */
    const char *out_dir;       /* OUT/<uuid>/{program.py, view_0..7.png, model.step, model.stl, meta.json} */
} zs_export_opts;
/* Returns the exit status (0 ok; 1 a row could not be written or the id was not found). */
int zs_export(char **paths, int n, const zs_export_opts *o);

/* Prints the report (markdown, or one JSON object). Returns the exit status. */
int zs_stats(char **paths, int n, int json, FILE *out);

/* Checks every row: uuid present and unique, code valid UTF-8, 8 PNGs that decode at 256x256,
 * STL that parses, STEP that parses with num_faces faces. Prints one line per problem and a
 * summary. Returns 0 when all rows pass, 1 otherwise. */
int zs_verify(char **paths, int n, FILE *out);

/* A shard row named as SHARD.parquet#UUID (is_row_ref says whether text has that form). On
 * success *reader is open and *row holds the row's columns cols (valid until zd_close). 0, or
 * -1 with err naming the shard and the uuid. */
#include "shard.h"
int zs_is_row_ref(const char *text);
int zs_find_row(const char *ref, unsigned cols, zd_reader **reader, zd_row *row, char *err, size_t errlen);

#endif
