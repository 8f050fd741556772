/* source_generator.c: the embedded procedural generator as a source of the engine: program
 * `index` of a seed, with a uuid made from the seed and the index, so a rerun makes the same
 * rows with the same uuids. The generator never ends: the engine stops at its target. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "generator.h"

int zs_generator_program(void *ctx, uint64_t index, char **code, char **uuid, const char **family,
                         const char **category, char *err, size_t errlen)
{
    const zs_generator_source *g = ctx;
    zs_program p;
    if (zs_generate(g->seed, index, g->categories, &p, err, errlen) < 0)
        return -1;
    *uuid = malloc(37);
    if (!*uuid) {
        zs_program_free(&p);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    zs_uuid_for(g->seed, index, *uuid);
    *code = p.code;
    *family = p.family;
    *category = p.category;
    return 1;
}
