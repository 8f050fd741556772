/* scale_llm.h: the way into src/scale/ for `zerocad synth --llm` (apart from scale.h, which
 * does not need the LLM agent's header, llm.h). */
#ifndef ZSC_SCALE_LLM_H
#define ZSC_SCALE_LLM_H

#include "llm.h"
#include "scale.h"

/* ---- synth --llm across processes (synth_llm_scaled.c) ----
 * Runs `zerocad synth --llm` as one part of a job shared among MPI ranks and/or a --shard
 * slice: the job is the descriptions (--descriptions FILE, or the catalog rank 0 makes),
 * rank R (slice K/N) holds the conversations of the descriptions it is handed in
 * DIR/llm-state.part-RRRRR.sqlite (part-shard-K-of-N) and records their programs through the
 * data engine in DIR's work folder; when every description is recorded (MPI: rank 0, once all
 * ranks are done; slices: whichever ends last) the dataset and DIR/synth.manifest.json are
 * written as for `zerocad synth` shared (scale.h). Without MPI and without a slice it is
 * zs_llm_run. Returns the exit status. */
int zsc_synth_llm_run(const zs_llm_opts *o, const zsc_slice *slice);

#endif
