/* curate_rng.c: splitmix64, the deterministic random numbers of curation (k-means++ draws and the
 * D2 surface samples): the same seed gives the same sequence on every machine. */
#include "curate.h"

void zcur_rng_seed(zcur_rng *r, uint64_t seed)
{
    r->s = seed;
}

uint64_t zcur_rng_next(zcur_rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

double zcur_rng_uniform(zcur_rng *r)
{
    return (double)(zcur_rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}
