/* data_import.c: `zerocad data import PROGRAMS... -o DIR`: CadQuery programs from files made
 * into dataset rows by the data engine (the same execution, validation, views, trace and
 * shards as `zerocad synth`). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data_commands.h"
#include "cli_args.h"
#include "engine.h"

static void import_usage(FILE *out)
{
    fprintf(out,
            "usage: zerocad data import PROGRAMS... -o DIR [-j N] [--rows-per-shard R] [--timeout S]\n"
            "                           [--memory MB] [--no-dedup]\n"
            "\n"
            "Makes dataset rows from CadQuery programs (.py files, or folders of them): each runs in\n"
            "the sandboxed executor and is validated (single valid solid, >= 7 faces, STEP and STL\n"
            "export), traced, rendered (8 views) and deduplicated, exactly as `zerocad synth` does;\n"
            "accepted rows go to DIR/part-NNNNN.parquet in the released schema, every program gets a\n"
            "line in DIR/synth-log.jsonl (accepted, or rejected with the reason). A row's uuid is\n"
            "derived from its program's bytes. Run it again to resume.\n"
            "\n"
            "  -o, --output DIR        the dataset folder (required)\n"
            "  -j, --jobs N            sandboxed workers (default: the number of CPUs)\n"
            "      --rows-per-shard R  rows per parquet file (default 500)\n"
            "      --timeout S         wall-clock seconds per program (default 30)\n"
            "      --memory MB         memory a program may allocate (default 2048)\n"
            "      --no-dedup          keep duplicate programs and shapes\n"
            "  -h, --help              this text\n");
}

static int positive(const char *opt, const char *text, double min, double *out)
{
    char *end;
    double v = strtod(text, &end);
    if (!*text || *end || !(v >= min)) {
        fprintf(stderr, "zerocad data import: %s needs a number >= %g, not '%s'\n", opt, min, text);
        return -1;
    }
    *out = v;
    return 0;
}

static int parse_option(int c, const char *arg, const char *name, zs_engine_opts *e)
{
    double v;
    switch (c) {
    case 'o': e->out_dir = arg; return 0;
    case 'j': if (positive(name, arg, 1, &v) < 0) return 2; e->jobs = (int)v; return 0;
    case 'r': if (positive(name, arg, 1, &v) < 0) return 2; e->rows_per_shard = (long)v; return 0;
    case 't': if (positive(name, arg, 0.001, &v) < 0) return 2; e->timeout = v; return 0;
    case 'm': if (positive(name, arg, 0, &v) < 0) return 2; e->memory_mb = v; return 0;
    case 'D': e->dedup = 0; return 0;
    case 'h': import_usage(stdout); return -1;
    case ':': fprintf(stderr, "zerocad data import: %s needs a value\n", name); return 2;
    default: fprintf(stderr, "zerocad data import: unknown option '%s' (try --help)\n", name); return 2;
    }
}

int data_import(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'}, {"jobs", required_argument, NULL, 'j'},
        {"rows-per-shard", required_argument, NULL, 'r'}, {"timeout", required_argument, NULL, 't'},
        {"memory", required_argument, NULL, 'm'}, {"no-dedup", no_argument, NULL, 'D'},
        {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
    };
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    zs_engine_opts e = {.label = "zerocad data import", .jobs = cpus > 0 ? (int)cpus : 1, .timeout = 30.0,
                        .memory_mb = 2048.0, .rows_per_shard = 500, .dedup = 1, .progress = 1};
    optind = 1;
    opterr = 0;
    int c, li = -1;
    while ((c = getopt_long(argc, argv, ":o:j:h", longopts, &li)) != -1) {
        char name[64];
        cli_option_name(longopts, li, c, argv, optind, name, sizeof name);
        li = -1;
        int rc = parse_option(c, optarg, name, &e);
        if (rc)
            return rc < 0 ? 0 : rc;
    }
    if (optind >= argc || !e.out_dir) {
        fprintf(stderr, "zerocad data import: PROGRAMS... and -o DIR are required (try --help)\n");
        return 2;
    }
    zs_files_source files;
    char err[4200];
    if (zs_files_source_init(&files, (const char *const *)argv + optind, argc - optind, err, sizeof err) < 0) {
        fprintf(stderr, "zerocad data import: %s\n", err);
        zs_files_source_free(&files);
        return 2;
    }
    zs_source src = {.program = zs_files_program, .ctx = &files};
    int rc = zs_engine_run(&e, &src);
    zs_files_source_free(&files);
    return rc;
}
