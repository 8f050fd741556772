/* scale_internal.h: what the files of src/scale/ share (not a public header; that is
 * scale.h): the framed messages between a rank's command process and its MPI process, the
 * coordinator, the client the command uses, part-file names and the manifest. */
#ifndef ZSC_SCALE_INTERNAL_H
#define ZSC_SCALE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "scale.h"

/* ---- frames over the socket between the command and its rank process (frame.c) ----
 * A frame: type (u32), reserved (u32), length in u64 words, then the words. */
enum {
    ZSC_HELLO = 1,   /* rank -> command: {rank, size} */
    ZSC_PLAN,        /* command -> rank (rank 0 only): {total, positions...} */
    ZSC_WANT,        /* command -> rank: {total, want, positions finished since last time...} */
    ZSC_JOBS,        /* rank -> command: {positions...}; none: no more */
    ZSC_FINISH,      /* command -> rank: {exit status, programs taken, positions finished since...} */
    ZSC_FINAL        /* rank -> command: {worst exit status of all ranks} */
};

typedef struct {
    uint32_t type;
    uint64_t *words;           /* malloc'd (NULL when n == 0) */
    size_t n;
} zsc_frame;

/* Whole frame written, or -1 with errno. */
int zsc_frame_send(int fd, uint32_t type, const uint64_t *words, size_t n);
/* 1 read, 0 end of file before a frame, -1 error (errno). */
int zsc_frame_recv(int fd, zsc_frame *f);

/* ---- the rank process (rank.c, agent.c, coord.c) ---- */
/* Starts MPI, says HELLO to the command process (child, at the other end of fd), coordinates
 * or relays until it ends; returns the command's exit status. Never forks. */
int zsc_rank_main(int fd, pid_t child);

enum { ZSC_TAG_WANT = 11, ZSC_TAG_JOBS = 12, ZSC_TAG_FINISH = 13 };
/* How long a rank process sleeps between looks at MPI when idle (doubling from min to max). */
#define ZSC_NAP_MIN_NS 200000L
#define ZSC_NAP_MAX_NS 50000000L
/* How a relay waits for rank 0's answer: first look after min, doubling up to max. */
#define ZSC_RELAY_NAP_MIN_NS 100000L
#define ZSC_RELAY_NAP_MAX_NS 5000000L
/* How many positions a command may hold per worker (-j); it asks for more when half are left. */
#define ZSC_HOLD_PER_WORKER 8

/* The rank process of a rank other than 0: relays the command's requests to rank 0.
 * Returns the worst exit status it saw. */
int zsc_agent_relay(int fd, int rank);
/* Rank 0's rank process: the coordinator (hands out batches, collects completions) and the
 * relay of its own command. Returns the worst exit status of all ranks. */
int zsc_coordinate(int fd, int size);

/* ---- the queue of positions and batch sizes (queue.c) ---- */
typedef struct {
    uint64_t *pos;
    size_t head, count;
} zsc_queue;

/* How many positions to hand a rank that can take `want`, with `left` still queued among
 * `ranks` ranks: about a share of half the rest (guided), at least 1, at most want. */
size_t zsc_batch_size(size_t left, int ranks, size_t want);

/* ---- the command's side (client.c) ---- */
typedef struct {
    int fd;                    /* to the rank process; -1: no MPI (slice only) */
    int rank, size;
    zsc_slice slice;
    size_t want;               /* programs to ask for at a time (the command's -j) */
    uint64_t total;
    zsc_queue queue;
    uint64_t *finished;        /* positions done since the last request */
    size_t nfinished, capfinished;
    int ended, lost;           /* no more work; the rank process went away */
    int asked;                 /* a request is out, its answer not read yet */
    double wait_s;             /* time spent waiting for the coordinator, after the first request */
    double first_wait_s;       /* the first request (it waits for rank 0's plan) */
    size_t requests, taken;
} zsc_client;

/* Connects (reads HELLO under MPI). 0, or -1 with a message printed. */
int zsc_client_open(zsc_client *c, const zsc_slice *slice, size_t want);
/* zx_share callbacks (ctx = the client). */
int zsc_client_plan(void *ctx, size_t total, const size_t *todo, size_t ntodo);
int zsc_client_next(void *ctx, size_t *pos);
void zsc_client_done(void *ctx, size_t pos);
/* Reports the end; returns the worst exit status of all ranks (own status without MPI). */
int zsc_client_finish(zsc_client *c, int rc);
void zsc_client_close(zsc_client *c);

/* The link to the rank process, set by zsc_launch in the command process (-1 without). */
int zsc_link_fd(void);

/* ---- an evaluation shared among processes (eval_scaled.c): eval --model and eval --pred ----
 * The items are positions in the evaluation's own order; each process appends one record line
 * per item to its own part of OUT.jsonl; rank 0 (a slice: each) prints the table over every file
 * of the job at the end and writes OUT.manifest.json. */
typedef struct {
    const char *out;           /* the report prefix: OUT.jsonl names the job's files */
    size_t want;               /* items a process holds at a time */
    int quiet;
    void *ctx;
    /* This process's part of the job: the items the client hands it, recorded in `part`; the
     * ids recorded in `seen` (the job's other files) count as done. The exit status. */
    int (*run)(void *ctx, zsc_client *client, const char *part, char *const *seen, size_t nseen);
    /* The table over every file of the job (seconds and recorded: this run's). The exit status. */
    int (*table)(void *ctx, char *const *files, size_t n, double seconds, long recorded);
} zsc_eval_job;

int zsc_eval_job_run(const zsc_eval_job *job, const zsc_slice *slice);

/* ---- synth's shared jobs (synth_scaled.c, also used by synth_llm_scaled.c) ---- */
/* RRRRR (rank >= 0), shard-K-of-N, or shard-K-of-N-RRRRR: the name of a process's part. */
void zsc_synth_part_tag(int rank, const zsc_slice *slice, char *out, size_t len);
/* Decides the dataset of DIR (zs_shared_finish) and writes DIR/synth.manifest.json; `more`
 * says how to get more rows when they fall short. The exit status (0 also when ids are still
 * unrecorded: the last part decides). */
int zsc_synth_finish(const zs_engine_opts *o, long programs, const char *more);
/* 1 when folder dir holds an entry whose name starts with prefix. */
int zsc_dir_has(const char *dir, const char *prefix);
/* A total a rank cannot know before rank 0's plan (synth --llm: rank 0 makes the job list):
 * the coordinator does not compare it with rank 0's. */
#define ZSC_TOTAL_UNKNOWN UINT64_MAX

/* ---- part files (parts.c) ---- */
/* The file this process writes for the job whose output is `base`: RESULTS.part-RRRRR.jsonl
 * (rank >= 0), RESULTS.shard-K-of-N.jsonl (slice), or both joined. */
void zsc_part_name(const char *base, int rank, const zsc_slice *slice, char *out, size_t outlen);
/* Every file of the job that exists: base itself and its parts, sorted; *n set. NULL with
 * *n == 0 when there are none (or out of memory: *n == (size_t)-1). */
char **zsc_parts_list(const char *base, size_t *n);
void zsc_parts_free(char **list, size_t n);
/* The job's files other than own (all in one folder): those whose records count as done. */
char **zsc_parts_others(const char *base, const char *own, size_t *n);
/* The manifest's path: RESULTS.manifest.json. */
void zsc_manifest_name(const char *base, char *out, size_t outlen);

/* ---- the manifest (manifest.c) ---- */
/* Whole lines of a JSONL file that are not blank (a torn last line is not counted); -1 when
 * it cannot be read. */
long zsc_count_lines(const char *path);
/* Writes {"command", "programs", "rows", "complete", "outputs": [{"file", "rows"}]} to path
 * (a temporary file renamed into place). 0, or -1 with a message printed. */
int zsc_manifest_write(const char *path, const char *command, long programs, char *const *files, size_t n);
/* The same with the rows of each file given, complete when they add up to `wanted`. */
int zsc_manifest_write_rows(const char *path, const char *command, long programs, long wanted,
                            char *const *files, const long *rows, size_t n);

#endif
