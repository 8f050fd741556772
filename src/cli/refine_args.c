/* refine_args.c: the --refine-* options shared by the reconstructors of `zerocad reconstruct`
 * (the model's, --programs and --retrieval): budget, numbers tuned, method, bounds. */
#include "refine_args.h"
#include "cli_args.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int refine_arg(const char *a, const char *v, zrc_refine_opts *o)
{
    double x;
    if (!strcmp(a, "--refine-evals")) {
        if (cli_number("reconstruct", a, v, 1, 100000, &x))
            return -1;
        o->evals = (int)x;
    } else if (!strcmp(a, "--refine-params")) {
        if (cli_number("reconstruct", a, v, 1, 64, &x))
            return -1;
        o->max_params = (int)x;
    } else if (!strcmp(a, "--refine-scale")) {
        if (cli_number("reconstruct", a, v, 1.01, 100, &o->scale))
            return -1;
    } else if (!strcmp(a, "--refine-method")) {
        if (!strcmp(v, "neldermead") || !strcmp(v, "nelder-mead"))
            o->method = ZRC_REFINE_NELDERMEAD;
        else if (!strcmp(v, "bobyqa"))
            o->method = ZRC_REFINE_BOBYQA;
        else {
            fprintf(stderr, "zerocad reconstruct: --refine-method is neldermead or bobyqa, not '%s'\n", v);
            return -1;
        }
    } else {
        return 0;
    }
    return 1;
}

void refine_usage(FILE *f)
{
    fprintf(f,
            "Refinement (--refine): the numeric literals of the chosen program (its parameters block\n"
            "first) are tuned by NLopt to maximize the mean silhouette IoU of its views against the input\n"
            "views; only numbers change. --refine-evals N: runs of the program at most (default 24);\n"
            "--refine-params N: numbers tuned at most (8); --refine-method neldermead|bobyqa; --refine-scale S:\n"
            "each number stays within [value / S, value * S] (2). See docs/refine.md.\n");
}
