/* engine_jobline.c: one line of a shared job's log (work/synth-log.part-TAG.jsonl, written by
 * engine_shared.c) read back: the program id, its uuid, valid or rejected, and, valid, its
 * three dedup keys (16 hex digits each). Anything else (a torn line, another shape) is not a
 * record. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <xxhash.h>

#include "engine_internal.h"

uint64_t zs_uuid_hash(const char *uuid, size_t len)
{
    return XXH3_64bits(uuid, len);
}

/* A key as written: 1 to 16 hex digits. 0, or -1. */
static int hex_key(json_t *v, uint64_t *out)
{
    const char *s = json_string_value(v);
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > 16 || strspn(s, "0123456789abcdefABCDEF") != n)
        return -1;
    *out = strtoull(s, NULL, 16);
    return 0;
}

int zs_job_line_parse(const char *line, size_t len, zs_job_line *out)
{
    memset(out, 0, sizeof *out);
    json_t *o = json_loadb(line, len, JSON_REJECT_DUPLICATES, NULL);
    json_t *i = json_object_get(o, "i");
    const char *status = json_string_value(json_object_get(o, "status"));
    const char *uuid = json_string_value(json_object_get(o, "uuid"));
    int rc = -1;
    if (json_is_integer(i) && json_integer_value(i) >= 0 && status && uuid && *uuid) {
        out->id = (uint64_t)json_integer_value(i);
        out->uuid_hash = zs_uuid_hash(uuid, strlen(uuid));
        if (!strcmp(status, "rejected")) {
            out->valid = 0;
            rc = 0;
        } else if (!strcmp(status, "valid") && hex_key(json_object_get(o, "code_key"), &out->keys[0]) == 0 &&
                   hex_key(json_object_get(o, "geo_key"), &out->keys[1]) == 0 &&
                   hex_key(json_object_get(o, "view_key"), &out->keys[2]) == 0) {
            out->valid = 1;
            rc = 0;
        }
    }
    json_decref(o);
    return rc;
}
