/* data_export.c: `zerocad data export SHARDS... (--id UUID | --rows A:B) -o DIR`: rows as files. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data_commands.h"
#include "dataset.h"

static void export_usage(FILE *out)
{
    fprintf(out,
            "usage: zerocad data export SHARDS... (--id UUID | --rows A:B) -o DIR\n"
            "\n"
            "Writes rows of Zero-to-CAD shards (.parquet files or folders of them) as files:\n"
            "DIR/<uuid>/program.py, view_0.png .. view_7.png, model.step, model.stl and meta.json\n"
            "(uuid, the call trace, counts, latencies, shard and row). Prints each row's folder.\n"
            "\n"
            "  --id UUID     the row with this uuid\n"
            "  --rows A:B    rows A (inclusive) to B (exclusive), counted from 0 across the shards\n"
            "  -o DIR        where the rows go (required)\n"
            "  -h, --help    this text\n");
}

static int parse_range(const char *text, long *from, long *to)
{
    char *end;
    *from = strtol(text, &end, 10);
    if (end == text || *end != ':' || *from < 0)
        return -1;
    const char *b = end + 1;
    *to = strtol(b, &end, 10);
    return end == b || *end || *to <= *from ? -1 : 0;
}

int data_export(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"id", required_argument, NULL, 'i'}, {"rows", required_argument, NULL, 'r'},
        {"output", required_argument, NULL, 'o'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
    };
    zs_export_opts o = {0};
    const char *rows = NULL;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
        if (c == 'i')
            o.id = optarg;
        else if (c == 'r')
            rows = optarg;
        else if (c == 'o')
            o.out_dir = optarg;
        else if (c == 'h') {
            export_usage(stdout);
            return 0;
        } else {
            fprintf(stderr, "zerocad data export: bad option '%s' (try --help)\n", argv[optind - 1]);
            return 2;
        }
    }
    if (optind >= argc || !o.out_dir || !!o.id == !!rows) {
        fprintf(stderr, "zerocad data export: SHARDS..., -o DIR and one of --id or --rows are required\n");
        return 2;
    }
    if (rows && parse_range(rows, &o.from, &o.to) < 0) {
        fprintf(stderr, "zerocad data export: --rows needs A:B with 0 <= A < B, not '%s'\n", rows);
        return 2;
    }
    char **paths, err[4200];
    int n = zs_shard_inputs((const char *const *)argv + optind, argc - optind, &paths, err, sizeof err);
    if (n < 0) {
        fprintf(stderr, "zerocad data export: %s\n", err);
        return 2;
    }
    int rc = zs_export(paths, n, &o);
    zs_paths_free(paths, n);
    return rc;
}
