/* adjacency.c: for every triangle corner edge (corner k of triangle t runs to corner k+1), the
 * triangle on the other side when the surface is continuous across it: exactly one other
 * triangle runs the same edge the opposite way, with bitwise the same end points and the same
 * shading normals at them. Across such an edge two triangles that are drawn the same way
 * leave no visible seam, so only the other edges need anti-aliasing (pixel_marks.c). Computed
 * once per scene drawing (it does not depend on the view) with a hash table of directed edges. */
#include <stdlib.h>
#include <string.h>

#include "render_internal.h"

#define KEY_WORDS 12              /* a directed edge: point and normal of its start, then of its end */

typedef struct {
    uint32_t key[KEY_WORDS];
    int32_t corner;               /* 3 * t + k of the first corner running this edge; -1: empty slot */
    int32_t count;                /* corners running it */
} edge_slot;

static void corner_key(const zr_scene *sc, size_t corner, int reversed, uint32_t key[KEY_WORDS])
{
    size_t t = corner / 3, k = corner % 3;
    uint32_t a = sc->tris[3 * t + k], b = sc->tris[3 * t + (k + 1) % 3];
    if (reversed) {
        uint32_t tmp = a;
        a = b;
        b = tmp;
    }
    memcpy(key, sc->points + 3 * a, 3 * sizeof(float));
    memcpy(key + 3, sc->normals + 3 * a, 3 * sizeof(float));
    memcpy(key + 6, sc->points + 3 * b, 3 * sizeof(float));
    memcpy(key + 9, sc->normals + 3 * b, 3 * sizeof(float));
}

static size_t key_hash(const uint32_t key[KEY_WORDS])
{
    uint64_t h = 1469598103934665603ull;
    for (int i = 0; i < KEY_WORDS; i++)
        h = (h ^ key[i]) * 1099511628211ull;
    return (size_t)(h ^ (h >> 29));
}

/* The slot holding key, or the empty slot where it belongs. */
static edge_slot *find_slot(edge_slot *table, size_t mask, const uint32_t key[KEY_WORDS])
{
    for (size_t i = key_hash(key) & mask;; i = (i + 1) & mask)
        if (table[i].corner < 0 || !memcmp(table[i].key, key, sizeof table[i].key))
            return &table[i];
}

int zr_adjacency_build(const zr_scene *sc, int32_t **out)
{
    size_t ncorners = 3 * sc->ntris, size = 16;
    while (size < 2 * ncorners)
        size *= 2;
    int32_t *nb = malloc((ncorners ? ncorners : 1) * sizeof *nb);
    edge_slot *table = malloc(size * sizeof *table);
    if (!nb || !table) {
        free(nb);
        free(table);
        return -1;
    }
    for (size_t i = 0; i < size; i++)
        table[i].corner = -1;
    uint32_t key[KEY_WORDS];
    for (size_t c = 0; c < ncorners; c++) {
        corner_key(sc, c, 0, key);
        edge_slot *s = find_slot(table, size - 1, key);
        if (s->corner < 0) {
            memcpy(s->key, key, sizeof key);
            s->corner = (int32_t)c;
            s->count = 0;
        }
        s->count++;
    }
    for (size_t c = 0; c < ncorners; c++) {
        nb[c] = -1;
        corner_key(sc, c, 0, key);
        if (find_slot(table, size - 1, key)->count != 1)
            continue;
        corner_key(sc, c, 1, key);
        edge_slot *s = find_slot(table, size - 1, key);
        if (s->corner >= 0 && s->count == 1 && (size_t)s->corner / 3 != c / 3)
            nb[c] = s->corner / 3;
    }
    free(table);
    *out = nb;
    return 0;
}
