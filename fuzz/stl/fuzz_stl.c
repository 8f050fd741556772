/* fuzz_stl.c: libFuzzer target for the STL reader: every input is taken as the bytes of an STL
 * file (binary or ASCII). It must be read or rejected with a message, never crash; a scene that
 * is read must hold only in-range indices and finite coordinates. */
#include "render.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

static void check_scene(const zr_scene *sc)
{
    if (!sc->npoints || !sc->ntris)
        abort();
    for (size_t i = 0; i < 3 * sc->ntris; i++)
        if (sc->tris[i] >= sc->npoints)
            abort();
    for (size_t i = 0; i < 3 * sc->npoints; i++)
        if (!isfinite(sc->points[i]))
            abort();
    for (size_t i = 0; i < 2 * sc->nedges; i++)
        if (sc->edge_verts[i] >= sc->npoints || sc->edge_tris[i] >= sc->ntris)
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static zr_spec spec;
    static int ready;
    if (!ready) {
        if (zr_spec_default(&spec))
            abort();
        ready = 1;
    }
    zr_scene sc;
    char err[512];
    if (zr_scene_from_stl(data, size, "fuzz.stl", &spec, &sc, err, sizeof err) == 0) {
        check_scene(&sc);
        zr_scene_free(&sc);
    } else if (!err[0]) {
        abort();   /* a rejection must say why */
    }
    return 0;
}
