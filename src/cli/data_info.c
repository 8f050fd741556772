/* data_info.c: `zerocad data info FILE...`: describes parquet files (schema tree, rows, row
 * groups, per-column compressed/uncompressed sizes, codecs, encodings) as JSON, one object per
 * file. Reads only each file's footer. */
#include <stdio.h>
#include <string.h>

#include "data_commands.h"
#include "parquet.h"

static void info_usage(FILE *out)
{
    fprintf(out,
            "usage: zerocad data info FILE...\n"
            "\n"
            "Prints one JSON object per parquet FILE: rows, row groups, the schema tree (physical and\n"
            "logical types, repetition), and per leaf column its compressed and uncompressed bytes,\n"
            "null count, codecs and encodings. Only the footer is read.\n"
            "\n"
            "Exit status: 0 all described; 1 a file is unreadable or malformed (one line naming it).\n");
}

int data_info(int argc, char **argv)
{
    if (argc < 2) {
        info_usage(stderr);
        return 2;
    }
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            info_usage(stdout);
            return 0;
        }
    int status = 0;
    for (int i = 1; i < argc; i++) {
        char err[1024];
        pq_file *f = pq_open(argv[i], err, sizeof err);
        if (!f || pq_describe_json(f, stdout, err, sizeof err) < 0) {
            fprintf(stderr, "zerocad data info: %s\n", err);
            status = 1;
        }
        pq_close(f);
    }
    return status;
}
