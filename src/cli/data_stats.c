/* data_stats.c: `zerocad data stats SHARDS... [--json]`: what the shards hold. */
#include <stdio.h>
#include <string.h>

#include "data_commands.h"
#include "dataset.h"

int data_stats(int argc, char **argv)
{
    int json = 0, n = 0;
    for (int i = 1; i < argc; i++) {   /* options anywhere; the rest are shards, kept in order */
        if (!strcmp(argv[i], "--json")) {
            json = 1;
        } else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            printf("usage: zerocad data stats SHARDS... [--json]\n\n"
                   "Rows and files, the faces histogram, how often each CadQuery operation appears (rows\n"
                   "and calls, from cadquery_ops_json), median program length and call count, mean\n"
                   "latencies, and the stored bytes of every column. SHARDS are .parquet files or folders.\n");
            return 0;
        } else if (argv[i][0] == '-') {
            fprintf(stderr, "zerocad data stats: unknown option '%s' (try --help)\n", argv[i]);
            return 2;
        } else {
            argv[1 + n++] = argv[i];
        }
    }
    if (n == 0) {
        fprintf(stderr, "zerocad data stats: no shards given (try --help)\n");
        return 2;
    }
    char **paths, err[4200];
    int count = zs_shard_inputs((const char *const *)argv + 1, n, &paths, err, sizeof err);
    if (count < 0) {
        fprintf(stderr, "zerocad data stats: %s\n", err);
        return 2;
    }
    int rc = zs_stats(paths, count, json, stdout);
    zs_paths_free(paths, count);
    return rc;
}
