/* cmd_synth.c: `zerocad synth -n N -o DIR`: makes a Zero-to-CAD dataset with the embedded
 * procedural generator through the data engine (src/synth/engine.h); under mpirun or with
 * --shard, as one part of a shared job (src/scale/scale.h). */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "cli_args.h"
#include "engine.h"
#include "generator.h"
#include "scale.h"

static void synth_usage(FILE *out)
{
    fprintf(out,
            "usage: zerocad synth -n N -o DIR [--seed S] [-j N] [--rows-per-shard R] [--categories A,B]\n"
            "                     [--timeout S] [--memory MB] [--no-dedup] [--list-categories]\n"
            "                     [--shard K/N] [--programs P]\n"
            "\n"
            "Makes a Zero-to-CAD dataset: CadQuery programs written by the embedded procedural\n"
            "generator are run in the sandboxed executor, validated as the paper does (the code\n"
            "runs; the result is a single valid solid with at least 7 faces; STEP and STL export\n"
            "succeed), traced, rendered (8 views, 256x256), deduplicated, and written to parquet\n"
            "shards in the released schema: DIR/part-NNNNN.parquet. DIR/synth-log.jsonl has one\n"
            "line per program (accepted, or rejected with the reason), DIR/synth-stats.json the\n"
            "counts. Run the same command again to resume: it continues to N rows, none twice.\n"
            "The same seed gives the same rows whatever -j is.\n"
            "\n"
            "  -n, --rows N            accepted rows wanted (required)\n"
            "  -o, --output DIR        the dataset folder (required)\n"
            "      --seed S            generator seed (default 0)\n"
            "  -j, --jobs N            sandboxed workers (default: the number of CPUs)\n"
            "      --rows-per-shard R  rows per parquet file (default 500)\n"
            "      --categories LIST   only these part categories (see --list-categories)\n"
            "      --timeout S         wall-clock seconds per program (default 30)\n"
            "      --memory MB         memory a program may allocate (default 2048)\n"
            "      --no-dedup          keep duplicate programs and shapes\n"
            "      --max-programs M    give up after M programs (default 20 x N + 1000)\n"
            "      --list-categories   print the generator's categories and families, and exit\n"
            "      --shard K/N         run only program ids p with p %% N == K (a job array; docs/scale.md)\n"
            "      --programs P        under mpirun or --shard: the job is program ids 0..P-1\n"
            "                          (default N + N/10 + 4); the dataset keeps the first N rows\n"
            "      --llm BASE_URL      programs written by an LLM instead (see 'zerocad synth --llm x --help')\n"
            "  -h, --help              this text\n"
            "\n"
            "Exit status: 0 done; 1 failed or interrupted (rerun to resume); 2 bad usage.\n");
}

static void list_categories(void)
{
    for (int c = 0; c < zs_category_count(); c++) {
        const char *cat = zs_category_name(c);
        printf("%s:", cat);
        for (int f = 0; f < zs_family_count(); f++)
            if (!strcmp(zs_family_category(f), cat))
                printf(" %s", zs_family_name(f));
        printf("\n");
    }
}

typedef struct {
    zs_engine_opts e;
    zs_generator_source g;
    zsc_slice slice;
    long programs;             /* shared job: program ids 0..programs-1 (0: default) */
} synth_args;

static int parse_option(int c, const char *arg, const char *name, synth_args *a)
{
    double v;
    switch (c) {
    case 'n': if (cli_number("synth", name, arg, 1, INFINITY, &v) < 0) return 2; a->e.target = (long)v; return 0;
    case 'o': a->e.out_dir = arg; return 0;
    case 's': if (cli_number("synth", name, arg, 0, INFINITY, &v) < 0) return 2; a->g.seed = strtoull(arg, NULL, 10); return 0;
    case 'j': if (cli_number("synth", name, arg, 1, INFINITY, &v) < 0) return 2; a->e.jobs = (int)v; return 0;
    case 'r': if (cli_number("synth", name, arg, 1, INFINITY, &v) < 0) return 2; a->e.rows_per_shard = (long)v; return 0;
    case 'c': a->g.categories = arg; return 0;
    case 't': if (cli_number("synth", name, arg, 0.001, INFINITY, &v) < 0) return 2; a->e.timeout = v; return 0;
    case 'm': if (cli_number("synth", name, arg, 0, INFINITY, &v) < 0) return 2; a->e.memory_mb = v; return 0;
    case 'D': a->e.dedup = 0; return 0;
    case 'M': if (cli_number("synth", name, arg, 1, INFINITY, &v) < 0) return 2; a->e.max_programs = (long)v; return 0;
    case 'L': list_categories(); return -1;
    case 'S': {
        char err[256];
        if (zsc_slice_parse(arg, &a->slice, err, sizeof err) < 0) {
            fprintf(stderr, "zerocad synth: %s\n", err);
            return 2;
        }
        return 0;
    }
    case 'P': if (cli_number("synth", name, arg, 1, INFINITY, &v) < 0) return 2; a->programs = (long)v; return 0;
    case 'h': synth_usage(stdout); return -1;
    case ':': fprintf(stderr, "zerocad synth: %s needs a value (try 'zerocad synth --help')\n", name); return 2;
    default: fprintf(stderr, "zerocad synth: unknown option '%s' (try 'zerocad synth --help')\n", name); return 2;
    }
}

static int parse_args(int argc, char **argv, synth_args *a)
{
    static const struct option longopts[] = {
        {"rows", required_argument, NULL, 'n'}, {"output", required_argument, NULL, 'o'},
        {"seed", required_argument, NULL, 's'}, {"jobs", required_argument, NULL, 'j'},
        {"rows-per-shard", required_argument, NULL, 'r'}, {"categories", required_argument, NULL, 'c'},
        {"timeout", required_argument, NULL, 't'}, {"memory", required_argument, NULL, 'm'},
        {"no-dedup", no_argument, NULL, 'D'}, {"max-programs", required_argument, NULL, 'M'},
        {"list-categories", no_argument, NULL, 'L'}, {"help", no_argument, NULL, 'h'},
        {"shard", required_argument, NULL, 'S'}, {"programs", required_argument, NULL, 'P'}, {NULL, 0, NULL, 0},
    };
    memset(a, 0, sizeof *a);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    a->e = (zs_engine_opts){.label = "zerocad synth", .jobs = cpus > 0 ? (int)cpus : 1, .timeout = 30.0,
                            .memory_mb = 2048.0, .rows_per_shard = 500, .dedup = 1, .progress = 1};
    optind = 1;
    opterr = 0;
    int c, li = -1;
    while ((c = getopt_long(argc, argv, ":n:o:j:h", longopts, &li)) != -1) {
        char name[64];
        cli_option_name(longopts, li, c, argv, optind, name, sizeof name);
        li = -1;
        int rc = parse_option(c, optarg, name, a);
        if (rc)
            return rc;
    }
    if (optind < argc) {
        fprintf(stderr, "zerocad synth: unexpected argument '%s' (try 'zerocad synth --help')\n", argv[optind]);
        return 2;
    }
    if (a->e.target <= 0 || !a->e.out_dir) {
        fprintf(stderr, "zerocad synth: -n N and -o DIR are required (try 'zerocad synth --help')\n");
        return 2;
    }
    zs_program probe;
    char err[256];
    if (zs_generate(a->g.seed, 0, a->g.categories, &probe, err, sizeof err) < 0) {
        fprintf(stderr, "zerocad synth: %s\n", err);
        return 2;
    }
    zs_program_free(&probe);
    return 0;
}

/* --llm and --report are the LLM agent's (cmd_synth_llm.c). */
static int wants_llm(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--llm") || !strncmp(argv[i], "--llm=", 6) || !strcmp(argv[i], "--report") ||
            !strncmp(argv[i], "--report=", 9))
            return 1;
    return 0;
}

int cmd_synth(int argc, char **argv)
{
    if (wants_llm(argc, argv))
        return cmd_synth_llm(argc, argv);
    synth_args a;
    int rc = parse_args(argc, argv, &a);
    if (rc)
        return rc < 0 ? 0 : rc;
    zs_source src = {.program = zs_generator_program, .ctx = &a.g};
    long programs = a.programs > 0 ? a.programs : a.e.target + a.e.target / 10 + 4;
    return zsc_synth_run(&a.e, &src, &a.slice, programs);
}
