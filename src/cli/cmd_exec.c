/* cmd_exec.c: `zerocad exec INPUT... -o RESULTS.jsonl`: runs many untrusted CadQuery
 * programs in sandboxed workers (src/exec) and records one JSON line per program. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "exec.h"
#include "scale.h"

static void exec_usage(FILE *out)
{
    fprintf(out,
            "usage: zerocad exec INPUT... -o RESULTS.jsonl [-j N] [--timeout S] [--memory MB]\n"
            "                    [--export step,stl] [--out-dir D] [--disk MB] [--files N] [--shard K/N]\n"
            "\n"
            "Runs untrusted CadQuery programs, each in its own sandboxed worker forked from one\n"
            "process that started Python and imported cadquery once, and appends one JSON line per\n"
            "program to RESULTS.jsonl: {\"id\", \"status\" (ok, error, timeout, memory, crashed,\n"
            "denied), \"error\", \"volume\", \"area\", \"bbox\", \"solids\", \"faces\", \"edges\", \"valid\",\n"
            "\"seconds\", \"peak_rss_mb\", \"exports\"}. Run it again with the same -o to resume: ids\n"
            "already recorded are skipped.\n"
            "\n"
            "INPUT is a directory of .py files, a .py file (id: the file name without .py), a\n"
            ".jsonl file of {\"id\": ..., \"code\": ...} lines, or a .parquet shard of the\n"
            "Zero-to-CAD schema (id: uuid, program: cadquery_file; only those columns are read).\n"
            "\n"
            "  -o, --output FILE    the results file (required)\n"
            "  -j, --jobs N         programs at a time (default: the number of CPUs)\n"
            "      --timeout S      wall-clock seconds per program (default 30)\n"
            "      --memory MB      memory a program may allocate (default 2048; 0: no limit)\n"
            "      --export LIST    also write the solid: step, stl or step,stl (needs --out-dir)\n"
            "      --out-dir D      keep each ok program's directory (its files, exports) as D/ID/\n"
            "      --disk MB        disk a program may fill, exports included (default 1024)\n"
            "      --files N        files and directories a program may create (default 10000)\n"
            "      --shard K/N      run only the programs at positions p with p %% N == K, into\n"
            "                       RESULTS.shard-K-of-N.jsonl (N processes cover the job once)\n"
            "  -h, --help           this text\n"
            "\n"
            "Under mpirun/srun every rank takes batches of programs from rank 0 and writes\n"
            "RESULTS.part-RANK.jsonl; RESULTS.manifest.json lists the parts at the end\n"
            "(docs/scale.md).\n"
            "\n"
            "Exit status: 0 the run completed (whatever the programs did); 1 the executor failed\n"
            "or was interrupted; 2 bad usage or bad input.\n");
}

static int parse_number(const char *opt, const char *text, double min, double *out)
{
    char *end;
    double v = strtod(text, &end);
    if (!*text || *end || v < min || v != v) {
        fprintf(stderr, "zerocad exec: %s needs a number >= %g, not '%s'\n", opt, min, text);
        return -1;
    }
    *out = v;
    return 0;
}

static int parse_exports(const char *text, int *out)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%s", text);
    *out = 0;
    for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (!strcmp(tok, "step"))
            *out |= ZX_EXPORT_STEP;
        else if (!strcmp(tok, "stl"))
            *out |= ZX_EXPORT_STL;
        else {
            fprintf(stderr, "zerocad exec: --export takes step, stl or step,stl, not '%s'\n", text);
            return -1;
        }
    }
    if (!*out) {
        fprintf(stderr, "zerocad exec: --export takes step, stl or step,stl\n");
        return -1;
    }
    return 0;
}

static int parse_option(int c, char **argv, zx_options *o, zsc_slice *slice)
{
    char err[160];
    double v;
    char *end;
    switch (c) {
    case 'o':
        o->output = optarg;
        return 0;
    case 'j':
        v = strtod(optarg, &end);
        if (!*optarg || *end || v < 1 || v != (int)v || v > 1024) {
            fprintf(stderr, "zerocad exec: --jobs needs a whole number from 1 to 1024, not '%s'\n", optarg);
            return 2;
        }
        o->jobs = (int)v;
        return 0;
    case 't':
        if (parse_number("--timeout", optarg, 0, &v) < 0 || v <= 0)
            return 2;
        o->timeout = v;
        return 0;
    case 'm':
        if (parse_number("--memory", optarg, 0, &v) < 0)
            return 2;
        o->memory_mb = v;
        return 0;
    case 'e':
        return parse_exports(optarg, &o->exports) < 0 ? 2 : 0;
    case 'd':
        o->out_dir = optarg;
        return 0;
    case 'D':
        if (parse_number("--disk", optarg, 1, &v) < 0)
            return 2;
        if (v > 1024.0 * 1024.0) {
            fprintf(stderr, "zerocad exec: --disk takes at most 1048576 MB, not '%s'\n", optarg);
            return 2;
        }
        o->disk_mb = v;
        return 0;
    case 'F':
        if (parse_number("--files", optarg, 1, &v) < 0)
            return 2;
        if (v != (double)(long)v || v > 1e9) {
            fprintf(stderr, "zerocad exec: --files needs a whole number from 1 to 1000000000, not '%s'\n", optarg);
            return 2;
        }
        o->files = (long)v;
        return 0;
    case 'S':
        if (zsc_slice_parse(optarg, slice, err, sizeof err) < 0) {
            fprintf(stderr, "zerocad exec: %s\n", err);
            return 2;
        }
        return 0;
    case 'h':
        exec_usage(stdout);
        return -1;
    case ':':
        fprintf(stderr, "zerocad exec: %s needs a value (try 'zerocad exec --help')\n", argv[optind - 1]);
        return 2;
    default:
        fprintf(stderr, "zerocad exec: unknown option '%s' (try 'zerocad exec --help')\n", argv[optind - 1]);
        return 2;
    }
}

static int parse_opts(int argc, char **argv, zx_options *o, zsc_slice *slice)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'}, {"jobs", required_argument, NULL, 'j'},
        {"timeout", required_argument, NULL, 't'}, {"memory", required_argument, NULL, 'm'},
        {"export", required_argument, NULL, 'e'}, {"out-dir", required_argument, NULL, 'd'},
        {"disk", required_argument, NULL, 'D'}, {"files", required_argument, NULL, 'F'},
        {"shard", required_argument, NULL, 'S'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
    };
    memset(o, 0, sizeof *o);
    memset(slice, 0, sizeof *slice);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    o->jobs = cpus > 0 ? (int)cpus : 1;
    o->timeout = 30.0;
    o->memory_mb = 2048.0;
    o->disk_mb = ZX_DEFAULT_DISK_MB;
    o->files = ZX_DEFAULT_FILES;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":o:j:h", longopts, NULL)) != -1) {
        int rc = parse_option(c, argv, o, slice);
        if (rc)
            return rc;
    }
    if (optind >= argc) {
        fprintf(stderr, "zerocad exec: no input (try 'zerocad exec --help')\n");
        return 2;
    }
    if (!o->output) {
        fprintf(stderr, "zerocad exec: -o RESULTS.jsonl is required\n");
        return 2;
    }
    if (o->exports && !o->out_dir) {
        fprintf(stderr, "zerocad exec: --export needs --out-dir (where the files go)\n");
        return 2;
    }
    o->inputs = (const char *const *)(argv + optind);
    o->ninputs = argc - optind;
    return 0;
}

int cmd_exec(int argc, char **argv)
{
    zx_options o;
    zsc_slice slice;
    int rc = parse_opts(argc, argv, &o, &slice);
    if (rc)
        return rc < 0 ? 0 : rc;
    return zsc_exec_run(&o, &slice);
}
