/* cmd_reconstruct_retrieval.c: `zerocad reconstruct --retrieval TRAIN --data TEST -o PRED.jsonl`:
 * the embedded retrieval reconstructor (src/recon/recon.h) over every row of a test shard, its
 * winners refined (zrc_refine_run) unless --no-refine: the default reconstructor (no -m DIR). */
#include "commands.h"
#include "cli_args.h"
#include "recon.h"
#include "refine_args.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TRAIN 64

static void usage(FILE *f)
{
    fprintf(f,
            "usage: zerocad reconstruct --retrieval TRAIN [--retrieval TRAIN2 ...] --data TEST -o PRED.jsonl\n"
            "          [-k K] [--views-out VIEWS.parquet] [-j JOBS] [--timeout S] [--memory MB] [--quiet]\n"
            "          [--no-refine | --refine] [--refine-evals N] [--refine-params N] [--refine-method M]\n"
            "The embedded retrieval reconstructor (no model weights): every row of TEST (a shard or a\n"
            "folder of shards) is reconstructed from its 8 views. The views are embedded with the view\n"
            "blocks of the curation descriptor; the K nearest rows of the TRAIN shards are candidates;\n"
            "each candidate program runs in the executor's sandbox and its own 8 views are rendered; the\n"
            "candidate with the best mean silhouette IoU against the input views wins, and its numbers\n"
            "are then refined (on by default; --no-refine keeps the winner as retrieved).\n"
            "PRED.jsonl gets one {\"id\", \"code\", \"retrieved\", \"view_iou\", \"candidates\",\n"
            "\"candidates_ran\"} line per test row, for `zerocad eval --pred PRED.jsonl --gt TEST`.\n"
            "--views-out writes a shard of the winners' code and rendered views (for `zerocad report`).\n"
            "With refinement the line also has \"code_before\", \"view_iou_before\", \"refine_evals\" and\n"
            "\"refine_params\" (\"code\" and \"view_iou\" are the refined program's).\n"
            "Defaults: -k 5, -j 1, --timeout 30, --memory 2048.\n");
    refine_usage(f);
}

static int parse(int argc, char **argv, zrc_retrieval_opts *o, const char **train)
{
    static const struct option opts[] = {
        {"retrieval", required_argument, NULL, 'R'}, {"data", required_argument, NULL, 'D'},
        {"output", required_argument, NULL, 'o'},    {"views-out", required_argument, NULL, 'V'},
        {"jobs", required_argument, NULL, 'j'},      {"timeout", required_argument, NULL, 'T'},
        {"memory", required_argument, NULL, 'M'},    {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},            {"refine", no_argument, NULL, 'r'},
        {"no-refine", no_argument, NULL, 'n'},       {"refine-evals", required_argument, NULL, 'E'},
        {"refine-params", required_argument, NULL, 'E'}, {"refine-method", required_argument, NULL, 'E'},
        {"refine-scale", required_argument, NULL, 'E'}, {NULL, 0, NULL, 0}};
    int li = 0;
    double v;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:k:j:qh", opts, &li)) != -1) {
        switch (c) {
        case 'R':
            if (o->ntrain == MAX_TRAIN) {
                fprintf(stderr, "zerocad reconstruct: at most %d --retrieval inputs\n", MAX_TRAIN);
                return 2;
            }
            train[o->ntrain++] = optarg;
            break;
        case 'D': o->test = optarg; break;
        case 'o': o->out = optarg; break;
        case 'V': o->views_out = optarg; break;
        case 'k': if (cli_number("reconstruct", "-k", optarg, 1, 1000, &v)) return 2; o->k = (int)v; break;
        case 'j': if (cli_number("reconstruct", "-j", optarg, 1, 256, &v)) return 2; o->jobs = (int)v; break;
        case 'T': if (cli_number("reconstruct", "--timeout", optarg, 0.1, 86400, &o->timeout)) return 2; break;
        case 'M': if (cli_number("reconstruct", "--memory", optarg, 0, 1e7, &o->memory_mb)) return 2; break;
        case 'q': o->quiet = 1; break;
        case 'r': o->refine = 1; break;
        case 'n': o->refine = 0; break;
        case 'E': {
            char name[64];
            snprintf(name, sizeof name, "--%s", opts[li].name);
            if (refine_arg(name, optarg, &o->refine_opts) != 1)
                return 2;
            break;
        }
        case 'h': usage(stdout); return 1;
        default: usage(stderr); return 2;
        }
    }
    if (optind < argc || !o->test || !o->out || o->ntrain == 0) {
        fprintf(stderr, "zerocad reconstruct: without -m DIR (or --programs) the reconstructor is retrieval + "
                "refinement: --retrieval TRAIN, --data TEST and -o PRED.jsonl are required%s%s\n",
                optind < argc ? "; unexpected argument " : "", optind < argc ? argv[optind] : "");
        return 2;
    }
    return 0;
}

int cmd_reconstruct_retrieval(int argc, char **argv)
{
    const char *train[MAX_TRAIN];
    zrc_retrieval_opts o = {.train = train, .k = 5, .jobs = 1, .timeout = 30, .memory_mb = 2048, .refine = 1};
    zrc_refine_opts_default(&o.refine_opts);
    int rc = parse(argc, argv, &o, train);
    if (rc)
        return rc == 1 ? 0 : 2;
    if (o.refine)
        fprintf(stderr, "reconstruct: reconstructor: retrieval + refinement (the embedded retrieval reconstructor, "
                "k = %d nearest training rows, silhouette IoU choice; the winner's numbers refined, at most %d "
                "runs)\n", o.k, o.refine_opts.evals);
    else
        fprintf(stderr, "reconstruct: reconstructor: retrieval (the embedded retrieval reconstructor, k = %d "
                "nearest training rows, silhouette IoU choice; not refined)\n", o.k);
    char err[1024];
    if (zrc_retrieval_run(&o, err, sizeof err)) {
        fprintf(stderr, "zerocad reconstruct: %s\n", err);
        return 1;
    }
    return 0;
}
