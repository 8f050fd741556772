/* synth.h: the public header of zc_synth, the data engine (`zerocad synth`) and its sources of
 * programs. The procedural generator's and the exact-dedup key's declarations live in
 * generator.h, included here; engine declarations follow in their own block. */
#ifndef ZC_SYNTH_H
#define ZC_SYNTH_H

#include "generator.h"

/* ---- the engine (zerocad synth, data import): engine.h ---- */
#include "engine.h"

#endif
