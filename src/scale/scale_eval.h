/* scale_eval.h: the way into src/scale/ for `zerocad eval --model` and `zerocad eval --pred`
 * (apart from scale.h, which does not need the evaluations' headers, recon.h and metrics.h). */
#ifndef ZSC_SCALE_EVAL_H
#define ZSC_SCALE_EVAL_H

#include "metrics.h"
#include "recon.h"
#include "scale.h"

/* ---- eval --model across processes (eval_scaled.c) ----
 * Runs `zerocad eval --model` as one part of a job shared among MPI ranks and/or a --shard
 * slice: the items are positions in source order; rank R (slice K/N) appends its records to
 * OUT.part-RRRRR.jsonl (OUT.shard-K-of-N.jsonl); ids recorded in any file of the job are
 * skipped; at the end (MPI: rank 0 once every rank is done; a slice: each) the table is
 * printed over every file of the job and OUT.manifest.json lists them. Without MPI and without
 * a slice it is zrc_eval_model. Returns the exit status. */
int zsc_eval_run(const zrc_eval_opts *o, const zm_options *mo, const zsc_slice *slice);

/* ---- eval --pred across processes (eval_pred_scaled.c) ----
 * Runs `zerocad eval --pred` as one part of a job shared among MPI ranks and/or a --shard slice:
 * the items are positions in id order (the one-process run's); rank R (slice K/N) appends its
 * records to OUT.part-RRRRR.jsonl (OUT.shard-K-of-N.jsonl); ids recorded in any part are skipped;
 * at the end (MPI: rank 0 once every rank is done; a slice: each) the summary and table are
 * written (OUT.json, OUT.md, stdout) over every part as a one-process run writes them, and
 * OUT.manifest.json lists the parts. Without MPI and without a slice it is zm_eval. A shared run
 * refuses an OUT.jsonl (a one-process run's) and a one-process run refuses the parts of a shared
 * one (exit 2). Needs a->out when shared. Returns the exit status. */
int zsc_eval_pred_run(const zm_eval_args *a, const zm_options *o, const zsc_slice *slice);

#endif
