/* scale.h: the public way into src/scale/, running one command across many processes:
 * MPI ranks under mpirun/srun (one coordinator hands out batches of job positions, every
 * rank runs its own sandboxed workers and writes its own part file), or independent
 * processes each taking a deterministic slice (--shard K/N). A manifest lists the parts and
 * their row counts at the end. MPI lives only in a rank process that never forks; the
 * command (and its forking supervisor) runs in a child forked before MPI_Init. */
#ifndef ZSC_SCALE_H
#define ZSC_SCALE_H

#include <stddef.h>

#include "engine.h"
#include "exec.h"

/* ---- start-up (launch.c) ----
 * Called by main() with its command line before the command runs. Under an MPI launcher
 * (OMPI_COMM_WORLD_SIZE, PMIX_RANK or PMI_SIZE in the environment; ZEROCAD_MPI=0 turns it
 * off) and for a command that scales (exec, synth with the generator or --llm, eval --model,
 * eval --pred, render --batch), forks: the parent becomes the MPI rank process and never returns
 * (it exits with the child's status); the child returns and runs the command. The commands that
 * stay one process (`synth --report`, render of one shape) are refused under more than one rank
 * (exit 2). Otherwise returns at once and nothing changes. */
void zsc_launch_argv(int argc, char **argv);
/* 1 when this process is the command side of an MPI rank (zsc_launch forked it). */
int zsc_under_mpi(void);

/* ---- --shard K/N (slice.c) ---- */
typedef struct {
    long k, n;                 /* this process takes positions p with p % n == k; n == 0: all */
} zsc_slice;

/* Parses "K/N" (0 <= K < N, N >= 1). 0, or -1 with a one-line message in err. */
int zsc_slice_parse(const char *text, zsc_slice *s, char *err, size_t errlen);
int zsc_slice_has(const zsc_slice *s, size_t pos);

/* ---- exec across processes (exec_scaled.c) ----
 * Runs `zerocad exec` as one part of a larger job: under MPI (rank R writes
 * RESULTS.part-RRRRR.jsonl), with a slice (RESULTS.shard-K-of-N.jsonl), or both; ids
 * recorded in any part (or in RESULTS itself) are skipped; at the end RESULTS.manifest.json
 * lists every part and its rows. Without MPI and without a slice it is zx_run. Returns the
 * exit status. */
int zsc_exec_run(const zx_options *opts, const zsc_slice *slice);

/* ---- synth across processes (synth_scaled.c) ----
 * Runs `zerocad synth` (the generator's programs, the data engine) as one part of a job
 * shared among MPI ranks and/or a --shard slice: the job is program ids 0..programs-1; rank R
 * (slice K/N) records its outcomes and rows under DIR's work folder with names carrying RRRRR
 * (shard-K-of-N); when every id is recorded (MPI: rank 0, once all ranks are done; slices:
 * whichever ends last) the dataset DIR/part-TAG-NNNNN.parquet is decided and written and
 * DIR/synth.manifest.json lists its files and rows. Without MPI and without a slice it is
 * zs_engine_run. Returns the exit status. */
int zsc_synth_run(const zs_engine_opts *o, const zs_source *src, const zsc_slice *slice, long programs);

/* ---- render --batch across processes (render_scaled.c) ----
 * Runs `zerocad render --batch` as one part of a job shared among MPI ranks and/or a --shard
 * slice: the items are positions in the inputs' order; rank R (slice K/N) appends its records
 * to OUTDIR/render.part-RRRRR.jsonl (OUTDIR/render.shard-K-of-N.jsonl); ids recorded in any
 * file of the job are skipped; at the end (MPI: rank 0 once every rank is done; a slice: each)
 * OUTDIR/render.manifest.json lists the files and their rows. Without MPI and without a slice
 * it is zrb_run (ids recorded in parts of an earlier shared run count as done). Returns the
 * exit status. */
struct zrb_opts;   /* renderbatch.h */
int zsc_render_run(const struct zrb_opts *o, const zsc_slice *slice);

/* `zerocad eval --model` and `eval --pred` across processes: scale_eval.h (it needs recon.h). */

#endif
