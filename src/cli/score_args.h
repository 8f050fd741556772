/* score_args.h: the scoring options that `zerocad iou`, `eval --pred` and `eval --model` share
 * (--protocol, --grid, --rotations, --samples, --seed, --chamfer, --no-chamfer, --timeout,
 * --memory, --jobs): read by their long names, checked with one-line errors, and turned into the
 * metrics' zm_options. */
#ifndef ZC_CLI_SCORE_ARGS_H
#define ZC_CLI_SCORE_ARGS_H

#include "metrics.h"

typedef struct {
    zm_protocol proto;
    double grid, rotations, samples, jobs, timeout, memory;
    unsigned long long seed;
    int chamfer; /* -1: the protocol's own choice */
} cli_score;

/* The defaults (those of zm_options_default for the zerocad protocol). */
void cli_score_init(cli_score *s);

/* The option whose long name is NAME (as written: OPT), with value ARG (NULL for a flag): 0 taken,
 * 1 when NAME is not a scoring option, -1 after printing "zerocad CMD: ..." for a bad value. */
int cli_score_take(cli_score *s, const char *cmd, const char *name, const char *opt, const char *arg);

/* o = zm_options_default(s->proto) with the values taken. */
void cli_score_apply(const cli_score *s, zm_options *o);

#endif
