/* slice.c: --shard K/N, a deterministic slice of the job's positions (p % N == K), so that N
 * independent processes (a job array) cover every position exactly once. */
#include <stdio.h>
#include <stdlib.h>

#include "scale.h"

static int whole(const char *s, char **end, long *out)
{
    if (*s < '0' || *s > '9')
        return -1;
    *out = strtol(s, end, 10);
    return *out >= 0 && *out < 1000000000L ? 0 : -1;
}

int zsc_slice_parse(const char *text, zsc_slice *s, char *err, size_t errlen)
{
    char *end;
    long k, n;
    if (whole(text, &end, &k) < 0 || *end != '/' || whole(end + 1, &end, &n) < 0 || *end || n < 1 || k >= n) {
        snprintf(err, errlen, "--shard takes K/N with 0 <= K < N (for example 0/4), not '%s'", text);
        return -1;
    }
    s->k = k;
    s->n = n;
    return 0;
}

int zsc_slice_has(const zsc_slice *s, size_t pos)
{
    return s->n <= 0 || (long)(pos % (size_t)s->n) == s->k;
}
