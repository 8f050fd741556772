/* synth_dump: a test and debugging tool for the procedural generator. Writes the programs of
 * (seed, start .. start + count - 1) into a folder as <index>.py plus manifest.tsv
 * (index, family, category, code key), or prints one program with --print.
 *
 *   synth_dump --seed S [--start I] [--count N] [--categories LIST] (--out DIR | --print)
 *   synth_dump --families      (lists family<TAB>category) */
#include "synth.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int parse_u64(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-')
        return -1;
    *out = v;
    return 0;
}

static int write_program(const char *dir, uint64_t index, const zs_program *p, FILE *manifest)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%06" PRIu64 ".py", dir, index);
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "synth_dump: %s: %s\n", path, strerror(errno));
        return -1;
    }
    size_t n = strlen(p->code);
    int bad = fwrite(p->code, 1, n, f) != n;
    bad |= fclose(f) != 0;
    if (bad) {
        fprintf(stderr, "synth_dump: %s: write failed\n", path);
        return -1;
    }
    fprintf(manifest, "%06" PRIu64 "\t%s\t%s\t%016" PRIx64 "\n", index, p->family, p->category,
            zs_code_key(p->code, n));
    return 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: synth_dump --seed S [--start I] [--count N] [--categories LIST] "
                    "(--out DIR | --print) | --families\n");
    return 2;
}

int main(int argc, char **argv)
{
    uint64_t seed = 0, start = 0, count = 1;
    const char *out = NULL, *cats = NULL;
    int print = 0, have_seed = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--families") == 0) {
            for (int k = 0; k < zs_family_count(); k++)
                printf("%s\t%s\n", zs_family_name(k), zs_family_category(k));
            return 0;
        } else if (strcmp(a, "--print") == 0) {
            print = 1;
        } else if (v && strcmp(a, "--seed") == 0) {
            if (parse_u64(v, &seed))
                return fprintf(stderr, "synth_dump: --seed: not a number: %s\n", v), 2;
            have_seed = 1, i++;
        } else if (v && strcmp(a, "--start") == 0) {
            if (parse_u64(v, &start))
                return fprintf(stderr, "synth_dump: --start: not a number: %s\n", v), 2;
            i++;
        } else if (v && strcmp(a, "--count") == 0) {
            if (parse_u64(v, &count))
                return fprintf(stderr, "synth_dump: --count: not a number: %s\n", v), 2;
            i++;
        } else if (v && strcmp(a, "--out") == 0) {
            out = v, i++;
        } else if (v && strcmp(a, "--categories") == 0) {
            cats = v, i++;
        } else {
            return usage();
        }
    }
    if (!have_seed || (!out && !print))
        return usage();

    FILE *manifest = NULL;
    if (out) {
        if (mkdir(out, 0777) != 0 && errno != EEXIST) {
            fprintf(stderr, "synth_dump: %s: %s\n", out, strerror(errno));
            return 1;
        }
        char path[4096];
        snprintf(path, sizeof path, "%s/manifest.tsv", out);
        manifest = fopen(path, "w");
        if (!manifest) {
            fprintf(stderr, "synth_dump: %s: %s\n", path, strerror(errno));
            return 1;
        }
    }
    int rc = 0;
    for (uint64_t k = start; k < start + count && rc == 0; k++) {
        zs_program p;
        char err[256];
        if (zs_generate(seed, k, cats, &p, err, sizeof err) != 0) {
            fprintf(stderr, "synth_dump: %s\n", err);
            rc = 1;
            break;
        }
        if (print)
            fputs(p.code, stdout);
        if (manifest && write_program(out, k, &p, manifest) != 0)
            rc = 1;
        zs_program_free(&p);
    }
    if (manifest && fclose(manifest) != 0) {
        fprintf(stderr, "synth_dump: %s/manifest.tsv: write failed\n", out);
        rc = 1;
    }
    return rc;
}
