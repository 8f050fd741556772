/* recon_literals.c: a test driver for the literal scanner (zrc_literals_scan): prints one JSON
 * line per numeric literal of the program in FILE ({"start", "len", "is_int", "tunable",
 * "param"}, byte offsets), or with --scale F the program with every tunable literal multiplied by
 * F (zrc_literals_rewrite), for tests/recon/test_refine.py to check against Python's tokenize. */
#include "recon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *s = malloc(cap);
    for (size_t r; s && (r = fread(s + n, 1, cap - n - 1, f)) > 0;) {
        n += r;
        if (n + 1 == cap)
            s = realloc(s, cap *= 2);
    }
    fclose(f);
    if (s)
        s[n] = 0;
    return s;
}

int main(int argc, char **argv)
{
    if (argc != 2 && !(argc == 4 && !strcmp(argv[2], "--scale"))) {
        fprintf(stderr, "usage: recon_literals FILE [--scale F]\n");
        return 2;
    }
    char *src = slurp(argv[1]);
    zrc_literals l;
    if (!src || zrc_literals_scan(src, &l)) {
        fprintf(stderr, "recon_literals: %s: cannot read\n", argv[1]);
        return 1;
    }
    if (argc == 2) {
        for (size_t i = 0; i < l.n; i++)
            printf("{\"start\": %zu, \"len\": %zu, \"is_int\": %d, \"tunable\": %d, \"param\": %d}\n", l.v[i].start,
                   l.v[i].len, l.v[i].is_int, l.v[i].tunable, l.v[i].param);
    } else {
        size_t *idx = malloc((l.n + 1) * sizeof *idx);
        double *val = malloc((l.n + 1) * sizeof *val);
        int k = 0;
        for (size_t i = 0; i < l.n; i++)
            if (l.v[i].tunable)
                idx[k] = i, val[k++] = l.v[i].value * atof(argv[3]);
        char *out = zrc_literals_rewrite(src, &l, idx, val, k);
        fputs(out ? out : "", stdout);
        free(out);
        free(idx);
        free(val);
    }
    zrc_literals_free(&l);
    free(src);
    return 0;
}
