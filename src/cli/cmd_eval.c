/* cmd_eval.c: `zerocad eval --pred PRED --gt GT`: success rate, IoU statistics, Chamfer distance
 * and invalidity ratio of predicted programs against ground truth (per-item JSONL + report). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_args.h"
#include "commands.h"
#include "metrics.h"
#include "scale_eval.h"
#include "score_args.h"

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
    cli_score sc;
    cli_score_init(&sc);
    optind = 1;
    int c, li = -1;
    while ((c = getopt_long(argc, argv, "p:o:j:qh", longopts, &li)) != -1) {
        char nb[64];
        const char *opt = cli_option_name(longopts, li, c, argv, optind, nb, sizeof nb);
        li = -1;
        switch (c) {
        case 'P':
            a.pred = optarg;
            break;
        case 'G':
            a.gt = optarg;
            break;
        case 'o':
            a.out = optarg;
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
        default: {
            const char *name = cli_long_name(longopts, c);
            int r = name ? cli_score_take(&sc, "eval", name, opt, optarg) : 1;
            if (r > 0)
                eval_usage(stderr);
            if (r)
                return 2;
        }
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
    cli_score_apply(&sc, &o);
    zk_init();
    return zsc_eval_pred_run(&a, &o, &slice);
}
