/* token_list.c: parsing of a comma-separated token id list, shared by logits and generate. */
#include "token_list.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int cli_parse_token_list(const char *s, int32_t **out, int *n)
{
    int32_t *ids = malloc((strlen(s) / 2 + 1) * sizeof *ids);
    int k = 0;
    const char *p = s;
    for (;;) {
        char *end;
        errno = 0;
        long v = ids ? strtol(p, &end, 10) : -1;
        if (!ids || end == p || errno || v < 0 || v > INT32_MAX || (*end && *end != ',')) {
            free(ids);
            return -1;
        }
        ids[k++] = (int32_t)v;
        if (!*end)
            break;
        p = end + 1;
    }
    *out = ids;
    *n = k;
    return 0;
}
