/* rng.c: xoshiro256** (Blackman and Vigna) seeded with splitmix64; integer-only draws, so the
 * sequence is the same on every machine. */
#include "rng.h"

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

void zs_rng_seed(zs_rng *r, uint64_t seed, uint64_t index)
{
    uint64_t x = seed;
    uint64_t mixed = splitmix64(&x) ^ (index * 0xD1B54A32D192ED03ull);
    x = mixed;
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

uint64_t zs_rng_next(zs_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

int zs_rng_pick(zs_rng *r, int n)
{
    if (n <= 1)
        return 0;
    uint64_t hi = zs_rng_next(r) >> 32;
    return (int)((hi * (uint64_t)n) >> 32);
}

int zs_rng_int(zs_rng *r, int lo, int hi)
{
    if (hi <= lo)
        return lo;
    return lo + zs_rng_pick(r, hi - lo + 1);
}

double zs_rng_step(zs_rng *r, double lo, double hi, double step)
{
    int n = (int)((hi - lo) / step + 1e-9);
    if (n < 0)
        n = 0;
    return lo + zs_rng_int(r, 0, n) * step;
}

int zs_rng_chance(zs_rng *r, int percent)
{
    return zs_rng_pick(r, 100) < percent;
}
