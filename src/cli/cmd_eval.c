/* cmd_eval.c: `zerocad eval --pred PRED --gt GT`: success rate, IoU statistics, Chamfer distance
 * and invalidity ratio of predicted programs against ground truth (per-item JSONL + report). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "metrics.h"
#include "scale_eval.h"

static void eval_usage(FILE *out)
{
    fprintf(out,
            "usage: zerocad eval --pred PRED --gt GT [--protocol P] [-o REPORT] [-j N] [--timeout S]\n"
            "                    [--shard K/N]\n"
            "       zerocad eval --model DIR (--data SHARD... | --gt STEPDIR) [...]: the model itself\n"
            "                    writes the predictions (see 'zerocad eval --model x --help')\n"
            "                    [--grid N] [--rotations 24|1] [--samples N] [--seed S] [--chamfer] [-q]\n"
            "\n"
            "Executes every predicted program in the executor's sandbox and scores it against the\n"
            "ground truth with the same id.\n"
            "\n"
            "  --pred PRED         JSONL of {\"id\", \"code\"} records, or a folder of .py programs (id =\n"
            "                      file stem)\n"
            "  --gt GT             folder of ground truth keyed by file stem: .step/.stp/.brep/.stl or\n"
            "                      .py programs (preference when a stem has several: brep, step, stp,\n"
            "                      py, stl); or Zero-to-CAD shards (a .parquet file or a folder of\n"
            "                      them) keyed by uuid: step_file, else stl_file, read in memory\n"
            "  -p, --protocol P    %s (default zerocad); see docs/metrics.md\n"
            "  -o, --output R      write R.jsonl (one record per item), R.json (summary), R.md (table);\n"
            "                      default eval-report\n"
            "  -j, --jobs N        programs executed at a time (default 1)\n"
            "      --timeout S     seconds per program (default 10)\n"
            "      --memory MB     address space a program may add (default 4096)\n"
            "      --grid, --rotations, --samples, --seed, --chamfer, --no-chamfer: as in 'zerocad iou'\n"
            "      --shard K/N     only the items at positions p (in id order) with p %% N == K, recorded in\n"
            "                      R.shard-K-of-N.jsonl; under mpirun the ranks share the items (records in\n"
            "                      R.part-RRRRR.jsonl); -o is required for both (see docs/scale.md)\n"
            "  -q, --quiet         no progress on stderr\n"
            "  -h, --help          this text\n"
            "\n"
            "Success: the program ran and made a valid solid. IoU statistics are over the successful\n"
            "items, and again with failures counted as 0; items that succeeded but could not be scored\n"
            "are counted as unscored, never dropped silently. The markdown table goes to stdout.\n"
            "Exit status: 0 evaluated (whatever the programs did); 1 failure; 2 bad usage or input.\n",
            zm_protocol_names());
}

static int int_arg(const char *name, const char *s, int lo, int hi, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*end || end == s || v < lo || v > hi) {
        fprintf(stderr, "zerocad eval: %s needs an integer in %d..%d, not '%s'\n", name, lo, hi, s);
        return -1;
    }
    *out = (int)v;
    return 0;
}

int cmd_eval(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--model"))
            return cmd_eval_model(argc, argv);
    static const struct option longopts[] = {
        {"pred", required_argument, NULL, 'P'},    {"gt", required_argument, NULL, 'G'},
        {"protocol", required_argument, NULL, 'p'}, {"output", required_argument, NULL, 'o'},
        {"jobs", required_argument, NULL, 'j'},    {"timeout", required_argument, NULL, 't'},
        {"memory", required_argument, NULL, 'm'},  {"grid", required_argument, NULL, 'g'},
        {"rotations", required_argument, NULL, 'r'}, {"samples", required_argument, NULL, 's'},
        {"seed", required_argument, NULL, 'S'},    {"chamfer", no_argument, NULL, 'c'},
        {"no-chamfer", no_argument, NULL, 'C'},    {"quiet", no_argument, NULL, 'q'},
        {"shard", required_argument, NULL, 'X'},   {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    zm_eval_args a = {0};
    zsc_slice slice = {0, 0};
    zm_protocol proto = ZM_PROTO_ZEROCAD;
    int grid = 64, rot = 24, samples = 8192, chamfer = -1, jobs = 1;
    double timeout = 10, memory = 4096;
    unsigned long long seed = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "p:o:j:qh", longopts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'P':
            a.pred = optarg;
            break;
        case 'G':
            a.gt = optarg;
            break;
        case 'p':
            if (zm_protocol_parse(optarg, &proto)) {
                fprintf(stderr, "zerocad eval: unknown protocol '%s' (%s)\n", optarg, zm_protocol_names());
                return 2;
            }
            break;
        case 'o':
            a.out = optarg;
            break;
        case 'j':
            if (int_arg("--jobs", optarg, 1, 1024, &jobs))
                return 2;
            break;
        case 't':
        case 'm': {
            double v = strtod(optarg, &end);
            if (*end || end == optarg || !(v > 0)) {
                fprintf(stderr, "zerocad eval: %s needs a positive number, not '%s'\n",
                        c == 't' ? "--timeout" : "--memory", optarg);
                return 2;
            }
            *(c == 't' ? &timeout : &memory) = v;
            break;
        }
        case 'g':
            if (int_arg("--grid", optarg, 8, 512, &grid))
                return 2;
            break;
        case 'r':
            if (int_arg("--rotations", optarg, 1, 24, &rot))
                return 2;
            if (rot != 1 && rot != 24) {
                fprintf(stderr, "zerocad eval: --rotations is 24 or 1\n");
                return 2;
            }
            break;
        case 's':
            if (int_arg("--samples", optarg, 1, 10000000, &samples))
                return 2;
            break;
        case 'S':
            seed = strtoull(optarg, &end, 10);
            if (*end || end == optarg) {
                fprintf(stderr, "zerocad eval: --seed needs a non-negative integer, not '%s'\n", optarg);
                return 2;
            }
            break;
        case 'c':
            chamfer = 1;
            break;
        case 'C':
            chamfer = 0;
            break;
        case 'q':
            a.quiet = 1;
            break;
        case 'X': {
            char err[256];
            if (zsc_slice_parse(optarg, &slice, err, sizeof err)) {
                fprintf(stderr, "zerocad eval: %s\n", err);
                return 2;
            }
            break;
        }
        case 'h':
            eval_usage(stdout);
            return 0;
        default:
            eval_usage(stderr);
            return 2;
        }
    }
    if (optind != argc) {
        fprintf(stderr, "zerocad eval: unexpected argument '%s' (try 'zerocad eval --help')\n", argv[optind]);
        return 2;
    }
    if (!a.pred || !a.gt) {
        fprintf(stderr, "zerocad eval: --pred and --gt are required (try 'zerocad eval --help')\n");
        return 2;
    }
    zm_options o;
    zm_options_default(&o, proto);
    o.grid = grid;
    o.rotations = rot;
    o.samples = samples;
    o.seed = seed;
    o.timeout = timeout;
    o.memory_mb = memory;
    o.jobs = jobs;
    if (chamfer >= 0)
        o.chamfer = chamfer;
    zk_init();
    return zsc_eval_pred_run(&a, &o, &slice);
}
