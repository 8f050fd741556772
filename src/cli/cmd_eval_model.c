/* cmd_eval_model.c: `zerocad eval --model DIR (--data SHARD... | --gt DIR)`: the model card's
 * evaluation in one command (src/recon, zrc_eval_model): every test item's 8 views -> the model
 * (batched across items) -> the program -> the sandbox -> the score against the item's ground
 * truth; per-item records appended durably to OUT.jsonl (a killed run resumes), the card's table
 * at the end beside the card's own figures. See docs/eval.md. */
#include "cli_args.h"
#include "commands.h"
#include "recon.h"
#include "scale_eval.h"
#include "score_args.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *out)
{
    fprintf(out,
            "usage: zerocad eval --model DIR (--data SHARD [SHARD...] | --gt STEPDIR) [-o REPORT] [--limit N]\n"
            "                    [--batch B] [--max-new N] [-t THREADS] [--quant none|q8|q4] [--card test|abc]\n"
            "                    [--protocol P]\n"
            "                    [-j N] [--timeout S] [--memory MB] [--grid N] [--rotations 24|1] [--samples N]\n"
            "                    [--seed S] [--chamfer|--no-chamfer] [--shard K/N] [-q]\n"
            "\n"
            "The model card's evaluation: every row of the test shards (files or folders of .parquet;\n"
            "its image_0..7 are the views, its step_file, else stl_file, the ground truth), or every\n"
            ".step/.stp file of STEPDIR (rendered here to the default 8 views), goes through the model\n"
            "(greedy, the Zero-to-CAD prompt; --batch rows decode together), its program runs in the\n"
            "sandbox and is scored against the ground truth under the protocol (default zerocad).\n"
            "\n"
            "  -o, --output R    R.jsonl: one record per item (id, code, status, error, success, scored,\n"
            "                    iou, cd, seconds, gen_seconds, exec_seconds, tokens, finish), appended and\n"
            "                    fsync'd; items already there are skipped (resume); R.json, R.md: the table\n"
            "                    over every record (default eval-report)\n"
            "      --limit N     the first N items of the source only (done ones included)\n"
            "      --batch B     sequences decoded together (default 8)\n"
            "      --max-new N   new tokens per program (default 4096)\n"
            "  -t, --threads N   decoder threads (default: all)\n"
            "      --quant F     the decoder's weights: none (as stored, default), q8 or q4 (docs/model.md)\n"
            "      --card C      the model card's row shown beside ours: test (default with --data) or abc\n"
            "                    (default with --gt)\n"
            "      --shard K/N   only the items at positions p with p %% N == K, into R.shard-K-of-N.jsonl\n"
            "                    (N processes cover the test set once; under mpirun the ranks share the\n"
            "                    items: R.part-RRRRR.jsonl; see docs/scale.md)\n"
            "  the other options as in 'zerocad eval --pred' (-j: programs run at a time)\n"
            "Exit status: 0 evaluated; 1 failure; 2 bad usage or input (one line naming the file).\n");
}

typedef struct {
    zrc_eval_opts o;
    zm_options mo;
    cli_score sc;
    double limit, batch, max_new, threads;
    const char **data;
    zsc_slice slice;
} em_args;

static int number(int c, const char *name, double *out, double lo, double hi)
{
    (void)c;
    return cli_number("eval", name, optarg, lo, hi, out);
}

/* Option c: 0 taken, -1 a bad value (a message printed), -2 bad usage (no message yet). */
static int take(em_args *a, int c, const struct option *lo, int li, char **argv)
{
    char nb[64];
    const char *name = cli_option_name(lo, li, c, argv, optind, nb, sizeof nb);
    switch (c) {
    case 'M': a->o.model_dir = optarg; return 0;
    case 'D': a->data[a->o.ndata++] = optarg; return 0;
    case 'G': a->o.gt_dir = optarg; return 0;
    case 'o': a->o.out = optarg; return 0;
    case 'K':
        a->o.card = optarg;
        if (!strcmp(optarg, "test") || !strcmp(optarg, "abc"))
            return 0;
        fprintf(stderr, "zerocad eval: --card is test or abc, not '%s'\n", optarg);
        return -1;
    case 'L': return number(c, name, &a->limit, 1, 1e15);
    case 'B': return number(c, name, &a->batch, 1, 256);
    case 'N': return number(c, name, &a->max_new, 1, 1 << 20);
    case 't': return number(c, name, &a->threads, 1, 1024);
    case 'q': a->o.quiet = 1; return 0;
    case 'Q':
        if (!zc_quant_parse(optarg, &a->o.quant))
            return 0;
        fprintf(stderr, "zerocad eval: --quant is none, q8 or q4, not '%s'\n", optarg);
        return -1;
    case 'X': {
        char err[256];
        if (zsc_slice_parse(optarg, &a->slice, err, sizeof err) == 0)
            return 0;
        fprintf(stderr, "zerocad eval: %s\n", err);
        return -1;
    }
    default: {
        const char *ln = cli_long_name(lo, c);
        int r = ln ? cli_score_take(&a->sc, "eval", ln, name, optarg) : 1;
        return r > 0 ? -2 : r;
    }
    }
}

static int parse(em_args *a, int argc, char **argv)
{
    static const struct option lo[] = {
        {"model", required_argument, NULL, 'M'},  {"data", required_argument, NULL, 'D'},
        {"gt", required_argument, NULL, 'G'},     {"output", required_argument, NULL, 'o'},
        {"limit", required_argument, NULL, 'L'},  {"batch", required_argument, NULL, 'B'},
        {"max-new", required_argument, NULL, 'N'}, {"threads", required_argument, NULL, 't'},
        {"card", required_argument, NULL, 'K'},   {"protocol", required_argument, NULL, 'p'},
        {"jobs", required_argument, NULL, 'j'},   {"timeout", required_argument, NULL, 'T'},
        {"memory", required_argument, NULL, 'm'}, {"grid", required_argument, NULL, 'g'},
        {"rotations", required_argument, NULL, 'r'}, {"samples", required_argument, NULL, 's'},
        {"seed", required_argument, NULL, 'S'},   {"chamfer", no_argument, NULL, 'c'},
        {"no-chamfer", no_argument, NULL, 'C'},   {"quiet", no_argument, NULL, 'q'},
        {"shard", required_argument, NULL, 'X'},  {"quant", required_argument, NULL, 'Q'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    int c, li = -1;
    optind = 1, opterr = 0;
    while ((c = getopt_long(argc, argv, "p:o:t:j:qh", lo, &li)) != -1) {
        if (c == 'h')
            return usage(stdout), 1;
        int r = take(a, c, lo, li, argv);
        if (r == -2) {
            char nb[64];
            fprintf(stderr, "zerocad eval: bad option '%s' (try 'zerocad eval --help')\n",
                    cli_option_name(lo, li, c, argv, optind, nb, sizeof nb));
        }
        if (r)
            return 2;
        li = -1;
    }
    for (; optind < argc && a->o.ndata > 0; optind++)  /* --data A B C: the shards after it */
        a->data[a->o.ndata++] = argv[optind];
    if (optind < argc) {
        fprintf(stderr, "zerocad eval: unexpected argument '%s' (try 'zerocad eval --help')\n", argv[optind]);
        return 2;
    }
    if (!a->o.model_dir || (a->o.ndata > 0) == (a->o.gt_dir != NULL)) {
        fprintf(stderr, "zerocad eval: --model DIR needs --data SHARD... or --gt STEPDIR (one of them)\n");
        return 2;
    }
    return 0;
}

int cmd_eval_model(int argc, char **argv)
{
    em_args a = {.batch = 8, .max_new = 4096, .data = calloc((size_t)argc + 1, sizeof(char *))};
    cli_score_init(&a.sc);
    if (!a.data)
        return 1;
    int rc = parse(&a, argc, argv);
    if (rc) {
        free(a.data);
        return rc == 1 ? 0 : 2;
    }
    a.o.data = a.data;
    a.o.limit = (long)a.limit, a.o.batch = (int)a.batch, a.o.max_new = (int)a.max_new, a.o.threads = (int)a.threads;
    cli_score_apply(&a.sc, &a.mo);
    zk_init();
    rc = zsc_eval_run(&a.o, &a.mo, &a.slice);
    free(a.data);
    return rc;
}
