/* refine_args.h: the --refine-* options shared by the reconstructors of `zerocad reconstruct`. */
#ifndef ZC_CLI_REFINE_ARGS_H
#define ZC_CLI_REFINE_ARGS_H

#include "recon.h"

/* Option a with value v: 1 when it was a --refine-* option (o updated), 0 when it is not one,
 * -1 when its value is bad (a one-line error printed). */
int refine_arg(const char *a, const char *v, zrc_refine_opts *o);
/* The usage lines of the --refine-* options. */
void refine_usage(FILE *f);

#endif
