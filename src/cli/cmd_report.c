/* cmd_report.c: `zerocad report DIR -o FILE.html`: the pipeline's outputs as one self-contained
 * HTML page (src/report/report.h). */
#include "commands.h"
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
    fprintf(f, "usage: zerocad report DIR -o FILE.html [--rows N]\n"
               "One self-contained HTML page (images inline, SVG charts, no network) from what the\n"
               "pipeline left in DIR: train/ (synth shards and synth-stats.json), curate-report.md,\n"
               "eval-*.json and eval-zerocad.jsonl (zerocad eval -o DIR/eval-PROTOCOL), pred.jsonl,\n"
               "test/ (the test shards) and recon-views.parquet (reconstruct --retrieval --views-out).\n"
               "Sections whose files are absent say so. --rows: training rows in the grid (default 12).\n");
}

int cmd_report(int argc, char **argv)
{
    zrp_opts o = {.dataset_rows = 12};
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            usage(stdout);
            return 0;
        } else if ((!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) && i + 1 < argc) {
            o.out = argv[++i];
        } else if (!strcmp(argv[i], "--rows") && i + 1 < argc) {
            char *end;
            long v = strtol(argv[++i], &end, 10);
            if (*end || v < 0 || v > 100000) {
                fprintf(stderr, "zerocad report: --rows needs an integer in 0..100000, not '%s'\n", argv[i]);
                return 2;
            }
            o.dataset_rows = (int)v;
        } else if (argv[i][0] == '-' || o.dir) {
            fprintf(stderr, "zerocad report: unexpected argument '%s' (try --help)\n", argv[i]);
            return 2;
        } else {
            o.dir = argv[i];
        }
    }
    if (!o.dir || !o.out) {
        fprintf(stderr, "zerocad report: DIR and -o FILE.html are required (try --help)\n");
        return 2;
    }
    char err[1024];
    if (zrp_build(&o, err, sizeof err)) {
        fprintf(stderr, "zerocad report: %s\n", err);
        return 1;
    }
    fprintf(stderr, "report: wrote %s\n", o.out);
    return 0;
}
