/* scale_eval.h: the way into src/scale/ for `zerocad eval --model` (apart from scale.h, which
 * does not need the model evaluation's header, recon.h). */
#ifndef ZSC_SCALE_EVAL_H
#define ZSC_SCALE_EVAL_H

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

#endif
