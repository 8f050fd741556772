/* voxel.c: bit-packed voxel grids and the scanline voxelizer.
 *
 * Inside test: one ray per grid row (j,k), along +x through the voxel centres' (y,z). Each triangle
 * is projected on the (y,z) plane; for every row centre inside its projection the crossing's x and
 * direction (sign of the projected orientation) are recorded. A row's crossings sorted by x give
 * the winding number at each voxel centre; a voxel is inside when it is non-zero (for a closed,
 * consistently oriented mesh this is ray parity; for overlapping solids it is their union).
 *
 * Robustness (rays through edges and vertices): the 2D edge function of an edge is always
 * evaluated with its endpoints in one canonical (lexicographic) order and negated for the other
 * direction, so the two triangles sharing an edge get exactly opposite values; an exact zero is
 * resolved as if the ray were moved by (eps, eps^2) (simulation of simplicity), which is also a
 * property of the edge alone. Every row centre is thus inside exactly one triangle of a
 * watertight fan, whatever the rounding: no crossing is lost or counted twice. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "metrics_internal.h"

int zm_grid_init(zm_grid *g, int n)
{
    memset(g, 0, sizeof *g);
    if (n < 1 || n > 1024)
        return -1;
    g->n = n;
    g->words = (n + 63) / 64;
    g->bits = calloc((size_t)n * n * g->words, sizeof(uint64_t));
    return g->bits ? 0 : -1;
}

void zm_grid_free(zm_grid *g)
{
    free(g->bits);
    memset(g, 0, sizeof *g);
}

size_t zm_grid_count(const zm_grid *g)
{
    size_t total = (size_t)g->n * g->n * g->words, c = 0;
    for (size_t i = 0; i < total; i++)
        c += (size_t)__builtin_popcountll(g->bits[i]);
    return c;
}

typedef struct {
    uint32_t row;
    int32_t dir;         /* +1: the ray leaves the solid, -1: it enters */
    double x;
} crossing;

typedef struct {
    crossing *c;
    size_t n, cap;
} crossing_list;

static int push(crossing_list *l, uint32_t row, int dir, double x)
{
    if (l->n == l->cap) {
        size_t nc = l->cap ? 2 * l->cap : 4096;
        crossing *p = realloc(l->c, nc * sizeof *p);
        if (!p)
            return -1;
        l->c = p;
        l->cap = nc;
    }
    l->c[l->n++] = (crossing){row, dir, x};
    return 0;
}

/* Lexicographic order of 2D points (y, z): -1, 0, +1. */
static int cmp2(const double *u, const double *v)
{
    if (u[1] != v[1])
        return u[1] < v[1] ? -1 : 1;
    if (u[2] != v[2])
        return u[2] < v[2] ? -1 : 1;
    return 0;
}

/* One projected edge u->v, prepared for side tests. */
typedef struct {
    const double *cu, *cv;   /* endpoints in canonical order */
    double flip;             /* -1 when u->v is the reverse of the canonical order */
    int tie;                 /* side (+1/-1) given to points exactly on the edge's line */
} edge2;

static int prepare_edge(const double *u, const double *v, edge2 *e)
{
    int c = cmp2(u, v);
    if (c == 0)
        return -1;                       /* degenerate in projection */
    e->cu = c < 0 ? u : v;
    e->cv = c < 0 ? v : u;
    e->flip = c < 0 ? 1.0 : -1.0;
    /* d/d(eps) of the edge function at p + (eps, eps^2): -(dz), then dy. */
    double dy = e->cv[1] - e->cu[1], dz = e->cv[2] - e->cu[2];
    int t = dz != 0 ? (dz < 0 ? 1 : -1) : (dy > 0 ? 1 : -1);
    e->tie = c < 0 ? t : -t;
    return 0;
}

/* Edge function value (signed, for the edge's own direction) and side (+1/-1) at (y, z). */
static int side(const edge2 *e, double y, double z, double *value)
{
    double f = (e->cv[1] - e->cu[1]) * (z - e->cu[2]) - (e->cv[2] - e->cu[2]) * (y - e->cu[1]);
    f *= e->flip;
    *value = f;
    if (f > 0)
        return 1;
    if (f < 0)
        return -1;
    return e->tie;
}

static int triangle_crossings(const double *a, const double *b, const double *c, const double lo[3], double h,
                              int n, crossing_list *out)
{
    edge2 ea, eb, ec;   /* opposite a (b->c), opposite b (c->a), opposite c (a->b) */
    if (prepare_edge(b, c, &ea) || prepare_edge(c, a, &eb) || prepare_edge(a, b, &ec))
        return 0;
    double ymin = fmin(a[1], fmin(b[1], c[1])), ymax = fmax(a[1], fmax(b[1], c[1]));
    double zmin = fmin(a[2], fmin(b[2], c[2])), zmax = fmax(a[2], fmax(b[2], c[2]));
    double fj0 = ceil((ymin - lo[1]) / h - 0.5), fj1 = floor((ymax - lo[1]) / h - 0.5);
    double fk0 = ceil((zmin - lo[2]) / h - 0.5), fk1 = floor((zmax - lo[2]) / h - 0.5);
    /* one cell of slack each way: the side tests decide, the bounds only prune */
    int j0 = (int)fmax(0, fj0 - 1), j1 = (int)fmin(n - 1, fj1 + 1);
    int k0 = (int)fmax(0, fk0 - 1), k1 = (int)fmin(n - 1, fk1 + 1);
    double xmin = fmin(a[0], fmin(b[0], c[0])), xmax = fmax(a[0], fmax(b[0], c[0]));
    for (int k = k0; k <= k1; k++) {
        double z = lo[2] + (k + 0.5) * h;
        for (int j = j0; j <= j1; j++) {
            double y = lo[1] + (j + 0.5) * h;
            double wa, wb, wc;
            int sa = side(&ea, y, z, &wa);
            int sb = side(&eb, y, z, &wb);
            if (sa != sb)
                continue;
            int sc = side(&ec, y, z, &wc);
            if (sc != sa)
                continue;
            double sum = wa + wb + wc;
            double x = sum != 0 ? (wa * a[0] + wb * b[0] + wc * c[0]) / sum : (a[0] + b[0] + c[0]) / 3.0;
            x = fmin(xmax, fmax(xmin, x));
            if (push(out, (uint32_t)(k * n + j), sa, x))
                return -1;
        }
    }
    return 0;
}

static void set_range(uint64_t *row, int i0, int i1)
{
    for (int i = i0; i < i1;) {
        int w = i >> 6, b = i & 63;
        int take = 64 - b;
        if (take > i1 - i)
            take = i1 - i;
        uint64_t mask = take == 64 ? ~0ULL : (((1ULL << take) - 1) << b);
        row[w] |= mask;
        i += take;
    }
}

static void sort_by_x(crossing *c, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        crossing t = c[i];
        size_t j = i;
        while (j > 0 && c[j - 1].x > t.x) {
            c[j] = c[j - 1];
            j--;
        }
        c[j] = t;
    }
}

static int cmp_x(const void *p, const void *q)
{
    double a = ((const crossing *)p)->x, b = ((const crossing *)q)->x;
    return (a > b) - (a < b);
}

/* Index of the first voxel whose centre lies beyond x, in [0, n]. */
static int first_after(double x, double lo, double h, int n)
{
    double f = floor((x - lo) / h - 0.5) + 1;
    if (f < 0)
        return 0;
    if (f > n)
        return n;
    return (int)f;
}

static void fill_row(crossing *c, size_t nc, const double lo[3], double h, int n, uint64_t *row)
{
    if (nc < 32)
        sort_by_x(c, nc);
    else
        qsort(c, nc, sizeof *c, cmp_x);
    int winding = 0, from = 0;
    for (size_t i = 0; i < nc; i++) {
        int to = first_after(c[i].x, lo[0], h, n);
        if (winding != 0 && to > from)
            set_range(row, from, to);
        if (to > from)
            from = to;
        winding -= c[i].dir;
    }
    if (winding != 0 && n > from)
        set_range(row, from, n);
}

int zm_voxelize(const zm_mesh *m, const double lo[3], double h, zm_grid *g)
{
    crossing_list list = {0};
    int n = g->n;
    for (size_t k = 0; k < m->nt; k++) {
        const double *a = m->v + 3 * (size_t)m->t[3 * k];
        const double *b = m->v + 3 * (size_t)m->t[3 * k + 1];
        const double *c = m->v + 3 * (size_t)m->t[3 * k + 2];
        if (triangle_crossings(a, b, c, lo, h, n, &list)) {
            free(list.c);
            return -1;
        }
    }
    /* bucket by row (counting sort), then fill each row */
    size_t rows = (size_t)n * n;
    size_t *start = calloc(rows + 1, sizeof *start);
    crossing *sorted = malloc((list.n ? list.n : 1) * sizeof *sorted);
    if (!start || !sorted) {
        free(start);
        free(sorted);
        free(list.c);
        return -1;
    }
    for (size_t i = 0; i < list.n; i++)
        start[list.c[i].row + 1]++;
    for (size_t r = 0; r < rows; r++)
        start[r + 1] += start[r];
    for (size_t i = 0; i < list.n; i++)
        sorted[start[list.c[i].row]++] = list.c[i];
    /* start[r] now holds the end of row r; row r begins at the end of row r-1 */
    size_t begin = 0;
    for (size_t r = 0; r < rows; r++) {
        size_t end = start[r];
        if (end > begin)
            fill_row(sorted + begin, end - begin, lo, h, n, g->bits + r * g->words);
        begin = end;
    }
    free(start);
    free(sorted);
    free(list.c);
    return 0;
}
