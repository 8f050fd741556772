/* fuzz_dxf.c: libFuzzer target for the DXF reader: every input is taken as the text of a DXF file.
 * It must be parsed or rejected with a message, never crash; what is parsed must be consistent
 * (known entity types, NUL-terminated layer names, counts matching the arrays). */
#include "dxf_parse.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    zd_file f;
    char err[200];
    if (zd_parse((const char *)data, size, &f, err, sizeof err) < 0) {
        if (!err[0] || !memchr(err, 0, sizeof err))
            abort();
        return 0;
    }
    for (size_t i = 0; i < f.n; i++) {
        const zd_entity *e = &f.ents[i];
        if (!memchr(e->layer, 0, sizeof e->layer) || !memchr(e->type, 0, sizeof e->type))
            abort();
        if ((e->nverts && !e->verts) || (e->nknots && !e->knots) || (e->nweights && !e->weights))
            abort();
        for (size_t k = 0; k < e->nverts; k++)   /* every vertex readable */
            if (e->verts[k].x != e->verts[k].x)
                abort();
    }
    zd_free(&f);
    return 0;
}
