/* chamfer.c: seeded, area-weighted surface sampling and the Chamfer distance (mean squared
 * nearest-neighbour distance both ways, summed) with an exact k-d tree nearest-neighbour search. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "metrics_internal.h"

double zm_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* ---- xoshiro256** seeded by splitmix64(seed, stream) ---- */
static uint64_t splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void zm_rng_seed(zm_rng *r, uint64_t seed, uint64_t stream)
{
    uint64_t x = seed ^ (stream * 0xd1b54a32d192ed03ULL);
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t next_u64(zm_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double zm_rng_uniform(zm_rng *r)
{
    return (double)(next_u64(r) >> 11) * 0x1.0p-53;
}

/* ---- sampling ---- */
int zm_sample_surface(const zm_mesh *m, size_t n, zm_rng *rng, double *pts)
{
    if (!m->nt)
        return -1;
    double *cum = malloc(m->nt * sizeof *cum);
    if (!cum)
        return -1;
    double total = 0;
    for (size_t k = 0; k < m->nt; k++) {
        const double *a = m->v + 3 * (size_t)m->t[3 * k], *b = m->v + 3 * (size_t)m->t[3 * k + 1],
                     *c = m->v + 3 * (size_t)m->t[3 * k + 2];
        double u[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]}, w[3] = {c[0] - a[0], c[1] - a[1], c[2] - a[2]};
        double x = u[1] * w[2] - u[2] * w[1], y = u[2] * w[0] - u[0] * w[2], z = u[0] * w[1] - u[1] * w[0];
        total += 0.5 * sqrt(x * x + y * y + z * z);
        cum[k] = total;
    }
    if (!(total > 0)) {
        free(cum);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        double target = zm_rng_uniform(rng) * total;
        size_t lo = 0, hi = m->nt - 1;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (cum[mid] > target)
                hi = mid;
            else
                lo = mid + 1;
        }
        const double *a = m->v + 3 * (size_t)m->t[3 * lo], *b = m->v + 3 * (size_t)m->t[3 * lo + 1],
                     *c = m->v + 3 * (size_t)m->t[3 * lo + 2];
        double r1 = sqrt(zm_rng_uniform(rng)), r2 = zm_rng_uniform(rng);
        double wa = 1 - r1, wb = r1 * (1 - r2), wc = r1 * r2;
        for (int d = 0; d < 3; d++)
            pts[3 * i + d] = wa * a[d] + wb * b[d] + wc * c[d];
    }
    free(cum);
    return 0;
}

/* ---- k-d tree: a permutation of point indices, median split on the widest axis ---- */
typedef struct {
    const double *p;
    uint32_t *idx;
    uint8_t *axis;       /* split axis of the node stored at position mid of a range */
} kdtree;

static void swap_idx(uint32_t *idx, size_t i, size_t j)
{
    uint32_t t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
}

/* Quickselect with a three-way partition: idx[k] gets the k-th smallest along ax, smaller ones
 * before it and larger ones after. */
static void select_kth(const double *p, uint32_t *idx, size_t lo, size_t hi, size_t k, int ax)
{
    while (hi - lo > 1) {
        double pivot = p[3 * (size_t)idx[(lo + hi) / 2] + ax];
        size_t lt = lo, i = lo, gt = hi;
        while (i < gt) {
            double v = p[3 * (size_t)idx[i] + ax];
            if (v < pivot)
                swap_idx(idx, lt++, i++);
            else if (v > pivot)
                swap_idx(idx, i, --gt);
            else
                i++;
        }
        if (k < lt)
            hi = lt;
        else if (k >= gt)
            lo = gt;
        else
            return;
    }
}

static void build(kdtree *t, size_t lo, size_t hi)
{
    if (hi - lo <= 1)
        return;
    double mn[3] = {INFINITY, INFINITY, INFINITY}, mx[3] = {-INFINITY, -INFINITY, -INFINITY};
    for (size_t i = lo; i < hi; i++)
        for (int d = 0; d < 3; d++) {
            double v = t->p[3 * (size_t)t->idx[i] + d];
            mn[d] = fmin(mn[d], v);
            mx[d] = fmax(mx[d], v);
        }
    int ax = 0;
    for (int d = 1; d < 3; d++)
        if (mx[d] - mn[d] > mx[ax] - mn[ax])
            ax = d;
    size_t mid = (lo + hi) / 2;
    select_kth(t->p, t->idx, lo, hi, mid, ax);
    t->axis[mid] = (uint8_t)ax;
    build(t, lo, mid);
    build(t, mid + 1, hi);
}

static void nearest(const kdtree *t, size_t lo, size_t hi, const double *q, double *best)
{
    while (hi > lo) {
        size_t mid = (lo + hi) / 2;
        const double *p = t->p + 3 * (size_t)t->idx[mid];
        double dx = p[0] - q[0], dy = p[1] - q[1], dz = p[2] - q[2];
        double d2 = dx * dx + dy * dy + dz * dz;
        if (d2 < *best)
            *best = d2;
        if (hi - lo == 1)
            return;
        int ax = t->axis[mid];
        double diff = q[ax] - p[ax];
        size_t nlo, nhi, flo, fhi;   /* near and far halves */
        if (diff < 0) {
            nlo = lo, nhi = mid, flo = mid + 1, fhi = hi;
        } else {
            nlo = mid + 1, nhi = hi, flo = lo, fhi = mid;
        }
        nearest(t, nlo, nhi, q, best);
        if (diff * diff >= *best)
            return;
        lo = flo;
        hi = fhi;
    }
}

/* Mean over a of the squared distance to the nearest point of b. */
static double mean_nn2(const double *a, size_t na, const double *b, size_t nb)
{
    kdtree t = {b, malloc(nb * sizeof(uint32_t)), calloc(nb ? nb : 1, 1)};
    if (!t.idx || !t.axis) {
        free(t.idx);
        free(t.axis);
        return NAN;
    }
    for (size_t i = 0; i < nb; i++)
        t.idx[i] = (uint32_t)i;
    build(&t, 0, nb);
    double sum = 0;
    for (size_t i = 0; i < na; i++) {
        double best = INFINITY;
        nearest(&t, 0, nb, a + 3 * i, &best);
        sum += best;
    }
    free(t.idx);
    free(t.axis);
    return sum / (double)na;
}

double zm_chamfer(const double *a, size_t na, const double *b, size_t nb)
{
    if (!na || !nb)
        return NAN;
    return mean_nn2(a, na, b, nb) + mean_nn2(b, nb, a, na);
}
