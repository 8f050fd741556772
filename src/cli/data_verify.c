/* data_verify.c: `zerocad data verify SHARDS...`: every row checked by independent parsers. */
#include <stdio.h>
#include <string.h>

#include "data_commands.h"
#include "dataset.h"

int data_verify(int argc, char **argv)
{
    if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
        printf("usage: zerocad data verify SHARDS...\n\n"
               "Checks every row: uuid present and unique; cadquery_file valid UTF-8; image_0..7 PNGs\n"
               "that decode at 256x256; stl_file an STL that parses; step_file a STEP that the kernel\n"
               "reads, with num_faces faces. Prints one line per problem and a summary; exit 0 when\n"
               "every row passes, 1 otherwise.\n");
        return 0;
    }
    if (argc < 2) {
        fprintf(stderr, "zerocad data verify: no shards given (try --help)\n");
        return 2;
    }
    char **paths, err[4200];
    int n = zs_shard_inputs((const char *const *)argv + 1, argc - 1, &paths, err, sizeof err);
    if (n < 0) {
        fprintf(stderr, "zerocad data verify: %s\n", err);
        return 2;
    }
    int rc = zs_verify(paths, n, stdout);
    zs_paths_free(paths, n);
    return rc;
}
