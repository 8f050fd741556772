/* rng.h (internal to zc_synth): the generator's explicit PRNG, xoshiro256** seeded through
 * splitmix64 from (seed, index), so that a program depends only on its pair, on any machine. */
#ifndef ZC_SYNTH_RNG_H
#define ZC_SYNTH_RNG_H

#include <stdint.h>

typedef struct {
    uint64_t s[4];
} zs_rng;

void zs_rng_seed(zs_rng *r, uint64_t seed, uint64_t index);
uint64_t zs_rng_next(zs_rng *r);
/* Uniform integer in [lo, hi] (inclusive). */
int zs_rng_int(zs_rng *r, int lo, int hi);
/* lo + k * step for a uniform integer k with lo + k * step <= hi (+ 1e-9). */
double zs_rng_step(zs_rng *r, double lo, double hi, double step);
/* 1 with probability percent / 100. */
int zs_rng_chance(zs_rng *r, int percent);
/* Uniform index in [0, n). */
int zs_rng_pick(zs_rng *r, int n);

#endif
