/* rotations.c: the 24 rotations of the cube and the rotation-maximized voxel IoU.
 *
 * A grid of n^3 cells centred at the origin is mapped onto itself by every rotation of the cube:
 * a rotation is a signed permutation of the axes (determinant +1), so rotating a grid is an index
 * permutation (i -> i or n-1-i per axis, axes swapped), never a re-voxelization. To count
 * |a AND r(b)| fast, b is re-laid out once with its rows along each of the three axes, forward and
 * bit-reversed (6 layouts); each rotation then reads one whole 64-bit row of b per row of a. */
#include <stdlib.h>
#include <string.h>

#include "metrics_internal.h"

static zm_rotation g_rot[24];
static int g_nrot;

static void build_rotations(void)
{
    static const int perms[6][3] = {{0, 1, 2}, {1, 2, 0}, {2, 0, 1}, {0, 2, 1}, {2, 1, 0}, {1, 0, 2}};
    static const int parity[6] = {1, 1, 1, -1, -1, -1};
    for (int p = 0; p < 6; p++)
        for (int s = 0; s < 8; s++) {
            int sg[3] = {(s & 1) ? -1 : 1, (s & 2) ? -1 : 1, (s & 4) ? -1 : 1};
            if (parity[p] * sg[0] * sg[1] * sg[2] != 1)
                continue;
            zm_rotation *r = &g_rot[g_nrot++];
            for (int d = 0; d < 3; d++) {
                r->axis[d] = perms[p][d];
                r->sign[d] = sg[d];
            }
        }
}

const zm_rotation *zm_rotations(void)
{
    if (!g_nrot)
        build_rotations();   /* deterministic; a race would write the same values */
    return g_rot;
}

/* b laid out with rows along axis `a` (the other axes p < q: row index c[q] * n + c[p]),
 * forward (rev 0) or with each row reversed (rev 1). */
typedef struct {
    zm_grid g[3][2];
} layouts;

static void free_layouts(layouts *L)
{
    for (int a = 0; a < 3; a++)
        for (int r = 0; r < 2; r++)
            zm_grid_free(&L->g[a][r]);
}

static int build_layouts(const zm_grid *b, layouts *L)
{
    memset(L, 0, sizeof *L);
    int n = b->n;
    for (int a = 0; a < 3; a++)
        for (int r = 0; r < 2; r++)
            if (zm_grid_init(&L->g[a][r], n)) {
                free_layouts(L);
                return -1;
            }
    int W = b->words;
    for (int k = 0; k < n; k++)
        for (int j = 0; j < n; j++) {
            const uint64_t *row = b->bits + ((size_t)k * n + j) * W;
            for (int w = 0; w < W; w++) {
                uint64_t bits = row[w];
                while (bits) {
                    int i = w * 64 + __builtin_ctzll(bits);
                    bits &= bits - 1;
                    int c[3] = {i, j, k};
                    for (int a = 0; a < 3; a++) {
                        int p = a == 0 ? 1 : 0, q = a == 2 ? 1 : 2;
                        size_t ri = ((size_t)c[q] * n + c[p]) * W;
                        int f = c[a], rv = n - 1 - c[a];
                        L->g[a][0].bits[ri + (f >> 6)] |= 1ULL << (f & 63);
                        L->g[a][1].bits[ri + (rv >> 6)] |= 1ULL << (rv & 63);
                    }
                }
            }
        }
    return 0;
}

static size_t and_count(const zm_grid *a, const layouts *L, const zm_rotation *r)
{
    int n = a->n, W = a->words;
    int ax = r->axis[0];
    const zm_grid *src = &L->g[ax][r->sign[0] < 0];
    int p = ax == 0 ? 1 : 0, q = ax == 2 ? 1 : 2;
    size_t count = 0;
    for (int o2 = 0; o2 < n; o2++) {
        int in2 = r->sign[2] > 0 ? o2 : n - 1 - o2;
        for (int o1 = 0; o1 < n; o1++) {
            int in1 = r->sign[1] > 0 ? o1 : n - 1 - o1;
            int c[3] = {0, 0, 0};
            c[r->axis[1]] = in1;
            c[r->axis[2]] = in2;
            const uint64_t *ra = a->bits + ((size_t)o2 * n + o1) * W;
            const uint64_t *rb = src->bits + ((size_t)c[q] * n + c[p]) * W;
            for (int w = 0; w < W; w++)
                count += (size_t)__builtin_popcountll(ra[w] & rb[w]);
        }
    }
    return count;
}

size_t zm_grid_and_count_rotated(const zm_grid *a, const zm_grid *b, int rot)
{
    layouts L;
    if (build_layouts(b, &L))
        return 0;
    size_t c = and_count(a, &L, &zm_rotations()[rot]);
    free_layouts(&L);
    return c;
}

double zm_grid_best_iou(const zm_grid *a, const zm_grid *b, int nrot, int *best)
{
    if (best)
        *best = 0;
    size_t na = zm_grid_count(a), nb = zm_grid_count(b);
    if (na + nb == 0)
        return 0.0 / 0.0;
    layouts L;
    if (build_layouts(b, &L))
        return 0.0 / 0.0;
    const zm_rotation *rots = zm_rotations();
    double best_iou = -1;
    for (int r = 0; r < (nrot == 24 ? 24 : 1); r++) {
        size_t inter = and_count(a, &L, &rots[r]);
        double iou = (double)inter / (double)(na + nb - inter);
        if (iou > best_iou) {
            best_iou = iou;
            if (best)
                *best = r;
        }
    }
    free_layouts(&L);
    return best_iou;
}
