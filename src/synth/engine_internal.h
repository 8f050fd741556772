/* engine_internal.h: what the files of the engine share (engine.c, engine_commit.c,
 * engine_resume.c, engine_report.c); not a public header (that is engine.h). */
#ifndef ZS_ENGINE_INTERNAL_H
#define ZS_ENGINE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "engine.h"
#include "keyset.h"
#include "rowmake.h"
#include "shard.h"

/* Counts by name (reject reasons, families), in first-seen order. */
typedef struct {
    char **names;
    long *counts;
    size_t n, cap;
} zs_tally;

int zs_tally_add(zs_tally *t, const char *name, long by);
long zs_tally_get(const zs_tally *t, const char *name);
void zs_tally_free(zs_tally *t);

/* A program handed to the executor and not committed yet. */
typedef struct {
    int live, ended;
    uint64_t index;
    char *code, *uuid;
    char *description;         /* from zs_source.description, or NULL */
    const char *family, *category;
    char status[16];
    char *error;
    double seconds;
    unsigned char *payload;
    size_t payload_len;
} zs_pending;

typedef struct {
    const zs_engine_opts *opts;
    const zs_source *src;
    zs_pending *window;
    size_t wsize;
    uint64_t start_index, run_start_index, issued, committed;
    int stop_issuing, done_target, hit_max, failed;
    long accepted, programs;   /* committed, over the whole folder's history */
    long accepted_at_start, programs_at_start;
    zs_keyset code_keys, geo_keys, view_keys;
    zs_tally reasons, families, families_ok;
    int log_fd;
    int lock_fd;               /* the folder's lock, -1 before */
    zd_writer *writer;
    int next_part;
    double t0, last_draw;
    int progress_drawn;
} zs_run;

/* engine_commit.c: one program's outcome decided, logged and (accepted) written. */
int zs_commit(zs_run *r, const zs_pending *p);
/* The shard row of an accepted program (pointers borrowed from p and m). */
void zs_row_fill(zd_row *row, const zs_pending *p, const zs_made *m);
/* Closes the open shard (footer, fsync, rename); 0 or -1. */
int zs_shard_close(zs_run *r);
/* The reason an outcome is rejected before dedup, or NULL: executor statuses, the paper's
 * validation, hook failures. Writes into buf. */
const char *zs_reject_reason(const char *status, const char *error, const zs_made *made, int parsed, char *buf,
                             size_t buflen);

/* engine_resume.c: reads the folder (finished shards, log), restores the counts and dedup
 * keys, cuts the log back and opens it for appending. 0, or 1/2 (message printed). */
int zs_resume(zs_run *r);

/* engine_jobline.c: one log line of a shared job. 0 with *out filled, or -1 (not a record). */
typedef struct {
    uint64_t id;
    int valid;                 /* 1 valid (keys set), 0 rejected */
    uint64_t keys[3];          /* code, geo, view */
    uint64_t uuid_hash;
} zs_job_line;
int zs_job_line_parse(const char *line, size_t len, zs_job_line *out);

/* engine_jobs.c: what the processes of a shared job recorded (in DIR's work folder), read without
 * changing anything: per id 0..n-1, its state and keys. */
enum { ZS_JOB_NONE = 0, ZS_JOB_REJECTED, ZS_JOB_VALID };
typedef struct {
    unsigned char *state;      /* ZS_JOB_*; VALID only when its row is in a finished shard */
    uint64_t (*keys)[4];       /* code, geo, view key, hash of the uuid (VALID ids) */
    size_t n;
} zs_jobs;
/* 0, or -1 with err ("FILE: what is wrong"). */
int zs_jobs_scan(const char *out_dir, size_t n, zs_jobs *j, char *err, size_t errlen);
void zs_jobs_free(zs_jobs *j);
/* Hands the ids of 0..programs-1 that no process of the job in out_dir has recorded to
 * share->plan. 0, or -1 (a message naming label on stderr). */
int zs_jobs_plan(const char *out_dir, const char *label, long programs, const zs_share *share);
/* The folder of the processes' own files: the folder "work" inside DIR. */
void zs_work_dir(const char *out_dir, char *out, size_t len);
/* "part-TAG-NNNNN.parquet" (no folder) -> TAG; 0, or -1 when the name is not one. */
int zs_work_shard_tag(const char *name, char *tag, size_t len);
uint64_t zs_uuid_hash(const char *uuid, size_t len);

/* engine_report.c */
void zs_progress_draw(zs_run *r, int force);
void zs_print_summary(const zs_run *r, int interrupted);
int zs_write_stats(const zs_run *r, int interrupted);

#endif
