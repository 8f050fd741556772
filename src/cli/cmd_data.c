/* cmd_data.c: `zerocad data SUBCOMMAND ...`: Zero-to-CAD parquet shards (and any parquet file).
 * Dispatches on the subcommand name through the table below; each subcommand lives in its own
 * data_<name>.c and is declared in data_commands.h. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "data_commands.h"

struct data_sub {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *summary;
};

static const struct data_sub subs[] = {
    {"info", data_info, "schema, rows, row groups, per-column sizes, codecs and encodings"},
    {"head", data_head, "the first rows as JSON lines (binary shown as size and kind)"},
};

#define NSUBS (sizeof subs / sizeof subs[0])

static void data_usage(FILE *out)
{
    fprintf(out, "usage: zerocad data SUBCOMMAND [ARGS...]\n\nsubcommands:\n");
    for (size_t i = 0; i < NSUBS; i++)
        fprintf(out, "  %-8s %s\n", subs[i].name, subs[i].summary);
    fprintf(out, "\n'zerocad data SUBCOMMAND --help' describes one. See docs/data.md.\n");
}

int cmd_data(int argc, char **argv)
{
    if (argc < 2) {
        data_usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        data_usage(stdout);
        return 0;
    }
    for (size_t i = 0; i < NSUBS; i++)
        if (!strcmp(argv[1], subs[i].name))
            return subs[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "zerocad data: unknown subcommand '%s' (try 'zerocad data --help')\n", argv[1]);
    return 2;
}
