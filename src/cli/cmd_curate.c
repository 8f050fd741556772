/* cmd_curate.c: `zerocad curate`: a diverse subset of Zero-to-CAD shards (k-means over row
 * descriptors, the row nearest each centroid kept), with a coverage report. Thin: parses the
 * arguments and calls zcur_run (src/synth/curate.h); see docs/curate.md. */
#include "commands.h"
#include "curate.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
    fprintf(f,
            "usage: zerocad curate SHARDS_OR_DIRS... -n K -o OUT [--seed S] [-m CHECKPOINT_DIR] [--report R.md]\n"
            "          [-j THREADS] [--pca M] [--rows-per-shard R] [--max-iter N] [--descriptors FILE.f32] [--quiet]\n"
            "Keeps K diverse rows of the shards: every row is embedded (default: a descriptor of its 8 views\n"
            "and its mesh; -m: the mean-pooled vision-encoder embedding of its views), k-means (k-means++\n"
            "seeding, seed S, default 0) clusters them and the row nearest each centroid is copied byte for\n"
            "byte to OUT/part-00000.parquet ... (R rows per file, default 10000; OUT must hold no shard).\n"
            "Coverage before and after (op frequencies, faces histogram, categories) is printed as Markdown\n"
            "and written to --report. --descriptors writes the n x d float32 descriptors. --max-iter: Lloyd\n"
            "iterations at most (default 50). -j: threads computing the default descriptor (default 1).\n"
            "--pca M: k-means on the descriptors projected on their M principal components (faster).\n"
            "Exit status: 0 done, 1 failure (the message names the file), 2 bad usage.\n");
}

static int parse_int(const char *opt, const char *v, long long lo, long long *out)
{
    char *end;
    errno = 0;
    long long x = strtoll(v, &end, 10);
    if (errno || end == v || *end || x < lo) {
        fprintf(stderr, "zerocad curate: %s needs an integer >= %lld (got '%s')\n", opt, lo, v);
        return -1;
    }
    *out = x;
    return 0;
}

static int parse_option(zcur_opts *o, const char *a, const char *v)
{
    long long x = 0;
    if (!strcmp(a, "-n")) {
        if (parse_int(a, v, 1, &x) || x > 1000000000) {
            fprintf(stderr, "zerocad curate: -n must be between 1 and 1000000000\n");
            return -1;
        }
        o->k = (int)x;
    } else if (!strcmp(a, "-o") || !strcmp(a, "--output"))
        o->out = v;
    else if (!strcmp(a, "--seed")) {
        if (parse_int(a, v, 0, &x))
            return -1;
        o->seed = (uint64_t)x;
    } else if (!strcmp(a, "-m") || !strcmp(a, "--model"))
        o->model_dir = v;
    else if (!strcmp(a, "--report"))
        o->report = v;
    else if (!strcmp(a, "-j") || !strcmp(a, "--threads")) {
        if (parse_int(a, v, 1, &x) || x > 1024) {
            fprintf(stderr, "zerocad curate: -j must be between 1 and 1024\n");
            return -1;
        }
        o->threads = (int)x;
    } else if (!strcmp(a, "--pca")) {
        if (parse_int(a, v, 1, &x) || x > 100000) {
            fprintf(stderr, "zerocad curate: --pca must be between 1 and 100000\n");
            return -1;
        }
        o->pca = (int)x;
    } else if (!strcmp(a, "--descriptors"))
        o->descriptors = v;
    else if (!strcmp(a, "--rows-per-shard")) {
        if (parse_int(a, v, 1, &x))
            return -1;
        o->rows_per_shard = x;
    } else if (!strcmp(a, "--max-iter")) {
        if (parse_int(a, v, 1, &x) || x > 100000) {
            fprintf(stderr, "zerocad curate: --max-iter must be between 1 and 100000\n");
            return -1;
        }
        o->max_iter = (int)x;
    } else {
        fprintf(stderr, "zerocad curate: unknown option '%s' (try --help)\n", a);
        return -1;
    }
    return 0;
}

int cmd_curate(int argc, char **argv)
{
    zcur_opts o = {0};
    const char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
    if (!inputs)
        return 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            free(inputs);
            return 0;
        }
        if (!strcmp(a, "--quiet") || !strcmp(a, "-q"))
            o.quiet = 1;
        else if (a[0] == '-' && a[1]) {
            if (i + 1 >= argc) {
                fprintf(stderr, "zerocad curate: %s needs a value\n", a);
                free(inputs);
                return 2;
            }
            if (parse_option(&o, a, argv[++i])) {
                free(inputs);
                return 2;
            }
        } else
            inputs[o.ninputs++] = a;
    }
    if (!o.ninputs || !o.k || !o.out) {
        fprintf(stderr, "zerocad curate: needs input shards, -n K and -o OUT (try --help)\n");
        free(inputs);
        return 2;
    }
    o.inputs = inputs;
    char err[2048];
    int rc = zcur_run(&o, err, sizeof err);
    if (rc)
        fprintf(stderr, "zerocad curate: %s\n", err);
    free(inputs);
    return rc ? 1 : 0;
}
