/* engine.h: the data engine (engine.c): programs from a source -> the sandboxed executor ->
 * the paper's validation -> rows (STEP, STL, 8 views, call trace, timings) -> dedup ->
 * parquet shards in the released schema, with a log that makes every run resumable. The
 * procedural generator, `zerocad data import` and the LLM agent are sources. */
#ifndef ZS_ENGINE_H
#define ZS_ENGINE_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    /* Program number `index` of the source: 1 with *code and *uuid (malloc'd; the uuid is
     * the row's, the same for the same program every run) and *family, *category (static
     * strings or NULL); 0 when the source has no program `index` (it has ended); -1 on an
     * error (message in err). Programs are asked for in increasing index order. */
    int (*program)(void *ctx, uint64_t index, char **code, char **uuid, const char **family,
                   const char **category, char *err, size_t errlen);
    void *ctx;
    /* Optional (NULL for most sources): the part description of program `index`, malloc'd, or
     * NULL for none. When set, the shards get the extra column "description" (docs/synth-llm.md). */
    char *(*description)(void *ctx, uint64_t index);
} zs_source;

typedef struct {
    const char *out_dir;       /* shards part-NNNNN.parquet, synth-log.jsonl, synth-stats.json */
    const char *label;         /* for messages: "zerocad synth" */
    long target;               /* accepted rows wanted; <= 0: all of the source's programs */
    int jobs;                  /* sandboxed workers */
    double timeout, memory_mb; /* per program */
    long rows_per_shard;       /* rows per parquet file */
    int dedup;                 /* 1: drop exact and geometric duplicates */
    int progress;              /* 1: progress line on stderr */
    long max_programs;         /* stop after this many programs in total (<= 0: 20 x target + 1000) */
} zs_engine_opts;

/* Runs until target rows are accepted (or the source ends), resuming what the folder holds.
 * Prints the summary. Returns 0 done, 1 failure or interruption (message printed; a rerun
 * resumes), 2 bad input. */
int zs_engine_run(const zs_engine_opts *o, const zs_source *src);

/* ---- one part of a job shared among processes (engine_shared.c, engine_jobs.c,
 * engine_verdict.c; the coordination itself is src/scale/'s) ----
 * The job is the program ids 0..programs-1 of the source. Each process runs the ids it is
 * handed and records every outcome in its own files in DIR's work folder (TAG names the process:
 * a rank "RRRRR", a slice "shard-K-of-N"): synth-log.part-TAG.jsonl (one line per program:
 * valid or rejected, with its dedup keys) and part-TAG-NNNNN.parquet (the rows of the valid
 * programs). Neither depends on the order the ids run in. Once every id is recorded,
 * zs_shared_finish decides in id order, as zs_engine_run would (dedup against the rows kept
 * before, up to the target), and writes the kept rows to DIR/part-TAG-NNNNN.parquet. */
typedef struct {
    void *ctx;
    /* The ids not recorded yet (ascending) of the `total` ids; 0 or -1. */
    int (*plan)(void *ctx, size_t total, const size_t *todo, size_t ntodo);
    int (*next)(void *ctx, size_t *id);    /* 1 and *id, or -1: no more */
    void (*done)(void *ctx, size_t id);    /* id recorded */
    /* 1: an id the source has no program for (program() returns 0) is recorded as rejected,
     * its reason the source's err ("no program" when empty), instead of stopping the run (the
     * LLM agent's jobs that ended without a valid program). */
    int absent_rejected;
} zs_share;

/* Runs this process's part. 0 done, 1 failure or interruption, 2 bad input. */
int zs_shared_run(const zs_engine_opts *o, const zs_source *src, const char *tag, long programs,
                  const zs_share *share);

typedef struct {
    char **files;              /* DIR/part-*.parquet written, full paths (malloc'd) */
    long *rows;
    size_t n;
    long recorded;             /* ids of 0..programs-1 with an outcome */
    long accepted;             /* rows kept */
} zs_shared_result;

/* When every id of 0..programs-1 is recorded: decides and writes the dataset (0; *res
 * filled). Ids missing: 3 with res->recorded set (nothing written). Failure: 1 (message
 * printed). */
int zs_shared_finish(const zs_engine_opts *o, long programs, zs_shared_result *res);
void zs_shared_result_free(zs_shared_result *res);

/* Row uuids (uuid.c): version-4-shaped (36 chars + NUL), derived from bytes alone: the
 * same input always names the same row. zs_uuid_for: program `index` of a seeded source. */
void zs_uuid_of_bytes(const void *data, size_t len, uint64_t salt, char out[37]);
void zs_uuid_for(uint64_t seed, uint64_t index, char out[37]);

/* The procedural generator as a source (source_generator.c): program `index` of the seed,
 * restricted to categories (NULL: all). ctx is a zs_generator_source. */
typedef struct {
    uint64_t seed;
    const char *categories;
} zs_generator_source;
int zs_generator_program(void *ctx, uint64_t index, char **code, char **uuid, const char **family,
                         const char **category, char *err, size_t errlen);

/* Programs from files as a source (source_files.c): .py files and folders of them (sorted,
 * not recursive), in the order given; a row's uuid is made from the file's bytes, so the same
 * file gives the same row. */
typedef struct {
    char **paths;              /* malloc'd */
    size_t n;
} zs_files_source;
/* Collects the programs; 0, or -1 with err naming the input that is not a .py file or a folder. */
int zs_files_source_init(zs_files_source *s, const char *const *inputs, int n, char *err, size_t errlen);
void zs_files_source_free(zs_files_source *s);
int zs_files_program(void *ctx, uint64_t index, char **code, char **uuid, const char **family,
                     const char **category, char *err, size_t errlen);

#endif
