/* source_llm.c: the LLM agent's accepted programs as a source of the data engine: program
 * `index` is the index-th program accepted (the state database's order), its uuid derived
 * from its bytes and its job, its description handed to the engine for the shards' extra
 * "description" column. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent_internal.h"
#include "source_llm.h"

int zs_llm_program(void *ctx, uint64_t index, char **code, char **uuid, const char **family,
                   const char **category, char *err, size_t errlen)
{
    zs_state *s = ctx;
    char *desc = NULL;
    int64_t job = 0;
    int got = zs_state_accepted_at(s, index, code, &desc, &job);
    free(desc);
    if (got < 0) {
        snprintf(err, errlen, "llm-state.sqlite: cannot read accepted program %llu: %s",
                 (unsigned long long)index, sqlite3_errmsg(zs_state_db(s)));
        return -1;
    }
    if (got == 0)
        return 0;
    *uuid = malloc(37);
    if (!*uuid) {
        free(*code);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    zs_uuid_of_bytes(*code, strlen(*code), (uint64_t)job, *uuid);
    *family = "llm";
    *category = NULL;
    return 1;
}

char *zs_llm_description(void *ctx, uint64_t index)
{
    char *code = NULL, *desc = NULL;
    int64_t job;
    if (zs_state_accepted_at(ctx, index, &code, &desc, &job) != 1)
        return NULL;
    free(code);
    return desc;
}
