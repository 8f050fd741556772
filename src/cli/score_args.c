/* score_args.c: the scoring options shared by iou, eval --pred and eval --model (score_args.h). */
#include "score_args.h"
#include "cli_args.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cli_score_init(cli_score *s)
{
    *s = (cli_score){.proto = ZM_PROTO_ZEROCAD, .grid = 64, .rotations = 24, .samples = 8192, .jobs = 1,
                     .timeout = 10, .memory = 4096, .seed = 0, .chamfer = -1};
}

/* A whole number in [lo, hi]. */
static int whole(const char *cmd, const char *opt, const char *arg, double lo, double hi, double *out)
{
    if (cli_number(cmd, opt, arg, lo, hi, out))
        return -1;
    if (*out == floor(*out))
        return 0;
    fprintf(stderr, "zerocad %s: %s needs a whole number, not '%s'\n", cmd, opt, arg);
    return -1;
}

static int seed_arg(const char *cmd, const char *opt, const char *arg, unsigned long long *out)
{
    char *end;
    *out = strtoull(arg, &end, 10);
    if (*arg && *arg != '-' && !*end)
        return 0;
    fprintf(stderr, "zerocad %s: %s needs a non-negative integer, not '%s'\n", cmd, opt, arg);
    return -1;
}

int cli_score_take(cli_score *s, const char *cmd, const char *name, const char *opt, const char *arg)
{
    if (!strcmp(name, "protocol")) {
        if (zm_protocol_parse(arg, &s->proto) == 0)
            return 0;
        fprintf(stderr, "zerocad %s: unknown protocol '%s' (%s)\n", cmd, arg, zm_protocol_names());
        return -1;
    }
    if (!strcmp(name, "rotations")) {
        if (whole(cmd, opt, arg, 1, 24, &s->rotations))
            return -1;
        if (s->rotations == 1 || s->rotations == 24)
            return 0;
        fprintf(stderr, "zerocad %s: %s is 24 or 1, not '%s'\n", cmd, opt, arg);
        return -1;
    }
    if (!strcmp(name, "grid"))
        return whole(cmd, opt, arg, 8, 512, &s->grid);
    if (!strcmp(name, "samples"))
        return whole(cmd, opt, arg, 1, 1e7, &s->samples);
    if (!strcmp(name, "jobs"))
        return whole(cmd, opt, arg, 1, 1024, &s->jobs);
    if (!strcmp(name, "timeout"))
        return cli_number(cmd, opt, arg, 1e-3, 1e9, &s->timeout);
    if (!strcmp(name, "memory"))
        return cli_number(cmd, opt, arg, 1, 1e9, &s->memory);
    if (!strcmp(name, "seed"))
        return seed_arg(cmd, opt, arg, &s->seed);
    if (!strcmp(name, "chamfer") || !strcmp(name, "no-chamfer")) {
        s->chamfer = !strcmp(name, "chamfer");
        return 0;
    }
    return 1;
}

void cli_score_apply(const cli_score *s, zm_options *o)
{
    zm_options_default(o, s->proto);
    o->grid = (int)s->grid;
    o->rotations = (int)s->rotations;
    o->samples = (int)s->samples;
    o->seed = s->seed;
    o->timeout = s->timeout;
    o->memory_mb = s->memory;
    o->jobs = (int)s->jobs;
    if (s->chamfer >= 0)
        o->chamfer = s->chamfer;
}
